/** Runs `work` over `inputs` with at most `limit` at a time; every outcome is kept, none thrown. */
type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function settleEach<I, T>(
	inputs: readonly I[],
	limit: number,
	work: (input: I) => Promise<T>,
): Promise<Array<Settled<T>>> {
	const results: Array<Settled<T>> = new Array(inputs.length);
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) {
			const index = next++;
			try {
				results[index] = { ok: true, value: await work(inputs[index]) };
			} catch (error) {
				results[index] = { ok: false, error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, worker));
	return results;
}

export function chunk<T>(values: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < values.length; start += size)
		chunks.push(values.slice(start, start + size));
	return chunks;
}
