/** Fields both operations share, and typed readers for them. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RequestPolicy } from '../transport/retry';
import { downloadFields, downloadOptions } from './download';

export const sharedFields: INodeProperties[] = [
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return one flat item per clip with the task on it (taskId, taskStatus, audioUrl, title, lyrics …) instead of the clip as the provider sent it plus a task object',
	},
	...downloadFields,
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to poll until every task is finished (SUCCESS, FAILURE or NOT_FOUND) before returning. Each round asks only for the unfinished tasks.',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 15,
		displayOptions: { show: { waitForCompletion: [true] } },
		description:
			'Seconds between rounds. Gateways refresh their tasks from Suno every 15 seconds, so polling faster only costs requests.',
	},
	{
		displayName: 'Max Wait (Minutes)',
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 5,
		displayOptions: { show: { waitForCompletion: [true] } },
		description:
			'How long to wait at most. The node holds the execution while it waits: for longer waits use a Wait node loop or a schedule.',
	},
	{
		displayName: 'On Timeout',
		name: 'onTimeout',
		type: 'options',
		displayOptions: { show: { waitForCompletion: [true] } },
		options: [
			{
				name: 'Output Tasks as They Are',
				value: 'emit',
				description: 'Return the unfinished tasks with their current status, and a hint naming them',
			},
			{
				name: 'Fail',
				value: 'error',
				description: 'Stop with an error that names the unfinished tasks',
			},
		],
		default: 'emit',
		description: 'What to do when tasks are still unfinished after Max Wait. Tasks are never resubmitted.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 100,
				description:
					'Task IDs per request (Get Many). One-hub gateways return at most 100 tasks per request.',
			},
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20 },
				default: 5,
				description: 'How many requests may be in flight at once',
			},
			...downloadOptions,
			{
				displayName: 'On Missing Task',
				name: 'onMissing',
				type: 'options',
				options: [
					{
						name: 'Output a NOT_FOUND Item',
						value: 'emit',
						description: 'Each unknown ID becomes an item with taskStatus NOT_FOUND',
					},
					{
						name: 'Fail',
						value: 'error',
						description: 'Stop with an error that names the unknown IDs',
					},
				],
				default: 'emit',
				description: 'What to do with an ID the provider does not know (a typo, or a task of another account)',
			},
			{
				displayName: 'Request Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description: 'How long one request may take before it counts as failed (and is retried)',
			},
			{
				displayName: 'Retries',
				name: 'retries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 3,
				description:
					'How often to repeat a request that met a rate limit (429, after its Retry-After), a server error (5xx) or a network error. Fetching only reads, so this is always safe.',
			},
		],
	},
];

/** Per input item: how its tasks become items. */
export interface OutputOptions {
	simplify: boolean;
	onMissing: 'emit' | 'error';
}

/** For the whole run, read from the first item: how tasks are fetched and waited for. */
export interface FetchSettings {
	batchSize: number;
	concurrency: number;
	policy: RequestPolicy;
	wait: { intervalMs: number; maxWaitMs: number; onTimeout: 'emit' | 'error' } | null;
}

interface OptionsCollection {
	batchSize?: number;
	concurrency?: number;
	onMissing?: 'emit' | 'error';
	timeout?: number;
	retries?: number;
}

export function readOutputOptions(this: IExecuteFunctions, itemIndex: number): OutputOptions {
	const options = this.getNodeParameter('options', itemIndex, {}) as OptionsCollection;
	return {
		simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		onMissing: options.onMissing ?? 'emit',
	};
}

const atLeast = (minimum: number, value: number | undefined, fallback: number) =>
	Math.max(minimum, Number.isFinite(value) ? Number(value) : fallback);

export function readFetchSettings(this: IExecuteFunctions): FetchSettings {
	const options = this.getNodeParameter('options', 0, {}) as OptionsCollection;
	const waiting = this.getNodeParameter('waitForCompletion', 0, false) as boolean;
	return {
		batchSize: Math.floor(atLeast(1, options.batchSize, 100)),
		concurrency: Math.floor(atLeast(1, options.concurrency, 5)),
		policy: {
			retries: Math.floor(atLeast(0, options.retries, 3)),
			timeoutMs: atLeast(1, options.timeout, 60) * 1000,
		},
		wait: waiting
			? {
					intervalMs: atLeast(1, this.getNodeParameter('pollInterval', 0, 15) as number, 15) * 1000,
					maxWaitMs: atLeast(0.1, this.getNodeParameter('maxWait', 0, 5) as number, 5) * 60_000,
					onTimeout: this.getNodeParameter('onTimeout', 0, 'emit') as 'emit' | 'error',
				}
			: null,
	};
}
