/**
 * The providers as they are at the end of 2026 (landscape-2026.md), through real n8n execution:
 * new-api's official Suno channel (sunoapi.org's camelCase clips, its status words, times in
 * milliseconds), Suno v6 and gateways that make another model than the one asked for, gateway
 * aliases and sunoapi.org-style fields, and a 429 that may mean "insufficient balance".
 */
import { createHash } from 'node:crypto';

import { mediaBytes } from '../provider/provider';
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const live = (taskId: string) =>
	(ctx.provider.tasks.get(taskId) as { live: { createdMs: number; finishMs: number } }).live;
const submitBody = (index = 0) =>
	JSON.parse(ctx.submitPosts()[index].body) as Record<string, unknown>;
const song = { operation: 'generateMusic', songDescription: 'rain on a tin roof', pollInterval: 1 };

describe("new-api's official Suno channel (sunoapi.org behind the gateway)", () => {
	beforeEach(() => {
		ctx.provider.gateway = 'official';
	});

	it('Generate Music: the camelCase clips are read, their files downloaded, times in ms read as ms', async () => {
		const result = await ctx.generate({ ...song, downloadFiles: ['audio', 'image'] });
		expect(result.status).toBe('success');
		const [submitted] = ctx.provider.submits;
		// The submit's answer is sunoapi.org's own, passed through: {code: 200, msg, data: {taskId}}.
		expect(ctx.provider.log[0].path).toBe('/suno/submit/music');
		const items = jsonOf(result);
		expect(items).toHaveLength(2);
		const { createdMs, finishMs } = live(submitted.taskId);
		for (const [index, item] of items.entries()) {
			const clipId = String(item.clipId);
			expect(item).toMatchObject({
				taskId: submitted.taskId,
				taskStatus: 'SUCCESS',
				rawStatus: 'SUCCESS',
				clipIndex: index,
				audioUrl: `${ctx.provider.url}/media/${clipId}.mp3`,
				imageUrl: `${ctx.provider.url}/media/image_${clipId}.jpeg`,
				model: 'chirp-fenix',
				duration: 121.5,
				title: 'Rain On A Tin',
				tags: 'club banger high-energy edm',
				// Milliseconds, read as milliseconds: not a date 50,000 years away.
				submittedAt: new Date(createdMs).toISOString(),
				startedAt: new Date(createdMs).toISOString(),
				finishedAt: new Date(finishMs).toISOString(),
				createdAt: new Date(createdMs).toISOString(),
				requestedModel: 'chirp-fenix',
				notAsAsked: null,
				downloadSkipped: null,
			});
			expect(String(item.lyrics)).toContain('A song from your words: rain on a tin roof');
			const binary = result.items[index].binary!;
			expect(sha256(Buffer.from(binary.audio.data, 'base64'))).toBe(
				sha256(mediaBytes(`${clipId}.mp3`, 64 * 1024)),
			);
			expect(binary.image.mimeType).toBe('image/jpeg');
		}
		expect(result.hints).toEqual([]);
	});

	it("sunoapi.org's stages are read as stages, not unknown words: PENDING, TEXT_SUCCESS, FIRST_SUCCESS", async () => {
		const id = ctx.provider.createTask({ mv: 'chirp-fenix', finishAfter: 3 });
		const polls = [];
		for (let poll = 0; poll < 3; poll++) {
			const result = await ctx.run({ operation: 'get', taskId: id, downloadFiles: ['audio'] });
			polls.push(jsonOf(result));
		}
		const [pending, text, first] = polls;
		expect(polls.map(([item]) => [item.rawStatus, item.taskStatus, item.clipCount])).toEqual([
			['PENDING', 'QUEUED', 0],
			['TEXT_SUCCESS', 'IN_PROGRESS', 2],
			['FIRST_SUCCESS', 'IN_PROGRESS', 2],
		]);
		// Before the gateway has read the upstream, submit_time is its own, in seconds; then ms.
		const { createdMs } = live(id);
		expect(pending[0].submittedAt).toBe(
			new Date(Math.floor(createdMs / 1000) * 1000).toISOString(),
		);
		expect(text[0].submittedAt).toBe(new Date(createdMs).toISOString());
		expect(text.map((item) => item.audioUrl)).toEqual([null, null]);
		// The first clip's file is there, the second only streams: neither is downloaded yet.
		expect(first.map((item) => item.audioUrl)).toEqual([
			`${ctx.provider.url}/media/${String(first[0].clipId)}.mp3`,
			`${ctx.provider.url}/audiopipe/?item_id=${String(first[1].clipId)}`,
		]);
		expect(first.map((item) => item.downloadSkipped)).toEqual([
			'The clip is not finished (FIRST_SUCCESS): its files are not ready yet.',
			'The clip is not finished (FIRST_SUCCESS): its files are not ready yet.',
		]);
		expect(ctx.provider.counters.media).toBe(0);
	});

	it('a failed task (GENERATE_AUDIO_FAILED) is a FAILURE with its reason, not a wait until Max Wait', async () => {
		const id = ctx.provider.createTask({
			finishAfter: 0,
			fail: true,
			failReason: 'Generation failed: sensitive words',
		});
		const result = await ctx.run({ operation: 'get', taskId: id });
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				taskStatus: 'FAILURE',
				rawStatus: 'GENERATE_AUDIO_FAILED',
				failReason: 'Generation failed: sensitive words',
				clipId: null,
			}),
		]);
	});

	it("Simplify off keeps sunoapi.org's clip as it came, camelCase and all", async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, mv: 'chirp-crow' });
		const result = await ctx.run({ operation: 'get', taskId: id, simplify: false });
		const [item] = jsonOf(result);
		expect(Object.keys(item).sort()).toEqual(
			[
				'id',
				'audioUrl',
				'streamAudioUrl',
				'imageUrl',
				'prompt',
				'modelName',
				'title',
				'tags',
				'createTime',
				'duration',
				'task',
			].sort(),
		);
		expect(item.modelName).toBe('chirp-crow');
	});

	it('sunoapi.org\'s "model" through Extra Body Fields: sent, made, and no false hint', async () => {
		const result = await ctx.generate({
			...song,
			options: {
				additionalBodyFields: '{"model": "V4_5", "customMode": false, "instrumental": false}',
			},
		});
		expect(result.status).toBe('success');
		expect(ctx.provider.submits[0].forwarded).toMatchObject({
			mv: 'chirp-fenix',
			model: 'V4_5',
			customMode: false,
			instrumental: false,
		});
		const items = jsonOf(result);
		expect(items.map((item) => [item.model, item.requestedModel, item.notAsAsked])).toEqual([
			['chirp-auk', 'chirp-fenix', null],
			['chirp-auk', 'chirp-fenix', null],
		]);
		expect(result.hints).toEqual([]);
	});
});

describe('a clip made by another model than the one asked for', () => {
	it('a v5.5 request finished by v6: every item says so, and a hint names the task', async () => {
		ctx.provider.upgrades = { 'chirp-fenix': 'chirp-hawk' };
		const result = await ctx.generate(song);
		const [submitted] = ctx.provider.submits;
		const items = jsonOf(result);
		expect(items.map((item) => [item.model, item.modelVersion, item.requestedModel])).toEqual([
			['chirp-hawk', 'v6', 'chirp-fenix'],
			['chirp-hawk', 'v6', 'chirp-fenix'],
		]);
		const why =
			'its clips were made by chirp-hawk v6, not chirp-fenix as asked: the gateway had another model make them (some gateways move requests for older models to Suno v6).';
		expect(items.map((item) => item.notAsAsked)).toEqual([why, why]);
		expect(result.hints.map((hint) => hint.message)).toEqual([
			`1 task does not look like what was asked (${submitted.taskId}): ${why} See notAsAsked on their items.`,
		]);
	});

	it('on a Cover, the model check stands beside the cover check', async () => {
		const source = ctx.finishedSong({ mv: 'chirp-crow' });
		ctx.provider.upgrades = { 'chirp-crow': 'chirp-hawk' };
		const result = await ctx.generate(
			{
				operation: 'cover',
				clipId: source.clipIds[0],
				style: 'jazz',
				modelVersion: 'chirp-crow',
				pollInterval: 1,
			},
			ctx.offering(),
		);
		const [item] = jsonOf(result);
		expect(item.requestedModel).toBe('chirp-crow');
		expect(String(item.notAsAsked)).toMatch(
			/^its clips were made by chirp-hawk v6, not chirp-crow/,
		);
	});

	it('asked chirp-fenix, made chirp-fenix: no hint; preview clips of a newer model beside them neither', async () => {
		const clip = (id: string, model: string, version: string, type: string) => ({
			id,
			status: 'complete',
			title: 'Quiet Piano',
			audio_url: ctx.provider.addMedia(`${id}.mp3`),
			model_name: model,
			major_model_version: version,
			metadata: { type, duration: type === 'preview' ? 45 : 186 },
		});
		// The shape of a real 2025-12 answer: two songs and two "preview" clips of a newer model.
		ctx.provider.addTask({
			task_id: 'with-previews',
			action: 'MUSIC',
			status: 'SUCCESS',
			data: [
				clip('gen-a', 'chirp-fenix', 'v5.5', 'gen'),
				clip('gen-b', 'chirp-fenix', 'v5.5', 'gen'),
				clip('preview-a', 'chirp-hawk', 'v6', 'preview'),
				clip('preview-b', 'chirp-hawk', 'v6', 'preview'),
			],
		});
		ctx.provider.setRoute('POST', '/suno/submit/music', {
			body: { code: 'success', message: '', data: 'with-previews' },
		});
		const result = await ctx.generate(song);
		expect(jsonOf(result).map((item) => [item.clipId, item.notAsAsked])).toEqual([
			['gen-a', null],
			['gen-b', null],
			['preview-a', null],
			['preview-b', null],
		]);
		expect(result.hints).toEqual([]);
	});

	it("a gateway's own alias (chirp-v5 on DMXAPI) is sent as given and matches the clip's chirp-crow", async () => {
		ctx.provider.upgrades = { 'chirp-v5': 'chirp-crow' };
		const result = await ctx.generate({ ...song, modelVersion: '={{ "chirp-v5" }}' });
		expect(submitBody().mv).toBe('chirp-v5');
		expect(
			jsonOf(result).map((item) => [item.model, item.requestedModel, item.notAsAsked]),
		).toEqual([
			['chirp-crow', 'chirp-v5', null],
			['chirp-crow', 'chirp-v5', null],
		]);
		expect(result.hints).toEqual([]);
	});
});

describe('Model Version', () => {
	it.each(['chirp-hawk', 'chirp-hawk-wild', 'chirp-goose'])(
		'%s (Suno v6) is offered and sent as mv, with no lyrics limit of an older model',
		async (model) => {
			const result = await ctx.generate({
				operation: 'generateMusic',
				mode: 'custom',
				lyrics: 'la '.repeat(2000),
				modelVersion: model,
				waitForCompletion: false,
			});
			expect(result.status).toBe('success');
			expect(submitBody().mv).toBe(model);
		},
	);
});

describe('sunoapi.org-style fields on a new-api fork', () => {
	it('go through Extra Body Fields as given, beside the fields the node sends', async () => {
		const fields = {
			model: 'V5_5',
			custom_mode: true,
			style: 'synth-pop',
			instrumental: false,
			persona_id: 'p-1',
			persona_model: 'style_persona',
		};
		const result = await ctx.generate({
			...song,
			waitForCompletion: false,
			options: { additionalBodyFields: JSON.stringify(fields) },
		});
		expect(result.status).toBe('success');
		expect(submitBody()).toEqual({
			gpt_description_prompt: 'rain on a tin roof',
			make_instrumental: false,
			mv: 'chirp-fenix',
			...fields,
		});
	});
});

describe('429 and 430 on a submit', () => {
	const quick = { ...song, waitForCompletion: false, options: { retries: 2 } };

	it('a bare 429 does not promise that waiting helps: it may be a balance too low', async () => {
		ctx.provider.injectFault({ status: 429, headers: { 'retry-after': '0' }, times: 9 });
		const result = await ctx.generate(quick);
		expect(result.error?.message).toBe(
			'The provider refused the submit with HTTP 429: fault: injected 429',
		);
		expect(result.error?.description).toContain('some for a balance too low');
		expect(result.error?.description).toContain('check your balance at the provider');
		expect(ctx.provider.submits).toHaveLength(0);
	});

	it('a 429 that says "余额不足" (insufficient balance) is a balance refusal, sent once', async () => {
		ctx.provider.injectFault({
			status: 429,
			body: { code: 429, msg: '余额不足，请充值后再试' },
			headers: { 'retry-after': '0' },
			times: 9,
		});
		const result = await ctx.generate(quick);
		expect(result.error?.message).toBe(
			'Your balance at the provider is too low for this submit (余额不足，请充值后再试).',
		);
		expect(ctx.submitPosts()).toHaveLength(1);
	});

	it("a 430 (claude360.xyz's rate limit) is waited out like a 429, then submitted once", async () => {
		ctx.provider.injectFault({ status: 430, body: { code: 430, msg: 'rate limited' } });
		const result = await ctx.generate(quick);
		expect(result.status).toBe('success');
		expect(ctx.submitPosts()).toHaveLength(2);
		expect(ctx.provider.submits).toHaveLength(1);
	});

	it('a 430 every time: a rate-limit error that says nothing was created', async () => {
		ctx.provider.injectFault({ status: 430, body: { code: 430, msg: 'rate limited' }, times: 9 });
		const result = await ctx.generate(quick);
		expect(result.error?.message).toBe(
			'The provider is rate limiting submits (HTTP 430): 430: rate limited',
		);
		expect(result.error?.description).toContain('Nothing was created');
		expect(ctx.submitPosts()).toHaveLength(3);
	});
});
