/**
 * A fetching operation's own step: what every input item asks for (a bad parameter fails that
 * item only). The run then fetches it all together and delivers each item's tasks (run.ts).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterFailure, readOutputOptions, type OutputOptions } from '../settings/read';
import type { FetchRound, ItemRequest } from './collect';
import type { Operation } from './run';

export interface FetchOperation {
	readRequest(this: IExecuteFunctions, itemIndex: number): ItemRequest;
	fetchRound: FetchRound;
}

export function fetchOperation(operation: FetchOperation): Operation {
	return {
		prepare: async (context, run, fields) => {
			const requests: Array<ItemRequest & OutputOptions> = [];
			for (let itemIndex = 0; itemIndex < run.output.length; itemIndex++) {
				try {
					requests.push({
						...operation.readRequest.call(context, itemIndex),
						...readOutputOptions.call(context, fields, itemIndex),
					});
				} catch (error) {
					run.fail(itemIndex, parameterFailure(error, itemIndex));
				}
			}
			return { requests, fetchRound: operation.fetchRound };
		},
	};
}
