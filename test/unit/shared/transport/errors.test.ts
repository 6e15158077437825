/**
 * What a user reads when a request fails (transport/errors.ts), and the code an IF node branches
 * on: HTTP answers, a router's missing route against the route's own 404, an operation a gateway
 * does not offer, network errors, and the key masked in all of it.
 */
import { SunoFailure } from '../../../../nodes/shared/failure';
import {
	gatewayFailure,
	httpFailure,
	isMissingRoute,
	networkFailure,
	notOffered,
} from '../../../../nodes/shared/transport/errors';
import type { ProviderResponse } from '../../../../nodes/shared/transport/retry';
import { answer, BASE } from './answers';

const HTML = '<!doctype html><html><body><div id="root"></div></body></html>';

describe('httpFailure', () => {
	it('a redirect elsewhere is not followed, and the key stays with the Base URL', () => {
		expect(
			httpFailure(answer(302, '', { location: 'https://evil.example/x' }), BASE, '/suno/fetch'),
		).toEqual({
			message:
				'The provider answered with a redirect (HTTP 302) to https://evil.example/x; it was not followed.',
			description: `The API key is only ever sent to the Base URL (${BASE}). If the redirect points to your gateway's real address, enter that address as the Base URL in the Suno API credential.`,
			code: 'REDIRECTED',
		});
	});

	it('a redirect on the gateway’s own host says so, not "enter that address as the Base URL"', () => {
		const failure = httpFailure(
			answer(307, '', { location: '/suno/v2/fetch' }),
			BASE,
			'/suno/fetch',
		);
		expect(failure.message).toContain(`to ${BASE}/suno/v2/fetch;`);
		expect(failure.description).toMatch(
			/^The gateway sends this request elsewhere on its own host/,
		);
	});

	it('an unreadable Location is quoted; a missing one is "another address"', () => {
		expect(
			httpFailure(answer(302, '', { location: 'http://[moved' }), BASE, '/suno/fetch').message,
		).toBe(
			'The provider answered with a redirect (HTTP 302) to "http://[moved"; it was not followed.',
		);
		expect(httpFailure(answer(301), BASE, '/suno/fetch').message).toContain('to another address;');
	});

	it.each([
		[401, 'KEY_REJECTED'],
		[403, 'KEY_REJECTED'],
		[429, 'RATE_LIMITED'],
		[430, 'RATE_LIMITED'],
		[404, 'WRONG_ROUTE'],
		[405, 'WRONG_ROUTE'],
		[500, 'PROVIDER_ERROR'],
		[502, 'PROVIDER_ERROR'],
		[400, 'REFUSED'],
		[409, 'REFUSED'],
	])('HTTP %i is %s', (status, code) => {
		expect(httpFailure(answer(status), BASE, '/suno/fetch').code).toBe(code);
	});

	it('a wrong route names the address and what to check, with what the server said', () => {
		expect(
			httpFailure(answer(404, { message: 'no Route matched' }), BASE, '/suno/fetch/abc'),
		).toEqual({
			message: `The provider answered HTTP 404 for ${BASE}/suno/fetch/abc: the Base URL or the route looks wrong.`,
			description: `Check the Base URL in the Suno API credential: ${BASE}/suno/fetch must be the gateway's Suno route. The server said: no Route matched`,
			code: 'WRONG_ROUTE',
		});
	});

	it('a rejected key carries the provider’s words; a 5xx says to try later', () => {
		expect(httpFailure(answer(401, { error: { message: 'invalid token' } }), BASE, '/x')).toEqual({
			message:
				'The provider rejected the API key (HTTP 401): check the API key and the base URL in the Suno API credential.',
			description: 'invalid token',
			code: 'KEY_REJECTED',
		});
		expect(httpFailure(answer(503, { message: 'busy' }), BASE, '/x')).toEqual({
			message: 'The provider answered HTTP 503: busy',
			description: 'The provider had a problem; try again later.',
			code: 'PROVIDER_ERROR',
		});
	});
});

describe('isMissingRoute: the router’s 404, not the route saying what it did not find', () => {
	it.each([
		['an HTML page', answer(404, HTML)],
		['an empty body', answer(404)],
		[
			'a proxy’s "no Route matched"',
			answer(404, { message: 'no Route matched with those values' }),
		],
		['new-api’s "Invalid URL"', answer(404, { error: { message: 'Invalid URL (GET /suno/x)' } })],
		['Express’s "Cannot POST"', answer(405, 'Cannot POST /suno/x')],
		['"Not Found"', answer(404, { detail: 'Not Found' })],
	])('%s is a missing route', (_name, response) => {
		expect(isMissingRoute(response)).toBe(true);
	});

	it.each([
		['Suno’s "Clip not found"', answer(404, { detail: 'Clip not found' })],
		['task_not_exist', answer(404, { code: 'task_not_exist', message: 'task not exist' })],
		['a 500 page', answer(500, HTML)],
		['a 400', answer(400)],
	])('%s is not', (_name, response) => {
		expect(isMissingRoute(response)).toBe(false);
	});
});

describe('notOffered: a gateway answering an extra operation as one that lacks it', () => {
	const offered = (response: ProviderResponse, path = '/suno/act/wav/abc') =>
		notOffered(response, path, 'Convert to WAV');

	it.each([
		['its dashboard with 200', answer(200, HTML)],
		['a page typed text/html with 404', answer(404, 'oops', { 'content-type': 'text/html' })],
		['its router’s 404', answer(404, { message: 'Invalid URL' })],
		['no channel', answer(503, { error: { message: 'no available channel for model suno_act' } })],
		['an unknown action', answer(400, { code: 'invalid_action', message: 'unknown' })],
	])('%s', (_name, response) => {
		expect(offered(response)).toMatchObject({
			message: expect.stringMatching(/^This gateway does not offer Convert to WAV: /),
			description: expect.stringContaining(
				'Untick Convert to WAV under Extra Operations Offered in the Suno API credential',
			),
			code: 'NOT_OFFERED',
		});
	});

	it.each([
		['the route’s own "clip not exist"', answer(404, { code: 'clip_not_exist' })],
		['a 5xx web page (a failure on the way)', answer(502, HTML)],
		['a 500 with JSON', answer(500, { message: 'boom' })],
		['a 200 with JSON', answer(200, { code: 'success', data: 'x' })],
	])('%s is not "does not offer"', (_name, response) => {
		expect(offered(response)).toBeNull();
	});

	it('a web page on the song submit routes is no sign of a missing extra', () => {
		expect(offered(answer(200, HTML), '/suno/submit/music')).toBeNull();
	});
});

describe('networkFailure', () => {
	const policy = { retries: 3, timeoutMs: 60_000 };
	const failure = (code: string | undefined, message = 'socket hang up') =>
		networkFailure(
			Object.assign(new Error(message), code ? { code } : {}),
			'gw.example',
			policy,
			'The provider',
			'Check the Base URL.',
		);

	it.each(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT'])('%s is a timeout', (code) => {
		expect(failure(code)).toEqual({
			message: 'The provider at gw.example did not answer within 60 s.',
			description: `${code}. Raise Request Timeout in the node's options if it is slow.`,
			code: 'TIMEOUT',
		});
	});

	it('an answer that broke off says so', () => {
		expect(failure('ERR_BAD_RESPONSE', 'stream has been aborted')).toEqual({
			message: 'The answer of the provider at gw.example broke off.',
			description: 'ERR_BAD_RESPONSE: stream has been aborted. Check the Base URL.',
			code: 'UNREACHABLE',
		});
	});

	it('anything else could not reach the server, keeping its code in the description', () => {
		expect(failure('ECONNREFUSED', 'connect ECONNREFUSED')).toEqual({
			message: 'Could not reach the provider at gw.example.',
			description: 'ECONNREFUSED: connect ECONNREFUSED. Check the Base URL.',
			code: 'UNREACHABLE',
		});
		expect(failure(undefined, 'fetch failed').description).toBe(
			'fetch failed. Check the Base URL.',
		);
	});
});

describe('gatewayFailure masks the key', () => {
	it('in the message and the description, keeping the code and the detail', () => {
		const key = 'sk-live-0123456789abcdef';
		const failure = gatewayFailure(key, {
			message: `The provider answered HTTP 500: bad key ${key}`,
			description: `echo ${key}`,
			code: 'PROVIDER_ERROR',
			httpCode: '500',
			taskMayExist: true,
		});
		expect(failure).toBeInstanceOf(SunoFailure);
		expect(failure.message).toBe('The provider answered HTTP 500: bad key ***');
		expect(failure.description).toBe('echo ***');
		expect(failure).toMatchObject({ code: 'PROVIDER_ERROR', httpCode: '500', taskMayExist: true });
		expect(failure.fromProvider).toBe(true);
	});
});
