/**
 * The rules behind the 2026 landscape: which clip was made by another model than asked, the model
 * catalogue, seconds or milliseconds, and a task of new-api's official Suno channel read whole.
 */
import { isQuotaRefusal } from '../../../../nodes/shared/model/errors';
import {
	DEFAULT_MODEL,
	isOffline,
	madeByAnotherModel,
	MODELS,
	OFFLINE_MODELS,
	versionOf,
} from '../../../../nodes/shared/model/models';
import { normaliseResponse } from '../../../../nodes/shared/model/normalise';
import { normaliseStatus } from '../../../../nodes/shared/model/task';
import { epochMs, toIsoTime } from '../../../../nodes/shared/model/values';

describe('madeByAnotherModel', () => {
	it.each([
		// asked, the clip's model_name, its major_model_version, another model?
		['chirp-fenix', 'chirp-fenix', 'v5.5', false],
		['chirp-fenix', 'chirp-fenix', null, false],
		['chirp-fenix', null, 'v5.5', false],
		['Chirp-Fenix ', 'CHIRP-FENIX', 'V5.5', false],
		['chirp-fenix', 'chirp-hawk', 'v6', true],
		['chirp-fenix', 'chirp-hawk', null, true],
		['chirp-fenix', null, 'v6', true],
		['chirp-fenix', 'chirp-crow', 'v5', true],
		['chirp-crow', 'chirp-fenix', 'v5.5', true],
		// Suno names its v3.5 clips "chirp-v3": the name says nothing, the version agrees.
		['chirp-v3-5', 'chirp-v3', 'v3.5', false],
		['chirp-v3-0', 'chirp-v3', 'v3.5', true],
		// Variants of one version are not told apart: a v4.5-all clip says "chirp-auk".
		['chirp-auk-turbo', 'chirp-auk', 'v4.5-all', false],
		['chirp-bluejay', 'chirp-auk', 'v4.5', false],
		['chirp-hawk-wild', 'chirp-hawk', 'v6', false],
		// A gateway's alias, sunoapi.org's model names.
		['chirp-v5', 'chirp-crow', 'v5', false],
		['V5_5', 'chirp-fenix', 'v5.5', false],
		['V4_5ALL', 'chirp-auk', 'v4.5-all', false],
		['V4_5', 'chirp-fenix', 'v5.5', true],
		// What cannot be read is never called different.
		['chirp-bluejay-beta', 'chirp-hawk', 'v6', false],
		['chirp-fenix', 'chirp-something-new', 'unknown', false],
		['chirp-fenix', '', '', false],
		['chirp-fenix', null, null, false],
	])('asked %s, clip %s / %s: %s', (asked, model, modelVersion, expected) => {
		expect(madeByAnotherModel(asked, { model, modelVersion })).toBe(expected);
	});
});

describe('the model catalogue', () => {
	it('offers the v6 keys first, each once, with the default among them', () => {
		const keys = MODELS.map((model) => model.key);
		expect(keys.slice(0, 4)).toEqual([
			'chirp-hawk',
			'chirp-hawk-wild',
			'chirp-goose',
			'chirp-fenix',
		]);
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys).toContain(DEFAULT_MODEL);
		expect(MODELS.find((model) => model.key === 'chirp-hawk')?.limits).toBeUndefined();
		expect(MODELS.find((model) => model.key === 'chirp-v4')?.limits).toEqual({
			lyrics: 3000,
			style: 200,
		});
	});

	it('no offered model is offline; offline ones are known in any case and spacing', () => {
		expect(MODELS.filter((model) => isOffline(model.key))).toEqual([]);
		expect(OFFLINE_MODELS.every((key) => isOffline(key.toUpperCase()))).toBe(true);
		expect(isOffline(' chirp-v3-5 ')).toBe(true);
		expect(isOffline('chirp-v3')).toBe(false);
	});

	it('knows the versions of the keys, the aliases and sunoapi.org’s names', () => {
		expect(
			['chirp-hawk', 'chirp-goose', 'chirp-v5', 'V5_5', 'v4_5plus', 'chirp-x'].map(versionOf),
		).toEqual(['v6', 'v6-mini', 'v5', 'v5.5', 'v4.5+', null]);
	});
});

describe('times in seconds or milliseconds, by their size', () => {
	it('below 1e11 is seconds, from it milliseconds', () => {
		expect(epochMs(99_999_999_999)).toBe(99_999_999_999_000);
		expect(epochMs(100_000_000_000)).toBe(100_000_000_000);
		expect(toIsoTime(1796313757)).toBe(toIsoTime(1796313757000));
		expect(toIsoTime('1796313757123')).toBe('2026-12-03T16:02:37.123Z');
		expect(toIsoTime(1796313757.5)).toBe('2026-12-03T16:02:37.500Z');
	});
});

describe("a task of new-api's official Suno channel", () => {
	// sunoapi.org's record-info example (docs.sunoapi.org) after new-api's ToStandardResponse: its
	// status word, submit/start from createTime and finish_time in ms, the clips as they came.
	const official = {
		code: 'success',
		message: '',
		data: [
			{
				task_id: '5c79****be8e',
				action: 'MUSIC',
				status: 'SUCCESS',
				fail_reason: '',
				submit_time: 1735689600000,
				start_time: 1735689600000,
				finish_time: 1735689785123,
				progress: '100%',
				data: [
					{
						id: '8551****662c',
						audioUrl: 'https://example.cn/****.mp3',
						streamAudioUrl: 'https://example.cn/****',
						imageUrl: 'https://example.cn/****.jpeg',
						prompt: '[Verse] 夜晚城市 灯火辉煌',
						modelName: 'chirp-v3-5',
						title: '钢铁侠',
						tags: 'electrifying, rock',
						createTime: 1735689600000,
						duration: 198.44,
					},
				],
			},
		],
	};

	it('is read in camelCase, with its times in milliseconds', () => {
		const result = normaliseResponse(JSON.stringify(official));
		if (!('tasks' in result)) throw new Error(result.problem.message);
		const [task] = result.tasks;
		expect(task).toMatchObject({
			taskId: '5c79****be8e',
			taskStatus: 'SUCCESS',
			submittedAt: '2025-01-01T00:00:00.000Z',
			startedAt: '2025-01-01T00:00:00.000Z',
			finishedAt: '2025-01-01T00:03:05.123Z',
		});
		const { raw: _raw, ...clip } = task.clips[0];
		expect(clip).toEqual({
			clipId: '8551****662c',
			title: '钢铁侠',
			clipStatus: null,
			audioUrl: 'https://example.cn/****.mp3',
			videoUrl: null,
			imageUrl: 'https://example.cn/****.jpeg',
			imageLargeUrl: null,
			lyrics: '[Verse] 夜晚城市 灯火辉煌',
			description: null,
			tags: 'electrifying, rock',
			duration: 198.44,
			model: 'chirp-v3-5',
			modelVersion: null,
			createdAt: '2025-01-01T00:00:00.000Z',
			errorMessage: null,
		});
	});

	it("while sunoapi.org's clip has only its stream, the stream stands in for the file", () => {
		const streaming = structuredClone(official);
		streaming.data[0].status = 'FIRST_SUCCESS';
		streaming.data[0].data[0].audioUrl = '';
		const result = normaliseResponse(streaming);
		if (!('tasks' in result)) throw new Error(result.problem.message);
		expect(result.tasks[0].taskStatus).toBe('IN_PROGRESS');
		expect(result.tasks[0].clips[0].audioUrl).toBe('https://example.cn/****');
	});

	it.each([
		['PENDING', 'QUEUED'],
		['TEXT_SUCCESS', 'IN_PROGRESS'],
		['FIRST_SUCCESS', 'IN_PROGRESS'],
		['SUCCESS', 'SUCCESS'],
		['CREATE_TASK_FAILED', 'FAILURE'],
		['GENERATE_AUDIO_FAILED', 'FAILURE'],
		['SENSITIVE_WORD_ERROR', 'FAILURE'],
	])('its status %s is %s', (word, expected) => {
		expect(normaliseStatus(word)).toBe(expected);
	});
});

describe('a balance too low, in the words gateways use', () => {
	it.each([
		['余额不足，请充值', true],
		['Insufficient balance', true],
		['your balance is too low', true],
		['user quota is not enough', true],
		['当前分组上游负载已饱和，请稍后再试', false],
		['rate limited', false],
	])('%s: %s', (message, expected) => {
		expect(isQuotaRefusal({ code: '429', message })).toBe(expected);
	});
});
