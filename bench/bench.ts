/**
 * `npm run bench`: the node's request economy and speed, measured through real n8n execution
 * (n8n-core's WorkflowExecute, as in the execution tests) against the local provider, beside the
 * baseline a user builds without it — one GET per id, one after another, as n8n's HTTP Request
 * node does per item — measured in the same run. Writes bench/RESULTS.md.
 *
 *   BENCH_SCALE=0.1 npm run bench   # the wait-mode scenario at a tenth of real time
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { runSunoFetch } from '../test/harness/workflow-runner';
import { ThreadedProvider } from './provider-thread';

const LATENCY_MS = 100;
const BATCH_SIZE = 100;
const CONCURRENCY = 5; // the node's default
const SIZES = [1, 100, 1000, 10000];
/** Sequential baselines longer than this many ids are measured on a sample and extrapolated. */
const BASELINE_SAMPLE = 1000;
const SCALE = Number(process.env.BENCH_SCALE ?? 1);

const lines: string[] = [];
const checks: Array<{ target: string; measured: string; pass: boolean }> = [];
const say = (line = '') => {
	console.log(line);
	lines.push(line);
};
const check = (target: string, measured: string, pass: boolean) => {
	checks.push({ target, measured, pass });
	console.log(`${pass ? 'PASS' : 'FAIL'}  ${target}: ${measured}`);
};

async function fetchSequentially(provider: ThreadedProvider, ids: string[]): Promise<number> {
	const started = performance.now();
	for (const id of ids) {
		const response = await fetch(`${provider.url}/suno/fetch/${encodeURIComponent(id)}`, {
			headers: { authorization: `Bearer ${provider.apiKey}` },
		});
		await response.json();
	}
	return performance.now() - started;
}

/** The node's requests without the node: each batch POSTed, C at a time, its JSON parsed, nothing else. */
async function sendBatchesDirectly(provider: ThreadedProvider, ids: string[]): Promise<number> {
	const started = performance.now();
	const batches = Array.from({ length: Math.ceil(ids.length / BATCH_SIZE) }, (_, index) =>
		ids.slice(index * BATCH_SIZE, (index + 1) * BATCH_SIZE),
	);
	for (let next = 0; next < batches.length; next += CONCURRENCY) {
		await Promise.all(
			batches.slice(next, next + CONCURRENCY).map(async (batch) => {
				const response = await fetch(`${provider.url}/suno/fetch`, {
					method: 'POST',
					headers: {
						authorization: `Bearer ${provider.apiKey}`,
						'content-type': 'application/json',
					},
					body: JSON.stringify({ ids: batch }),
				});
				await response.json();
			}),
		);
	}
	return performance.now() - started;
}

function credentialsOf(provider: ThreadedProvider) {
	return { apiKey: provider.apiKey, provider: 'custom', baseUrl: provider.url };
}

/** Collects garbage left by earlier runs, so that a run is not charged for it (node --expose-gc). */
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function timeNode(
	provider: ThreadedProvider,
	parameters: IDataObject,
	run: { node?: 'fetch' | 'generate'; items?: IDataObject[] } = {},
) {
	const before = (await provider.stats()).counters.requests;
	collectGarbage();
	// n8n's execution only: the harness's own scan of the run for the key is not the node's work.
	const result = await runSunoFetch({ parameters, credentials: credentialsOf(provider), ...run });
	const ms = result.ms;
	if (result.status !== 'success') throw new Error(`node run failed: ${result.error?.message}`);
	// Keep only figures: holding several runs' items would make later runs pay for a larger heap.
	const unfinished = result.items.filter((item) => item.json.taskStatus !== 'SUCCESS').length;
	return {
		ms,
		requests: (await provider.stats()).counters.requests - before,
		items: result.items.length,
		unfinished,
	};
}

/** n8n-core loads much of itself on the first execution; a long-running n8n has done so already. */
async function warmUp(provider: ThreadedProvider) {
	const ids = await provider.createTasks(
		Array.from({ length: 1000 }, (_, index) => ({ id: `warm-${index}`, finishAfter: 0 })),
	);
	for (let run = 0; run < 5; run++)
		await timeNode(provider, { operation: 'getMany', taskIds: ids.join(',') });
	await provider.reset();
}

async function economy(provider: ThreadedProvider) {
	say(
		`## Get Many against ${LATENCY_MS} ms latency (batch size ${BATCH_SIZE}, concurrency ${CONCURRENCY})`,
	);
	say();
	say(
		'| ids | node requests | node wall (median of 5) | ⌈N/B⌉ / C × latency | baseline requests | baseline wall | speed-up |',
	);
	say('|---:|---:|---:|---:|---:|---:|---:|');
	let perIdMs: number | null = null;
	for (const size of SIZES) {
		await provider.reset();
		await provider.setLatency(LATENCY_MS);
		const ids = await provider.createTasks(
			Array.from({ length: size }, (_, index) => ({
				id: `bench-${size}-${index}`,
				finishAfter: 0,
			})),
		);
		const parameters = {
			operation: 'getMany',
			taskIds: ids.join(','),
			options: { batchSize: BATCH_SIZE, concurrency: CONCURRENCY },
		};
		const runs = [];
		for (let run = 0; run < 5; run++) runs.push(await timeNode(provider, parameters));
		const node = runs.sort((a, b) => a.ms - b.ms)[2]; // the median of five
		// The per-id baseline is linear in N: past BASELINE_SAMPLE ids, use the rate measured at BASELINE_SAMPLE.
		const extrapolated = size > BASELINE_SAMPLE && perIdMs !== null;
		if (!extrapolated) perIdMs = (await fetchSequentially(provider, ids)) / size;
		const baselineMs = perIdMs! * size;
		const expectedRequests = Math.ceil(size / BATCH_SIZE);
		const idealMs = (expectedRequests / CONCURRENCY) * LATENCY_MS;
		const speedUp = baselineMs / node.ms;
		say(
			`| ${size} | ${node.requests} | ${node.ms.toFixed(0)} ms | ${idealMs} ms | ${size} | ${(baselineMs / 1000).toFixed(1)} s${extrapolated ? ` (at the ${BASELINE_SAMPLE}-id rate)` : ''} | ${speedUp.toFixed(1)}× |`,
		);
		check(
			`requests for ${size} ids = ⌈N / ${BATCH_SIZE}⌉ = ${expectedRequests}`,
			String(node.requests),
			node.requests === expectedRequests,
		);
		if (size === 1000) {
			check(
				'1,000 ids: at least 50× faster than the per-id baseline',
				`${speedUp.toFixed(1)}×`,
				speedUp >= 50,
			);
			// ⌈N/B⌉ / C × latency leaves out the time to build, send and parse 100-task answers, so
			// the bound is the same requests sent directly, C at a time, in this run.
			const direct = [];
			for (let run = 0; run < 5; run++) direct.push(await sendBatchesDirectly(provider, ids));
			const directMs = direct.sort((a, b) => a - b)[2];
			check(
				'1,000 ids: within 1.3× of the same requests sent directly, C at a time',
				`${(node.ms / directMs).toFixed(2)}× of ${directMs.toFixed(0)} ms (${(node.ms / idealMs).toFixed(2)}× of ⌈N/B⌉ / C × latency)`,
				node.ms <= 1.3 * directMs,
			);
		}
	}
	say();
}

async function overhead(provider: ThreadedProvider) {
	await provider.reset();
	const tasks = 5000;
	const ids = await provider.createTasks(
		Array.from({ length: tasks }, (_, index) => ({
			id: `clip-${index}`,
			finishAfter: 0,
			clips: 2,
		})),
	);
	const parameters = {
		operation: 'getMany',
		taskIds: ids.join(','),
		options: { batchSize: BATCH_SIZE, concurrency: CONCURRENCY },
	};
	await timeNode(provider, parameters); // warm-up
	const nodeTimes: number[] = [];
	const rawTimes: number[] = [];
	for (let run = 0; run < 3; run++) {
		const node = await timeNode(provider, parameters);
		if (node.items !== tasks * 2) throw new Error(`expected ${tasks * 2} clips, got ${node.items}`);
		nodeTimes.push(node.ms);
		rawTimes.push(await sendBatchesDirectly(provider, ids));
	}
	const median = (values: number[]) =>
		[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	const perClipUs = ((median(nodeTimes) - median(rawTimes)) * 1000) / (tasks * 2);
	say(`## Overhead on ${tasks * 2} clips (${tasks} tasks, no latency)`);
	say();
	say(
		`Node run ${median(nodeTimes).toFixed(0)} ms (median of 3), the same ${Math.ceil(tasks / BATCH_SIZE)} requests without the node ${median(rawTimes).toFixed(0)} ms: **${perClipUs.toFixed(1)} µs per clip** of the node's own work (normalising, ordering, items, n8n's bookkeeping).`,
	);
	say();
	// A ratio to the same requests in this run, so that a slower or busier machine does not move
	// it; the node's own work per clip is printed above. The quadratic grouping fixed in e7c78a2
	// measured 3.6×; before it, 2.2×.
	const ratio = median(nodeTimes) / median(rawTimes);
	check(
		'10,000 clips: the node run at most 2.5× the same requests without the node',
		`${ratio.toFixed(2)}× (${perClipUs.toFixed(1)} µs per clip)`,
		ratio <= 2.5,
	);
}

async function waiting(provider: ThreadedProvider) {
	await provider.reset();
	const count = 1000;
	const spreadMs = 180_000 * SCALE;
	const intervalMs = 15_000 * SCALE;
	const start = Date.now() + 1000;
	const finishTimes: number[] = [];
	const ids = await provider.createTasks(
		Array.from({ length: count }, (_, index) => {
			const finishAt = start + Math.random() * spreadMs;
			finishTimes.push(finishAt);
			return { id: `wait-${index}`, finishAt };
		}),
	);
	const lastFinish = Math.max(...finishTimes);
	const node = await timeNode(provider, {
		operation: 'getMany',
		taskIds: ids.join(','),
		waitForCompletion: true,
		pollInterval: intervalMs / 1000,
		maxWait: (spreadMs + 4 * intervalMs) / 60_000,
		options: { batchSize: BATCH_SIZE, concurrency: CONCURRENCY },
	});
	const emittedAt = Date.now();
	const fetches = (await provider.stats()).log.filter((entry) => entry.path === '/suno/fetch');
	const rounds = new Map<number, number>();
	for (const entry of fetches) {
		const round = Math.round((entry.at - fetches[0].at) / intervalMs);
		rounds.set(round, (rounds.get(round) ?? 0) + JSON.parse(entry.body).ids.length);
	}
	const roundSizes = [...rounds.values()];
	const bound = roundSizes.reduce((sum, unfinished) => sum + Math.ceil(unfinished / BATCH_SIZE), 0);
	const waitNodeLoop = roundSizes.length * Math.ceil(count / BATCH_SIZE);
	const lagMs = emittedAt - lastFinish;
	const unfinishedLeft = node.unfinished;
	say(
		`## Wait for Completion: ${count} ids finishing at random over ${spreadMs / 1000} s, poll interval ${intervalMs / 1000} s${SCALE !== 1 ? ` (time scale ${SCALE})` : ''}`,
	);
	say();
	say(
		`| rounds | ids asked per round | requests | bound Σ⌈unfinished/B⌉ | Wait-node loop re-fetching all ids | lag after the last task finished |`,
	);
	say('|---:|---|---:|---:|---:|---:|');
	say(
		`| ${roundSizes.length} | ${roundSizes.join(', ')} | ${fetches.length} | ${bound} | ${waitNodeLoop} | ${(lagMs / 1000).toFixed(2)} s |`,
	);
	say();
	check(
		'wait mode: requests at most Σ ⌈unfinished / batch size⌉ over rounds',
		`${fetches.length} ≤ ${bound}`,
		fetches.length <= bound,
	);
	check(
		'wait mode: every task emitted finished',
		`${unfinishedLeft} unfinished`,
		unfinishedLeft === 0,
	);
	check(
		`wait mode: lag at most one poll interval (${intervalMs / 1000} s)`,
		`${(lagMs / 1000).toFixed(2)} s`,
		lagMs <= intervalMs,
	);
}

/**
 * What a user builds without Suno Generate: per item, submit, then poll its own id every interval
 * until it is done (an HTTP Request node and a Wait node in a loop), all items side by side.
 */
async function submitThenPollEachItem(
	provider: ThreadedProvider,
	prompts: string[],
	intervalMs: number,
): Promise<void> {
	const headers = {
		authorization: `Bearer ${provider.apiKey}`,
		'content-type': 'application/json',
	};
	await Promise.all(
		prompts.map(async (prompt) => {
			const submit = await fetch(`${provider.url}/suno/submit/music`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ gpt_description_prompt: prompt, mv: 'chirp-fenix' }),
			});
			const { data: taskId } = (await submit.json()) as { data: string };
			for (;;) {
				await new Promise((resolve) => setTimeout(resolve, intervalMs));
				const answer = await fetch(`${provider.url}/suno/fetch/${taskId}`, { headers });
				const { data } = (await answer.json()) as { data: { status: string } };
				if (data.status === 'SUCCESS' || data.status === 'FAILURE') return;
			}
		}),
	);
}

/** N prompts in one run of Suno Generate: N submits, then one shared wait in batches. */
async function generating(provider: ThreadedProvider) {
	const count = 100;
	const [minMs, maxMs] = [60_000 * SCALE, 180_000 * SCALE];
	const intervalMs = 15_000 * SCALE;
	const prompts = Array.from({ length: count }, (_, index) => `song number ${index}`);
	await provider.reset();
	await provider.setSubmitDuration([minMs, maxMs]);
	const node = await timeNode(
		provider,
		{
			operation: 'generateMusic',
			songDescription: '={{ $json.prompt }}',
			// Requests to the API only, as the per-item loop makes (Download Files now opens on Audio).
			downloadFiles: [],
			pollInterval: intervalMs / 1000,
			maxWait: (maxMs + 4 * intervalMs) / 60_000,
			options: { batchSize: BATCH_SIZE, concurrency: CONCURRENCY },
		},
		{ node: 'generate', items: prompts.map((prompt) => ({ prompt })) },
	);
	const { log } = await provider.stats();
	const submits = log.filter((entry) => entry.path === '/suno/submit/music').length;
	const polls = log.filter((entry) => entry.path === '/suno/fetch');
	const roundSizes: number[] = [];
	let roundStart = -Infinity;
	for (const entry of polls) {
		const size = (JSON.parse(entry.body) as { ids: string[] }).ids.length;
		if (entry.at - roundStart > intervalMs / 2) {
			roundSizes.push(size);
			roundStart = entry.at;
		} else roundSizes[roundSizes.length - 1] += size;
	}
	const bound = roundSizes.reduce((sum, unfinished) => sum + Math.ceil(unfinished / BATCH_SIZE), 0);

	await provider.reset();
	await provider.setSubmitDuration([minMs, maxMs]);
	const started = performance.now();
	await submitThenPollEachItem(provider, prompts, intervalMs);
	const loopMs = performance.now() - started;
	const loopRequests = (await provider.stats()).counters.requests;
	await provider.setSubmitDuration(null);

	say(
		`## Suno Generate: ${count} prompts in one run, each job taking ${minMs / 1000}–${maxMs / 1000} s, poll interval ${intervalMs / 1000} s${SCALE !== 1 ? ` (time scale ${SCALE})` : ''}`,
	);
	say();
	say('| | submits | polls | requests | ids asked per round | wall |');
	say('|---|---:|---:|---:|---|---:|');
	say(
		`| Suno Generate (wait, batch ${BATCH_SIZE}) | ${submits} | ${polls.length} | ${node.requests} | ${roundSizes.join(', ')} | ${(node.ms / 1000).toFixed(1)} s |`,
	);
	say(
		`| per item: submit, then poll its id every ${intervalMs / 1000} s | ${count} | ${loopRequests - count} | ${loopRequests} | ${count} ids, each on its own | ${(loopMs / 1000).toFixed(1)} s |`,
	);
	say();
	check(`generate: one submit per prompt (${count})`, String(submits), submits === count);
	check(
		'generate: polls at most Σ ⌈unfinished / batch size⌉ over rounds',
		`${polls.length} ≤ ${bound}`,
		polls.length <= bound,
	);
	check(
		'generate: every song emitted finished',
		`${node.unfinished} unfinished of ${node.items} items`,
		node.unfinished === 0 && node.items === 2 * count,
	);
	check(
		'generate: at most a fifth of the per-item loop’s requests',
		`${node.requests} vs ${loopRequests} (${(loopRequests / node.requests).toFixed(1)}×)`,
		node.requests * 5 <= loopRequests,
	);
}

/**
 * Peak memory of a process downloading one large clip, in n8n's filesystem and in-memory binary
 * modes. Flat means: the filesystem mode's growth does not depend on the file's size.
 */
async function downloadMemory() {
	type Run = { baselineMb: number; peakMb: number; ms: number; bytes: number };
	const measure = async (sizeMb: number, mode: string): Promise<Run> => {
		const provider = await ThreadedProvider.start({ mediaBytes: sizeMb * 1024 * 1024 });
		try {
			const [taskId] = await provider.createTasks([
				{ id: `big-${sizeMb}`, finishAfter: 0, clips: 1 },
			]);
			const script = join(__dirname, 'download-memory.js');
			const output = execFileSync(
				process.execPath,
				[script, mode, provider.url, provider.apiKey, taskId],
				{ encoding: 'utf8' },
			);
			return JSON.parse(output) as Run;
		} finally {
			await provider.stop();
		}
	};
	const runs: Array<[string, number, Run]> = [];
	for (const [mode, sizeMb] of [
		['filesystem', 50],
		['filesystem', 200],
		['memory', 50],
		['memory', 200],
	] as const) {
		runs.push([mode, sizeMb, await measure(sizeMb, mode)]);
	}
	say('## Download Files: peak memory of the process downloading one audio file');
	say();
	say('| binary mode | file | process before | peak during the download | growth | time |');
	say('|---|---:|---:|---:|---:|---:|');
	for (const [mode, sizeMb, run] of runs) {
		const name = mode === 'filesystem' ? 'filesystem (n8n default)' : 'in memory';
		say(
			`| ${name} | ${sizeMb} MB | ${run.baselineMb.toFixed(0)} MB | ${run.peakMb.toFixed(0)} MB | ${(run.peakMb - run.baselineMb).toFixed(0)} MB | ${(run.ms / 1000).toFixed(1)} s |`,
		);
	}
	say();
	const growth = (index: number) => runs[index][2].peakMb - runs[index][2].baselineMb;
	const extra = growth(1) - growth(0);
	check(
		'filesystem mode: memory flat (growth for 200 MB minus growth for 50 MB under 5 MB)',
		`${extra.toFixed(1)} MB`,
		extra < 5,
	);
	const complete = runs.every(([, sizeMb, run]) => run.bytes === sizeMb * 1024 * 1024);
	check('every download received every byte', complete ? 'yes' : 'no', complete);
}

/**
 * Queue mode needs PostgreSQL, Redis, a main and two workers: `npm run test:queue` starts them and
 * measures there; its report (QUEUE_REPORT) is copied in here, with its date.
 */
function queueMode() {
	const file =
		process.env.QUEUE_REPORT ?? join(os.tmpdir(), 'n8n-nodes-suno-fetch-queue-report.json');
	if (!existsSync(file)) {
		say('## Queue mode: not measured (run `npm run test:queue` first; it writes the figures here)');
		say();
		return;
	}
	type Run = { wallMs: number; executionsPerMinute: number };
	const report = JSON.parse(readFileSync(file, 'utf8')) as {
		n8n: string;
		binaryDataMode: string;
		startupMs: { total: number; main: number; workers: number };
		throughput: {
			workload: string;
			workerConcurrency: number;
			oneWorker: Run;
			twoWorkers: Run;
			ratio: number;
		};
	};
	const { throughput, startupMs } = report;
	say(
		`## Queue mode: one worker against two (from \`npm run test:queue\`, ${statSync(file).mtime.toISOString().slice(0, 16)}Z)`,
	);
	say();
	say(
		`n8n ${report.n8n} in queue mode (PostgreSQL, Redis, a main and workers with --concurrency=${throughput.workerConcurrency}, binary data mode ${report.binaryDataMode}). Workload: ${throughput.workload}. The rig started in ${(startupMs.total / 1000).toFixed(1)} s (main ${(startupMs.main / 1000).toFixed(1)} s, workers ${(startupMs.workers / 1000).toFixed(1)} s).`,
	);
	say();
	say('| workers | wall | executions per minute |');
	say('|---:|---:|---:|');
	for (const [workers, run] of [
		[1, throughput.oneWorker],
		[2, throughput.twoWorkers],
	] as const)
		say(
			`| ${workers} | ${(run.wallMs / 1000).toFixed(1)} s | ${run.executionsPerMinute.toFixed(1)} |`,
		);
	say();
	check(
		'queue mode: two workers at least 1.5× the throughput of one',
		`${throughput.ratio}×`,
		throughput.ratio >= 1.5,
	);
}

async function main() {
	const provider = await ThreadedProvider.start();
	say(`# Benchmark results`);
	say();
	say(
		`${new Date().toISOString().slice(0, 10)} · ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version} · n8n-core 2.41.1 (WorkflowExecute) · local provider on 127.0.0.1 in its own thread`,
	);
	say();
	say(
		"Baseline: one GET per id, one after another, as n8n's HTTP Request node does per item; measured in the same run against the same provider and latency.",
	);
	say();
	try {
		await warmUp(provider);
		await economy(provider);
		await overhead(provider);
		await waiting(provider);
		await generating(provider);
	} finally {
		await provider.stop();
	}
	await downloadMemory();
	queueMode();
	say('## Targets');
	say();
	say('| target | measured | result |');
	say('|---|---|---|');
	for (const { target, measured, pass } of checks)
		say(`| ${target} | ${measured} | ${pass ? 'pass' : '**fail**'} |`);
	writeFileSync(join(__dirname, '..', '..', 'bench', 'RESULTS.md'), `${lines.join('\n')}\n`);
	process.exitCode = checks.every((entry) => entry.pass) ? 0 : 1;
}

void main();
