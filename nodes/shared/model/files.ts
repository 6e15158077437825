/**
 * The files a clip has: which kinds, their URLs, MIME types and safe file names. Pure: no I/O,
 * nothing about n8n.
 */
import type { Clip } from './task';

export const FILE_KINDS = {
	audio: {
		label: 'audio file',
		url: (clip: Clip) => clip.audioUrl,
		extension: 'mp3',
		property: 'audio',
		tag: '',
	},
	image: {
		label: 'cover image',
		url: (clip: Clip) => clip.imageUrl,
		extension: 'jpeg',
		property: 'image',
		tag: '',
	},
	imageLarge: {
		label: 'large cover image',
		url: (clip: Clip) => clip.imageLargeUrl,
		extension: 'jpeg',
		property: 'imageLarge',
		tag: '-large',
	},
	video: {
		label: 'video',
		url: (clip: Clip) => clip.videoUrl,
		extension: 'mp4',
		property: 'video',
		tag: '',
	},
} as const;

export type FileKind = keyof typeof FILE_KINDS;

export const FILE_KIND_NAMES = Object.keys(FILE_KINDS) as FileKind[];

export const MIME_TYPES: Record<string, string> = {
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	m4a: 'audio/mp4',
	jpeg: 'image/jpeg',
	jpg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	mp4: 'video/mp4',
};

/** The file type a URL names (`…/song.wav` → `wav`), if it is one we know. */
export function urlExtension(url: string): string | null {
	let path: string;
	try {
		path = new URL(url, 'http://relative.invalid').pathname; // a relative URL names a type too
	} catch {
		return null;
	}
	const named = /\.([a-z0-9]{2,4})$/i.exec(path)?.[1]?.toLowerCase();
	return named && named in MIME_TYPES ? named : null;
}

/** The extension for a MIME type we know (`audio/wav` → `wav`). */
export function extensionFor(mimeType: string | null): string | null {
	return Object.keys(MIME_TYPES).find((extension) => MIME_TYPES[extension] === mimeType) ?? null;
}

/** Characters some file system refuses in a name; control characters are refused by code point. */
const UNSAFE_IN_NAMES = new Set('/\\:*?"<>|');
/** ext4 and APFS take 255 UTF-8 bytes a name, NTFS 255 UTF-16 units (never more than the bytes). */
const MAX_NAME_BYTES = 255;
const MAX_TITLE_CHARACTERS = 100;

// Intl.Segmenter (Node 16+) is missing from the ES2019 typings this package compiles against.
type SegmenterClass = new () => { segment(text: string): Iterable<{ segment: string }> };
const Segmenter = (Intl as unknown as { Segmenter?: SegmenterClass }).Segmenter;
const segmenter = Segmenter ? new Segmenter() : undefined;

/** What a reader sees as one character (a flag, a family emoji), so a cut never splits one. */
const characters = (text: string): string[] =>
	segmenter ? Array.from(segmenter.segment(text), (part) => part.segment) : Array.from(text);
const trimName = (text: string) => text.replace(/^[\s.]+|[\s.]+$/g, '');

const utf8Bytes = (text: string) =>
	Array.from(text).reduce((sum, char) => {
		const point = char.codePointAt(0)!;
		return sum + (point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4);
	}, 0);

/** 8 hex digits (FNV-1a): a stable tag for a clip the provider gave no id. */
function shortHash(text: string): string {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++)
		hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
	return hash.toString(16).padStart(8, '0');
}

/**
 * `Electric Dance Party-e9893d04.mp3`: the title made safe for any file system, then the clip id
 * (without one, a hash of the clip's audio URL), `-<copy>` from the second copy of a name on. Cut
 * on whole characters to fit 255 UTF-8 bytes: a lone surrogate would make n8n's encodeURIComponent
 * throw, and a longer name does not fit a file system.
 */
export function fileNameFor(clip: Clip, url: string, kind: FileKind, copy = 1): string {
	// The large cover is tagged: both covers are JPEGs, and one must not overwrite the other on disk.
	const { extension: fallbackExtension, tag } = FILE_KINDS[kind];
	const id =
		(clip.clipId ?? '').replace(/[^\w-]/g, '').slice(0, 8) || shortHash(clip.audioUrl ?? url);
	const extension = urlExtension(url) ?? fallbackExtension;
	const suffix = `-${id}${tag}${copy > 1 ? `-${copy}` : ''}.${extension}`; // ASCII: one byte a character
	const safe = trimName(
		Array.from(clip.title ?? '', (char) => {
			const point = char.codePointAt(0)!;
			const unsafe =
				point < 0x20 ||
				point === 0x7f ||
				(point >= 0xd800 && point <= 0xdfff) ||
				UNSAFE_IN_NAMES.has(char);
			return unsafe ? ' ' : char;
		})
			.join('')
			.replace(/\s+/g, ' '),
	);
	let title = '';
	let bytes = suffix.length;
	for (const char of characters(safe).slice(0, MAX_TITLE_CHARACTERS)) {
		bytes += utf8Bytes(char);
		if (bytes > MAX_NAME_BYTES) break;
		title += char;
	}
	return `${trimName(title) || 'Suno clip'}${suffix}`;
}
