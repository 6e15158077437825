'use strict';
/**
 * The local provider's media files, made in code (no binaries checked in, no dependencies), each
 * exactly the size asked for and seeded by its name, so a test can compare what arrived:
 * - .wav: a real WAV (PCM, 8 kHz mono 16-bit: 4 s a 64 KiB file), a looping arpeggio whose key
 *   follows the name; a larger file plays the loop again, a smaller one is cut short.
 * - .jpeg: a real baseline JPEG, a mosaic of 8×8 blocks in the name's colour (128 px, 256 px for
 *   `image_large_…`), padded to size with comment segments.
 * - anything else (.mp3, .mp4, .png): only the format's first bytes, then filler: not playable.
 *   An MP3 or MP4 encoder here would be out of proportion. Songs are `.mp3` by default, as the
 *   gateways name them (the node judges a WAV conversion by its `.wav`); the provider's
 *   `songFormat: 'wav'` makes them this real WAV instead, for the demo and `npm run dev`.
 */
const crypto = require('node:crypto');

const FILLER_HEADERS = {
	mp3: Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'),
	png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	mp4: Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70]),
};
const FILLER_BLOCK = 1024 * 1024;

const seedOf = (name) => crypto.createHash('sha256').update(name).digest();

/** The first `size` bytes of `parts` (a file shorter than its headers is cut there). */
function* upTo(size, parts) {
	let left = size;
	for (const part of parts) {
		if (left <= 0) return;
		yield part.subarray(0, left);
		left -= part.length;
	}
}

// ---- filler: a format's first bytes, then a SHA-256 chain seeded by the name ----

function fillerBlock(name, size) {
	const block = Buffer.alloc(Math.min(size, FILLER_BLOCK));
	let seed = seedOf(name);
	for (let offset = 0; offset < block.length; offset += seed.length) {
		seed.copy(block, offset, 0, Math.min(seed.length, block.length - offset));
		seed = crypto.createHash('sha256').update(seed).digest();
	}
	return block;
}

function* fillerChunks(name, size) {
	const header = FILLER_HEADERS[name.split('.').pop()] || Buffer.alloc(0);
	yield header.subarray(0, size);
	const bodySize = Math.max(0, size - header.length);
	const block = fillerBlock(name, bodySize);
	for (let sent = 0; sent < bodySize; sent += block.length)
		yield block.subarray(0, Math.min(block.length, bodySize - sent));
}

// ---- WAV: an arpeggio over I–vi–IV–V, a quarter second a note, a bass note under each chord ----

const SAMPLE_RATE = 8000;
const NOTE_SAMPLES = SAMPLE_RATE / 4;
const CHORDS = [
	[60, 64, 67, 72],
	[57, 60, 64, 69],
	[53, 57, 60, 65],
	[55, 59, 62, 67],
];

const hertz = (midi) => 440 * 2 ** ((midi - 69) / 12);

/** A soft attack, an exponential decay and a short release, so notes start and end without clicks. */
function envelope(at, length, decay) {
	const seconds = at / SAMPLE_RATE;
	const edge = Math.min(1, at / 80, (length - at) / 80);
	return edge * Math.exp(-seconds * decay);
}

/** One pass of the loop (4 s), as 16-bit little-endian samples, transposed by the name. */
function melodyLoop(name) {
	const transpose = 12 + (seedOf(name)[0] % 7);
	const loop = Buffer.alloc(CHORDS.length * 4 * NOTE_SAMPLES * 2);
	CHORDS.forEach((chord, chordIndex) => {
		const bass = hertz(chord[0] + transpose - 24);
		const chordStart = chordIndex * 4 * NOTE_SAMPLES;
		for (let at = 0; at < 4 * NOTE_SAMPLES; at++) {
			const note = hertz(chord[Math.floor(at / NOTE_SAMPLES)] + transpose);
			const inNote = at % NOTE_SAMPLES;
			const phase = (2 * Math.PI * inNote) / SAMPLE_RATE;
			const lead =
				envelope(inNote, NOTE_SAMPLES, 5) *
				(Math.sin(phase * note) +
					0.3 * Math.sin(2 * phase * note) +
					0.1 * Math.sin(3 * phase * note));
			const low =
				envelope(at, 4 * NOTE_SAMPLES, 1.5) * Math.sin(((2 * Math.PI * at) / SAMPLE_RATE) * bass);
			const sample = Math.round(0.4 * 32767 * (0.75 * lead + 0.5 * low));
			loop.writeInt16LE(sample, (chordStart + at) * 2);
		}
	});
	return loop;
}

/** RIFF header, `fmt ` (PCM), a LIST/INFO title (the name, so every file differs) and `data`'s head. */
function wavHeader(name, size) {
	const title = Buffer.from(`${name}\0`, 'utf8');
	const titleField = Buffer.concat([title, Buffer.alloc(title.length % 2)]);
	const info = Buffer.alloc(12 + 8);
	info.write('LIST', 0, 'latin1');
	info.writeUInt32LE(4 + 8 + titleField.length, 4);
	info.write('INFO', 8, 'latin1');
	info.write('INAM', 12, 'latin1');
	info.writeUInt32LE(title.length, 16);
	const fmt = Buffer.alloc(24);
	fmt.write('fmt ', 0, 'latin1');
	fmt.writeUInt32LE(16, 4);
	fmt.writeUInt16LE(1, 8); // PCM
	fmt.writeUInt16LE(1, 10); // mono
	fmt.writeUInt32LE(SAMPLE_RATE, 12);
	fmt.writeUInt32LE(SAMPLE_RATE * 2, 16);
	fmt.writeUInt16LE(2, 20);
	fmt.writeUInt16LE(16, 22);
	const headerLength = 12 + fmt.length + info.length + titleField.length + 8;
	const dataLength = Math.max(0, size - headerLength) & ~1;
	const riff = Buffer.alloc(12);
	riff.write('RIFF', 0, 'latin1');
	riff.writeUInt32LE(Math.max(0, size - 8), 4);
	riff.write('WAVE', 8, 'latin1');
	const data = Buffer.alloc(8);
	data.write('data', 0, 'latin1');
	data.writeUInt32LE(dataLength, 4);
	return { parts: [riff, fmt, info, titleField, data], headerLength, dataLength };
}

function* wavChunks(name, size) {
	const { parts, headerLength, dataLength } = wavHeader(name, size);
	yield* upTo(size, parts);
	if (size <= headerLength) return;
	const loop = melodyLoop(name);
	for (let sent = 0; sent < dataLength; sent += loop.length)
		yield loop.subarray(0, Math.min(loop.length, dataLength - sent));
	// An odd size leaves one byte after the samples (RIFF's pad byte).
	if ((size - headerLength) % 2 === 1) yield Buffer.alloc(1);
}

// ---- JPEG: baseline, YCbCr 4:4:4, each 8×8 block one colour (DC only, every AC zero) ----

const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]; // the standard luminance DC table
const DC_CODES = (() => {
	const codes = [];
	let code = 0;
	DC_BITS.forEach((count, index) => {
		for (let n = 0; n < count; n++) codes.push({ code: code++, length: index + 1 });
		code <<= 1;
	});
	return codes; // indexed by category 0..11
})();
const EOB = { code: 0, length: 1 }; // the AC table holds one symbol, end-of-block, coded "0"
const DC_STEP = 8; // DC = 8 × the block's mean (level-shifted), so a step of 8 keeps it exact
const COM_MAX = 65533;

function segment(marker, body) {
	const head = Buffer.from([0xff, marker, 0, 0]);
	head.writeUInt16BE(body.length + 2, 2);
	return Buffer.concat([head, body]);
}

/** Packs Huffman codes and raw bits MSB first, stuffing a 0 after every 0xFF byte. */
class BitWriter {
	constructor() {
		this.bytes = [];
		this.buffer = 0;
		this.count = 0;
	}
	write(value, length) {
		for (let bit = length - 1; bit >= 0; bit--) {
			this.buffer = (this.buffer << 1) | ((value >> bit) & 1);
			if (++this.count === 8) this.flushByte();
		}
	}
	flushByte() {
		this.bytes.push(this.buffer);
		if (this.buffer === 0xff) this.bytes.push(0);
		this.buffer = 0;
		this.count = 0;
	}
	end() {
		while (this.count !== 0) this.write(1, 1);
		return Buffer.from(this.bytes);
	}
}

/** The block's colour: the name's hue, lighter toward the centre, a diagonal shimmer across. */
function blockColour(seed, column, row, blocks) {
	const [r, g, b] = [seed[1], seed[2], seed[3]].map((v) => 60 + (v % 160));
	const centre = (blocks - 1) / 2;
	const distance = Math.hypot(column - centre, row - centre) / (centre * Math.SQRT2);
	const light = 1.25 - 0.75 * distance + 0.08 * Math.sin((column + row) * 0.9);
	const clamp = (v) => Math.max(0, Math.min(255, v * light));
	const [R, G, B] = [clamp(r), clamp(g), clamp(b)];
	return [
		0.299 * R + 0.587 * G + 0.114 * B,
		128 - 0.168736 * R - 0.331264 * G + 0.5 * B,
		128 + 0.5 * R - 0.418688 * G - 0.081312 * B,
	];
}

function scanData(seed, blocks) {
	const bits = new BitWriter();
	const previous = [0, 0, 0];
	for (let row = 0; row < blocks; row++)
		for (let column = 0; column < blocks; column++)
			blockColour(seed, column, row, blocks).forEach((value, component) => {
				const dc = Math.max(-127, Math.min(127, Math.round(value - 128)));
				const diff = dc - previous[component];
				previous[component] = dc;
				const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
				bits.write(DC_CODES[category].code, DC_CODES[category].length);
				bits.write(diff >= 0 ? diff : diff + (1 << category) - 1, category);
				bits.write(EOB.code, EOB.length);
			});
	return bits.end();
}

/** Everything after the comments: tables, frame, scan, end of image. */
function jpegBody(seed, pixels) {
	const dqt = segment(0xdb, Buffer.from([0, ...new Array(64).fill(DC_STEP)]));
	const sof = Buffer.from([8, 0, 0, 0, 0, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
	sof.writeUInt16BE(pixels, 1);
	sof.writeUInt16BE(pixels, 3);
	const dht = segment(
		0xc4,
		Buffer.from([
			0x00,
			...DC_BITS,
			...DC_CODES.map((_, i) => i),
			0x10,
			1,
			...new Array(15).fill(0),
			0x00,
		]),
	);
	const sos = segment(0xda, Buffer.from([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]));
	const scan = scanData(seed, pixels / 8);
	return Buffer.concat([dqt, segment(0xc0, sof), dht, sos, scan, Buffer.from([0xff, 0xd9])]);
}

/** Comment segments (4-byte head each) that add exactly `padding` bytes; 1-3 bytes cannot be. */
function* commentPadding(padding) {
	const spaces = Buffer.alloc(COM_MAX, 0x20);
	const head = (length) => Buffer.from([0xff, 0xfe, (length + 2) >> 8, (length + 2) & 0xff]);
	let left = padding;
	while (left > 0) {
		// Leave no remainder of 1-3 bytes, which no segment could hold.
		let length = Math.min(COM_MAX, left - 4);
		if (left - 4 - length > 0 && left - 4 - length < 4) length -= 4;
		yield head(length);
		yield spaces.subarray(0, length);
		left -= 4 + length;
	}
}

function* jpegChunks(name, size) {
	const seed = seedOf(name);
	const pixels = /(^|\/)image_large_/.test(name) ? 256 : 128;
	const jfif = segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]));
	const title = segment(0xfe, Buffer.from(name.slice(0, COM_MAX), 'utf8').subarray(0, COM_MAX));
	const head = Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, title]);
	const body = jpegBody(seed, pixels);
	const padding = size - head.length - body.length;
	if (padding < 4) return yield* upTo(size, [head, body, Buffer.alloc(Math.max(0, padding))]);
	yield head;
	yield* commentPadding(padding);
	yield body;
}

/** The file's bytes in order, a chunk at a time, exactly `size` of them. */
function mediaChunks(name, size) {
	const ext = name.split('.').pop();
	if (ext === 'wav') return wavChunks(name, size);
	if (ext === 'jpeg' || ext === 'jpg') return jpegChunks(name, size);
	return fillerChunks(name, size);
}

/** Deterministic bytes for a media file, so tests can compare what arrived. */
function mediaBytes(name, size) {
	return Buffer.concat([...mediaChunks(name, size)]);
}

module.exports = { mediaChunks, mediaBytes, SAMPLE_RATE };
