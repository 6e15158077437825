/**
 * Download Files: a finished clip's audio, cover images and video attached to its item as n8n
 * binary data, streamed (so n8n's filesystem binary mode keeps memory flat), a few at a time.
 */
import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { SunoClient } from '../client';
import { asFailure, SunoFailure } from '../failure';
import { settleEach } from '../helpers/async';
import {
	extensionFor,
	FILE_KINDS,
	fileNameFor,
	MIME_TYPES,
	urlExtension,
	type FileKind,
} from '../model/files';

import { isFinished, normaliseStatus, type Clip, type Task } from '../model/task';
import { cut } from '../model/values';
import type { RunSettings } from '../settings/read';

/** An output item on its way out: files are added to it, or an error replaces it. */
export interface OutputEntry {
	itemIndex: number;
	json: IDataObject;
	task: Task;
	clip: Clip | null;
	binary?: IBinaryKeyData;
	error?: unknown;
}

/** Why a clip's files are not downloaded: none, one not finished yet, or one that never will be. */
function notReady({ clip, task }: OutputEntry): string | null {
	if (!clip) return 'This item has no clip, so there is nothing to download.';
	const said = clip.clipStatus ?? task.rawStatus ?? task.taskStatus;
	const state = clip.clipStatus ? normaliseStatus(clip.clipStatus) : task.taskStatus;
	if (state === 'SUCCESS') return null;
	if (state === 'FAILURE') return `The clip failed (${said}): it has no files to download.`;
	if (isFinished(state))
		return `The clip ended without finishing (${said}): it has no files to download.`;
	return `The clip is not finished (${said}): its files are not ready yet.`;
}

/**
 * A file URL as the provider gave it, made absolute: a relative one is read against the gateway's
 * base URL (downloads never carry the key, wherever they go). Null for what cannot be downloaded.
 */
function absoluteUrl(url: string, baseUrl: string): string | null {
	try {
		const resolved = new URL(url.trim(), `${baseUrl}/`);
		return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
	} catch {
		return null;
	}
}

type Job = { entry: OutputEntry; kind: FileKind; url: string; fileName: string };

/**
 * A name per file: two clips never share one (a save-to-disk step would overwrite one song with
 * the other), compared without case for macOS and Windows disks; the same clip asked for twice
 * keeps its name. A name is output too: never with the key the provider put in a title or clip id.
 */
function fileNamer(mask: (text: string) => string) {
	const owners = new Map<string, Clip>();
	return (clip: Clip, url: string, kind: FileKind) => {
		const title = clip.title === null ? null : mask(clip.title);
		const clipId = clip.clipId === null ? null : mask(clip.clipId);
		for (let copy = 1; ; copy++) {
			const name = fileNameFor({ ...clip, title, clipId }, url, kind, copy);
			const owner = owners.get(name.toLowerCase());
			if (owner === undefined || owner === clip) {
				owners.set(name.toLowerCase(), clip);
				return name;
			}
		}
	};
}

/** The downloads the entries need; each entry says why a file is not downloaded, or fails. */
function plannedDownloads(client: SunoClient, entries: OutputEntry[], kinds: FileKind[]): Job[] {
	const { baseUrl, mask } = client;
	const nameFor = fileNamer(mask);
	const jobs: Job[] = [];
	for (const entry of entries) {
		const reason = notReady(entry);
		const skipped: string[] = reason ? [reason] : [];
		for (const kind of entry.clip && !reason ? kinds : []) {
			const clip = entry.clip!;
			const given = FILE_KINDS[kind].url(clip);
			const url = given === null ? null : absoluteUrl(given, baseUrl);
			if (given === null)
				skipped.push(`The provider has no ${FILE_KINDS[kind].label} for this clip yet.`);
			else if (url === null) {
				const message = `The ${FILE_KINDS[kind].label} of clip ${clip.clipId ?? '(no id)'} (task ${entry.task.taskId}) has a URL that cannot be downloaded: "${cut(given, 200)}".`;
				entry.error ??= new SunoFailure(mask(message), {
					code: 'DOWNLOAD_FAILED',
					itemIndex: entry.itemIndex,
					description: 'The provider sent it so; only http and https URLs are downloaded.',
					taskId: entry.task.taskId,
				});
			} else jobs.push({ entry, kind, url, fileName: nameFor(clip, url, kind) });
		}
		entry.json.downloadSkipped = skipped.length > 0 ? skipped.join(' ') : null;
	}
	return jobs;
}

/**
 * Download Files for the run's entries: each ready clip's chosen files into its item's binary
 * fields; a file that fails sets its entry's error, which then replaces that item alone (run.ts).
 */
export async function attachFiles(
	this: IExecuteFunctions,
	client: SunoClient,
	entries: OutputEntry[],
	{ fetch: settings, download }: RunSettings,
): Promise<void> {
	const { mask } = client;
	const jobs = plannedDownloads(client, entries, download.kinds);
	const outcomes = await settleEach(jobs, settings.concurrency, ({ entry, kind, url, fileName }) =>
		client.download(
			url,
			{ itemIndex: entry.itemIndex, label: FILE_KINDS[kind].label, maxBytes: download.maxBytes },
			(body, contentType) => {
				const sent =
					contentType && !/octet-stream|^binary\//.test(contentType) ? contentType : null;
				// A URL without a file type (`…/file/7f3a`) is named after what the server says it sent.
				const byType = urlExtension(url) === null ? extensionFor(sent) : null;
				const name = byType ? fileName.replace(/\.[a-z0-9]+$/, `.${byType}`) : fileName;
				return this.helpers.prepareBinaryData(
					body as unknown as Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0],
					name,
					sent ?? MIME_TYPES[name.split('.').pop()!],
				);
			},
		),
	);

	outcomes.forEach((outcome, index) => {
		const { entry, kind } = jobs[index];
		if (!outcome.ok) {
			// The error replaces the clip's item: say which clip it was.
			const failure = asFailure(outcome.error, 'DOWNLOAD_FAILED');
			const which = `Clip ${entry.clip!.clipId ?? '(no id)'} of task ${entry.task.taskId}.`;
			const description = mask([which, failure.description].filter(Boolean).join(' '));
			entry.error ??= failure.with({ description, taskId: entry.task.taskId });
			return;
		}
		entry.binary = { ...entry.binary, [download.properties[kind]]: outcome.value };
	});
}
