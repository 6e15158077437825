/**
 * The pure parts of the extra operations: which gateways offer them, the WAV/MP4 and persona
 * answers in each shape seen, and aligned words read into lines and subtitles.
 */
import { offers } from '../../../../nodes/shared/model/extras';
import { readFileAnswer, readPersonaAnswer } from '../../../../nodes/shared/model/results';
import { readTiming, toLrc, toSrt } from '../../../../nodes/shared/model/timing';

describe('which gateways offer an extra operation', () => {
	it('CometAPI and ElkAPI offer what their docs list, on their own host only', () => {
		expect(offers('concatenate', 'https://api.cometapi.com', [])).toBe(true);
		expect(offers('lyricsTiming', 'https://API.ElkAPI.com/mirror', [])).toBe(true);
		expect(offers('cover', 'https://api.cometapi.com', [])).toBe(false);
		expect(offers('concatenate', 'https://api.cometapi.com.evil.test', [])).toBe(false);
		expect(offers('concatenate', 'https://api.gpt.ge', [])).toBe(false);
	});

	it('any gateway offers what its credential ticks, and only that', () => {
		expect(offers('cover', 'https://gw.example.com', ['cover'])).toBe(true);
		expect(offers('concatenate', 'https://gw.example.com', ['cover'])).toBe(false);
	});
});

describe('WAV and MP4 answers', () => {
	const json = (body: unknown) => ({
		body: JSON.stringify(body),
		headers: { 'content-type': 'application/json' },
	});
	const url = 'https://cdn.example.com/a.wav';

	it.each([
		['a URL as data', { code: 'success', data: url }],
		['an object with wav_file_url', { code: 'success', data: { wav_file_url: url } }],
		['a top-level wav_file_url', { wav_file_url: url }],
		['any …url key', { code: 'success', data: { download_url: url } }],
	])('%s is the file URL', (_shape, body) => {
		expect(readFileAnswer('wav', 'c1', json(body))).toEqual({
			result: { clipId: 'c1', fileType: 'wav', fileUrl: url },
			file: { url },
		});
	});

	it('a task ID (UUID, 32 hex, task_…) is a task to wait for', () => {
		for (const id of [
			'736a6f88-bd29-4b1e-b110-37132a5325ac',
			'a'.repeat(32),
			'task_Xq3T9bLm2ZpK7vRw0Y',
		])
			expect(readFileAnswer('mp4', 'c1', json({ code: 'success', data: id }))).toEqual({
				taskId: id,
				message: null,
			});
	});

	it.each([
		['a word', { code: 'success', data: 'processing' }],
		['an empty data', { code: 'success', data: '' }],
		['a URL that is not http', { code: 'success', data: { url: 'javascript:alert(1)' } }],
		['a state', { code: 'success', data: { state: 'running' } }],
	])('%s is a problem that quotes the answer', (_shape, body) => {
		const answer = readFileAnswer('wav', 'c1', json(body));
		expect(answer).toHaveProperty('problem');
		expect((answer as { problem: { message: string } }).problem.message).toContain(
			JSON.stringify(body),
		);
	});

	it('an error envelope is the provider’s error, and audio bytes are the file', () => {
		expect(readFileAnswer('wav', 'c1', json({ code: 'fail', message: 'not ready' }))).toEqual({
			problem: { code: 'fail', message: 'not ready' },
		});
		const bytes = Buffer.from('RIFF....WAVE');
		expect(
			readFileAnswer('wav', 'c1', { body: bytes, headers: { 'content-type': 'audio/wav' } }),
		).toEqual({
			result: { clipId: 'c1', fileType: 'wav', fileUrl: null },
			file: { bytes, mimeType: 'audio/wav' },
		});
	});
});

describe('persona answers', () => {
	it('Suno’s persona object, bare or in the envelope', () => {
		const persona = {
			id: 'p1',
			name: 'food',
			root_clip_id: 'c1',
			persona_clips: [{ clip: { id: 'c1' }, id: 11288925 }],
			is_public: false,
		};
		for (const body of [persona, { code: 'success', data: persona }])
			expect(readPersonaAnswer({ body: JSON.stringify(body) })).toMatchObject({
				result: {
					personaId: 'p1',
					name: 'food',
					rootClipId: 'c1',
					clipIds: ['c1'],
					isPublic: false,
				},
			});
		expect(readPersonaAnswer({ body: '{"detail":"x"}' })).toHaveProperty('problem');
	});
});

describe('lyrics timing', () => {
	const word = (text: string, start: number, end: number, success = true) => ({
		word: text,
		success,
		start_s: start,
		end_s: end,
		p_align: 0.9,
	});
	const answer = {
		aligned_words: [
			word('[Verse]\nWinter ', 8.38, 8.78),
			word('winds ', 8.78, 9.54),
			word('deep\n', 9.54, 11.93),
			word('[Chorus]\nHold ', 61.5, 62, false),
			word('on', 62, 62.75),
		],
	};

	it('words without their tags, lines split where the lyrics break, each in its section', () => {
		const timing = readTiming(JSON.stringify(answer));
		expect(timing).toEqual({
			words: [
				{ word: 'Winter', startS: 8.38, endS: 8.78, aligned: true, lineIndex: 0 },
				{ word: 'winds', startS: 8.78, endS: 9.54, aligned: true, lineIndex: 0 },
				{ word: 'deep', startS: 9.54, endS: 11.93, aligned: true, lineIndex: 0 },
				{ word: 'Hold', startS: 61.5, endS: 62, aligned: false, lineIndex: 1 },
				{ word: 'on', startS: 62, endS: 62.75, aligned: true, lineIndex: 1 },
			],
			lines: [
				{ text: 'Winter winds deep', startS: 8.38, endS: 11.93, section: 'Verse', lineIndex: 0 },
				{ text: 'Hold on', startS: 61.5, endS: 62.75, section: 'Chorus', lineIndex: 1 },
			],
		});
	});

	it('SRT and LRC as players read them', () => {
		const { lines } = readTiming(answer) as Exclude<
			ReturnType<typeof readTiming>,
			{ problem: unknown }
		>;
		expect(toSrt(lines)).toBe(
			'1\n00:00:08,380 --> 00:00:11,930\nWinter winds deep\n\n2\n00:01:01,500 --> 00:01:02,750\nHold on\n',
		);
		expect(toLrc(lines)).toBe('[00:08.38]Winter winds deep\n[01:01.50]Hold on');
	});

	it('an answer without aligned_words is a problem, an envelope error is the provider’s', () => {
		expect(readTiming('{"foo":1}')).toHaveProperty('problem');
		expect(readTiming('{"code":"task_not_exist","message":"task_not_exist","data":null}')).toEqual({
			problem: { code: 'task_not_exist', message: 'task_not_exist' },
		});
	});
});
