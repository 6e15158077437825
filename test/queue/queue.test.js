/**
 * Issue #12: both nodes on n8n's distributed engine. A real n8n 2.41.1 in queue mode on this
 * machine (test/queue/rig.js): PostgreSQL, Redis, one main taking the webhooks and the REST API,
 * two `n8n worker` processes running the executions, binary data in the database, the package
 * installed as a community package in each process's own user folder, the local provider as the
 * gateway. What a team running n8n at scale relies on: many webhook calls at once, each run by a
 * worker, with every file readable afterwards through the main; Stop reaching a wait on a worker;
 * a worker dying in the middle of a wait without hanging anything or paying twice; and what a
 * second worker buys for waiting workloads.
 *
 * Without redis-server or PostgreSQL's server the suite is skipped, saying which command installs
 * them; in CI (`CI` set) it runs and fails instead. `SUNO_QUEUE_KEEP=1` keeps the rig's folder
 * (logs of every process) after the run; the figures are printed at the end and written to
 * `QUEUE_REPORT` (default: a file in the temporary folder).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { mediaBytes } = require('../provider/provider.js');
const {
	availability,
	startQueueWorld,
	webhookWorkflow,
	manualWorkflow,
	sunoFetch,
	sunoGenerate,
	sleep,
} = require('./rig.js');

/** Each worker's slots (`n8n worker --concurrency`); 5 is the least n8n runs without a warning. */
const CONCURRENCY = 5;
/**
 * Bull's lock and stalled check, shortened so that a killed worker's job is found within seconds
 * (n8n's defaults: a 60 s lock checked every 30 s). n8n then waits a fixed 30 s more before it
 * fails the execution, in case it finished after all.
 */
const SETTINGS = { lockDurationMs: 8000, lockRenewMs: 2000, stalledIntervalMs: 4000 };
const CALLS = 20;
const FETCH_PATH = 'suno-queue-fetch';
const GENERATE_PATH = 'suno-queue-generate';
/** The Stop test's poll interval: the wait must end well within it. */
const STOP_POLL_MS = 5000;
/** The throughput workload: each song takes this long at the provider, whatever else runs. */
const BENCH_LATENCY_MS = 3000;
/**
 * n8n 2.x keeps binary data in the database in queue mode (the default there). SUNO_QUEUE_BINARY_MODE
 * =filesystem runs the suite with one folder shared by all processes instead.
 */
const BINARY_MODE = process.env.SUNO_QUEUE_BINARY_MODE ?? 'database';
/** How the binary data ids of that mode begin. */
const BINARY_ID_PREFIX = { database: 'database:', filesystem: 'filesystem-v2:' }[BINARY_MODE];

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

const { run, message } = availability();
if (message) process.stdout.write(`\n${message}\n\n`);
const describeQueue = run ? describe : describe.skip;

describeQueue('queue mode: one main, two workers, PostgreSQL and Redis', () => {
	let world;
	let provider;
	const report = {};

	beforeAll(async () => {
		world = await startQueueWorld({
			workers: 2,
			concurrency: CONCURRENCY,
			settings: SETTINGS,
			binaryMode: BINARY_MODE,
		});
		provider = world.provider;
		report.n8n = world.runtime.n8nVersion;
		report.machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB`;
		report.workerConcurrency = CONCURRENCY;
		report.bullSettings = SETTINGS;
		report.binaryDataMode = BINARY_MODE;
		report.startupMs = world.rig.timings;
		await world.createWorkflow(
			webhookWorkflow(
				'Queue: fetch and download',
				FETCH_PATH,
				sunoFetch({
					operation: 'getMany',
					taskIds: '={{ $json.body.ids }}',
					waitForCompletion: true,
					downloadFiles: ['audio'],
					pollInterval: 1,
					maxWait: 2,
					onTimeout: 'error',
				}),
			),
			{ publish: true },
		);
		await world.createWorkflow(
			webhookWorkflow(
				'Queue: prompt to song',
				GENERATE_PATH,
				sunoGenerate({
					songDescription: '={{ $json.body.prompt }}',
					waitForCompletion: true,
					downloadFiles: ['audio'],
					pollInterval: 1,
					maxWait: 3,
					onTimeout: 'error',
				}),
			),
			{ publish: true },
		);
	}, 900000);

	afterAll(async () => {
		if (world) await world.stop();
		if (Object.keys(report).length === 0) return;
		const file =
			process.env.QUEUE_REPORT ?? path.join(os.tmpdir(), 'n8n-nodes-suno-fetch-queue-report.json');
		fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
		process.stdout.write(`\nQueue-mode figures (${file}):\n${JSON.stringify(report, null, 2)}\n`);
	}, 120000);

	/** Every item's file, read back from n8n's binary store through the main, is the provider's. */
	async function expectFilesFromStore(items) {
		await Promise.all(
			items.map(async (item) => {
				const file = item.binary?.audio;
				expect(file?.id?.startsWith(BINARY_ID_PREFIX)).toBe(true);
				const stored = await world.binary(file.id);
				expect({ clip: item.json.clipId, sha256: sha256(stored), bytes: stored.length }).toEqual({
					clip: item.json.clipId,
					sha256: sha256(mediaBytes(`${item.json.clipId}.mp3`, provider.mediaSize)),
					bytes: provider.mediaSize,
				});
			}),
		);
	}

	/** Each execution was started by exactly one worker, and together they used both. */
	function expectRunByWorkers(executionIds) {
		const ranBy = executionIds.map((id) => world.ranBy(id));
		expect(ranBy.filter((workers) => workers.length !== 1)).toEqual([]);
		const perWorker = {};
		for (const [name] of ranBy) perWorker[name] = (perWorker[name] ?? 0) + 1;
		expect(Object.keys(perWorker).sort()).toEqual(['worker-1', 'worker-2']);
		// The main only enqueues: it never starts an execution itself.
		expect(world.main.output).not.toMatch(/Worker started execution/);
		return perWorker;
	}

	const clipsOf = (execution, nodeName) =>
		execution.data.resultData.runData[nodeName][0].data.main[0];
	const clipIdsOf = (taskId) => provider.tasks.get(taskId).live.clipIds;

	test('the rig: both nodes loaded by the main, two workers ready with 5 slots each', async () => {
		const response = await fetch(`${world.main.baseUrl}/types/nodes.json`, {
			headers: { cookie: world.main.cookie, 'browser-id': 'suno' },
		});
		const types = (await response.json()).map((type) => type.name);
		expect(types).toEqual(
			expect.arrayContaining([
				'n8n-nodes-suno-fetch.sunoFetch',
				'n8n-nodes-suno-fetch.sunoGenerate',
			]),
		);
		for (const worker of world.rig.workers) {
			expect(worker.running).toBe(true);
			expect(worker.log()).toContain(`Concurrency: ${CONCURRENCY}`);
		}
	});

	test(`Suno Fetch behind a webhook, ${CALLS} calls at once: ${CALLS} successful executions on the workers, every clip's file byte for byte from n8n's binary store`, async () => {
		const calls = Array.from({ length: CALLS }, () => [
			provider.createTask(),
			provider.createTask(),
		]);
		const mediaBefore = provider.counters.media;
		const started = Date.now();
		const answers = await Promise.all(calls.map((ids) => world.webhook(FETCH_PATH, { ids })));
		const wallMs = Date.now() - started;
		expect(answers.map((answer) => answer.status)).toEqual(calls.map(() => 200));

		const executionIds = answers.map((answer) => answer.body.executionId);
		expect(new Set(executionIds).size).toBe(CALLS);
		const executions = await Promise.all(executionIds.map((id) => world.waitForExecution(id)));
		expect(executions.map((execution) => [execution.mode, execution.status])).toEqual(
			calls.map(() => ['webhook', 'success']),
		);
		const perWorker = expectRunByWorkers(executionIds);

		for (const [index, execution] of executions.entries()) {
			const [first, second] = calls[index];
			const items = clipsOf(execution, 'Suno Fetch');
			expect(items.map(({ json }) => [json.taskId, json.taskStatus, json.clipId])).toEqual([
				...clipIdsOf(first).map((clipId) => [first, 'SUCCESS', clipId]),
				...clipIdsOf(second).map((clipId) => [second, 'SUCCESS', clipId]),
			]);
			// The webhook's answer (relayed by the main from the worker) names the same files.
			expect(answers[index].body.clips).toEqual(
				items.map(({ json, binary }) => ({
					taskId: json.taskId,
					clipId: json.clipId,
					taskStatus: 'SUCCESS',
					file: binary.audio.id,
				})),
			);
			await expectFilesFromStore(items);
		}
		// Each file was downloaded once, by the worker that ran its execution.
		expect(provider.counters.media - mediaBefore).toBe(CALLS * 4);
		report.fetchWebhooks = { calls: CALLS, wallMs, perWorker };
	});

	test(`Suno Generate behind a webhook, ${CALLS} prompts at once: one submit each, ${CALLS} successful executions on the workers, every clip's file byte for byte`, async () => {
		const prompts = Array.from(
			{ length: CALLS },
			(_, index) => `queue mode song ${index + 1}: a calm piano piece for a rainy evening`,
		);
		const before = provider.submits.length;
		const started = Date.now();
		const answers = await Promise.all(
			prompts.map((prompt) => world.webhook(GENERATE_PATH, { prompt })),
		);
		const wallMs = Date.now() - started;
		expect(answers.map((answer) => answer.status)).toEqual(prompts.map(() => 200));

		const submits = provider.submits.slice(before);
		expect(submits.map((submit) => submit.body.gpt_description_prompt).sort()).toEqual(
			[...prompts].sort(),
		);
		const executionIds = answers.map((answer) => answer.body.executionId);
		const executions = await Promise.all(executionIds.map((id) => world.waitForExecution(id)));
		expect(executions.map((execution) => execution.status)).toEqual(prompts.map(() => 'success'));
		const perWorker = expectRunByWorkers(executionIds);

		for (const [index, execution] of executions.entries()) {
			const submit = submits.find((each) => each.body.gpt_description_prompt === prompts[index]);
			const items = clipsOf(execution, 'Suno Generate');
			expect(items.map(({ json }) => [json.taskId, json.taskStatus, json.clipId])).toEqual(
				clipIdsOf(submit.taskId).map((clipId) => [submit.taskId, 'SUCCESS', clipId]),
			);
			await expectFilesFromStore(items);
		}
		report.generateWebhooks = { calls: CALLS, wallMs, perWorker };
	});

	test('Stop from the main ends a wait running on a worker within one poll interval', async () => {
		const taskId = provider.createTask({ holdAt: 'IN_PROGRESS' });
		const workflowId = await world.createWorkflow(
			manualWorkflow(
				'Queue: a wait to stop',
				sunoFetch({
					operation: 'get',
					taskId,
					waitForCompletion: true,
					pollInterval: STOP_POLL_MS / 1000,
					maxWait: 5,
				}),
			),
		);
		// "Execute workflow" in the editor: with OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS a worker runs it.
		const executionId = await world.runManually(workflowId);
		const worker = await world.until('a worker starts it', () => world.ranBy(executionId)[0]);
		const polls = () => provider.log.filter((entry) => entry.path === `/suno/fetch/${taskId}`);
		await world.until('the first poll', () => polls().length >= 1);
		await sleep(1000); // in the middle of the pause before the next poll

		const stoppedAt = Date.now();
		const stopped = await world.stopExecution(executionId);
		const answeredMs = Date.now() - stoppedAt;
		expect(stopped.status).toBe('canceled');
		// The worker's own account of the end of the job, not only the main's record.
		const ended = new RegExp(
			`Worker (errored while running|finished) execution ${executionId} \\(job`,
		);
		await world.until('the worker ends the job', () => ended.test(world.worker(worker).log()), {
			timeoutMs: STOP_POLL_MS,
			everyMs: 20,
		});
		const workerEndedMs = Date.now() - stoppedAt;
		expect(workerEndedMs).toBeLessThan(STOP_POLL_MS);

		const execution = await world.waitForExecution(executionId);
		expect(execution.status).toBe('canceled');
		// One and a half intervals later, no poll came after the Stop: the wait is over.
		const pollsAtStop = polls().filter((entry) => entry.at <= stoppedAt).length;
		await sleep(STOP_POLL_MS * 1.5 - (Date.now() - stoppedAt));
		expect(polls()).toHaveLength(pollsAtStop);
		report.stop = { pollIntervalMs: STOP_POLL_MS, answeredMs, workerEndedMs, worker };
	});

	describe('a worker killed in the middle of a wait', () => {
		const calls = [];
		let victim;
		let survivor;
		let killedAt;

		// The provider as the other tests expect it, whatever happened.
		afterEach(() => {
			provider.advance = 'poll';
			provider.submitDurationMs = null;
		});

		test('the execution it ran ends as failed, the webhook is answered, nothing is submitted twice, and the other worker finishes its own', async () => {
			provider.advance = 3600000; // the songs stay in progress until the test says otherwise
			const before = provider.submits.length;
			const known = new Set(Object.values(world.startedBy()).flat());
			// One call at a time until each worker is waiting for at least one song.
			for (let index = 0; index < 8; index++) {
				const prompt = `queue mode song for the kill test, number ${index + 1}`;
				const call = { prompt, answer: world.webhook(GENERATE_PATH, { prompt }) };
				calls.push(call);
				[call.worker, call.executionId] = await world.until('a worker starts it', () => {
					for (const [name, ids] of Object.entries(world.startedBy())) {
						const fresh = ids.find((id) => !known.has(id));
						if (fresh) return [name, fresh];
					}
					return null;
				});
				known.add(call.executionId);
				call.taskId = (
					await world.until('its submit', () =>
						provider.submits.find((submit) => submit.body.gpt_description_prompt === prompt),
					)
				).taskId;
				if (new Set(calls.map((each) => each.worker)).size === 2) break;
			}
			victim = world.worker(calls[0].worker);
			survivor = world.rig.workers.find((worker) => worker !== victim);
			const lost = calls.filter((call) => call.worker === victim.name);
			const kept = calls.filter((call) => call.worker === survivor.name);
			expect(kept.length).toBeGreaterThan(0);
			await sleep(1500); // both in their wait: a poll or two done

			killedAt = Date.now();
			victim.kill('SIGKILL');
			await victim.exited;

			// n8n finds the stalled job (lock + check), then fails it after its 30 s grace window.
			for (const call of lost) {
				const execution = await world.waitForExecution(call.executionId, { timeoutMs: 120000 });
				call.endedMs = Date.now() - killedAt;
				expect(['crashed', 'error']).toContain(execution.status);
				call.status = execution.status;
				call.error = execution.data?.resultData?.error?.message;
				const answer = await Promise.race([
					call.answer,
					new Promise((resolve) => setTimeout(resolve, 30000, null).unref()),
				]);
				expect(answer).not.toBeNull(); // the webhook call did not hang
				expect(answer.status).toBeGreaterThanOrEqual(500);
				call.httpStatus = answer.status;
				// The task it paid for is in the dead worker's log, to be fetched later by its id.
				expect(victim.log()).toContain(`Suno Generate submitted task ${call.taskId}`);
			}
			// The survivor's executions were waiting all along: their songs finish now.
			expect(survivor.running).toBe(true);
			provider.advance = 1;
			for (const call of kept) {
				const answer = await call.answer;
				expect(answer.status).toBe(200);
				const execution = await world.waitForExecution(call.executionId);
				expect(execution.status).toBe('success');
				expect(world.ranBy(call.executionId)).toEqual([survivor.name]);
				const items = clipsOf(execution, 'Suno Generate');
				expect(items.map(({ json }) => json.taskId)).toEqual([call.taskId, call.taskId]);
				await expectFilesFromStore(items);
			}
			// Two more stalled checks: nothing was run again, so nothing was submitted again.
			await sleep(SETTINGS.stalledIntervalMs * 2);
			const submits = provider.submits.slice(before);
			expect(submits.map((submit) => submit.body.gpt_description_prompt).sort()).toEqual(
				calls.map((call) => call.prompt).sort(),
			);
			expect(lost.every((call) => world.ranBy(call.executionId).length === 1)).toBe(true);
			report.workerKilled = {
				executionsOnKilledWorker: lost.map(
					({ executionId, status, httpStatus, endedMs, error }) => ({
						executionId,
						status,
						httpStatus,
						endedMsAfterKill: endedMs,
						error,
					}),
				),
				executionsOnOtherWorker: kept.length,
				submits: submits.length,
			};
		}, 240000);

		test(`throughput of a latency-bound workload (${CALLS} songs of ${BENCH_LATENCY_MS / 1000} s each): one worker, then two`, async () => {
			expect(victim && !victim.running && survivor.running).toBe(true);
			provider.submitDurationMs = [BENCH_LATENCY_MS, BENCH_LATENCY_MS];
			const round = async (label) => {
				const prompts = Array.from(
					{ length: CALLS },
					(_, index) => `queue mode throughput, ${label}, song ${index + 1}`,
				);
				const started = Date.now();
				const answers = await Promise.all(
					prompts.map((prompt) => world.webhook(GENERATE_PATH, { prompt })),
				);
				const wallMs = Date.now() - started;
				expect(answers.map((answer) => answer.status)).toEqual(prompts.map(() => 200));
				expect(answers.map((answer) => answer.body.clips.length)).toEqual(prompts.map(() => 2));
				const ids = answers.map((answer) => answer.body.executionId);
				const executions = await Promise.all(ids.map((id) => world.waitForExecution(id)));
				const durations = executions.map(
					(execution) => Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt),
				);
				const perWorker = {};
				for (const id of ids)
					for (const name of world.ranBy(id)) perWorker[name] = (perWorker[name] ?? 0) + 1;
				return {
					wallMs,
					executionsPerMinute: Math.round((CALLS / wallMs) * 60000 * 10) / 10,
					executionMsMedian: durations.sort((a, b) => a - b)[Math.floor(durations.length / 2)],
					perWorker,
				};
			};
			const one = await round('one worker');
			expect(Object.keys(one.perWorker)).toEqual([survivor.name]);
			const restartedAt = Date.now();
			await world.rig.startWorker(victim.name);
			const workerRestartMs = Date.now() - restartedAt;
			const two = await round('two workers');
			expect(Object.keys(two.perWorker).sort()).toEqual(['worker-1', 'worker-2']);
			const ratio = Math.round((one.wallMs / two.wallMs) * 100) / 100;
			report.throughput = {
				workload: `${CALLS} webhook calls at once, each Suno Generate: one submit, a song ready ${BENCH_LATENCY_MS} ms later, polled every 1 s, its 2 clips downloaded`,
				workerConcurrency: CONCURRENCY,
				oneWorker: one,
				twoWorkers: two,
				ratio,
				workerRestartMs,
			};
			// Waiting holds a slot: twice the slots, about half the time.
			expect(ratio).toBeGreaterThan(1.4);
		}, 240000);
	});
});
