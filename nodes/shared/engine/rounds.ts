/** The two ways to ask the gateway for a set of ids once (a `FetchRound`). */
import { chunk, settleEach } from '../helpers/pool';
import type { FetchRound } from './collect';

/** One `GET /suno/fetch/{id}` per id, a few at a time. */
export const singleRound: FetchRound = async (client, ids, _action, settings) => {
	const outcomes = await settleEach(
		ids,
		settings.concurrency,
		async (id) => await client.getTask(id),
	);
	return outcomes.map((outcome, index) =>
		outcome.ok
			? { ids: [ids[index]], answer: outcome.value, single: true }
			: { ids: [ids[index]], error: outcome.error },
	);
};

/** `POST /suno/fetch` in shared batches of Batch Size, a few batches at a time. */
export const batchRound: FetchRound = async (client, ids, action, settings) => {
	const batches = chunk(ids, settings.batchSize);
	const outcomes = await settleEach(
		batches,
		settings.concurrency,
		async (batch) => await client.getTasks(batch, action),
	);
	return outcomes.map((outcome, index) =>
		outcome.ok
			? { ids: batches[index], answer: outcome.value, single: false }
			: { ids: batches[index], error: outcome.error },
	);
};
