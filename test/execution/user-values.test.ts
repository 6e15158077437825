/**
 * Values a user, gateway or AI client gives the nodes, each case once found to go wrong: the
 * key in an item's own values (Extra Body Fields, any field), bodies far larger than a message can
 * quote, a key spelled as Go folds it, and a paid answer nested deeper than the call stack.
 */
import { secretScan } from '../harness/workflow-runner';
import { jsonOf, useProvider } from './setup';

const KEY = 'sk-HOSTILE-9d2e7c4b1a6f3e8d5c0b';
const ctx = useProvider({ apiKey: KEY });

const song = { operation: 'generateMusic', songDescription: 'a song about the sea' };
const submitOnly = { ...song, waitForCompletion: false };
const withBody = (additionalBodyFields: unknown) => ({
	...submitOnly,
	options: { additionalBodyFields },
});

describe('the API key in what the user gives never comes back in an item or an error', () => {
	it('Extra Body Fields holding the key: sent to the gateway, masked in the item’s request', async () => {
		const before = secretScan.runs;
		const result = await ctx.generate(withBody(`{"api_key": "${KEY}", "mood": "calm"}`));
		expect(secretScan.runs).toBe(before + 1); // the harness found no key in the whole run
		expect(result.status).toBe('success');
		expect(ctx.provider.submits).toHaveLength(1);
		expect(ctx.provider.submits[0].body.api_key).toBe(KEY); // the gateway is where it belongs
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				taskId: ctx.provider.submits[0].taskId,
				request: expect.objectContaining({ api_key: '***', mood: 'calm' }),
			}),
		]);
	});

	// With On Error → Continue: a stopped run's error carries n8n's own copy of the node's
	// parameters (the user's input, key and all), which the harness's scan of the run would flag.
	it.each([
		['JSON that does not parse', `{"api_key": "${KEY}",}`, 'is not valid JSON'],
		['a list instead of an object', `["${KEY}"]`, 'must be a JSON object'],
	])(
		'Extra Body Fields as %s: the error names the field, the key masked',
		async (_name, given, said) => {
			const result = await ctx.generate(withBody(given), { continueOnFail: true });
			expect(jsonOf(result)).toEqual([
				expect.objectContaining({
					code: 'INVALID_PARAMETER',
					error: expect.stringMatching(new RegExp(`^Extra Body Fields ${said}.*\\*\\*\\*`)),
				}),
			]);
			expect(ctx.submitPosts()).toHaveLength(0);
		},
	);

	// Run-wide settings are read before the client exists: the credential's key masks them too.
	it.each([
		['Poll Interval (Seconds)', { pollInterval: KEY }],
		['Retries', { options: { retries: KEY } }],
	])('%s holding the key: the error names the field, the key masked', async (field, given) => {
		const result = await ctx.generate({ ...song, ...given }, { continueOnFail: true });
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				code: 'INVALID_PARAMETER',
				error: `${field} must be a number, not "***".`,
			}),
		]);
		expect(ctx.submitPosts()).toHaveLength(0);
	});
});

it('a huge Extra Body Fields that is not an object: an error of a few hundred characters', async () => {
	const huge = `[${'1,'.repeat(100_000)}1]`;
	for (const given of [huge, `{${'x'.repeat(200_000)}`]) {
		const result = await ctx.generate(withBody(given));
		expect(result.error?.message).toMatch(
			/^Extra Body Fields (is not valid JSON|must be a JSON object)/,
		);
		expect(result.error?.message.length).toBeLessThan(500);
	}
	expect(ctx.submitPosts()).toHaveLength(0);
});

it('an expression’s Extra Body Fields with a number past 2^53 is refused, not sent rounded', async () => {
	const result = await ctx.generate(withBody('={{ ({ seed: 12345678901234567891 }) }}'));
	expect(result.error?.message).toMatch(/^Extra Body Fields holds a number past 2\^53/);
	expect(ctx.submitPosts()).toHaveLength(0);
	// Written in the field itself, its digits are kept, as text.
	await ctx.generate(withBody('{"seed": 12345678901234567891}'));
	expect(ctx.provider.submits.map(({ body }) => body.seed)).toEqual(['12345678901234567891']);
});

it('a key that only Go’s decoder folds into a field the node sends is refused, not sent', async () => {
	// Go matches "make_inſtrumental" (long s) to make_instrumental: the song would not be as asked.
	const result = await ctx.generate(withBody('{"make_in\u017ftrumental": true}'));
	expect(result.error?.message).toBe(
		'Extra Body Fields sets "make_in\u017ftrumental", which the node already sends from its own fields: set it there (an expression can give any value).',
	);
	expect(ctx.submitPosts()).toHaveLength(0);
});

it('a paid answer nested deeper than the call stack still gives its task ID, sent once', async () => {
	const deep = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`;
	ctx.provider.setRoute('POST', '/suno/submit/music', {
		status: 200,
		headers: { 'content-type': 'application/json' },
		body: `{"code": "success", "message": "", "data": "task_deep_1", "trace": ${deep}}`,
	});
	const result = await ctx.generate(submitOnly);
	expect(result.status).toBe('success');
	expect(jsonOf(result)).toEqual([expect.objectContaining({ taskId: 'task_deep_1' })]);
	expect(ctx.submitPosts()).toHaveLength(1);
});

describe('a paid answer the node cannot take a task ID from still tells the user (hostile review)', () => {
	const answered = (body: string) =>
		ctx.provider.setRoute('POST', '/suno/submit/music', {
			status: 200,
			headers: { 'content-type': 'application/json' },
			body,
		});
	const deep = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`;

	// The quote of the answer was its first 200 characters: a long message pushed the id out.
	it('an ID in an unread spelling after a long message is in the error', async () => {
		answered(
			JSON.stringify({ code: 'success', message: 'm'.repeat(300), data: { taskID: 'task_Q' } }),
		);
		const result = await ctx.generate(submitOnly);
		expect(result.error?.message).toContain('"data":{"taskID":"task_Q"}');
		expect(result.error?.description).toContain('A task may have been created (and charged)');
		expect(ctx.submitPosts()).toHaveLength(1);
	});

	// The error said only "JSON that is not an object": the IDs in it never reached the user.
	it.each([
		['a list of ids', '["task_L1", "task_L2"]', '["task_L1","task_L2"]'],
		['a bare id', '"task_B1"', 'task_B1'],
	])('an answer that is %s: the error quotes it, a task may exist', async (_kind, body, shown) => {
		answered(body);
		const result = await ctx.generate(submitOnly);
		expect(result.error?.message).toContain(`JSON that is not an object: ${shown}`);
		expect(result.error?.description).toContain('A task may have been created (and charged)');
		expect(ctx.submitPosts()).toHaveLength(1);
	});

	// A blank task_id hid the id beside it: the task was reported unconfirmed.
	it('a blank task_id does not hide the id beside it', async () => {
		answered('{"code": "success", "data": {"task_id": " ", "id": "task_beside"}}');
		const result = await ctx.generate(submitOnly);
		expect(jsonOf(result)).toEqual([expect.objectContaining({ taskId: 'task_beside' })]);
	});

	// Quoting it threw "Maximum call stack size exceeded": no word that a task may exist.
	it('an answer without an ID nested past the call stack: a task may exist, sent once', async () => {
		answered(`{"code": "success", "trace": ${deep}}`);
		const result = await ctx.generate(submitOnly, { continueOnFail: true });
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ code: 'UNCONFIRMED', taskMayExist: true }),
		]);
		expect(ctx.submitPosts()).toHaveLength(1);
	});

	// Masking the persona threw a RangeError: a paid persona reported as an unexpected error.
	it('a persona answer nested past the call stack: a persona may exist, sent once', async () => {
		const { clipIds } = ctx.finishedSong();
		ctx.provider.setRoute('POST', '/suno/persona/create', {
			status: 200,
			headers: { 'content-type': 'application/json' },
			body: `{"id": "persona_deep", "name": "Me", "trace": ${deep}}`,
		});
		const result = await ctx.generate(
			{ operation: 'createPersona', clipId: clipIds[0], personaName: 'Me' },
			{ ...ctx.offering(), continueOnFail: true },
		);
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ code: 'UNCONFIRMED', taskMayExist: true }),
		]);
		expect(
			ctx.provider.log.filter((entry) => entry.path.startsWith('/suno/persona/')),
		).toHaveLength(1);
	});
});

it('Task IDs holding the key past the length limit: the quoted start shows no part of it', async () => {
	// The error quoted the value's first 40 characters, 15 of them the key's.
	const [head, tail] = [KEY.slice(0, 3), KEY.slice(3)]; // the workflow itself never holds the key
	const taskIds = `={{ "${'x'.repeat(25)}" + "${head}" + "${tail}" + "y".repeat(200) }}`;
	const result = await ctx.run({ operation: 'get', taskId: taskIds });
	expect(result.error?.message).toContain('xxx***…');
	expect(result.error?.message).not.toContain(KEY.slice(0, 6));
});

describe('an AI client’s arguments through $fromAI', () => {
	const fromAI = (name: string, type: string) =>
		`={{ $fromAI('${name}', 'given by the model', '${type}') }}`;

	it('booleans and numbers given as text are read as the fields’ types, sent once', async () => {
		const { taskId, clipIds } = ctx.finishedSong();
		const result = await ctx.run(
			{
				operation: 'extendMusic',
				clipId: fromAI('Clip_ID', 'string'),
				originTaskId: taskId,
				continueAt: fromAI('Continue_At', 'number'),
				instrumental: fromAI('Instrumental', 'boolean'),
				waitForCompletion: false,
			},
			{
				node: 'generateTool',
				items: [{ Clip_ID: clipIds[0], Continue_At: ' 12.5 ', Instrumental: ' TRUE' }],
			},
		);
		expect(result.status).toBe('success');
		expect(ctx.provider.submits).toHaveLength(1);
		expect(ctx.provider.submits[0].body).toMatchObject({
			continue_clip_id: clipIds[0],
			continue_at: 12.5,
			make_instrumental: true,
		});
		expect(jsonOf(result)[0].taskId).toBe(ctx.provider.submits[0].taskId);
	});

	it.each([
		['Instrumental', 'boolean', 'yes', 'Instrumental must be true or false, not "yes".'],
		['Continue_At', 'number', '1:30', 'Continue At (Seconds) must be a number, not "1:30".'],
	])(
		'%s given as %s "%s": the tool’s error names the field, nothing sent',
		async (name, type, given, said) => {
			const { taskId, clipIds } = ctx.finishedSong();
			const result = await ctx.run(
				{
					operation: 'extendMusic',
					clipId: clipIds[0],
					originTaskId: taskId,
					continueAt: name === 'Continue_At' ? fromAI(name, type) : 30,
					instrumental: name === 'Instrumental' ? fromAI(name, type) : false,
					waitForCompletion: false,
				},
				{ node: 'generateTool', items: [{ [name]: given }] },
			);
			expect(result.error?.message).toMatch(
				new RegExp(`^${said.replace(/[().]/g, '\\$&')}\\n\\nDetails: `),
			);
			expect(ctx.submitPosts()).toHaveLength(0);
		},
	);
});

it('task ids named like Object’s own members are tasks like any other, each once, in order', async () => {
	const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
	for (const id of names) ctx.provider.createTask({ id, finishAfter: 0, clips: 1 });
	const result = await ctx.run({
		operation: 'getMany',
		taskIds: `${names.join(', ')}, __proto__, valueOf`,
	});
	expect(jsonOf(result).map(({ taskId, taskStatus }) => [taskId, taskStatus])).toEqual([
		...names.map((id) => [id, 'SUCCESS']),
		['valueOf', 'NOT_FOUND'],
	]);
	expect(jsonOf(result).every(({ clipId, taskStatus }) => taskStatus !== 'SUCCESS' || clipId)).toBe(
		true,
	);
});
