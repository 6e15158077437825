/**
 * What a new user's first run depends on, checked in seconds: `npm run demo` and `npm test` run
 * under `npm run`, which hands this project's npm settings (ignore-scripts, and once
 * strict-allow-scripts) to every process as npm_config_* variables. The n8n runtime's own npm must
 * not obey them, and neither must n8n. The real install is exercised by `.ci/run`, which installs
 * the runtime into a fresh folder on every run.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const n8n = require('../../scripts/lib/n8n.js') as {
	n8nEnv: (userFolder: string, extra?: Record<string, string>) => Record<string, string>;
};

const root = join(__dirname, '..', '..');
const leaked = {
	npm_config_strict_allow_scripts: 'true',
	npm_config_ignore_scripts: 'true',
	npm_config_local_prefix: root,
	NPM_CONFIG_FOREGROUND_SCRIPTS: 'false',
};

describe('the first run on a fresh machine', () => {
	let scratch: string;
	beforeEach(() => (scratch = mkdtempSync(join(tmpdir(), 'suno-first-run-'))));
	afterEach(() => rmSync(scratch, { recursive: true, force: true }));

	it("installs the n8n runtime with npm settings of the runtime's own, none of the project's", () => {
		// A stand-in npm on PATH records what it was started with, then fails like a refused install.
		const bin = join(scratch, 'bin');
		const record = join(scratch, 'npm-env.txt');
		spawnSync('mkdir', ['-p', bin]);
		writeFileSync(
			join(bin, 'npm'),
			`#!/usr/bin/env bash\n{ echo "cwd=$PWD"; echo "args=$*"; env; } > '${record}'\necho 'npm error refused' >&2\nexit 7\n`,
		);
		chmodSync(join(bin, 'npm'), 0o755);
		const runtimeDir = join(scratch, 'runtime');

		const result = spawnSync('bash', [join(root, 'scripts', 'install-n8n.sh')], {
			env: {
				...process.env,
				...leaked,
				PATH: `${bin}:${process.env.PATH}`,
				N8N_RUNTIME_DIR: runtimeDir,
			},
			encoding: 'utf8',
		});

		const seen = readFileSync(record, 'utf8').split('\n');
		expect(seen).toContain(`cwd=${runtimeDir}`);
		expect(seen.filter((line) => /^npm_config_/i.test(line))).toEqual([]);
		expect(readFileSync(join(runtimeDir, '.npmrc'), 'utf8')).not.toMatch(/scripts/);
		// A failed step says which step failed, quotes the log and is not marked complete.
		expect(result.status).toBe(7);
		expect(result.stderr).toMatch(/FAILED after .* while installing n8n@/);
		expect(result.stderr).toContain('npm error refused');
		expect(existsSync(join(runtimeDir, '.complete'))).toBe(false);
	});

	it('starts n8n without the npm settings `npm run` passes down, keeping everything else', () => {
		const saved = { ...process.env };
		Object.assign(process.env, leaked, { SUNO_FIRST_RUN_PROBE: 'kept' });
		try {
			const env = n8n.n8nEnv(scratch, { N8N_PORT: '5999' });
			expect(Object.keys(env).filter((name) => /^npm_config_/i.test(name))).toEqual([]);
			expect(env).toMatchObject({
				SUNO_FIRST_RUN_PROBE: 'kept',
				N8N_PORT: '5999',
				N8N_USER_FOLDER: scratch,
			});
		} finally {
			process.env = saved;
		}
	});
});
