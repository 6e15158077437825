/**
 * The key never appears in an error, description, hint or output. The harness checks every run of
 * the whole suite (assertNoSecret); this file adds the cases most likely to leak it: providers
 * that echo the key back, and every kind of failure, with a key that cannot be mistaken.
 */
import type { IDataObject } from 'n8n-workflow';

import { SunoApi } from '../../credentials/SunoApi.credentials';
import { SunoFetch } from '../../nodes/SunoFetch/SunoFetch.node';
import { runSunoFetch, secretScan, type SunoCredentialData } from '../harness/workflow-runner';
import { LocalSunoProvider } from '../provider/provider';

const KEY = 'sk-SECRET-7f3a9c1e5b2d4a6c8e0f';
let provider: LocalSunoProvider;

beforeAll(async () => {
	provider = await new LocalSunoProvider({ apiKey: KEY }).start();
});
afterEach(() => provider.reset());
afterAll(async () => provider.stop());

const run = (parameters: IDataObject, continueOnFail = false) =>
	runSunoFetch({
		parameters,
		credentials: { apiKey: KEY, provider: 'custom', baseUrl: provider.url },
		continueOnFail,
	});

const echo = { error: { message: `invalid token ${KEY} (request id: 1)`, type: 'new_api_error' } };

it.each([
	['401 echoing the key', { status: 401, body: echo }],
	['403 echoing the key', { status: 403, body: echo }],
	[
		'500 echoing the key',
		{ status: 500, body: { code: 'x', message: `Bearer ${KEY} rejected upstream`, data: null } },
	],
	[
		'an envelope error echoing the key',
		{ status: 200, body: { code: 'bad', message: `key=${KEY}`, data: null } },
	],
	[
		'an HTML page echoing the key',
		{ status: 200, body: `<html>Authorization: Bearer ${KEY}</html>` },
	],
	[
		'a 429 storm echoing the key',
		{ status: 429, headers: { 'retry-after': '0' }, body: echo, times: 5 },
	],
])('%s: masked in the error and its description', async (_name, fault) => {
	for (const continueOnFail of [false, true]) {
		provider.injectFault(fault);
		const before = secretScan.runs;
		const result = await run(
			{ operation: 'getMany', taskIds: 'a', options: { retries: 0 } },
			continueOnFail,
		);
		expect(secretScan.runs).toBe(before + 1);
		const shown = continueOnFail
			? JSON.stringify(result.items)
			: `${result.error?.message} ${result.error?.description}`;
		expect(shown).not.toContain(KEY);
		expect(shown).toContain('***');
	}
});

it('network failures and timeouts do not carry the key', async () => {
	provider.injectFault({ hang: true });
	const timedOut = await run({
		operation: 'get',
		taskId: 'a',
		options: { retries: 0, timeout: 1 },
	});
	expect(timedOut.status).toBe('error');
	const refused = await runSunoFetch({
		parameters: { operation: 'get', taskId: 'a', options: { retries: 0 } },
		credentials: { apiKey: KEY, provider: 'custom', baseUrl: 'http://127.0.0.1:9' },
	});
	expect(refused.status).toBe('error');
});

it('downloads never send it, and their errors never show it', async () => {
	const id = provider.createTask({ finishAfter: 0, clips: 1 });
	provider.mediaFaults = [{ status: 500, body: `server error for ${KEY}` }];
	const result = await run(
		{ operation: 'get', taskId: id, downloadFiles: ['audio'], options: { retries: 0 } },
		true,
	);
	expect(JSON.stringify(result.items)).not.toContain(KEY);
	for (const entry of provider.log.filter((logged) => logged.path.startsWith('/media/'))) {
		expect(JSON.stringify(entry.headers)).not.toContain(KEY);
	}
});

it('no description, option or default of the node or credential holds a key-like value', () => {
	const text = JSON.stringify([new SunoFetch().description, new SunoApi().properties]);
	expect(text).not.toMatch(/sk-[A-Za-z0-9]{8,}/);
});

describe('the key cut short or percent-encoded is masked too (hostile review)', () => {
	const start = KEY.slice(0, 6); // "sk-SEC": what a cut showed of it

	// A message quotes the first 120 characters of a page: the key straddled the cut.
	it('Get: a web page quoted in the error shows no part of the key', async () => {
		provider.setRoute('GET', '/suno/fetch/cut', { status: 200, body: `${'y'.repeat(110)}${KEY}` });
		const result = await run({ operation: 'get', taskId: 'cut', options: { retries: 0 } });
		expect(result.error?.message).toContain('y***…');
		expect(`${result.error?.message} ${result.error?.description}`).not.toContain(start);
	});

	// A paid answer without a task ID is quoted in its error, each text cut after 100 characters.
	it('Suno Generate: an answer without a task ID quoted in the error shows no part of the key', async () => {
		provider.setRoute('POST', '/suno/submit/music', {
			status: 200,
			body: { note: `${'x'.repeat(90)}${KEY}` },
		});
		const result = await runSunoFetch({
			node: 'generate',
			parameters: {
				operation: 'generateMusic',
				songDescription: 'a song',
				waitForCompletion: false,
			},
			credentials: { apiKey: KEY, provider: 'custom', baseUrl: provider.url },
		});
		expect(result.error?.message).toContain('x***…');
		expect(result.error?.message).not.toContain(start);
	});

	/** A gateway of its own for `key` (every extra offered), stopped after `use`. */
	const withGateway = async (
		key: string,
		use: (gateway: LocalSunoProvider, credentials: SunoCredentialData) => Promise<void>,
	) => {
		const gateway = await new LocalSunoProvider({ apiKey: key }).start();
		const extraOperations = ['createPersona', 'lyricsTiming'];
		try {
			await use(gateway, {
				apiKey: key,
				provider: 'custom',
				baseUrl: gateway.url,
				extraOperations,
			});
		} finally {
			await gateway.stop();
		}
	};
	const QUOTED_KEY = 'sk-live"quote\\back0123456789';

	// The persona was masked in its JSON, where a key holding `"` or `\` is escaped: it went out whole.
	it('a persona answer echoing a key that holds a quote: masked in the item', async () => {
		await withGateway(QUOTED_KEY, async (gateway, credentials) => {
			gateway.setRoute('POST', '/suno/persona/create', {
				status: 200,
				body: { id: 'p1', name: `for ${QUOTED_KEY}`, description: 'mine' },
			});
			const result = await runSunoFetch({
				node: 'generate',
				parameters: { operation: 'createPersona', clipId: 'c1', personaName: 'Me' },
				credentials,
			});
			expect(result.items.map((item) => [item.json.personaId, item.json.name])).toEqual([
				['p1', 'for ***'],
			]);
		});
	});

	// The timing was masked in its JSON text, where such a key is escaped: the words carried it.
	it('lyrics timing echoing a key that holds a quote: masked in the items', async () => {
		await withGateway(QUOTED_KEY, async (gateway, credentials) => {
			const word = { word: `hi ${QUOTED_KEY}`, success: true, start_s: 0, end_s: 1, p_align: 1 };
			gateway.setRoute('GET', '/suno/act/timing/c1', {
				status: 200,
				body: { aligned_words: [word] },
			});
			const result = await runSunoFetch({
				parameters: { operation: 'getLyricsTiming', clipIds: 'c1' },
				credentials,
			});
			expect(result.status).toBe('success');
			expect(result.items[0].json.lyrics).toBe('hi ***');
		});
	});

	// The mock signs file URLs with encodeURIComponent(key): a key with + / = was output and sent.
	it('a file URL signed with a key that a URL percent-encodes: masked, never downloaded', async () => {
		const key = 'sk-Enc+oded/Key=7f3a9c1e5b2d4a6c';
		await withGateway(key, async (signing, credentials) => {
			signing.signMediaWithKey = true;
			const id = signing.createTask({ finishAfter: 0, clips: 1 });
			const listed = await runSunoFetch({
				parameters: { operation: 'get', taskId: id },
				credentials,
			});
			expect(listed.items[0].json.audioUrl).toMatch(/\?key=\*\*\*$/);
			const downloaded = await runSunoFetch({
				parameters: { operation: 'get', taskId: id, downloadFiles: ['audio'] },
				credentials,
				continueOnFail: true,
			});
			expect(String(downloaded.items[0].json.error)).toMatch(/holds your API key/);
			expect(signing.log.filter((logged) => logged.path.startsWith('/media/'))).toEqual([]);
			const shown = JSON.stringify([listed.items, downloaded.items]);
			expect(shown).not.toContain(encodeURIComponent(key));
		});
	});
});
