/**
 * The local provider's media files are real where the demo needs them (issue #24, part 7): a song
 * you can play (WAV) and covers you can see (JPEG), of exactly the size asked for, big or small.
 * Read back here by their structure; `npm run demo` saves them for a real player.
 */
import { LocalSunoProvider, mediaBytes } from './provider';

interface Wav {
	format: number;
	channels: number;
	sampleRate: number;
	bitsPerSample: number;
	samples: Int16Array;
	riffSize: number;
}

/** Walks a RIFF/WAVE file's chunks; throws on anything a player would refuse. */
function readWav(bytes: Buffer): Wav {
	expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
	expect(bytes.toString('latin1', 8, 12)).toBe('WAVE');
	let at = 12;
	let fmt: Omit<Wav, 'samples' | 'riffSize'> | undefined;
	while (at + 8 <= bytes.length) {
		const id = bytes.toString('latin1', at, at + 4);
		const size = bytes.readUInt32LE(at + 4);
		const body = bytes.subarray(at + 8, at + 8 + size);
		expect(body.length).toBe(size);
		if (id === 'fmt ')
			fmt = {
				format: body.readUInt16LE(0),
				channels: body.readUInt16LE(2),
				sampleRate: body.readUInt32LE(4),
				bitsPerSample: body.readUInt16LE(14),
			};
		if (id === 'data') {
			const copy = Buffer.from(body);
			const samples = new Int16Array(copy.buffer, copy.byteOffset, copy.length / 2);
			return { ...fmt!, samples, riffSize: bytes.readUInt32LE(4) };
		}
		at += 8 + size + (size % 2);
	}
	throw new Error('no data chunk');
}

/** The strongest frequency among musical ones (Goertzel over a window). */
function loudestHertz(samples: Int16Array, rate: number): number {
	let best = { hertz: 0, power: 0 };
	for (let hertz = 100; hertz <= 2000; hertz += 5) {
		const coefficient = 2 * Math.cos((2 * Math.PI * hertz) / rate);
		let [s1, s2] = [0, 0];
		for (const sample of samples) [s1, s2] = [sample + coefficient * s1 - s2, s1];
		const power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
		if (power > best.power) best = { hertz, power };
	}
	return best.hertz;
}

interface Jpeg {
	width: number;
	height: number;
	components: number;
	baseline: boolean;
}

/** Walks a JPEG's segments to the scan, then the scan to EOI, which must be the last two bytes. */
function readJpeg(bytes: Buffer): Jpeg {
	expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
	let at = 2;
	let frame: Jpeg | undefined;
	for (;;) {
		expect(bytes[at]).toBe(0xff);
		const marker = bytes[at + 1];
		const length = bytes.readUInt16BE(at + 2);
		expect(length).toBeGreaterThanOrEqual(2);
		if (marker === 0xc0 || marker === 0xc2)
			frame = {
				baseline: marker === 0xc0,
				height: bytes.readUInt16BE(at + 5),
				width: bytes.readUInt16BE(at + 7),
				components: bytes[at + 9],
			};
		at += 2 + length;
		if (marker === 0xda) break;
	}
	while (at < bytes.length && !(bytes[at] === 0xff && bytes[at + 1] !== 0x00)) at += 1;
	expect([bytes[at], bytes[at + 1]]).toEqual([0xff, 0xd9]);
	expect(at + 2).toBe(bytes.length);
	expect(frame).toBeDefined();
	return frame!;
}

/** The bytes of a JPEG's padding: its comment segments of spaces only, heads included. */
function paddingOf(bytes: Buffer): number {
	let [at, padding] = [2, 0];
	while (bytes[at + 1] !== 0xda) {
		const length = bytes.readUInt16BE(at + 2);
		const body = bytes.subarray(at + 4, at + 2 + length);
		if (bytes[at + 1] === 0xfe && body.every((byte) => byte === 0x20)) padding += 2 + length;
		at += 2 + length;
	}
	return padding;
}

describe('media files', () => {
	it('a .wav is an 8 kHz mono 16-bit PCM WAV of exactly the size asked: 64 KiB is 4 s of tune', () => {
		const wav = readWav(mediaBytes('clip-a.wav', 64 * 1024));
		expect(wav).toMatchObject({ format: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 });
		expect(wav.riffSize).toBe(64 * 1024 - 8);
		expect(wav.samples.length / wav.sampleRate).toBeGreaterThan(4);
		expect(wav.samples.length / wav.sampleRate).toBeLessThan(4.2);
		const loudest = Math.max(...wav.samples.map(Math.abs));
		expect(loudest).toBeGreaterThan(8000); // audible, not silence…
		expect(loudest).toBeLessThan(32767); // …and never clipped
		// Notes change: the first quarter second and the fifth are different pitches.
		const note = (index: number) => wav.samples.subarray(index * 2000 + 200, index * 2000 + 1800);
		const first = loudestHertz(note(0), 8000);
		expect(first).toBeGreaterThan(250);
		expect(first).toBeLessThan(1200);
		expect(loudestHertz(note(1), 8000)).not.toBe(first);
	});

	it.each([101, 64 * 1024 + 1, 3 * 1024 * 1024 + 7])(
		'a .wav of %i bytes is still a WAV whose data fits the file',
		(size) => {
			const bytes = mediaBytes('clip-b.wav', size);
			expect(bytes.length).toBe(size);
			const wav = readWav(bytes);
			expect(wav.riffSize).toBe(size - 8);
			expect(wav.samples.length * 2).toBeGreaterThanOrEqual(size - 200);
		},
	);

	it('two names give two different songs (and files)', () => {
		const [a, b] = ['one.wav', 'two-other.wav'].map((name) => mediaBytes(name, 64 * 1024));
		expect(a.equals(b)).toBe(false);
	});

	it.each([
		['image_c1.jpeg', 128],
		['image_large_c1.jpeg', 256],
	])('%s is a baseline colour JPEG, %i px square', (name, pixels) => {
		expect(readJpeg(mediaBytes(name, 64 * 1024))).toEqual({
			width: pixels,
			height: pixels,
			components: 3,
			baseline: true,
		});
	});

	it('a .jpeg of any size from its natural size up stays a JPEG (comment segments fill it)', () => {
		const natural = 64 * 1024 - paddingOf(mediaBytes('image_n.jpeg', 64 * 1024));
		// The remainders a segment cannot hold (1-3 bytes) and segment boundaries included.
		const sizes = [0, 4, 5, 6, 7, 8, 65_536, 65_537, 65_538, 65_539, 65_540, 65_541, 131_075]
			.map((extra) => natural + extra)
			.concat([5 * 1024 * 1024]);
		for (const size of sizes) {
			const bytes = mediaBytes('image_n.jpeg', size);
			expect(bytes.length).toBe(size);
			expect(readJpeg(bytes).width).toBe(128);
		}
	});
});

describe("the provider's clips", () => {
	let provider: LocalSunoProvider;
	afterEach(async () => provider.stop());

	async function finishedClip(options: ConstructorParameters<typeof LocalSunoProvider>[0]) {
		provider = await new LocalSunoProvider(options).start();
		const taskId = provider.createTask({ finishAfter: 0 });
		const answer = await fetch(`${provider.url}/suno/fetch/${taskId}`, {
			headers: { authorization: `Bearer ${provider.apiKey}` },
		});
		const { data } = (await answer.json()) as { data: { data: Array<Record<string, string>> } };
		return data.data[0];
	}

	async function download(url: string) {
		const answer = await fetch(url);
		return {
			type: answer.headers.get('content-type'),
			bytes: Buffer.from(await answer.arrayBuffer()),
		};
	}

	it("songFormat 'wav' (demo, dev): the song is a .wav served as audio/wav, and it is one", async () => {
		const clip = await finishedClip({ songFormat: 'wav' });
		expect(clip.audio_url).toBe(`${provider.url}/media/${clip.id}.wav`);
		const song = await download(clip.audio_url);
		expect(song.type).toBe('audio/wav');
		const wav = readWav(song.bytes);
		expect(wav.sampleRate).toBe(8000);
		// The item's duration is what the player shows for the file.
		const plays = wav.samples.length / wav.sampleRate;
		const said = (clip as unknown as { metadata: { duration: number } }).metadata.duration;
		expect(Math.abs(said - plays)).toBeLessThan(0.02);
		const cover = await download(clip.image_large_url);
		expect(cover.type).toBe('image/jpeg');
		expect(readJpeg(cover.bytes).width).toBe(256);
	});

	it('by default the song is named .mp3 as the gateways name it, and served as audio/mpeg', async () => {
		const clip = await finishedClip({});
		expect(clip.audio_url).toBe(`${provider.url}/media/${clip.id}.mp3`);
		expect((await download(clip.audio_url)).type).toBe('audio/mpeg');
		expect((clip as unknown as { metadata: { duration: number } }).metadata.duration).toBe(121.5);
	});
});
