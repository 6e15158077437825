/**
 * Suno Generate at the edges: paid submits against gateways that answer oddly, settings and
 * fields from expressions, Extra Body Fields tricks, many items. Each test runs the node
 * through real n8n execution against the local gateway; the gateway's request log is the witness.
 * Tests marked [GUARD] pass today and guard a promise a user pays for; every other test shows a
 * defect that failed before its fix.
 */
import { LocalSunoProvider } from '../provider/provider';
import { fixture } from '../fixtures';
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();

const submitPosts = () => ctx.submitPosts();
const sentBodies = () => submitPosts().map((entry) => entry.body);
const song = { operation: 'generateMusic', songDescription: 'a song', waitForCompletion: false };
const errorText = (result: { error?: { message?: string; description?: string } }) =>
	`${result.error?.message ?? ''} ${result.error?.description ?? ''}`;

describe('429 on a submit', () => {
	it.each([
		['seconds', '3600'],
		['an HTTP date', new Date(Date.now() + 3_600_000).toUTCString()],
	])(
		'a Retry-After of an hour (%s) is not cut to 120 s and the submit sent again before the gateway allows it',
		async (_kind, retryAfter) => {
			ctx.provider.injectFault({
				status: 429,
				body: fixture('07_errors').newapi_submit_upstream_429__HTTP_429,
				headers: { 'retry-after': retryAfter },
				times: 5,
			});
			// Stop is pressed after 5 s: a node that gives up on a one-hour Retry-After has long finished.
			const result = await ctx.generate(
				{ ...song, options: { retries: 3 } },
				{ cancelAfterMs: 5000 },
			);
			// Today: the node sleeps min(3600 s, 120 s) and then POSTs the paid submit again, an hour
			// early (retry.ts RETRY_AFTER_CAP_MS is used as a cap, not as a limit): the run is still
			// holding at 5 s and ends "canceled".
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/refused the submit with HTTP 429/);
			expect(submitPosts()).toHaveLength(1);
		},
		20_000,
	);

	it('a 429 whose body says the balance ran out is not sent again Retries times', async () => {
		ctx.provider.injectFault({
			status: 429,
			body: {
				error: {
					code: 'insufficient_user_quota',
					message: 'user quota is not enough',
					type: 'new_api_error',
				},
			},
			headers: { 'retry-after': '0' },
			times: 9,
		});
		const result = await ctx.generate({ ...song, options: { retries: 3 } });
		expect(result.error?.message).toBe(
			'Your balance at the provider is too low for this submit (insufficient_user_quota).',
		);
		// Today: 4 POSTs of the paid submit for a refusal no retry can change.
		expect(submitPosts()).toHaveLength(1);
	});

	it('after a 429 wait, "a task submitted at …" names when the submit that may have created it was sent', async () => {
		ctx.provider.injectFault({ status: 429, headers: { 'retry-after': '2' } });
		ctx.provider.injectFault({ hang: true });
		const result = await ctx.generate({ ...song, options: { retries: 3, timeout: 1 } });
		const posts = submitPosts();
		expect(posts).toHaveLength(2);
		const named = /submitted at (\S+?),/.exec(result.error?.description ?? '')?.[1];
		expect(named).toBeDefined();
		// Today: the time is taken before the first attempt, 2 s before the POST that may have created the task.
		expect(Date.parse(named!)).toBeGreaterThanOrEqual(posts[1].at - 100);
	});
});

describe('2xx answers that are not a plain success', () => {
	it('a numeric task id longer than 2^53 is kept digit for digit, not rounded to another id', async () => {
		ctx.provider.setRoute('POST', '/suno/submit/music', {
			body: '{"code":"success","message":"","data":12345678901234567891}',
		});
		const result = await ctx.generate(song);
		// Today: taskId "12345678901234567000" (JSON.parse rounds it) and status success — the paid
		// task's real id is lost and a wrong one is output. ids.ts already guards this for Task IDs.
		const ok = result.status === 'success' && jsonOf(result)[0]?.taskId === '12345678901234567891';
		const loud = result.status === 'error' && errorText(result).includes('12345678901234567891');
		expect(ok || loud).toBe(true);
	});

	it.each([
		['code "ok"', { code: 'ok', message: '', data: 'task_Kept1234' }],
		['code null', { code: null, message: '', data: 'task_Kept1234' }],
		['an empty "error" field', { code: 'success', message: '', data: 'task_Kept1234', error: '' }],
	])(
		'an answer with %s that carries a task id: the error quotes the id instead of "its ID did not come back"',
		async (_name, body) => {
			ctx.provider.setRoute('POST', '/suno/submit/music', { body });
			const result = await ctx.generate(song);
			// Today: "A task may have been created (and charged) although its ID did not come back" —
			// while the id is in the answer; the error never shows it, so the paid task is lost.
			const ok = result.status === 'success' && jsonOf(result)[0]?.taskId === 'task_Kept1234';
			const loud = result.status === 'error' && errorText(result).includes('task_Kept1234');
			expect(ok || loud).toBe(true);
		},
	);

	it.each([
		[
			'quota_not_enough',
			{ success: false, code: 'quota_not_enough', message: 'user quota is not enough' },
			'Your balance at the provider is too low for this submit (quota_not_enough).',
		],
		[
			'prompt_empty',
			{ success: false, code: 'invalid_request', message: 'prompt_empty' },
			'The provider refused the submit: the prompt is empty (prompt_empty).',
		],
	])(
		'HTTP 200 with success:false and %s gets the same message as the same refusal with an error status',
		async (_code, body, message) => {
			ctx.provider.setRoute('POST', '/suno/submit/music', { body });
			const result = await ctx.generate(song);
			// Today: "The provider did not confirm the submit (…)" plus "A task may have been created
			// (and charged)… look in your provider's task log" for a refusal that created nothing.
			expect(result.error?.message).toBe(message);
			expect(result.error?.description).toContain('Nothing was created');
		},
	);

	it('a success message that echoes the API key does not put the key into the output', async () => {
		ctx.provider.setRoute('POST', '/suno/submit/music', {
			body: {
				code: 'success',
				message: `accepted for token ${ctx.provider.apiKey}`,
				data: 'task_Echo1234',
			},
		});
		// Today the runner's secret scan throws "The API key leaked into the run": providerMessage is
		// copied into the item unmasked, while every error path masks the same text.
		const result = await ctx.generate(song);
		expect(jsonOf(result)[0].taskId).toBe('task_Echo1234');
	});

	it('[GUARD] a 307 on submit is not followed: one POST, nothing reaches the new address, nothing created', async () => {
		const elsewhere = new LocalSunoProvider();
		await elsewhere.start();
		try {
			ctx.provider.setRoute('POST', '/suno/submit/music', {
				status: 307,
				body: '',
				headers: { location: `${elsewhere.url}/suno/submit/music` },
			});
			const result = await ctx.generate(song);
			expect(result.error?.message).toMatch(/redirect \(HTTP 307\).*not followed/);
			expect(result.error?.description).toContain('Nothing was created');
			expect(submitPosts()).toHaveLength(1);
			expect(elsewhere.log).toHaveLength(0);
		} finally {
			await elsewhere.stop();
		}
	});

	it('[GUARD] a 204 (no body) is not taken for a success, and says a task may exist', async () => {
		ctx.provider.setRoute('POST', '/suno/submit/music', { status: 204, body: '' });
		const result = await ctx.generate(song);
		expect(result.status).toBe('error');
		expect(result.error?.description).toMatch(/A task may have been created/);
		expect(submitPosts()).toHaveLength(1);
	});
});

describe('what the gateway refuses', () => {
	it('a key whose own quota ran out (new-api 401 "该令牌额度已用尽") is told as a quota problem, not "check the API key and the base URL"', async () => {
		ctx.provider.setRoute('POST', '/suno/submit/music', {
			status: 401,
			body: {
				error: {
					message:
						'[sk-abc***xyz] 该令牌额度已用尽 !token.UnlimitedQuota && token.RemainQuota = -120 (request id: 20250411233132123456789abcdEFGH)',
					type: 'new_api_error',
				},
			},
		});
		const result = await ctx.generate(song);
		// Today: "The provider rejected the API key (HTTP 401): check the API key and the base URL in
		// the Suno API credential." — the key and URL are right; the token's quota is spent.
		expect(result.error?.message).toMatch(/quota|balance/i);
		expect(result.error?.message).not.toMatch(/check the API key and the base URL/);
	});
});

describe('several submits fail at once', () => {
	it('without On Error → Continue, the error names every item whose task may exist, not just the first', async () => {
		// Two in flight at once; both answers are 502s (a task may exist for each).
		ctx.provider.injectFault({ status: 502, body: 'Bad Gateway', times: 2 });
		const result = await ctx.generate(
			{
				operation: 'generateMusic',
				songDescription: '={{ $json.about }}',
				waitForCompletion: false,
				options: { concurrency: 2, retries: 0 },
			},
			{ items: [{ about: 'one' }, { about: 'two' }] },
		);
		expect(result.status).toBe('error');
		expect(submitPosts()).toHaveLength(2);
		// Today: the error is item 0's alone; nothing says item 1's submit also went out and may
		// have created (and charged) a task — a user who fixes "item 0" and reruns pays twice for item 1.
		expect(result.error?.description).toMatch(/input item 1/);
	});
});

describe('submitted, then the wait fails', () => {
	it('with On Error → Continue, the item of a paid task whose status could not be read still carries its taskId', async () => {
		ctx.provider.setRoute('POST', '/suno/fetch', {
			status: 500,
			body: { code: 'get_tasks_failed', message: 'db down', data: null },
		});
		const result = await ctx.generate(
			{ ...song, waitForCompletion: true, pollInterval: 1, options: { retries: 0 } },
			{ continueOnFail: true },
		);
		const [submitted] = ctx.provider.submits;
		expect(submitted).toBeDefined();
		// Today: {error, errorDescription} only — the id of the task just paid for is only inside a
		// sentence ("Not fetched: …"), so the workflow cannot store it to fetch later.
		expect(jsonOf(result)[0].taskId).toBe(submitted.taskId);
	});

	it('a task the gateway just accepted but does not list yet is asked for again, not output as "wrong id, or a task of another account"', async () => {
		ctx.provider.injectFault({ pass: true }); // the submit
		// The first poll: the gateway (a replica lagging behind) does not list the new task yet.
		ctx.provider.injectFault({ status: 200, body: { code: 'success', message: '', data: null } });
		const result = await ctx.generate({ ...song, waitForCompletion: true, pollInterval: 1 });
		const [submitted] = ctx.provider.submits;
		// Today: NOT_FOUND counts as finished, so one look ends the wait; the run is green with one
		// item {taskStatus: "NOT_FOUND", failReason: "…wrong id, or a task of another account"} for
		// the task it has just paid for, and the clips that exist a second later never come.
		expect(jsonOf(result).map((item) => [item.taskId, item.taskStatus])).toEqual([
			[submitted.taskId, 'SUCCESS'],
			[submitted.taskId, 'SUCCESS'],
		]);
	});

	it('[GUARD] On Timeout = Fail after the submit: the error names the submitted task so it is not paid for twice', async () => {
		ctx.provider.advance = 60_000;
		try {
			const result = await ctx.generate({
				...song,
				waitForCompletion: true,
				pollInterval: 1,
				maxWait: 0.1,
				onTimeout: 'error',
			});
			const [submitted] = ctx.provider.submits;
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/still unfinished/);
			expect(result.error?.description).toContain(`input item 0: ${submitted.taskId}`);
			expect(ctx.provider.counters.submitAttempts).toBe(1);
		} finally {
			ctx.provider.advance = 'poll';
		}
	});
});

describe('Extra Body Fields', () => {
	it.each([
		['MV', '{"MV": "chirp-v3-0"}'],
		['Task_Id', '{"Task_Id": "someone-elses-task"}'],
	])(
		'[GUARD] a key that is a node field in another case ("%s") is refused, not sent beside it',
		async (_key, json) => {
			const result = await ctx.generate({
				operation: 'extendMusic',
				clipId: 'clip-1',
				originTaskId: 'task-1',
				continueAt: 30,
				waitForCompletion: false,
				options: { additionalBodyFields: json },
			});
			// new-api decodes with Go's encoding/json, which matches keys without regard to case, the
			// last one winning: sent beside "mv", "MV" would replace the node's field past its checks.
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/Extra Body Fields/);
			expect(submitPosts()).toHaveLength(0);
		},
	);

	it.each([['constructor'], ['prototype']])(
		'"%s" is either refused naming it, or really sent: never dropped while the output says it was sent',
		async (key) => {
			const result = await ctx.generate({
				...song,
				options: { additionalBodyFields: `{"${key}": "x", "negative_tags": "metal"}` },
			});
			// Today: n8n's deepCopy of the request drops the key (reserved copy keys), the POST goes out
			// without it, and the item's `request` still shows {"${key}": "x"} as sent.
			if (result.status === 'error') {
				expect(result.error?.message).toContain(key);
				expect(submitPosts()).toHaveLength(0);
			} else {
				const sent = JSON.parse(sentBodies()[0]) as Record<string, unknown>;
				expect(jsonOf(result)[0].request).toEqual(sent);
				expect(Object.prototype.hasOwnProperty.call(sent, key)).toBe(true);
			}
		},
	);
});

describe('text that looks filled but is empty', () => {
	it.each([
		[
			'Song Description',
			{ operation: 'generateMusic', songDescription: '={{ "\\u200B\\u200B" }}' },
		],
		['Prompt', { operation: 'generateLyrics', prompt: '={{ "\\u200B\\u2060" }}' }],
	])(
		'%s of zero-width characters only (a copy from a chat app) is refused before paying',
		async (field, parameters) => {
			const result = await ctx.generate({ waitForCompletion: false, ...parameters });
			// Today: sent and paid for — "\u200B" survives trim(), and the gateway's own prompt_empty
			// check (Go `prompt == ""`) does not fire either.
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain(`${field} is empty`);
			expect(submitPosts()).toHaveLength(0);
		},
	);
});

describe('Model Version from an expression', () => {
	it('an offline model with a zero-width space after it is refused, not sent', async () => {
		const result = await ctx.generate({
			...song,
			modelVersion: '={{ "chirp-v3-5\\u200B" }}',
		});
		// Today: sent as mv "chirp-v3-5\u200B": the offline check (and the limits) miss it.
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Model Version/);
		expect(submitPosts()).toHaveLength(0);
	});

	it('the model limits apply whatever the case ("Chirp-V4" with 3500 characters of lyrics)', async () => {
		const result = await ctx.generate({
			operation: 'generateMusic',
			mode: 'custom',
			lyrics: 'x'.repeat(3500),
			modelVersion: '={{ "Chirp-V4" }}',
			waitForCompletion: false,
		});
		// Today: the offline check lower-cases the model, the limit check does not: sent and paid for.
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('Lyrics is 3500 characters long');
		expect(submitPosts()).toHaveLength(0);
	});
});

describe('Extend Music messages', () => {
	it('a Clip ID with a space in it does not send the user to a "Get Many operation" this node does not have', async () => {
		const result = await ctx.generate({
			operation: 'extendMusic',
			clipId: 'clip one',
			originTaskId: 'task-1',
			continueAt: 30,
			waitForCompletion: false,
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('Clip ID');
		// Today: "Clip ID holds 2 ids (clip, one). Use the Get Many operation for several tasks."
		expect(result.error?.message).not.toMatch(/Get Many/);
		expect(submitPosts()).toHaveLength(0);
	});

	it.each([
		['" 30 "', ' 30 ', 30],
		['"1e2"', '1e2', 100],
	])('[GUARD] Continue At %s is read as %d', async (_shown, value, seconds) => {
		const origin = ctx.provider.createTask({ finishAfter: 0 });
		await ctx.generate({
			operation: 'extendMusic',
			clipId: 'clip-1',
			originTaskId: origin,
			continueAt: `={{ "${value}" }}`,
			waitForCompletion: false,
		});
		expect(JSON.parse(sentBodies()[0]).continue_at).toBe(seconds);
	});

	it.each([['Infinity'], ['-1'], ['30s']])(
		'[GUARD] Continue At "%s" is refused naming the field, nothing sent',
		async (value) => {
			const result = await ctx.generate({
				operation: 'extendMusic',
				clipId: 'clip-1',
				originTaskId: 'task-1',
				continueAt: `={{ "${value}" }}`,
				waitForCompletion: false,
			});
			expect(result.error?.message).toMatch(/^Continue At \(Seconds\)/);
			expect(submitPosts()).toHaveLength(0);
		},
	);
});

describe('many items', () => {
	it('[GUARD] 12 items, Concurrency 3: never more than 3 submits in flight, each item paired to its own task', async () => {
		ctx.provider.latencyMs = 150;
		const items = Array.from({ length: 12 }, (_v, index) => ({ about: `song ${index}` }));
		const result = await ctx.generate(
			{
				operation: 'generateMusic',
				songDescription: '={{ $json.about }}',
				waitForCompletion: false,
				options: { concurrency: 3 },
			},
			{ items },
		);
		const arrivals = submitPosts().map((entry) => entry.at);
		const mostAtOnce = Math.max(
			...arrivals.map((at) => arrivals.filter((other) => other >= at && other < at + 140).length),
		);
		expect(mostAtOnce).toBeLessThanOrEqual(3);
		const byPrompt = new Map(
			ctx.provider.submits.map((submit) => [submit.body.gpt_description_prompt, submit.taskId]),
		);
		expect(
			result.items.map((item) => [(item.pairedItem as { item: number }).item, item.json.taskId]),
		).toEqual(items.map((item, index) => [index, byPrompt.get(item.about)]));
	});
});
