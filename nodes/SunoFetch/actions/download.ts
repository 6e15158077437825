/**
 * Download Files: a finished clip's audio, cover images and video attached to its item as n8n
 * binary data, streamed (so n8n's filesystem binary mode keeps memory flat), a few at a time.
 */
import {
	NodeApiError,
	type IBinaryKeyData,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import { settleEach } from '../helpers/pool';
import { normaliseStatus } from '../model/normalise';
import type { Clip } from '../model/task';
import { openDownload } from '../transport/download';
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

/** `Electric Dance Party-e9893d04.mp3`: the title made safe for any file system, and the clip id. */
export function fileNameFor(clip: Clip, url: string, fallbackExtension: string): string {
	const title =
		(clip.title ?? '')
			.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ')
			.replace(/\s+/g, ' ')
			.replace(/^[\s.]+|[\s.]+$/g, '')
			.slice(0, 100) || 'Suno clip';
	const id = (clip.clipId ?? '').replace(/[^\w-]/g, '').slice(0, 8);
	const fromUrl = /\.([a-z0-9]{2,4})$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
	const extension = fromUrl && fromUrl in MIME_TYPES ? fromUrl : fallbackExtension;
	return `${title}${id ? `-${id}` : ''}.${extension}`;
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
	const jobs: Array<{ entry: OutputEntry; kind: FileKind; url: string }> = [];
	for (const entry of entries) {
		const reason = notReady(entry.clip, entry.json.taskStatus ?? (entry.json.task as IDataObject | undefined)?.status);
		const skipped: string[] = reason ? [reason] : [];
		if (entry.clip && !reason) {
			for (const kind of download.kinds) {
				const url = FILE_KINDS[kind].url(entry.clip);
				if (url) jobs.push({ entry, kind, url });
				else skipped.push(`The provider has no ${FILE_KINDS[kind].label} for this clip yet.`);
			}
		}
		entry.json.downloadSkipped = skipped.length > 0 ? skipped.join(' ') : null;
	}

	const outcomes = await settleEach(jobs, fetch.concurrency, async ({ entry, kind, url }) => {
		const { label, extension } = FILE_KINDS[kind];
		const file = await openDownload.call(this, url, entry.itemIndex, fetch.policy, download.maxBytes, label);
		const fileName = fileNameFor(entry.clip!, url, extension);
		const byName = MIME_TYPES[fileName.split('.').pop()!];
		const sent = file.contentType && !/octet-stream|^binary\//.test(file.contentType) ? file.contentType : null;
		try {
			return await this.helpers.prepareBinaryData(
				file.body as unknown as Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0],
				fileName,
				sent ?? byName,
			);
		} catch (error) {
			file.body.destroy();
			const message = (error as Error).message;
			throw new NodeApiError(this.getNode(), { message } as JsonObject, {
				message: message.startsWith('The ') ? message : `The download of the ${label} broke off: ${message}`,
				description: `URL: ${url}`,
				itemIndex: entry.itemIndex,
			});
		}
	});

	outcomes.forEach((outcome, index) => {
		const { entry, kind } = jobs[index];
		if (!outcome.ok) {
			entry.error ??= outcome.error;
			return;
		}
		entry.binary = { ...entry.binary, [download.properties[kind]]: outcome.value };
	});
}
