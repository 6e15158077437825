/**
 * When a request is sent again (transport/retry.ts): reads after any rate limit, server error or
 * network error; paid requests (submits) only when the gateway surely created nothing. The send
 * function is a fake standing for the network; time is jest's fake clock, so a Retry-After of two
 * minutes takes no time. Through n8n in test/execution/retries.test.ts and generate-paid.test.ts.
 */
import { WaitCancelledError } from '../../../../nodes/shared/helpers/async';
import {
	isRateLimit,
	neverSent,
	REPEAT_PAID,
	REPEAT_READ,
	withinDeadline,
	withRetries,
	type ProviderResponse,
	type RepeatRule,
	type RequestPolicy,
} from '../../../../nodes/shared/transport/retry';

beforeEach(() => jest.useFakeTimers({ now: Date.parse('2026-12-03T20:00:00Z') }));
afterEach(() => jest.useRealTimers());

type Answer = ProviderResponse | Error;
const ok: ProviderResponse = { statusCode: 200, body: { code: 'success' } };
const status = (statusCode: number, headers?: Record<string, unknown>, body: unknown = '') => ({
	statusCode,
	body,
	headers,
});
const networkError = (code: string, inCause = true) =>
	inCause
		? Object.assign(new Error('fetch failed'), { cause: { code } })
		: Object.assign(new Error(code), { code });
const quota429 = status(429, {}, { error: { code: 'insufficient_user_quota', message: 'no' } });

/**
 * Runs withRetries over `answers` (the last one repeats) and tells what happened: the result, and
 * when each attempt was sent, in ms after the first.
 */
async function run(
	answers: Answer[],
	repeat: RepeatRule,
	policy: Partial<RequestPolicy> = {},
	signal?: AbortSignal,
) {
	const sentAt: number[] = [];
	const discarded: ProviderResponse[] = [];
	const send = async () => {
		sentAt.push(Date.now());
		const answer = answers[Math.min(sentAt.length - 1, answers.length - 1)];
		if (answer instanceof Error) throw answer;
		return answer;
	};
	const done = withRetries(
		send,
		{ retries: 3, timeoutMs: 1000, ...policy },
		signal,
		(response) => response.statusCode < 400,
		(response) => discarded.push(response),
		repeat,
	);
	done.catch(() => undefined);
	await jest.runAllTimersAsync();
	const result = await done;
	const gaps = sentAt.map((at) => at - sentAt[0]);
	return { result, sends: sentAt.length, gaps, discarded };
}

describe('a 429 (rate limit) is waited out as its Retry-After says', () => {
	it.each([
		['reads', REPEAT_READ],
		['paid requests', REPEAT_PAID],
	])('%s: Retry-After in seconds', async (_name, rule) => {
		const { result, gaps } = await run([status(429, { 'retry-after': '2' }), ok], rule);
		expect(gaps).toEqual([0, 2000]);
		expect(result).toMatchObject({ response: ok, attempts: 2 });
	});

	it('Retry-After as an HTTP date: waited until then', async () => {
		const at = new Date(Date.now() + 3000).toUTCString();
		const { gaps } = await run([status(429, { 'retry-after': at }), ok], REPEAT_PAID);
		expect(gaps).toEqual([0, 3000]);
	});

	it('430 (claude360.xyz’s rate limit) is a rate limit too; 428 and 431 are not', () => {
		expect([428, 429, 430, 431].map(isRateLimit)).toEqual([false, true, true, false]);
	});

	it('without Retry-After (or an unreadable one) a backoff of 0.25–0.5 s, then 0.5–1 s', async () => {
		const { gaps, sends } = await run(
			[status(429), status(429, { 'retry-after': 'soon' }), ok],
			REPEAT_READ,
		);
		expect(sends).toBe(3);
		expect(gaps[1]).toBeGreaterThanOrEqual(250);
		expect(gaps[1]).toBeLessThanOrEqual(500);
		expect(gaps[2] - gaps[1]).toBeGreaterThanOrEqual(500);
		expect(gaps[2] - gaps[1]).toBeLessThanOrEqual(1000);
	});

	it('a Retry-After past the 120 s cap: a read waits the cap and asks again', async () => {
		const { gaps } = await run([status(429, { 'retry-after': '3600' }), ok], REPEAT_READ);
		expect(gaps).toEqual([0, 120_000]);
	});

	it('a Retry-After past the cap: a paid request is not sent early, it stops with the 429', async () => {
		const { result, sends } = await run([status(429, { 'retry-after': '121' }), ok], REPEAT_PAID);
		expect(sends).toBe(1);
		expect(result).toMatchObject({ response: { statusCode: 429 }, attempts: 1 });
	});

	it('a 429 saying the quota is spent is never repeated for a paid request (waiting does not help)', async () => {
		const { result, sends } = await run([quota429, ok], REPEAT_PAID);
		expect(sends).toBe(1);
		expect(result).toMatchObject({ response: quota429 });
	});

	it.each([
		['余额不足 (claude360.xyz)', { message: '余额不足' }],
		['insufficient balance', { error: { message: 'Insufficient balance, please top up' } }],
		['quota_not_enough', { code: 'quota_not_enough', message: '' }],
	])('a 429 saying %s is not repeated for a paid request', async (_name, body) => {
		expect((await run([status(429, {}, body), ok], REPEAT_PAID)).sends).toBe(1);
	});

	it('a read repeats any 429, quota or not (nothing is paid for)', async () => {
		expect((await run([quota429, ok], REPEAT_READ)).sends).toBe(2);
	});
});

describe('server errors (5xx)', () => {
	it('a read is sent again, up to Retries times, and the last answer is final', async () => {
		const { result, sends, discarded } = await run([status(503)], REPEAT_READ, { retries: 2 });
		expect(sends).toBe(3);
		expect(result).toMatchObject({ response: { statusCode: 503 }, attempts: 3 });
		expect(discarded).toHaveLength(2); // each answer that was retried is released (a download's stream)
	});

	it('a read that succeeds on a later attempt returns that answer and the attempts it took', async () => {
		const { result } = await run([status(500), status(502), ok], REPEAT_READ);
		expect(result).toMatchObject({ response: ok, attempts: 3 });
	});

	it.each([500, 502, 503, 504])(
		'a paid request answered %i is never sent again: a task may exist',
		async (code) => {
			const { result, sends } = await run([status(code), ok], REPEAT_PAID);
			expect(sends).toBe(1);
			expect(result).toMatchObject({ response: { statusCode: code }, attempts: 1 });
		},
	);
});

describe('answers that are final at once', () => {
	it.each([400, 401, 403, 404, 422])('%i is not repeated, read or paid', async (code) => {
		expect((await run([status(code), ok], REPEAT_READ)).sends).toBe(1);
		expect((await run([status(code), ok], REPEAT_PAID)).sends).toBe(1);
	});

	it('Retries 0 sends once, whatever the answer', async () => {
		const { sends, result } = await run([status(503), ok], REPEAT_READ, { retries: 0 });
		expect(sends).toBe(1);
		expect(result).toMatchObject({ response: { statusCode: 503 }, attempts: 1 });
	});

	it('an answer the caller takes as final (a success) is returned as it is', async () => {
		const { result, sends } = await run([ok], REPEAT_READ);
		expect(sends).toBe(1);
		expect(result).toEqual({ response: ok, attempts: 1, sentAt: Date.now() });
	});
});

describe('network errors', () => {
	const connectionNeverMade = ['ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'];
	const requestMayHaveArrived = [
		'ECONNRESET',
		'ECONNABORTED',
		'ETIMEDOUT',
		'ESOCKETTIMEDOUT',
		'EPIPE',
		'ERR_SOCKET_CONNECTION_TIMEOUT',
		'ERR_BAD_RESPONSE',
	];

	it.each(connectionNeverMade)(
		'%s (the connection was never made): repeated for reads and for paid requests',
		async (code) => {
			expect((await run([networkError(code), ok], REPEAT_READ)).sends).toBe(2);
			expect((await run([networkError(code), ok], REPEAT_PAID)).sends).toBe(2);
			expect(neverSent(networkError(code))).toBe(true);
			expect(neverSent(networkError(code, false))).toBe(true);
		},
	);

	it.each(requestMayHaveArrived)(
		'%s (the request may have arrived): repeated for reads, never for paid requests',
		async (code) => {
			expect((await run([networkError(code), ok], REPEAT_READ)).sends).toBe(2);
			const paid = await run([networkError(code), ok], REPEAT_PAID);
			expect(paid.sends).toBe(1);
			expect(paid.result).toMatchObject({ error: networkError(code), attempts: 1 });
			expect(neverSent(networkError(code))).toBe(false);
		},
	);

	it('an error without a network code (a bug, a bad URL) is never repeated', async () => {
		expect((await run([new Error('Invalid URL'), ok], REPEAT_READ)).sends).toBe(1);
		expect(neverSent(new Error('Invalid URL'))).toBe(false);
	});

	it('the code is read from the error or its cause (fetch wraps it in `cause`)', async () => {
		expect((await run([networkError('ECONNRESET', false), ok], REPEAT_READ)).sends).toBe(2);
	});

	it('after the last retry the network error is returned with the number of attempts', async () => {
		const { result } = await run([networkError('ECONNRESET')], REPEAT_READ, { retries: 1 });
		expect(result).toMatchObject({ attempts: 2 });
		expect('error' in result && (result.error as Error).message).toBe('fetch failed');
	});
});

describe('a deadline (Max Wait, a tool’s time to answer)', () => {
	it('a Retry-After the time left cannot honour ends here, with the 429', async () => {
		const { result, sends } = await run([status(429, { 'retry-after': '30' }), ok], REPEAT_READ, {
			deadline: Date.now() + 6000,
		});
		expect(sends).toBe(1);
		expect(result).toMatchObject({ response: { statusCode: 429 } });
	});

	it('a Retry-After within the time left is waited for', async () => {
		const { gaps } = await run([status(429, { 'retry-after': '5' }), ok], REPEAT_READ, {
			deadline: Date.now() + 6000,
		});
		expect(gaps).toEqual([0, 5000]);
	});

	it('a short backoff may run past it (a 5xx is still retried)', async () => {
		const { sends } = await run([status(503), ok], REPEAT_READ, { deadline: Date.now() + 10 });
		expect(sends).toBe(2);
	});
});

describe('the execution’s Stop', () => {
	it('a stopped execution sends no retry', async () => {
		const stop = new AbortController();
		stop.abort();
		const { sends } = await run([status(503), ok], REPEAT_READ, {}, stop.signal);
		expect(sends).toBe(1);
	});

	it('Stop during a Retry-After ends the wait at once', async () => {
		const stop = new AbortController();
		const sent: number[] = [];
		const done = withRetries(
			async () => (sent.push(Date.now()), status(429, { 'retry-after': '60' })),
			{ retries: 3, timeoutMs: 1000 },
			stop.signal,
			() => false,
		);
		const rejected = expect(done).rejects.toBeInstanceOf(WaitCancelledError);
		await jest.advanceTimersByTimeAsync(2000);
		stop.abort();
		await rejected;
		expect(sent).toHaveLength(1);
	});
});

describe('withinDeadline bounds a whole answer', () => {
	it('work that does not finish in time fails as a timeout (ETIMEDOUT)', async () => {
		const never = new Promise<string>(() => undefined);
		const done = withinDeadline(never, 5000);
		const rejected = expect(done).rejects.toMatchObject({
			code: 'ETIMEDOUT',
			message: 'no complete answer within 5000 ms',
		});
		await jest.advanceTimersByTimeAsync(5000);
		await rejected;
	});

	it('work that finishes in time gives its result, not a timeout later', async () => {
		const done = withinDeadline(Promise.resolve('file'), 5000);
		await jest.advanceTimersByTimeAsync(10_000);
		await expect(done).resolves.toBe('file');
	});
});
