/**
 * Reading a gateway's error answer (model/errors.ts): what it says, whether it means "no such
 * task", "the quota is spent" (nothing was created, waiting does not help) or "no channel serves
 * this" (nothing was relayed). The web-page rule is in answers.test.ts.
 */
import {
	isNoChannel,
	isQuotaRefusal,
	isTaskNotFound,
	providerErrorOf,
} from '../../../../nodes/shared/model/errors';

describe('providerErrorOf reads every error shape the gateways use', () => {
	it.each([
		[
			'new-api',
			{ code: 'task_not_exist', message: 'task not exist' },
			'task_not_exist',
			'task not exist',
		],
		[
			'OpenAI style',
			{ error: { type: 'upstream_error', message: 'channel error' } },
			'upstream_error',
			'channel error',
		],
		['one-api', { success: false, message: 'quota exhausted' }, null, 'quota exhausted'],
		[
			'a bare error text',
			{ error: 'upstream channel unavailable' },
			null,
			'upstream channel unavailable',
		],
		['msg', { code: 500, msg: '服务繁忙' }, '500', '服务繁忙'],
		['FastAPI detail', { detail: 'Clip not found' }, null, 'Clip not found'],
		['JSON as text', ' {"code":"quota_not_enough","message":"no"} ', 'quota_not_enough', 'no'],
	])('%s', (_name, body, code, message) => {
		expect(providerErrorOf(body)).toEqual({ code, message });
	});

	it.each([['<html>502</html>'], [''], [null], [[1, 2]], ['plain text']])(
		'%j says nothing: no code, no message',
		(body) => {
			expect(providerErrorOf(body)).toEqual({ code: null, message: null });
		},
	);
});

describe('isTaskNotFound: only the gateway saying "no such task"', () => {
	it.each([
		['new-api: 400 task_not_exist', 400, { code: 'task_not_exist', message: '' }],
		['one-hub: 404 task_not_exist', 404, { code: 'task_not_exist', message: '' }],
		['Suno-API: 400 "task not exist"', 400, { code: 400, message: 'task not exist' }],
		['"Task not exists" in any case', 404, { message: ' Task Not Exists ' }],
		['as JSON text', 400, '{"code":"task_not_exist"}'],
	])('%s is a task not found', (_name, status, body) => {
		expect(isTaskNotFound(status, body)).toBe(true);
	});

	it.each([
		['an nginx page', 404, '<html><body><h1>404 Not Found</h1></body></html>'],
		['a proxy’s "no route"', 404, { message: 'no Route matched with those values' }],
		['an empty body', 404, ''],
		['another 400', 400, { code: 'invalid_request', message: 'ids is required' }],
		['a message only mentioning it', 400, { message: 'task not exist: check the id' }],
		['task_not_exist with a 500', 500, { code: 'task_not_exist' }],
		['task_not_exist with a 200', 200, { code: 'task_not_exist' }],
	])('%s is not (a wrong address, or another failure)', (_name, status, body) => {
		expect(isTaskNotFound(status, body)).toBe(false);
	});
});

describe('isQuotaRefusal: the account’s or the key’s quota is spent', () => {
	it.each([
		['quota_not_enough (new-api before 2026)', { code: 'quota_not_enough', message: null }],
		['insufficient_user_quota (new-api since)', { code: 'insufficient_user_quota', message: null }],
		['pre_consume_token_quota_failed', { code: 'pre_consume_token_quota_failed', message: null }],
		['insufficient_quota (OpenAI style)', { code: 'INSUFFICIENT_QUOTA', message: null }],
		[
			'the key’s own limit, 该令牌额度已用尽',
			{ code: null, message: '该令牌额度已用尽 token quota' },
		],
		['额度不足', { code: null, message: '用户额度不足' }],
		['余额不足 (claude360.xyz)', { code: null, message: '余额不足' }],
		['insufficient balance', { code: null, message: 'Insufficient balance' }],
		['quota is not enough', { code: null, message: 'user quota is not enough' }],
		['balance too low', { code: null, message: 'Your balance is too low' }],
	])('%s', (_name, said) => {
		expect(isQuotaRefusal(said)).toBe(true);
	});

	it.each([
		['a rate limit', { code: 'rate_limit_exceeded', message: 'Too many requests' }],
		['a code that only contains the word', { code: 'quota_not_enough_later', message: null }],
		['nothing said', { code: null, message: null }],
		['the wrong key', { code: null, message: 'invalid token' }],
	])('%s is not', (_name, said) => {
		expect(isQuotaRefusal(said)).toBe(false);
	});
});

describe('isNoChannel: no channel serves the model for this key (nothing was relayed)', () => {
	it.each([
		['当前分组 default 下对于模型 suno 无可用渠道', true],
		['No available channel for model suno_music', true],
		['no channel available', true],
		['channel error', false],
		[null, false],
	])('%j → %j', (message, expected) => {
		expect(isNoChannel({ code: null, message })).toBe(expected);
	});
});
