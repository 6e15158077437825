/** The key never passes on in an item: every text masked, keys and nested values too. */
import { masked, redact } from '../../../../nodes/shared/model/values';

const KEY = 'sk-live"quote\\back';
const mask = (text: string) => redact(text, KEY);

describe('masked', () => {
	it('gives the item itself, not a copy, when it holds no key', () => {
		const item = { title: 'Song', nested: { list: ['a', 1, null, { url: 'https://x/a.mp3' }] } };
		expect(masked(item, mask)).toBe(item);
	});

	it('masks the key in strings at any depth, in arrays and in object keys', () => {
		const item = {
			audioUrl: `https://cdn/a.mp3?key=${KEY}`,
			raw: { list: [`x${KEY}y`, 2], [`field-${KEY}`]: true },
			duration: 4.1,
		};
		const clean = masked(item, mask);
		expect(JSON.stringify(clean)).not.toContain('sk-live');
		expect(clean).toEqual({
			audioUrl: 'https://cdn/a.mp3?key=***',
			raw: { list: ['x***y', 2], 'field-***': true },
			duration: 4.1,
		});
		// The original is left as it was.
		expect(item.audioUrl).toContain(KEY);
	});

	it('keeps what holds no key as it was, beside what does', () => {
		const untouched = { deep: ['a', 2, null] };
		const clean = masked({ untouched, leak: KEY }, mask);
		expect(clean.untouched).toEqual(untouched);
		expect(clean.leak).toBe('***');
	});
});
