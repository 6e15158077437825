/**
 * The credential as n8n uses it: its Test button run the way n8n's CLI runs it (a declarative
 * request through n8n-core's RoutingNode, with the credential's `authenticate`), and the same
 * base-URL rule as the node's.
 */
import { SunoApi } from '../../credentials/SunoApi.credentials';
import { BaseUrlError, gatewayBaseUrl } from '../../nodes/shared/settings/baseUrl';
import { LocalSunoProvider } from '../provider/provider';
import { runCredentialTest, runSunoFetch } from '../harness/workflow-runner';
import { useProvider } from './setup';

const ctx = useProvider();
const credential = new SunoApi();

describe('Suno API credential', () => {
	it('its test passes with a good key and creates nothing', async () => {
		const result = await runCredentialTest({
			apiKey: ctx.provider.apiKey,
			provider: 'custom',
			baseUrl: `${ctx.provider.url}/`,
		});
		expect(result.status).toBe('OK');
		expect(ctx.provider.log).toHaveLength(1);
		expect(ctx.provider.log[0]).toMatchObject({
			method: 'POST',
			path: '/suno/fetch',
			body: '{"ids":[]}',
		});
		expect(ctx.provider.log[0].headers.authorization).toBe(`Bearer ${ctx.provider.apiKey}`);
		expect(ctx.provider.counters.submit).toBe(0);
	});

	it('its test fails with a wrong key (HTTP 401)', async () => {
		const result = await runCredentialTest({
			apiKey: 'sk-wrong',
			provider: 'custom',
			baseUrl: ctx.provider.url,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'The provider rejected the API key (HTTP 401): check the API key, and that the Base URL is the provider that issued it.',
		);
	});

	it.each([
		['https://api.cometapi.com', 'https://api.cometapi.com'],
		['https://api.elkapi.com', 'https://api.elkapi.com'],
		['https://api.gpt.ge', 'https://api.gpt.ge'],
	])('preset %s is the base URL', (provider, expected) => {
		expect(gatewayBaseUrl({ provider, baseUrl: 'ignored' })).toBe(expected);
	});

	it('sends the key as a bearer token, to the base URL only', async () => {
		const options = await credential.authenticate(
			{ apiKey: 'sk-1', provider: 'custom', baseUrl: 'https://gw.example/x/' },
			{ url: '/suno/fetch' },
		);
		expect(options).toMatchObject({
			baseURL: 'https://gw.example/x',
			url: '/suno/fetch',
			headers: { Authorization: 'Bearer sk-1' },
		});
	});
});

describe('one base-URL rule for the credential test and the node', () => {
	async function both(baseUrl: string) {
		const credentials = { apiKey: ctx.provider.apiKey, provider: 'custom', baseUrl };
		const test = await runCredentialTest(credentials);
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		const node = await runSunoFetch({ parameters: { operation: 'get', taskId: id }, credentials });
		return { test, node };
	}

	it('a Base URL with spaces around it works in both', async () => {
		const { test, node } = await both(`  ${ctx.provider.url}/  `);
		expect(test.status).toBe('OK');
		expect(node.status).toBe('success');
		expect(node.items[0].json.taskStatus).toBe('SUCCESS');
	});

	it('a gateway mounted under a path prefix works in both', async () => {
		ctx.provider.pathPrefix = '/suno-gw';
		const { test, node } = await both(`${ctx.provider.url}/suno-gw/`);
		expect(test.status).toBe('OK');
		expect(node.status).toBe('success');
		expect(ctx.provider.log.map((entry) => entry.path)).toEqual([
			'/suno-gw/suno/fetch',
			expect.stringMatching(/^\/suno-gw\/suno\/fetch\/.+/),
		]);
	});

	it('a Base URL holding the key is refused by both, the key masked in the message', async () => {
		for (const typed of [ctx.provider.apiKey, `${ctx.provider.url}/${ctx.provider.apiKey}/v1`]) {
			const { test, node } = await both(typed);
			expect(test).toEqual({ status: 'Error', message: expect.stringContaining('***') });
			expect(node.error?.message).toBe(test.message);
			expect(node.error?.message).not.toContain(ctx.provider.apiKey);
		}
		expect(ctx.provider.log).toHaveLength(0);
	});

	it('a trailing /v1 is refused by both, with the same message, before any request', async () => {
		const { test, node } = await both(`${ctx.provider.url}/v1`);
		const message = `The credential's Base URL ends with /v1: remove it. The node calls /suno/fetch on the gateway itself (${ctx.provider.url}, not ${ctx.provider.url}/v1).`;
		expect(test).toEqual({ status: 'Error', message });
		expect(node.error?.message).toBe(message);
		expect(ctx.provider.log).toHaveLength(0);
	});

	it.each([
		['http://api.cometapi.com', 'CometAPI', 'https://api.cometapi.com'],
		['http://API.ElkAPI.com/gw/', 'ElkAPI', 'https://api.elkapi.com/gw'],
		['http://api.gpt.ge', 'gpt.ge', 'https://api.gpt.ge'],
	])(
		'http:// on a preset host (%s) is refused before the key is sent in clear',
		(url, name, fixed) => {
			expect(() => gatewayBaseUrl({ provider: 'custom', baseUrl: url })).toThrow(
				`The credential's Base URL uses http:// for ${name}, which is served over https: enter ${fixed}, or choose ${name} as the Provider.`,
			);
		},
	);

	it('http:// elsewhere, and https:// on a preset host, are taken', () => {
		expect(gatewayBaseUrl({ provider: 'custom', baseUrl: 'http://gw.example:8080/' })).toBe(
			'http://gw.example:8080',
		);
		expect(gatewayBaseUrl({ provider: 'custom', baseUrl: 'https://API.cometapi.com/' })).toBe(
			'https://api.cometapi.com',
		);
	});

	it('the rule throws a BaseUrlError that says what to do', () => {
		expect(() => gatewayBaseUrl({ provider: 'custom', baseUrl: 'ftp://x' })).toThrow(BaseUrlError);
	});
});

describe('the key never leaves the gateway’s origin', () => {
	const elsewhere = new LocalSunoProvider();
	beforeAll(async () => elsewhere.start());
	afterEach(() => elsewhere.reset());
	afterAll(async () => elsewhere.stop());

	it('the credential test does not follow a redirect to another site', async () => {
		ctx.provider.setRoute('POST', '/suno/fetch', {
			status: 302,
			body: '',
			headers: { location: `${elsewhere.url}/suno/fetch` },
		});
		const result = await runCredentialTest({
			apiKey: ctx.provider.apiKey,
			provider: 'custom',
			baseUrl: ctx.provider.url,
		});
		expect(result.status).toBe('Error');
		expect(elsewhere.log).toHaveLength(0);
	});
});
