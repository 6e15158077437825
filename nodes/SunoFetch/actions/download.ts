/**
 * Download Files: a finished clip's audio, cover images and video attached to its item as n8n
 * binary data, streamed (so n8n's filesystem binary mode keeps memory flat), a few at a time.
 */
import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { settleEach } from '../helpers/pool';
import { normaliseStatus } from '../model/normalise';
import type { Clip } from '../model/task';
import { downloadFile } from '../transport/download';
import type { FetchSettings } from './options';

export const FILE_KINDS = {
	audio: { label: 'audio file', url: (clip: Clip) => clip.audioUrl, extension: 'mp3', property: 'audio' },
	image: { label: 'cover image', url: (clip: Clip) => clip.imageUrl, extension: 'jpeg', property: 'image' },
	imageLarge: { label: 'large cover image', url: (clip: Clip) => clip.imageLargeUrl, extension: 'jpeg', property: 'imageLarge' },
	video: { label: 'video', url: (clip: Clip) => clip.videoUrl, extension: 'mp4', property: 'video' },
} as const;

export type FileKind = keyof typeof FILE_KINDS;

const MIME_TYPES: Record<string, string> = {
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	m4a: 'audio/mp4',
	jpeg: 'image/jpeg',
	jpg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	mp4: 'video/mp4',
};

export const downloadFields: INodeProperties[] = [
	{
		displayName: 'Download Files',
		name: 'downloadFiles',
		type: 'multiOptions',
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'Cover Image', value: 'image' },
			{ name: 'Large Cover Image', value: 'imageLarge' },
			{ name: 'Video', value: 'video' },
		],
		default: [],
		description:
			'Files of finished clips to attach as binary data, ready for S3, Google Drive, disk, Telegram or e-mail nodes. Unfinished clips are not downloaded; their item says why in downloadSkipped.',
	},
];

export const downloadOptions: INodeProperties[] = [
	{
		displayName: 'Binary Property: Audio',
		name: 'audioProperty',
		type: 'string',
		default: 'audio',
		description: 'The binary property that holds the audio file',
	},
	{
		displayName: 'Binary Property: Cover Image',
		name: 'imageProperty',
		type: 'string',
		default: 'image',
		description: 'The binary property that holds the cover image',
	},
	{
		displayName: 'Binary Property: Large Cover Image',
		name: 'imageLargeProperty',
		type: 'string',
		default: 'imageLarge',
		description: 'The binary property that holds the large cover image',
	},
	{
		displayName: 'Binary Property: Video',
		name: 'videoProperty',
		type: 'string',
		default: 'video',
		description: 'The binary property that holds the video',
	},
	{
		displayName: 'Max File Size (MB)',
		name: 'maxFileSize',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 500,
		description: 'A larger file is not downloaded; its item gets an error instead',
	},
];

export interface DownloadSettings {
	kinds: FileKind[];
	properties: Record<FileKind, string>;
	maxBytes: number;
}

export function readDownloadSettings(this: IExecuteFunctions): DownloadSettings {
	const kinds = (this.getNodeParameter('downloadFiles', 0, []) as string[]).filter(
		(kind): kind is FileKind => kind in FILE_KINDS,
	);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const property = (kind: FileKind) => {
		const name = options[`${kind}Property`];
		return typeof name === 'string' && name.trim() !== '' ? name.trim() : FILE_KINDS[kind].property;
	};
	const maxMb = Number(options.maxFileSize ?? 500);
	return {
		kinds,
		properties: { audio: property('audio'), image: property('image'), imageLarge: property('imageLarge'), video: property('video') },
		maxBytes: (Number.isFinite(maxMb) && maxMb > 0 ? maxMb : 500) * 1e6,
	};
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
	for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
	return hash.toString(16).padStart(8, '0');
}

/**
 * `Electric Dance Party-e9893d04.mp3`: the title made safe for any file system, then the clip id
 * (without one, a hash of the clip's audio URL), `-<copy>` from the second copy of a name on. Cut
 * on whole characters to fit 255 UTF-8 bytes: a lone surrogate would make n8n's encodeURIComponent
 * throw, and a longer name does not fit a file system.
 */
export function fileNameFor(clip: Clip, url: string, fallbackExtension: string, copy = 1): string {
	const id = (clip.clipId ?? '').replace(/[^\w-]/g, '').slice(0, 8) || shortHash(clip.audioUrl ?? url);
	const fromUrl = /\.([a-z0-9]{2,4})$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
	const extension = fromUrl && fromUrl in MIME_TYPES ? fromUrl : fallbackExtension;
	const suffix = `-${id}${copy > 1 ? `-${copy}` : ''}.${extension}`; // ASCII: one byte a character
	const safe = trimName(
		Array.from(clip.title ?? '', (char) => {
			const point = char.codePointAt(0)!;
			const unsafe = point < 0x20 || point === 0x7f || (point >= 0xd800 && point <= 0xdfff) || UNSAFE_IN_NAMES.has(char);
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

/** An output item on its way out: files are added to it, or an error replaces it. */
export interface OutputEntry {
	itemIndex: number;
	json: IDataObject;
	clip: Clip | null;
	binary?: IBinaryKeyData;
	error?: unknown;
}

function notReady(clip: Clip | null, taskStatus: unknown): string | null {
	if (!clip) return 'This item has no clip, so there is nothing to download.';
	const status = normaliseStatus(clip.clipStatus ?? taskStatus);
	if (status === 'SUCCESS') return null;
	return `The clip is not finished (${clip.clipStatus ?? String(taskStatus)}): its files are not ready yet.`;
}

export async function attachFiles(
	this: IExecuteFunctions,
	entries: OutputEntry[],
	fetch: FetchSettings,
	download: DownloadSettings,
): Promise<void> {
	// Two clips never share a name (a save-to-disk step would overwrite one song with the other),
	// compared without case for macOS and Windows disks; the same clip asked for twice keeps its name.
	const owners = new Map<string, Clip>();
	const nameFor = (clip: Clip, url: string, extension: string) => {
		for (let copy = 1; ; copy++) {
			const name = fileNameFor(clip, url, extension, copy);
			const owner = owners.get(name.toLowerCase());
			if (owner === undefined || owner === clip) {
				owners.set(name.toLowerCase(), clip);
				return name;
			}
		}
	};
	const jobs: Array<{ entry: OutputEntry; kind: FileKind; url: string; fileName: string }> = [];
	for (const entry of entries) {
		const reason = notReady(entry.clip, entry.json.taskStatus ?? (entry.json.task as IDataObject | undefined)?.status);
		const skipped: string[] = reason ? [reason] : [];
		if (entry.clip && !reason) {
			for (const kind of download.kinds) {
				const url = FILE_KINDS[kind].url(entry.clip);
				if (url) jobs.push({ entry, kind, url, fileName: nameFor(entry.clip, url, FILE_KINDS[kind].extension) });
				else skipped.push(`The provider has no ${FILE_KINDS[kind].label} for this clip yet.`);
			}
		}
		entry.json.downloadSkipped = skipped.length > 0 ? skipped.join(' ') : null;
	}

	const outcomes = await settleEach(jobs, fetch.concurrency, ({ entry, kind, url, fileName }) =>
		downloadFile.call(this, url, entry.itemIndex, fetch.policy, download.maxBytes, FILE_KINDS[kind].label, (body, contentType) => {
			const sent = contentType && !/octet-stream|^binary\//.test(contentType) ? contentType : null;
			return this.helpers.prepareBinaryData(
				body as unknown as Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0],
				fileName,
				sent ?? MIME_TYPES[fileName.split('.').pop()!],
			);
		}),
	);

	outcomes.forEach((outcome, index) => {
		const { entry, kind } = jobs[index];
		if (!outcome.ok) {
			entry.error ??= outcome.error;
			return;
		}
		entry.binary = { ...entry.binary, [download.properties[kind]]: outcome.value };
	});
}
