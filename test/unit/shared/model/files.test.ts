/** File names of downloaded clips: safe on any file system, whole characters, at most 255 bytes. */
import fc from 'fast-check';

import { fileNameFor } from '../../../../nodes/shared/model/files';
import type { Clip } from '../../../../nodes/shared/model/task';

const URL_MP3 = 'https://cdn.example/a/song.mp3';
const clip = (
	title: string | null,
	clipId: string | null = 'e9893d04-5b1c-4f2d-9c11-0a1b2c3d4e5f',
	audioUrl = URL_MP3,
): Clip => ({ clipId, title, audioUrl }) as Clip;
const bytes = (name: string) => Buffer.byteLength(name, 'utf8');
const hasLoneSurrogate = (text: string) =>
	/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

describe('fileNameFor', () => {
	it('keeps the title and the first 8 characters of the clip id', () => {
		expect(fileNameFor(clip('Electric / Dance: Party?'), URL_MP3, 'audio')).toBe(
			'Electric Dance Party-e9893d04.mp3',
		);
	});

	it('never splits a surrogate pair, a flag or a ZWJ sequence at the cut', () => {
		for (const last of ['😀', '🇫🇷', '👨‍👩‍👧']) {
			const name = fileNameFor(clip(`${'a'.repeat(99)}${last}tail`), URL_MP3, 'audio');
			expect(name).toBe(`${'a'.repeat(99)}${last}-e9893d04.mp3`);
			expect(() => encodeURIComponent(name)).not.toThrow();
		}
	});

	it('fits 255 UTF-8 bytes, suffix and extension included, for 100 CJK characters or emoji', () => {
		const cjk = fileNameFor(clip('音'.repeat(100)), URL_MP3, 'audio');
		expect(bytes(cjk)).toBeLessThanOrEqual(255);
		expect(cjk).toBe(`${'音'.repeat(80)}-e9893d04.mp3`); // 80 × 3 bytes + 13
		const emoji = fileNameFor(clip('😀'.repeat(100)), URL_MP3, 'audio');
		expect(bytes(emoji)).toBeLessThanOrEqual(255);
		expect(emoji).toBe(`${'😀'.repeat(60)}-e9893d04.mp3`);
	});

	it('turns control characters, lone surrogates and characters file systems refuse into spaces', () => {
		expect(
			fileNameFor(clip('\u0000a\u001fb\u007fc\ud800d/e\\f:g*h?i"j<k>l|m\n'), URL_MP3, 'audio'),
		).toBe('a b c d e f g h i j k l m-e9893d04.mp3');
		expect(fileNameFor(clip(' .. \t '), URL_MP3, 'audio')).toBe('Suno clip-e9893d04.mp3');
		expect(fileNameFor(clip('x'.repeat(99) + '  y'), URL_MP3, 'audio')).toBe(
			`${'x'.repeat(99)}-e9893d04.mp3`,
		);
	});

	it('names clips without an id apart, by a stable hash of their audio URL', () => {
		const first = fileNameFor(
			clip('Same', null, 'https://cdn.example/1.mp3'),
			'https://cdn.example/1.mp3',
			'audio',
		);
		const second = fileNameFor(
			clip('Same', null, 'https://cdn.example/2.mp3'),
			'https://cdn.example/2.mp3',
			'audio',
		);
		expect(first).toMatch(/^Same-[0-9a-f]{8}\.mp3$/);
		expect(second).toMatch(/^Same-[0-9a-f]{8}\.mp3$/);
		expect(first).not.toBe(second);
		expect(
			fileNameFor(
				clip('Same', null, 'https://cdn.example/1.mp3'),
				'https://cdn.example/1.jpeg',
				'image',
			),
		).toBe(first.replace('.mp3', '.jpeg'));
	});

	it('adds -<copy> from the second copy on, still within 255 bytes', () => {
		expect(fileNameFor(clip('T'), URL_MP3, 'audio', 2)).toBe('T-e9893d04-2.mp3');
		expect(bytes(fileNameFor(clip('音'.repeat(100)), URL_MP3, 'audio', 12))).toBeLessThanOrEqual(
			255,
		);
	});

	it('holds for any title: at most 255 bytes, no lone surrogate, no control or refused character', () => {
		// `size: 'max'`: titles past the cuts, which the default small sizes never reach.
		const title = fc.oneof(
			fc.string({ unit: 'binary', maxLength: 300, size: 'max' }),
			fc.string({ unit: 'grapheme', maxLength: 150, size: 'max' }),
			fc.string({ maxLength: 300, size: 'max' }),
		);
		fc.assert(
			fc.property(
				title,
				fc.option(fc.string({ maxLength: 40 }), { nil: null }),
				fc.integer({ min: 1, max: 999 }),
				(text, id, copy) => {
					const name = fileNameFor(clip(text, id), URL_MP3, 'audio', copy);
					expect(bytes(name)).toBeLessThanOrEqual(255);
					expect(hasLoneSurrogate(name)).toBe(false);
					expect(() => encodeURIComponent(name)).not.toThrow();
					expect(
						Array.from(name).some(
							(char) =>
								char.codePointAt(0)! < 0x20 ||
								char.codePointAt(0) === 0x7f ||
								'/\\:*?"<>|'.includes(char),
						),
					).toBe(false);
					expect(name).toMatch(/\.mp3$/);
				},
			),
			{ numRuns: 300 },
		);
	});
});
