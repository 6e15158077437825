'use strict';
/**
 * n8n in queue mode on this machine, throw-away: a PostgreSQL cluster (initdb, then the server on
 * 127.0.0.1 and a free port), a Redis server on a free loopback port, one `n8n start` main
 * (scripts/lib/n8n-server.js) and `n8n worker` processes, each n8n process with its own user folder
 * holding this package as a community package, all sharing one encryption key, the database and
 * Redis. Binary data goes to the database (n8n 2.x's default in queue mode): a file a worker
 * downloads is readable by the main and by every other worker.
 *
 * Everything started here is stopped by `rig.stop()`, and — if the process that started the rig
 * dies first, even by SIGKILL — by a watchdog (queue-reaper.js) that holds the other end of a pipe.
 */
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const n8n = require('./n8n.js');
const { startServer } = require('./n8n-server.js');

/** The Debian/Ubuntu package that brings each server. */
const PACKAGES = { 'redis-server': 'redis-server', postgres: 'postgresql' };
/** What installs the missing servers, as printed when the suite is skipped. */
const installCommand = (missing) =>
	`sudo apt-get install -y ${missing.map((entry) => entry.package).join(' ')}`;

function isExecutable(file) {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

function which(command) {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		const candidate = path.join(dir, command);
		if (dir && isExecutable(candidate)) return candidate;
	}
	return null;
}

/** The folder holding `initdb` and `postgres`: Debian keeps them off PATH, per major version. */
function findPostgresBin(env) {
	const has = (dir) =>
		dir && isExecutable(path.join(dir, 'initdb')) && isExecutable(path.join(dir, 'postgres'));
	if (env.SUNO_PG_BIN) return has(env.SUNO_PG_BIN) ? env.SUNO_PG_BIN : null;
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((name) => /^\d+(\.\d+)?$/.test(name))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	for (const version of versions) {
		const dir = path.join(root, version, 'bin');
		if (has(dir)) return dir;
	}
	const pgConfig = which('pg_config');
	if (pgConfig) {
		try {
			const dir = execFileSync(pgConfig, ['--bindir'], { encoding: 'utf8' }).trim();
			if (has(dir)) return dir;
		} catch {
			/* not usable */
		}
	}
	const initdb = which('initdb');
	return initdb && has(path.dirname(initdb)) ? path.dirname(initdb) : null;
}

/**
 * The servers the rig needs, and what is missing: `{redisServer, pgBin, missing, install}` where
 * `install` is the command that installs what is missing. `SUNO_REDIS_SERVER` (the program) and
 * `SUNO_PG_BIN` (the folder of initdb and postgres) point elsewhere.
 */
function findTools(env = process.env) {
	const redisServer = env.SUNO_REDIS_SERVER
		? isExecutable(env.SUNO_REDIS_SERVER)
			? env.SUNO_REDIS_SERVER
			: null
		: which('redis-server');
	const pgBin = findPostgresBin(env);
	const missing = [];
	if (!redisServer) missing.push({ tool: 'redis-server', package: PACKAGES['redis-server'] });
	if (!pgBin)
		missing.push({ tool: 'PostgreSQL server (initdb, postgres)', package: PACKAGES.postgres });
	return { redisServer, pgBin, missing, install: missing.length ? installCommand(missing) : null };
}

const handedOut = new Set();
/** A TCP port free on 127.0.0.1 now, never the same twice in this process. */
async function freePort() {
	for (;;) {
		const port = await new Promise((resolve, reject) => {
			const server = net.createServer();
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const { port: found } = server.address();
				server.close(() => resolve(found));
			});
		});
		if (!handedOut.has(port) && !handedOut.has(port - 1)) {
			handedOut.add(port);
			return port;
		}
	}
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** A deadline for Promise.race that does not keep the process alive once the race is decided. */
const deadline = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** The watchdog that ends what the rig started when the rig's process goes away. */
function startReaper() {
	const child = spawn(process.execPath, [path.join(__dirname, 'queue-reaper.js')], {
		detached: true,
		stdio: ['pipe', 'ignore', 'ignore'],
	});
	child.unref();
	child.stdin.unref?.();
	child.stdin.on('error', () => undefined);
	const send = (line) => {
		if (!child.stdin.destroyed) child.stdin.write(`${line}\n`);
	};
	const exited = new Promise((resolve) => child.once('exit', resolve));
	return {
		group: (pgid) => send(`+${pgid}`),
		groupEnded: (pgid) => send(`-${pgid}`),
		process: (pid) => send(`p${pid}`),
		processEnded: (pid) => send(`x${pid}`),
		folder: (dir) => send(`dir ${dir}`),
		/** Closes the pipe: the watchdog ends whatever is still listed, removes the folders, exits. */
		async close() {
			child.stdin.end();
			await Promise.race([exited, deadline(15000)]);
		},
	};
}

function tail(file, bytes = 6000) {
	try {
		const text = fs.readFileSync(file, 'utf8');
		return text.slice(-bytes);
	} catch {
		return '(no log)';
	}
}

function groupAlive(pgid) {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * Starts `command` in its own process group (so it and its children can be ended together), its
 * output appended to `logFile`, registered with the watchdog; never with `npm run`'s npm settings.
 */
function launch(command, args, { env, logFile, reaper, uid, gid }) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(command, args, {
		env: n8n.withoutNpmSettings(env),
		detached: true,
		stdio: ['ignore', out, out],
		...(uid === undefined ? {} : { uid, gid }),
	});
	fs.closeSync(out);
	reaper.group(child.pid);
	let exit = null;
	const exited = new Promise((resolve) =>
		child.once('exit', (code, signal) => {
			exit = { code, signal };
			// Killed or ended: once no process of its group is left, the watchdog forgets it.
			if (!groupAlive(child.pid)) reaper.groupEnded(child.pid);
			resolve(exit);
		}),
	);
	const proc = {
		pid: child.pid,
		logFile,
		exited,
		get running() {
			return exit === null;
		},
		log: () => {
			try {
				return fs.readFileSync(logFile, 'utf8');
			} catch {
				return '';
			}
		},
		/** A signal to the whole group (the process and what it started). */
		kill(signal = 'SIGKILL') {
			try {
				process.kill(-child.pid, signal);
			} catch {
				/* gone */
			}
		},
		/** `signal` to the process, then the whole group killed if it has not ended after `graceMs`. */
		async stop(signal = 'SIGTERM', graceMs = 15000) {
			if (exit === null) {
				try {
					process.kill(child.pid, signal);
				} catch {
					/* gone */
				}
				await Promise.race([exited, deadline(graceMs)]);
			}
			if (groupAlive(child.pid)) {
				proc.kill('SIGKILL');
				await Promise.race([exited, deadline(2000)]);
			}
			if (!groupAlive(child.pid)) reaper.groupEnded(child.pid);
		},
	};
	return proc;
}

/** Waits until `ready()` is true; fails early with the log when the process has ended. */
async function waitFor(what, proc, ready, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await ready()) return;
		if (!proc.running)
			throw new Error(`${what} exited before it was ready:\n${tail(proc.logFile)}`);
		if (Date.now() > deadline)
			throw new Error(`${what} was not ready in ${timeoutMs} ms:\n${tail(proc.logFile)}`);
		await sleep(100);
	}
}

/** As root, PostgreSQL refuses to run: its files and processes belong to `nobody` then. */
function postgresUser() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
	const id = (flag) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
	return { uid: id('-u'), gid: id('-g') };
}

/**
 * A throw-away PostgreSQL cluster on 127.0.0.1 (TCP only, trust authentication, no fsync) with a
 * database `n8n` owned by user `n8n`.
 */
async function startPostgres({ pgBin, dir, reaper, timeoutMs = 60000 }) {
	const dataDir = path.join(dir, 'postgres');
	fs.mkdirSync(dataDir, { mode: 0o700 });
	const user = postgresUser();
	if (user.uid !== undefined) fs.chownSync(dataDir, user.uid, user.gid);
	const initdb = spawnSync(
		path.join(pgBin, 'initdb'),
		['-D', dataDir, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'],
		{ encoding: 'utf8', cwd: dataDir, ...user },
	);
	if (initdb.status !== 0)
		throw new Error(`initdb failed (${initdb.status}):\n${initdb.stdout}\n${initdb.stderr}`);
	const port = await freePort();
	const proc = launch(
		path.join(pgBin, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'unix_socket_directories=',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		],
		{
			env: { ...process.env, LC_ALL: 'C' },
			logFile: path.join(dir, 'postgres.log'),
			reaper,
			...user,
		},
	);
	await waitFor(
		'PostgreSQL',
		proc,
		() => /database system is ready to accept connections/.test(proc.log()),
		timeoutMs,
	);
	const createdb = spawnSync(
		path.join(pgBin, 'createdb'),
		['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n'],
		{ encoding: 'utf8' },
	);
	if (createdb.status !== 0)
		throw new Error(`createdb failed (${createdb.status}): ${createdb.stderr}`);
	return {
		host: '127.0.0.1',
		port,
		user: 'n8n',
		database: 'n8n',
		proc,
		// SIGINT is PostgreSQL's "fast" shutdown: clients are disconnected, nothing is waited for.
		stop: () => proc.stop('SIGINT', 10000),
	};
}

/** PING over RESP: true once the server answers PONG. */
function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

/** A Redis server on a free loopback port, keeping nothing on disk. */
async function startRedis({ redisServer, dir, reaper, timeoutMs = 30000 }) {
	const port = await freePort();
	const proc = launch(
		redisServer,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--dir',
			dir,
		],
		{ env: process.env, logFile: path.join(dir, 'redis.log'), reaper },
	);
	await waitFor('redis-server', proc, () => redisPing(port), timeoutMs);
	return { host: '127.0.0.1', port, proc, stop: () => proc.stop('SIGTERM', 10000) };
}

/**
 * The settings every n8n process of the rig shares. `settings.lockDurationMs` and friends are
 * Bull's: how soon a job whose worker died counts as stalled (n8n's defaults: a 60 s lock, checked
 * every 30 s).
 */
function queueEnv({
	postgres,
	redis,
	encryptionKey,
	settings = {},
	binaryMode = 'database',
	binaryDir,
}) {
	return {
		EXECUTIONS_MODE: 'queue',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_ENCRYPTION_KEY: encryptionKey,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		// A store every process reads: a worker's downloads are served by the main. `filesystem`
		// only works so when every process has the same folder (here: one machine).
		N8N_DEFAULT_BINARY_DATA_MODE: binaryMode,
		...(binaryMode === 'filesystem' ? { N8N_BINARY_DATA_STORAGE_PATH: binaryDir } : {}),
		// The worker's --concurrency flag counts only while this is unset (-1).
		N8N_CONCURRENCY_PRODUCTION_LIMIT: '-1',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		...(settings.lockDurationMs
			? { QUEUE_WORKER_LOCK_DURATION: String(settings.lockDurationMs) }
			: {}),
		...(settings.lockRenewMs ? { QUEUE_WORKER_LOCK_RENEW_TIME: String(settings.lockRenewMs) } : {}),
		...(settings.stalledIntervalMs
			? { QUEUE_WORKER_STALLED_INTERVAL: String(settings.stalledIntervalMs) }
			: {}),
	};
}

/** A fresh n8n user folder inside the rig's folder, with the package installed. */
function userFolder(dir, name) {
	const folder = path.join(dir, name);
	fs.mkdirSync(folder);
	n8n.installPackage(folder);
	return folder;
}

/**
 * Starts the whole rig. `binaryMode`: 'database' (n8n's default in queue mode) or 'filesystem' in
 * one folder all processes share. Returns `{dir, postgres, redis, main, workers, concurrency, timings,
 * startWorker(name), stop()}`; `main` is scripts/lib/n8n-server.js's client (owner set up), each
 * worker `{name, pid, log(), kill(signal), stop(), exited}`. `timings` (ms): each part and the
 * whole start-up. Fails with `missing` set when a server is not installed.
 */
async function startQueueRig({
	runtime,
	workers = 2,
	concurrency = 5,
	settings = {},
	binaryMode = 'database',
	env = {},
	readyTimeoutMs = 180000,
} = {}) {
	const tools = findTools();
	if (tools.missing.length > 0) {
		const error = new Error(
			`queue mode needs ${tools.missing.map((entry) => entry.tool).join(' and ')}: install with ${tools.install}`,
		);
		error.missing = tools.missing;
		throw error;
	}
	const started = Date.now();
	const timings = {};
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suno-queue-'));
	// PostgreSQL runs as `nobody` under root and must reach its folder inside this one.
	fs.chmodSync(dir, 0o711);
	const reaper = startReaper();
	if (!process.env.SUNO_QUEUE_KEEP) reaper.folder(dir);
	const rig = {
		dir,
		concurrency,
		timings,
		postgres: null,
		redis: null,
		main: null,
		workers: [],
		env: null,
	};

	rig.startWorker = async (name) => {
		const t0 = Date.now();
		const folder = fs.existsSync(path.join(dir, name))
			? path.join(dir, name)
			: userFolder(dir, name);
		const healthPort = await freePort();
		// A restarted worker writes a new log; its `log()` still holds what the earlier ones wrote.
		const earlier = rig.workers.find((other) => other.name === name);
		const earlierLog = earlier ? earlier.log() : '';
		const starts = (earlier?.starts ?? 0) + 1;
		const proc = launch(runtime.node, [runtime.n8n, 'worker', `--concurrency=${concurrency}`], {
			env: n8n.n8nEnv(runtime, folder, {
				...rig.env,
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			}),
			logFile: path.join(dir, starts === 1 ? `${name}.log` : `${name}.${starts}.log`),
			reaper,
		});
		const worker = {
			name,
			folder,
			healthPort,
			starts,
			...proc,
			log: () => earlierLog + proc.log(),
			startedIn: 0,
		};
		Object.defineProperty(worker, 'running', { get: () => proc.running });
		rig.workers = rig.workers.filter((other) => other.name !== name).concat(worker);
		await waitFor(
			`n8n worker ${name}`,
			proc,
			() => proc.log().includes('n8n worker is now ready'),
			readyTimeoutMs,
		);
		worker.startedIn = Date.now() - t0;
		return worker;
	};

	rig.stop = async () => {
		// Workers first (they write to the database and Redis), then the main, then the servers.
		await Promise.all(rig.workers.map((worker) => worker.stop('SIGTERM', 20000)));
		if (rig.main) {
			const stopped = await Promise.race([rig.main.stop().then(() => true), deadline(20000)]);
			if (stopped) reaper.processEnded(rig.main.pid);
		}
		if (rig.redis) await rig.redis.stop();
		if (rig.postgres) await rig.postgres.stop();
		await reaper.close();
	};

	try {
		let t0 = Date.now();
		const [postgres, redis] = await Promise.all([
			startPostgres({ pgBin: tools.pgBin, dir, reaper }).then((value) => {
				timings.postgres = Date.now() - t0;
				return value;
			}),
			startRedis({ redisServer: tools.redisServer, dir, reaper }).then((value) => {
				timings.redis = Date.now() - t0;
				return value;
			}),
		]);
		rig.postgres = postgres;
		rig.redis = redis;
		const binaryDir = path.join(dir, 'binary-data');
		if (binaryMode === 'filesystem') fs.mkdirSync(binaryDir);
		rig.env = {
			...queueEnv({
				postgres,
				redis,
				encryptionKey: crypto.randomBytes(24).toString('base64'),
				settings,
				binaryMode,
				binaryDir,
			}),
			...env,
		};

		t0 = Date.now();
		const port = await freePort();
		const mainFolder = userFolder(dir, 'main');
		rig.main = await startServer(runtime, mainFolder, {
			port,
			env: { ...rig.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
			readyTimeoutMs,
		});
		// The main shares this process's group: the watchdog ends it (and its children) by its id.
		reaper.process(rig.main.pid);
		timings.main = Date.now() - t0;

		t0 = Date.now();
		await Promise.all(
			Array.from({ length: workers }, (_, index) => rig.startWorker(`worker-${index + 1}`)),
		);
		timings.workers = Date.now() - t0;
		timings.total = Date.now() - started;
		return rig;
	} catch (error) {
		await rig.stop().catch(() => undefined);
		throw error;
	}
}

module.exports = {
	findTools,
	freePort,
	queueEnv,
	startQueueRig,
	startPostgres,
	startRedis,
};
