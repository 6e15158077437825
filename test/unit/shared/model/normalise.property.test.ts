/** Properties of the normaliser and item building, over random provider responses (fast-check). */
import fc from 'fast-check';

import { taskItems } from '../../../../nodes/shared/model/items';
import { normaliseResponse } from '../../../../nodes/shared/model/normalise';
import { notFoundTask, TASK_STATUSES } from '../../../../nodes/shared/model/task';

const word = fc.string({ minLength: 1, maxLength: 12 });
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const clip = fc.record(
	{
		id: word,
		title: maybe(fc.string()),
		status: maybe(
			fc.constantFrom('submitted', 'queued', 'streaming', 'complete', 'error', 'weird'),
		),
		audio_url: maybe(fc.webUrl()),
		metadata: maybe(
			fc.record({
				duration: maybe(fc.oneof(fc.double({ noNaN: true }), fc.constant(null))),
				tags: maybe(fc.string()),
			}),
		),
	},
	{ requiredKeys: ['id'] },
);

const lyrics = fc.record({
	id: word,
	text: fc.string(),
	title: fc.string(),
	status: fc.constant('complete'),
});

// Every word of the vocabulary, and one the normaliser does not know.
const taskStatus = fc.constantFrom(
	...TASK_STATUSES.filter((status) => status !== 'NOT_FOUND' && status !== 'UNRECOGNIZED'),
	'mystery',
);

/** A task in either dialect: `data` (array of clips, lyrics object or null) or a `clips` map. */
const task = (taskId: string) =>
	fc.oneof(
		fc.record({
			task_id: fc.constant(taskId),
			status: taskStatus,
			progress: fc.constantFrom('0%', '100%', 100, '55'),
			submit_time: fc.oneof(fc.integer({ min: 0, max: 2e9 }), fc.constant('1716191749')),
			data: fc.oneof(fc.array(clip, { maxLength: 4 }), lyrics, fc.constant(null)),
		}),
		fc.record({
			task_id: fc.constant(taskId),
			status: fc.constantFrom('completed', 'processing', 'failed'),
			clips: fc
				.array(clip, { maxLength: 4 })
				.map((clips) =>
					Object.fromEntries(clips.map((entry, index) => [`${entry.id}-${index}`, entry])),
				),
		}),
	);

/** Distinct ids, the tasks the provider returns for some of them (in any order), and the ones it leaves out. */
const scenario = fc
	.uniqueArray(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 8 })
	.chain((ids) =>
		fc.record({
			ids: fc.constant(ids),
			returned: fc
				.subarray(ids)
				.chain((subset) =>
					fc
						.tuple(...subset.map((id) => task(id)))
						.chain((tasks) => fc.shuffledSubarray(tasks, { minLength: tasks.length })),
				),
			code: fc.constantFrom('success', 200, '200'),
		}),
	);

describe('normaliser properties', () => {
	it('items = clips + tasks without clips + missing ids, for any valid response', () => {
		fc.assert(
			fc.property(scenario, fc.boolean(), ({ ids, returned, code }, simplify) => {
				const result = normaliseResponse({ code, message: '', data: returned });
				if (!('tasks' in result)) throw new Error(result.problem.message);
				const byId = new Map(result.tasks.map((entry) => [entry.taskId, entry]));
				const clipCount = result.tasks.reduce((sum, entry) => sum + entry.clips.length, 0);
				const clipless = result.tasks.filter((entry) => entry.clips.length === 0).length;
				const missing = ids.filter((id) => !byId.has(id)).length;
				const items = ids.flatMap((id) =>
					taskItems(byId.get(id) ?? notFoundTask(id), simplify ? 'simple' : 'raw'),
				);
				expect(result.tasks).toHaveLength(returned.length);
				expect(items).toHaveLength(clipCount + clipless + missing);
				if (simplify)
					expect(items.map((item) => item.json.taskId)).toEqual(
						ids.flatMap((id) =>
							Array(taskItems(byId.get(id) ?? notFoundTask(id), 'simple').length).fill(id),
						),
					);
			}),
			{ numRuns: 150 },
		);
	});

	it('never throws on any JSON: tasks, or a problem with a message', () => {
		fc.assert(
			fc.property(fc.jsonValue(), fc.option(fc.string(), { nil: null }), (body, fallback) => {
				const result = normaliseResponse(body, fallback);
				if ('problem' in result) expect(result.problem.message.length).toBeGreaterThan(0);
				else expect(Array.isArray(result.tasks)).toBe(true);
			}),
			{ numRuns: 250 },
		);
	});

	it('never throws on any text body either', () => {
		fc.assert(
			fc.property(fc.string(), (text) => {
				const result = normaliseResponse(text);
				expect('tasks' in result || result.problem.message.length > 0).toBe(true);
			}),
			{ numRuns: 150 },
		);
	});

	it('never throws on envelopes whose data is random JSON, and the statuses stay in the vocabulary', () => {
		// Any status but NOT_FOUND, which only the engine gives (for ids the provider left out).
		const vocabulary = TASK_STATUSES.filter((status) => status !== 'NOT_FOUND');
		fc.assert(
			fc.property(fc.jsonValue(), (data) => {
				const result = normaliseResponse({
					code: 'success',
					data: Array.isArray(data)
						? data
						: [{ task_id: 't', ...((typeof data === 'object' && data) || {}) }],
				});
				if ('tasks' in result)
					for (const entry of result.tasks) expect(vocabulary).toContain(entry.taskStatus);
			}),
			{ numRuns: 150 },
		);
	});
});
