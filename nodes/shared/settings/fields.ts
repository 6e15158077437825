/**
 * The fields the engine reads, for both nodes, and when each is shown. Which operations hide a
 * field follows from what they declare (operation.ts): results that are not tasks have nothing to
 * wait for, batch or download; lyrics have no files; a GET has no body. The two nodes differ only
 * where this file and options.ts say so (`EngineNode`).
 */
import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { downloadsOf, makesFiles, makesTasks, type Visibility } from '../operation';
import { addTo } from '../model/values';
import {
	additionalBodyField,
	downloadFilesField,
	FILE_OPTIONS,
	optionFields,
	FETCH_ONLY_OPTIONS,
	WORDING,
	type EngineNode,
} from './options';

export type { EngineNode } from './options';

type DisplayOptions = NonNullable<INodeProperties['displayOptions']>;

/** When the fields are shown, from the node's operations' declarations. */
interface Shown {
	/** Fields about tasks: hidden for results that are not tasks (a persona, lyrics timing). */
	forTasks: DisplayOptions;
	/** Shown only while waiting, and only for tasks. */
	whileWaiting: DisplayOptions;
	/** The same as `forTasks`, inside the Options collection ('/operation'). */
	notForResults: DisplayOptions;
	/** Lyrics tasks have no files, nor have results that are not tasks. */
	withFiles: DisplayOptions;
	/** Convert to WAV and Render MP4 are GETs: there is no body to add to. */
	withBody: DisplayOptions;
}

function shownFor(operations: readonly Visibility[]): Shown {
	const where = (test: (operation: Visibility) => boolean) =>
		operations.filter(test).map(({ value }) => value);
	const notTasks = where((operation) => !makesTasks(operation));
	return {
		forTasks: { hide: { operation: notTasks } },
		whileWaiting: { show: { waitForCompletion: [true] }, hide: { operation: notTasks } },
		notForResults: { hide: { '/operation': notTasks } },
		withFiles: { hide: { '/operation': where((operation) => !makesFiles(operation)) } },
		withBody: { hide: { '/operation': where(({ sendsBody }) => sendsBody === false) } },
	};
}

/** The engine's fields for one node, in the order the editor shows them. */
export function engineFields(
	node: EngineNode,
	operations: readonly Visibility[],
	view: 'editor' | 'reader' = 'editor',
): INodeProperties[] {
	const shown = shownFor(operations);
	const waitField: INodeProperties = {
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description: WORDING[node].wait,
		displayOptions: shown.forTasks,
	};
	// Generating is "a prompt in, a song out": waiting is what a user expects there.
	if (node === 'generate') waitField.default = true;
	const shownOutput = node === 'generate' ? shown.whileWaiting : shown.forTasks;
	// In both nodes: the two choices a beginner makes first, then those with working defaults.
	return [
		waitField,
		...downloadFields(operations, shownOutput),
		simplifyField(shownOutput),
		...waitingFields(shown.whileWaiting),
		toolTimeLimitField,
		optionsField(node, shown, view),
	];
}

/**
 * The fields the engine reads values against: the editor's, and on Suno Generate also the Options
 * it does not offer (Fetch's), read at their defaults.
 */
export const readFields = (node: EngineNode, operations: readonly Visibility[]) =>
	engineFields(node, operations, 'reader');

/** Simplify: how the tasks come out, so only where there are tasks to output. */
const simplifyField = (displayOptions: DisplayOptions): INodeProperties => ({
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return one flat item per clip with the task on it (taskId, taskStatus, audioUrl, title, lyrics …) instead of the clip as the provider sent it plus a task object',
	displayOptions,
});

/**
 * Download Files, for the operations with files: one variant per default, so each operation opens
 * with the file it makes picked (a song's audio, the WAV, the video).
 */
function downloadFields(
	operations: readonly Visibility[],
	displayOptions: DisplayOptions,
): INodeProperties[] {
	const byDefault = new Map<string, string[]>();
	for (const operation of operations.filter(makesFiles)) {
		const picked = JSON.stringify(downloadsOf(operation));
		addTo(byDefault, picked, operation.value);
	}
	return [...byDefault].map(([picked, values]) => ({
		...downloadFilesField,
		default: JSON.parse(picked) as string[],
		// Not on the tool variant: a tool call downloads nothing (binary data never reaches the caller).
		displayOptions: {
			show: { ...displayOptions.show, operation: values },
			hide: { ...displayOptions.hide, '@tool': [true] },
		},
	}));
}

function waitingFields(displayOptions: DisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 15,
			displayOptions,
			description:
				'Seconds between rounds. Gateways refresh their tasks from Suno every 15 seconds, so polling faster only costs requests.',
		},
		{
			displayName: 'Max Wait (Minutes)',
			name: 'maxWait',
			type: 'number',
			// No numberPrecision: 5 shows as "5", and 0.5 is still allowed.
			typeOptions: { minValue: 0.1 },
			default: 5,
			displayOptions,
			description:
				'How long to wait at most. The node holds the execution while it waits: for longer waits use a Wait node loop or a schedule.',
		},
		{
			displayName: 'On Timeout',
			name: 'onTimeout',
			type: 'options',
			displayOptions,
			options: [
				{
					name: 'Output Tasks as They Are',
					value: 'emit',
					description:
						'Return the unfinished tasks with their current status, and a hint naming them',
				},
				{
					name: 'Fail',
					value: 'error',
					description: 'Stop with an error that names the unfinished tasks',
				},
			],
			default: 'emit',
			description:
				'What to do when tasks are still unfinished after Max Wait. Tasks are never resubmitted.',
		},
	];
}

/**
 * Only on the tool variant (n8n's `@tool`), for AI agents and MCP clients, which give a call about
 * 60 s: the answer goes out within this time, whatever Max Wait says, with the tasks as they are.
 */
const toolTimeLimitField: INodeProperties = {
	displayName: 'Tool Time Limit (Seconds)',
	name: 'toolTimeLimit',
	type: 'number',
	typeOptions: { minValue: 5, maxValue: 3600 },
	default: 45,
	displayOptions: { show: { '@tool': [true] } },
	description:
		'The longest a call of this tool may take before it answers. MCP clients give up on a call after 60 s by default. A song not finished by then comes back with its task ID and status, to fetch later with Suno Fetch; it is never submitted again.',
};

/**
 * The Options collection. Without a wait Suno Generate returns task IDs only: the options about
 * fetching and files go with it.
 */
function optionsField(node: EngineNode, shown: Shown, view: 'editor' | 'reader'): INodeProperties {
	const waiting = { show: { '/waitForCompletion': [true] } };
	const whenShown = (field: INodeProperties, displayOptions: DisplayOptions) =>
		updateDisplayOptions(displayOptions, [field])[0];
	// Suno Generate waits for the tasks it just made: the options about fetching any ids are Fetch's.
	const offered = (field: INodeProperties) =>
		node === 'fetch' || view === 'reader' || !FETCH_ONLY_OPTIONS.includes(field.name);
	const fields = optionFields(WORDING[node])
		.filter(offered)
		.map((field) => {
			const isFile = FILE_OPTIONS.includes(field.name);
			if (!isFile && !FETCH_ONLY_OPTIONS.includes(field.name)) return field;
			if (node === 'fetch') return whenShown(field, shown.notForResults);
			return whenShown(field, { ...waiting, ...(isFile ? shown.withFiles : shown.notForResults) });
		});
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		// Alphabetical, as n8n's lint asks.
		options:
			node === 'generate'
				? [{ ...additionalBodyField, displayOptions: shown.withBody }, ...fields]
				: fields,
	};
}
