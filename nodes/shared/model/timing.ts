/**
 * `GET /suno/act/timing/{clip_id}` (suno-extras.md §8): Suno's aligned words, each with the
 * section tags and line breaks of the lyrics glued on (`"[Verse]\nWinter "`), read into clean
 * words, lines and subtitle files. Pure; nothing here knows about n8n.
 */
import { envelopeProblem, parseObject, type ResponseProblem } from './normalise';
import type { ProviderObject } from './task';
import { isObject, numberOrNull, text } from './values';

export interface TimedWord {
	word: string;
	startS: number;
	endS: number;
	/** Suno aligned this word (`success`); when false, its times are an estimate. */
	aligned: boolean;
	lineIndex: number;
}

export interface TimedLine {
	text: string;
	startS: number;
	endS: number;
	/** The lyrics section the line is in (`Verse`, `Chorus`), when the lyrics mark one. */
	section: string | null;
	lineIndex: number;
}

export interface Timing {
	words: TimedWord[];
	lines: TimedLine[];
}

const SECTION = /^\s*\[([^\]]*)\]\s*$/;

/** One aligned word as the provider sent it: its text split at line breaks, and its times. */
interface AlignedWord {
	parts: string[];
	/** Null when the times are missing or not sane (allowed only for a section tag alone). */
	times: { startS: number; endS: number } | null;
	aligned: boolean;
}

/** The words and lines read so far, the section they are in and the line being built. */
interface Reading extends Timing {
	section: string | null;
	line: TimedLine | null;
}

/** The answer as words and lines, or the problem that stops reading it. */
export function readTiming(body: unknown): Timing | { problem: ResponseProblem } {
	const read = parseObject(body);
	if ('problem' in read) return read;
	const source = alignedWordsOf(read.object);
	if ('problem' in source) return source;
	const reading: Reading = { words: [], lines: [], section: null, line: null };
	for (const [position, entry] of source.alignedWords.entries()) {
		const word = readWord(entry, position);
		if ('problem' in word) return word;
		word.parts.forEach((part, index) => {
			addPart(reading, part, word);
			if (index < word.parts.length - 1) endLine(reading);
		});
	}
	endLine(reading);
	return { words: reading.words, lines: reading.lines };
}

/** The `aligned_words` list, at the top or in `data`, or the problem the answer states instead. */
function alignedWordsOf(
	parsed: ProviderObject,
): { alignedWords: unknown[] } | { problem: ResponseProblem } {
	const problem = 'aligned_words' in parsed ? null : envelopeProblem(parsed);
	if (problem) return { problem };
	const source = Array.isArray(parsed.aligned_words)
		? parsed.aligned_words
		: isObject(parsed.data) && Array.isArray(parsed.data.aligned_words)
			? parsed.data.aligned_words
			: null;
	if (source === null) {
		const preview = JSON.stringify(parsed).slice(0, 200);
		return {
			problem: { message: `The provider's answer holds no aligned_words: ${preview}`, code: null },
		};
	}
	return { alignedWords: source };
}

/** One entry of `aligned_words`; a sung word without sane times is a problem. */
function readWord(entry: unknown, position: number): AlignedWord | { problem: ResponseProblem } {
	const raw = isObject(entry) ? (text(entry.word) ?? '') : '';
	// "[Verse]\nWinter ": a section tag, a line break, then the word; "deep\n" ends its line.
	const parts = raw.split('\n');
	const sung = parts.some((part) => part.trim() !== '' && !SECTION.test(part));
	const startS = isObject(entry) ? numberOrNull(entry.start_s) : null;
	const endS = isObject(entry) ? numberOrNull(entry.end_s) : null;
	// A sung word without sane times would put subtitles in the wrong place: say so, drop
	// nothing. A section tag alone is not sung and needs none.
	const timed = startS !== null && endS !== null && startS >= 0 && endS >= startS;
	if (!isObject(entry) || (sung && !timed)) {
		const shown = JSON.stringify(entry).slice(0, 120);
		return {
			problem: {
				message: `word ${position + 1} has no usable start_s and end_s: ${shown}`,
				code: null,
			},
		};
	}
	// `success` as Suno sends it, or as text ("false") from a relay that re-encodes it.
	const aligned = !(entry.success === false || /^(false|0)$/i.test(String(entry.success)));
	return { parts, times: timed ? { startS, endS } : null, aligned };
}

/** A section tag starts a new section; sung text joins the current line as a word. */
function addPart(reading: Reading, part: string, word: AlignedWord): void {
	const tag = SECTION.exec(part);
	if (tag) {
		endLine(reading);
		reading.section = tag[1].trim() || null;
		return;
	}
	const { times } = word;
	if (part.trim() === '' || times === null) return;
	const { startS, endS } = times;
	const { section, lines } = reading;
	const line = (reading.line ??= { text: '', startS, endS, section, lineIndex: lines.length });
	// The provider's own spacing: "Winter " + "winds", but "我" + "爱" + "你".
	line.text += part;
	line.startS = Math.min(line.startS, startS);
	line.endS = Math.max(line.endS, endS);
	reading.words.push({
		word: part.trim(),
		startS,
		endS,
		aligned: word.aligned,
		lineIndex: line.lineIndex,
	});
}

/** Closes the line being built (if any), its spacing made single. */
function endLine(reading: Reading): void {
	const { line } = reading;
	if (line) reading.lines.push({ ...line, text: line.text.replace(/\s+/g, ' ').trim() });
	reading.line = null;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

function clock(seconds: number, separator: string): string {
	const ms = Math.max(0, Math.round(seconds * 1000));
	const hours = Math.floor(ms / 3_600_000);
	const minutes = Math.floor(ms / 60_000) % 60;
	return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(Math.floor(ms / 1000) % 60, 2)}${separator}${pad(ms % 1000, 3)}`;
}

/** SubRip subtitles, one cue per line. */
export function toSrt(lines: readonly TimedLine[]): string {
	return lines
		.map(
			(line, index) =>
				`${index + 1}\n${clock(line.startS, ',')} --> ${clock(line.endS, ',')}\n${line.text}\n`,
		)
		.join('\n');
}

/** LRC lyrics (`[mm:ss.xx]line`), as karaoke players and music apps read them. */
export function toLrc(lines: readonly TimedLine[]): string {
	return lines
		.map((line) => {
			const hundredths = Math.max(0, Math.round(line.startS * 100));
			const minutes = Math.floor(hundredths / 6000);
			const seconds = (hundredths % 6000) / 100;
			return `[${pad(minutes, 2)}:${seconds.toFixed(2).padStart(5, '0')}]${line.text}`;
		})
		.join('\n');
}
