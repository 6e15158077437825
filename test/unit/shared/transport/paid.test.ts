/**
 * What a paid request's answer means (transport/paid.ts): whether the gateway may have created
 * (and charged) a task — `created`, which makes the node say so and never send it again — or surely
 * created nothing; which redirects ask for the same request again; and the code an IF node can
 * branch on. Through n8n in test/execution/generate-paid.test.ts and extras-paid-answers.test.ts.
 */
import {
	isGatewayRoute,
	locationOf,
	movedRoute,
	refusalOf,
	slashRedirect,
	statusFailure,
} from '../../../../nodes/shared/transport/paid';
import type { ProviderResponse } from '../../../../nodes/shared/transport/retry';
import { answer, BASE } from './answers';

const MUSIC = '/suno/submit/music';
const redirect = (statusCode: number, location: string) => answer(statusCode, '', { location });
const outcome = (response: ProviderResponse, path = MUSIC, offering?: string) => {
	const { code, created } = statusFailure(response, BASE, path, offering);
	return { code, created };
};

describe('refusals the gateway makes before relaying anything: nothing was created', () => {
	it.each([
		['quota_not_enough', { code: 'quota_not_enough', message: '' }, 'QUOTA_EXHAUSTED'],
		['该令牌额度已用尽', { code: null, message: '该令牌额度已用尽' }, 'QUOTA_EXHAUSTED'],
		[
			'no available channel',
			{ code: null, message: 'no available channel for suno' },
			'NO_CHANNEL',
		],
		['prompt_empty', { code: 'prompt_empty', message: null }, 'REFUSED'],
		['task id is empty', { code: null, message: 'task id is empty' }, 'REFUSED'],
		['task_origin_not_exist', { code: 'task_origin_not_exist', message: null }, 'TASK_NOT_FOUND'],
		['clip_not_exist', { code: 'clip_not_exist', message: null }, 'TASK_NOT_FOUND'],
	])('%s', (_name, said, code) => {
		expect(refusalOf(said)).toMatchObject({ code, created: false });
	});

	it('each says what to do', () => {
		expect(refusalOf({ code: 'quota_not_enough', message: '' })).toEqual({
			message: 'Your balance at the provider is too low for this submit (quota_not_enough).',
			description:
				'Top up your account at the provider (or raise this key’s limit), or use a key with quota left.',
			code: 'QUOTA_EXHAUSTED',
			created: false,
		});
		expect(refusalOf({ code: 'task id is empty', message: null })?.description).toBe(
			'Fill in Origin Task ID.',
		);
	});

	it('a quota code that only repeats the HTTP status gives way to the message', () => {
		expect(refusalOf({ code: '429', message: '余额不足' })?.message).toBe(
			'Your balance at the provider is too low for this submit (余额不足).',
		);
	});

	it.each([
		[{ code: 'upstream_error', message: 'boom' }],
		[{ code: null, message: 'prompt_empty but more' }],
		[{ code: null, message: null }],
	])('%j is no refusal', (said) => {
		expect(refusalOf(said)).toBeNull();
	});
});

describe('a paid request answered with an error status: may a task exist?', () => {
	it.each([500, 502, 503, 504])('%i: a task may have been created (PROVIDER_ERROR)', (status) => {
		expect(outcome(answer(status, { error: { code: 'upstream_error', message: 'x' } }))).toEqual({
			code: 'PROVIDER_ERROR',
			created: true,
		});
	});

	it('a 5xx keeps the upstream’s code and message in its words', () => {
		expect(
			statusFailure(answer(500, { code: 'upstream_error', message: 'boom' }), BASE, MUSIC).message,
		).toBe('The provider failed to submit the task (HTTP 500, upstream_error: boom).');
	});

	it('a 5xx saying there is no channel created nothing: nothing was relayed', () => {
		expect(outcome(answer(503, { message: '当前分组下对于模型无可用渠道' }))).toEqual({
			code: 'NO_CHANNEL',
			created: false,
		});
	});

	it.each([
		['429', answer(429, { message: 'too many requests' }), 'RATE_LIMITED'],
		['430 (claude360.xyz’s rate limit)', answer(430), 'RATE_LIMITED'],
		[
			'429 saying the balance is too low',
			answer(429, { message: 'insufficient balance' }),
			'QUOTA_EXHAUSTED',
		],
		['401', answer(401, { error: { message: 'invalid token' } }), 'KEY_REJECTED'],
		['403', answer(403), 'KEY_REJECTED'],
		[
			'401 saying the key’s quota is spent',
			answer(401, { message: '该令牌额度已用尽' }),
			'QUOTA_EXHAUSTED',
		],
		['400 with a field error', answer(400, { code: 'invalid_request', message: 'mv' }), 'REFUSED'],
		['422', answer(422, { detail: 'bad tags' }), 'REFUSED'],
		[
			'404, the router’s page',
			answer(404, '<html><body>404 Not Found</body></html>'),
			'WRONG_ROUTE',
		],
		['404, the route’s own "Clip not found"', answer(404, { detail: 'Clip not found' }), 'REFUSED'],
		['405 with no body', answer(405), 'WRONG_ROUTE'],
	])('%s: nothing was created (%s)', (_name, response, code) => {
		expect(outcome(response)).toEqual({ code, created: false });
	});

	it('a 429 does not promise that waiting helps (some gateways mean the balance)', () => {
		const failure = statusFailure(answer(429, { message: 'slow down' }), BASE, MUSIC);
		expect(failure.message).toBe('The provider refused the submit with HTTP 429: slow down');
		expect(failure.description).toMatch(/check your balance at the provider/);
	});
});

describe('redirects after a paid POST', () => {
	it.each([302, 303])(
		'%i to a result page may answer a request that was handled: a task may exist',
		(status) => {
			expect(outcome(redirect(status, '/result/abc'))).toEqual({
				code: 'REDIRECTED',
				created: true,
			});
		},
	);

	it.each([307, 308])('%i asks for the same request elsewhere: nothing was created', (status) => {
		expect(outcome(redirect(status, 'https://elsewhere.example/suno/submit/music'))).toEqual({
			code: 'REDIRECTED',
			created: false,
		});
	});

	it.each([
		// BASE is already https: this case was the very address posted to, which is no router's move.
		['another port', 301, 'https://gw.example:8443/suno/submit/music'],
		['another host', 302, 'https://api2.gw.example/suno/submit/music'],
		['a trailing slash', 302, '/suno/submit/music/'],
	])(
		'a 301/302 to the same route at %s is a router’s answer: nothing was created',
		(_name, status, to) => {
			expect(outcome(redirect(status, to))).toEqual({ code: 'REDIRECTED', created: false });
		},
	);

	// A redirect to the very address posted to is no router's (it would loop): a handled form's answer.
	it.each([301, 302])('a %i to the very address posted to: a task may exist', (status) => {
		expect(outcome(redirect(status, `${BASE}/suno/submit/music`))).toEqual({
			code: 'REDIRECTED',
			created: true,
		});
	});

	it('a 302 to the same route with a query is a result: a task may exist', () => {
		expect(outcome(redirect(302, '/suno/submit/music?id=1'))).toEqual({
			code: 'REDIRECTED',
			created: true,
		});
	});

	it('movedRoute: only 301/302, the same path, no query', () => {
		const moved = (response: ProviderResponse) => movedRoute(response, BASE, MUSIC);
		expect(moved(redirect(301, 'https://new.example/suno/submit/music'))).toBe(true);
		expect(moved(redirect(303, 'https://new.example/suno/submit/music'))).toBe(false);
		expect(moved(redirect(302, '/suno/submit/lyrics'))).toBe(false);
		expect(moved(redirect(302, '/suno/submit/music?x=1'))).toBe(false);
		expect(moved(redirect(302, 'http://[broken'))).toBe(false);
	});
});

describe('an extra operation a gateway does not offer: nothing was created', () => {
	const PERSONA = '/suno/persona/create';

	it.each([
		[
			'its dashboard page with 404',
			answer(404, '<!doctype html><html></html>', { 'content-type': 'text/html' }),
		],
		['its router’s 404', answer(404, { message: 'Invalid URL (POST /suno/persona/create)' })],
		['503 "no available channel"', answer(503, { error: { message: 'no available channel' } })],
		['400 invalid_action', answer(400, { code: 'invalid_action', message: 'unknown action' })],
	])('%s: NOT_OFFERED', (_name, response) => {
		expect(outcome(response, PERSONA, 'Create Persona')).toEqual({
			code: 'NOT_OFFERED',
			created: false,
		});
	});

	it('a 504 web page on the way is a failure after which a task may exist, not "does not offer"', () => {
		const page = answer(504, '<html><body>504 Gateway Time-out</body></html>', {
			'content-type': 'text/html',
		});
		expect(outcome(page, PERSONA, 'Create Persona')).toEqual({
			code: 'PROVIDER_ERROR',
			created: true,
		});
	});

	it('the route’s own 404 for an unknown clip is "does not know the clip", not "does not offer"', () => {
		expect(outcome(answer(404, { code: 'clip_not_exist' }), PERSONA, 'Create Persona')).toEqual({
			code: 'TASK_NOT_FOUND',
			created: false,
		});
	});
});

describe('a trailing-slash redirect is sent again, once, on the gateway’s own host', () => {
	const persona = '/suno/persona/create';
	const resend = (status: number, to: string, method = 'POST', base = BASE, path = persona) =>
		slashRedirect(redirect(status, to), method, base, path);

	it.each([307, 308])(
		'POST answered %i to the same route with a slash: re-sent there',
		(status) => {
			expect(resend(status, '/suno/persona/create/')).toBe('/suno/persona/create/');
		},
	);

	it.each([301, 302, 303])('POST answered %i: not re-sent (it may have been handled)', (status) => {
		expect(resend(status, '/suno/persona/create/')).toBeNull();
	});

	it.each([301, 302, 303, 307, 308])('GET answered %i to its slash twin: re-sent', (status) => {
		expect(resend(status, '/suno/act/wav/abc/', 'GET', BASE, '/suno/act/wav/abc')).toBe(
			'/suno/act/wav/abc/',
		);
	});

	it('and back: the slash taken off', () => {
		expect(resend(307, '/suno/persona/create', 'POST', BASE, '/suno/persona/create/')).toBe(
			'/suno/persona/create',
		);
	});

	it.each([
		['another host', 'https://evil.example/suno/persona/create/'],
		['another route', '/suno/persona/list/'],
		['a query added', '/suno/persona/create/?x=1'],
		['outside the gateway’s Suno routes', '/persona/create/'],
	])('a redirect to %s is not re-sent', (_name, to) => {
		expect(resend(307, to)).toBeNull();
	});

	it('a redirect without a Location is not re-sent', () => {
		expect(slashRedirect(answer(307), 'POST', BASE, persona)).toBeNull();
	});

	it('behind a path prefix, the path comes back without it', () => {
		expect(resend(307, '/gw/suno/persona/create/', 'POST', 'https://gw.example/gw')).toBe(
			'/suno/persona/create/',
		);
		expect(resend(307, '/suno/persona/create/', 'POST', 'https://gw.example/gw')).toBeNull();
	});
});

describe('where a redirect points', () => {
	it('a relative Location is made absolute against the request’s URL', () => {
		expect(locationOf(redirect(302, 'file.wav'), `${BASE}/suno/act/wav/abc`)?.href).toBe(
			`${BASE}/suno/act/wav/file.wav`,
		);
	});

	it('none for a status that is not a redirect, a missing or an unreadable Location', () => {
		expect(locationOf(answer(200, '', { location: '/x' }), BASE)).toBeNull();
		expect(locationOf(answer(302), BASE)).toBeNull();
		expect(locationOf(redirect(302, 'http://[broken'), BASE)).toBeNull();
	});

	it('isGatewayRoute: the gateway’s own Suno routes only, never a file elsewhere', () => {
		const route = (href: string, base = BASE) => isGatewayRoute(new URL(href), base);
		expect(route(`${BASE}/suno/act/mp4/abc?x=1`)).toBe(true);
		expect(route('https://cdn.example/suno/act/mp4/abc')).toBe(false);
		expect(route(`${BASE}/files/abc.mp4`)).toBe(false);
		expect(route(`${BASE}/gw/suno/fetch`, `${BASE}/gw`)).toBe(true);
		expect(route(`${BASE}/suno/fetch`, `${BASE}/gw`)).toBe(false);
	});
});
