/**
 * Tasks to n8n item JSON, in three shapes: Simplify on (one flat item per clip, every item carrying
 * its task's fields), off (each clip as sent, plus its task) and a tool's compact answer. Pure: no
 * I/O.
 */
import { deepCopy, type IDataObject } from 'n8n-workflow';

import { NO_CLIP } from './clips';
import type { Annotate, Clip, Task } from './task';
import { masked } from './mask';

type ClipFields = Omit<Clip, 'raw'>;

/**
 * A simplified item's key order, which is the order of n8n's table columns (the first item's keys):
 * what the user came for (the song or the lyrics, and a stem's name), then the rest of the clip, with
 * the operation's fields beside what they describe, then the task's bookkeeping. A key not listed
 * (another operation's field) comes after these.
 */
const SIMPLE_ORDER = [
	'title',
	'clipId',
	'audioUrl',
	'duration',
	'lyrics',
	'stem',
	'imageUrl',
	'imageLargeUrl',
	'videoUrl',
	'downloadSkipped',
	'tags',
	'description',
	'model',
	'requestedModel',
	'modelVersion',
	'notAsAsked',
	'clipStatus',
	'errorMessage',
	'clipIndex',
	'clipCount',
	'createdAt',
	'taskId',
	'taskStatus',
	'failReason',
	'action',
	'rawStatus',
	'progress',
	'submittedAt',
	'startedAt',
	'finishedAt',
	'note',
];

const RANK = new Map(SIMPLE_ORDER.map((key, index) => [key, index]));

/** The item's keys in SIMPLE_ORDER, any others after them; the item itself when they are. */
function inSimpleOrder(json: IDataObject): IDataObject {
	const keys = Object.keys(json);
	// Most items are built in order (itemJson): checking is cheaper than rebuilding every one.
	let last = -1;
	const inOrder = keys.every((key) => {
		const rank = RANK.get(key) ?? Infinity;
		const ascending = rank >= last;
		last = rank;
		return ascending;
	});
	if (inOrder) return json;
	const ordered: IDataObject = {};
	for (const key of SIMPLE_ORDER) if (key in json) ordered[key] = json[key];
	for (const key of keys) if (!(key in ordered)) ordered[key] = json[key];
	return ordered;
}

/** A clip's item, its keys already in SIMPLE_ORDER (this runs once per clip). */
function itemJson(
	task: Task,
	clip: ClipFields,
	clipIndex: number | null,
	clipCount: number,
): IDataObject {
	return {
		title: clip.title,
		clipId: clip.clipId,
		audioUrl: clip.audioUrl,
		duration: clip.duration,
		lyrics: clip.lyrics,
		imageUrl: clip.imageUrl,
		imageLargeUrl: clip.imageLargeUrl,
		videoUrl: clip.videoUrl,
		tags: clip.tags,
		description: clip.description,
		model: clip.model,
		modelVersion: clip.modelVersion,
		clipStatus: clip.clipStatus,
		errorMessage: clip.errorMessage,
		clipIndex,
		clipCount,
		createdAt: clip.createdAt,
		...taskFields(task),
	};
}

/** The task's own fields, on each of its items, in SIMPLE_ORDER. */
function taskFields(task: Task): IDataObject {
	return {
		taskId: task.taskId,
		taskStatus: task.taskStatus,
		failReason: task.failReason,
		action: task.action,
		rawStatus: task.rawStatus,
		progress: task.progress,
		submittedAt: task.submittedAt,
		startedAt: task.startedAt,
		finishedAt: task.finishedAt,
	};
}

/**
 * A LYRICS task (finished or not): its title, text and status word, and the task. No clip field:
 * a lyrics task makes no clip, so files, duration, model and the clip's place cannot apply.
 */
function lyricsItem(task: Task): IDataObject {
	const { lyrics } = task;
	return {
		title: lyrics?.title ?? null,
		lyrics: lyrics?.text ?? null,
		clipStatus: lyrics?.status ?? null,
		...taskFields(task),
	};
}

const isLyricsTask = (task: Task) =>
	task.clips.length === 0 && (task.lyrics !== null || task.action === 'LYRICS');

/**
 * Flat items, one per clip, each with its task's fields; a LYRICS task is one lyrics item, another
 * task without clips one item with null clip fields. Keys are put in order once the operation's
 * fields are in (taskItems).
 */
function simplifiedItems(task: Task): IDataObject[] {
	if (isLyricsTask(task)) return [lyricsItem(task)];
	const count = task.clips.length;
	if (count > 0) return task.clips.map((clip, index) => itemJson(task, clip, index, count));
	return [itemJson(task, NO_CLIP, null, 0)];
}

/**
 * Raw items: each clip as the provider sent it, plus `task` (the task's own fields, no clip list).
 * Every item gets deep copies: n8n items must share no object a later node may change (nested
 * `metadata`, the task's fields), nor one the same task gives another input item.
 */
function rawItems(task: Task): IDataObject[] {
	const taskObject: IDataObject = { ...(task.raw as IDataObject) };
	delete taskObject.data; // the clip list, in either dialect
	delete taskObject.clips;
	if (task.taskStatus === 'NOT_FOUND') {
		taskObject.status = 'NOT_FOUND';
		taskObject.fail_reason = task.failReason;
	}
	if (task.clips.length > 0) {
		return task.clips.map((clip) => deepCopy({ ...(clip.raw as IDataObject), task: taskObject }));
	}
	if (task.lyrics && task.lyrics.raw !== task.raw) {
		return [deepCopy({ ...(task.lyrics.raw as IDataObject), task: taskObject })];
	}
	return [deepCopy({ task: taskObject })];
}

/**
 * For a tool's caller (a model reads every character): per clip only what it needs to play the
 * song or ask again, the task's fail reason and lyrics once (lyrics again on a clip only where they
 * differ), and no empty fields.
 */
function compactItems(task: Task): IDataObject[] {
	const head = { taskId: task.taskId, taskStatus: task.taskStatus };
	const { failReason } = task;
	if (task.clips.length === 0)
		return [{ ...head, failReason, title: task.lyrics?.title, lyrics: task.lyrics?.text }];
	let lyricsSaid: string | null = null;
	return task.clips.map((clip, index) => {
		const lyrics = clip.lyrics !== lyricsSaid ? clip.lyrics : null;
		lyricsSaid = clip.lyrics ?? lyricsSaid;
		return {
			...head,
			failReason: index === 0 ? failReason : null,
			clipId: clip.clipId,
			title: clip.title,
			audioUrl: clip.audioUrl,
			duration: clip.duration,
			lyrics,
		};
	});
}

/**
 * Fields a tool's caller does without: the model it asked for is its own input (notAsAsked says
 * when another model made the clip).
 */
const LEFT_OUT_OF_COMPACT = new Set(['requestedModel']);

/** A tool's answer: no empty field, nothing the caller already knows. */
function compacted(json: IDataObject): IDataObject {
	for (const key of Object.keys(json))
		if (json[key] === null || json[key] === undefined || LEFT_OUT_OF_COMPACT.has(key))
			delete json[key];
	return json;
}

const asBuilt = (json: IDataObject) => json;

/** Simplify on (`simple`), off (`raw`), or a tool's answer (`compact`). */
export type ItemShape = 'simple' | 'raw' | 'compact';

/** An output item's JSON and the clip it stands for (null for a task without clips). */
interface ClipItem {
	json: IDataObject;
	clip: Clip | null;
}

export interface ItemExtras {
	/** Fields for each item: what it is (a stem's name), or that it is not what was asked. */
	annotate?: Annotate;
	/** A word for the reader, on the task's first item. */
	note?: string | null;
	/** Masks the API key (client.ts): applied to every text of the finished item. */
	mask?: (text: string) => string;
	/** Files will be downloaded: a simplified item keeps `downloadSkipped` (attach.ts fills it) in its place. */
	downloads?: boolean;
}

export function taskItems(task: Task, shape: ItemShape, extras: ItemExtras = {}): ClipItem[] {
	const builders = { simple: simplifiedItems, raw: rawItems, compact: compactItems };
	const shapers = { simple: inSimpleOrder, raw: asBuilt, compact: compacted };
	return builders[shape](task).map((json, index) => {
		const clip = task.clips[index] ?? null;
		if (extras.annotate) Object.assign(json, extras.annotate(task, clip));
		if (index === 0 && extras.note) json.note = extras.note;
		if (shape === 'simple' && extras.downloads) json.downloadSkipped = null;
		const shaped = shapers[shape](json);
		return { json: extras.mask ? masked(shaped, extras.mask) : shaped, clip };
	});
}
