/** The key never passes on in an item: every text masked, keys and nested values too. */
import { masked, redact } from '../../../../nodes/shared/model/mask';
import { quoted } from '../../../../nodes/shared/model/values';

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

describe('redact', () => {
	const key = 'sk-Ab+cd/Ef=0123456789';

	// Found by hostile review: a URL carries the key percent-encoded (`?key=sk-Ab%2Bcd…`).
	it('masks the key as a URL carries it, percent-encoded', () => {
		const url = `https://cdn.example/a.mp3?key=${encodeURIComponent(key)}`;
		expect(redact(url, key)).toBe('https://cdn.example/a.mp3?key=***');
		const unicode = 'sk-ключ-123456';
		expect(redact(new URL(`https://gw.example/${unicode}`).href, unicode)).toBe(
			'https://gw.example/***',
		);
	});

	// Found by hostile review: an answer's JSON text masked before reading (lyrics timing) escapes a quote.
	it('masks the key as JSON text spells it', () => {
		expect(redact(JSON.stringify({ word: `a ${KEY}` }), KEY)).toBe('{"word":"a ***"}');
	});

	// Found by hostile review: a message that quotes part of an answer cut the key after 11 characters.
	it('masks a key cut short by a quote, down to its first two characters', () => {
		expect(redact(`answer: "xx${key.slice(0, 11)}…" (HTTP 200)`, key)).toBe(
			'answer: "xx***…" (HTTP 200)',
		);
		expect(redact(`"${key.slice(0, 3)}…"`, key)).toBe('"***…"');
		expect(redact(`"${key.slice(0, 2)}…"`, key)).toBe(`"${key.slice(0, 2)}…"`);
		expect(redact('a song…', key)).toBe('a song…');
	});

	it('masks a cut key beside lyrics that hold "…" of their own, each mark on its own', () => {
		const text = `Walking… on… "${key.slice(0, 9)}…" and again ${key.slice(0, 5)}… the end…`;
		expect(redact(text, key)).toBe('Walking… on… "***…" and again ***… the end…');
	});

	it('masks a key no URL can carry (a lone surrogate) as it is, without failing', () => {
		const odd = 'sk-\uD800-0123456789';
		expect(redact(`key ${odd} here`, odd)).toBe('key *** here');
	});

	it('leaves keys shorter than 6 characters unmasked (they would match ordinary words)', () => {
		expect(redact('the key abc12 here', 'abc12')).toBe('the key abc12 here');
	});
});

describe('quoted', () => {
	// Found by hostile review: an ID after a long message was cut off the quoted answer.
	it('cuts each long text in a value, so what follows it still shows', () => {
		const shown = quoted({ message: 'm'.repeat(500), data: { taskID: 'task_1' } });
		expect(shown).toBe(`{"message":"${'m'.repeat(100)}…","data":{"taskID":"task_1"}}`);
	});

	it('quotes an answer nested past the call stack, its depth left out', () => {
		let deep: unknown = 1;
		for (let level = 0; level < 20_000; level++) deep = [deep];
		expect(quoted({ code: 'success', trace: deep })).toBe(
			'{"code":"success","trace":[[[[[[[…]]]]]]]}',
		);
	});

	it('cuts the whole after 300 characters, marked', () => {
		const shown = quoted(Array.from({ length: 100 }, (_, index) => `id-${index}`));
		expect(shown).toHaveLength(301);
		expect(shown.endsWith('…')).toBe(true);
	});
});
