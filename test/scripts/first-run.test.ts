/**
 * What a new user's first run depends on, checked in seconds: `npm run demo` and `npm test` run
 * under `npm run`, which hands this project's npm settings (ignore-scripts, and once
 * strict-allow-scripts) to every process as npm_config_* variables. The n8n runtime's own npm must
 * not obey them, and neither must n8n. The real install is exercised by `.ci/run`, which installs
 * the runtime into a fresh folder on every run.
 */
import {
	chmodSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const n8n = require('../../scripts/lib/n8n.js') as {
	ensureRuntime: (options?: { progress: 'pipe' }) => unknown;
	n8nEnv: (
		runtime: { n8nVersion: string },
		userFolder: string,
		extra?: Record<string, string>,
	) => Record<string, string>;
};

const root = join(__dirname, '..', '..');
const n8n2 = { n8nVersion: '2.41.1' };
// What `npm run` hands down from this project's .npmrc, and a setting of the user's own.
const fromProject = {
	npm_config_ignore_scripts: 'true',
	NPM_CONFIG_OMIT_LOCKFILE_REGISTRY_RESOLVED: 'true',
	npm_config_local_prefix: root,
};
const usersOwn = { npm_config_registry: 'http://127.0.0.1:9/mirror/' };
const projectNames = Object.keys(fromProject).map((name) => name.toLowerCase());
const isProjectSetting = (nameOrLine: string) =>
	projectNames.includes(nameOrLine.split('=')[0].toLowerCase());

/** Runs `fn` with these variables added to process.env, then restores it. */
function withEnv<T>(vars: Record<string, string>, fn: () => T): T {
	const saved = { ...process.env };
	Object.assign(process.env, vars);
	try {
		return fn();
	} finally {
		process.env = saved;
	}
}

describe('the first run on a fresh machine', () => {
	let scratch: string;
	beforeEach(() => (scratch = mkdtempSync(join(tmpdir(), 'suno-first-run-'))));
	afterEach(() => rmSync(scratch, { recursive: true, force: true }));

	it("installs the n8n runtime without the project's npm settings, keeping the user's", () => {
		// A stand-in npm on PATH records what it was started with, then fails like a refused install.
		const bin = join(scratch, 'bin');
		const record = join(scratch, 'npm-env.txt');
		mkdirSync(bin);
		writeFileSync(
			join(bin, 'npm'),
			`#!/usr/bin/env bash\n{ echo "cwd=$PWD"; echo "args=$*"; env; } > '${record}'\necho 'npm error refused' >&2\nexit 7\n`,
		);
		chmodSync(join(bin, 'npm'), 0o755);
		const runtimeDir = join(scratch, 'runtime');

		let failure: (Error & { stderr: string }) | undefined;
		withEnv(
			{
				...fromProject,
				...usersOwn,
				PATH: `${bin}:${process.env.PATH}`,
				N8N_RUNTIME_DIR: runtimeDir,
			},
			() => {
				try {
					n8n.ensureRuntime({ progress: 'pipe' });
				} catch (error) {
					failure = error as Error & { stderr: string };
				}
			},
		);

		const seen = readFileSync(record, 'utf8').split('\n');
		expect(seen).toContain(`cwd=${runtimeDir}`);
		expect(seen.filter(isProjectSetting)).toEqual([]);
		expect(seen).toContain(`npm_config_registry=${usersOwn.npm_config_registry}`);
		expect(readFileSync(join(runtimeDir, '.npmrc'), 'utf8')).not.toMatch(/scripts/);
		// A failed step says which step failed, quotes the log and is not marked complete.
		expect(failure?.message).toMatch(/install-n8n\.sh/);
		expect(failure?.stderr).toMatch(/FAILED after .* while installing n8n@/);
		const log = readFileSync(join(runtimeDir, 'install.log'), 'utf8');
		expect(log).toContain('npm error refused');
		expect(existsSync(join(runtimeDir, '.complete'))).toBe(false);
	});

	it("starts n8n without the project's npm settings, keeping the user's and everything else", () => {
		const env = withEnv({ ...fromProject, ...usersOwn, SUNO_FIRST_RUN_PROBE: 'kept' }, () =>
			n8n.n8nEnv(n8n2, scratch, { N8N_PORT: '5999' }),
		);
		expect(Object.keys(env).filter(isProjectSetting)).toEqual([]);
		expect(env).toMatchObject({
			SUNO_FIRST_RUN_PROBE: 'kept',
			npm_config_registry: usersOwn.npm_config_registry,
			N8N_PORT: '5999',
			N8N_USER_FOLDER: scratch,
		});
	});

	it('keeps n8n 2 from asking api.n8n.io, and n8n 1 from a module name it would refuse', () => {
		const offline = {
			N8N_DISABLED_MODULES: 'mcp-registry',
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		};
		expect(n8n.n8nEnv(n8n2, scratch)).toMatchObject(offline);
		const n8n1 = n8n.n8nEnv({ n8nVersion: '1.123.81' }, scratch);
		expect(n8n1).not.toHaveProperty('N8N_DISABLED_MODULES');
		expect(n8n1).not.toHaveProperty('N8N_VERIFIED_PACKAGES_ENABLED');
	});
});
