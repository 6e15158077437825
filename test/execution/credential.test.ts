/**
 * The credential as n8n uses it: its expressions resolved by n8n's expression engine, its
 * generic authenticate applied, and its test request sent to the provider.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { SunoApi } from '../../credentials/SunoApi.credentials';
import { resolveCredentialValue } from '../harness/workflow-runner';
import { useProvider } from './setup';

const ctx = useProvider();
const credential = new SunoApi();

async function sendCredentialTest(data: ICredentialDataDecryptedObject) {
	const { request } = credential.test;
	const baseUrl = resolveCredentialValue(request.baseURL, data) as string;
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	for (const [name, value] of Object.entries(credential.authenticate.properties.headers ?? {})) {
		headers[name] = resolveCredentialValue(value, data) as string;
	}
	const response = await fetch(`${baseUrl}${request.url}`, {
		method: request.method,
		headers,
		body: JSON.stringify(request.body),
	});
	return { status: response.status, body: await response.json() };
}

describe('Suno API credential', () => {
	it('its test passes with a good key and creates nothing', async () => {
		const result = await sendCredentialTest({ apiKey: ctx.provider.apiKey, provider: 'custom', baseUrl: `${ctx.provider.url}/` });
		expect(result).toEqual({ status: 200, body: { code: 'success', message: '', data: [] } });
		expect(ctx.provider.log[0]).toMatchObject({ method: 'POST', path: '/suno/fetch', body: '{"ids":[]}' });
		expect(ctx.provider.counters.submit).toBe(0);
	});

	it('its test fails with a wrong key (HTTP 401)', async () => {
		const result = await sendCredentialTest({ apiKey: 'sk-wrong', provider: 'custom', baseUrl: ctx.provider.url });
		expect(result.status).toBe(401);
	});

	it.each([
		['https://api.cometapi.com', 'https://api.cometapi.com'],
		['https://api.elkapi.com', 'https://api.elkapi.com'],
		['https://api.gpt.ge', 'https://api.gpt.ge'],
	])('preset %s is the base URL', (provider, expected) => {
		expect(resolveCredentialValue(credential.test.request.baseURL, { provider, baseUrl: 'ignored' })).toBe(expected);
	});

	it('sends the key as a bearer token', () => {
		expect(resolveCredentialValue(credential.authenticate.properties.headers?.Authorization, { apiKey: 'sk-1' })).toBe('Bearer sk-1');
	});
});
