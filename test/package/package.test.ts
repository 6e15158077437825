/**
 * What n8n and its verification check on the published package: the tarball holds only the
 * built node and credential with their codex and icons, no runtime dependencies, and
 * n8n-workflow as an optional peer; our lint enforces every rule n8n's community-package scanner
 * does, and the real scanner passes. Runs after `npm run build` (npm test builds first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('the published package', () => {
	const packed = () => {
		const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		return (JSON.parse(output)[0].files as Array<{ path: string }>).map((file) => file.path).sort();
	};

	it('ships only dist (node, credential, codex, icons), README, LICENSE and package.json', () => {
		expect(existsSync(join(root, 'dist'))).toBe(true);
		const files = packed();
		const outsideDist = files.filter((file) => !file.startsWith('dist/'));
		expect(outsideDist).toEqual(['LICENSE', 'README.md', 'package.json']);
		expect(files).toEqual(
			expect.arrayContaining([
				'dist/nodes/SunoFetch/SunoFetch.node.js',
				'dist/nodes/SunoFetch/SunoFetch.node.json',
				'dist/nodes/SunoFetch/suno.svg',
				'dist/nodes/SunoFetch/suno.dark.svg',
				'dist/nodes/SunoGenerate/SunoGenerate.node.js',
				'dist/nodes/SunoGenerate/SunoGenerate.node.json',
				'dist/nodes/SunoGenerate/suno.svg',
				'dist/nodes/SunoGenerate/suno.dark.svg',
				'dist/credentials/SunoApi.credentials.js',
				'dist/credentials/suno.svg',
				'dist/credentials/suno.dark.svg',
			]),
		);
		expect(files.filter((file) => /\.(ts|map)$/.test(file))).toEqual([]);
	});

	it('declares itself to n8n and every declared file exists', () => {
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(existsSync(join(root, file))).toBe(true);
		}
	});

	it('has no runtime dependencies and n8n-workflow as its only, optional, peer', () => {
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.peerDependenciesMeta).toEqual({ 'n8n-workflow': { optional: true } });
	});

	it.each([
		['SunoFetch', 'sunoFetch'],
		['SunoGenerate', 'sunoGenerate'],
	])('the built node %s loads from dist, is declared, and names its credential', (name, type) => {
		const file = `dist/nodes/${name}/${name}.node.js`;
		expect(pkg.n8n.nodes).toContain(file);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { [name]: Node } = require(join(root, file));
		expect(new Node().description).toMatchObject({
			name: type,
			usableAsTool: true,
			credentials: [{ name: 'sunoApi', required: true }],
		});
	});
});

/**
 * Runs an ES module in a child Node and returns what it prints as JSON. ESLint loads
 * eslint.scanner.config.mjs and the scanner is an ES module: both need import(), which Jest's VM refuses.
 * Without Jest's NODE_ENV=test: under it eslint-plugin-n8n-nodes-base takes every file for a
 * node, trigger and credential file at once and reports nonsense.
 */
function inNode<T>(code: string, input: unknown = null): T {
	const { NODE_ENV: _jest, ...env } = process.env;
	const output = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
		cwd: root,
		env,
		input: JSON.stringify(input),
		encoding: 'utf8',
		maxBuffer: 16 * 1024 * 1024,
	});
	return JSON.parse(output) as T;
}

interface LintMessage {
	ruleId: string | null;
	severity: number;
	message: string;
}

/** `npm run lint:scanner`'s config (eslint.scanner.config.mjs), given each text as if it were the file at `filePath`. */
function lint(files: Array<{ text: string; filePath: string }>): LintMessage[][] {
	return inNode(
		`import { ESLint } from 'eslint';
		import { readFileSync } from 'node:fs';
		const eslint = new ESLint({ overrideConfigFile: 'eslint.scanner.config.mjs' });
		const results = [];
		for (const { text, filePath } of JSON.parse(readFileSync(0, 'utf8'))) {
			const [result] = await eslint.lintText(text, { filePath });
			results.push(result.messages.map(({ ruleId, severity, message }) => ({ ruleId, severity, message })));
		}
		process.stdout.write(JSON.stringify(results));`,
		files,
	);
}

/** The scanner module, with its temporary directory removed on exit. */
const scannerImport = `import { createRequire } from 'node:module';
	import * as scanner from '@n8n/scan-community-package/scanner/scanner.mjs';
	createRequire(import.meta.resolve('@n8n/scan-community-package/scanner/scanner.mjs'))('tmp').setGracefulCleanup();`;

describe("our lint covers n8n's community-package scanner", () => {
	const text = (changes: Record<string, unknown>) =>
		JSON.stringify({ ...pkg, ...changes }, null, 2) + '\n';
	const errors = (messages: LintMessage[]) =>
		messages.filter((message) => message.severity === 2).map((message) => message.ruleId);

	it("lints package.json with the scanner's package.json rules; the real package.json is clean", () => {
		const cases: Array<[string, Record<string, unknown>]> = [
			['@n8n/community-nodes/valid-author', { author: { name: pkg.author.name } }],
			['@n8n/community-nodes/valid-author', { author: 'n8n-nodes-suno-fetch contributors' }],
			['@n8n/community-nodes/package-name-convention', { name: 'suno-fetch' }],
			['@n8n/community-nodes/no-runtime-dependencies', { dependencies: { axios: '^1.0.0' } }],
			[
				'@n8n/community-nodes/valid-peer-dependencies',
				{ peerDependencies: { 'n8n-workflow': '>=1' } },
			],
			['@n8n/community-nodes/no-overrides-field', { overrides: { axios: '1.0.0' } }],
			[
				'@n8n/community-nodes/no-forbidden-lifecycle-scripts',
				{ scripts: { ...pkg.scripts, postinstall: 'node setup.js' } },
			],
			[
				'n8n-nodes-base/community-package-json-keywords-without-official-tag',
				{ keywords: ['n8n', 'suno'] },
			],
		];
		const [real, ...broken] = lint([
			{ text: readFileSync(join(root, 'package.json'), 'utf8'), filePath: 'package.json' },
			...cases.map(([, changes]) => ({ text: text(changes), filePath: 'package.json' })),
		]);
		expect(real).toEqual([]);
		expect(broken.map(errors)).toEqual(cases.map(([rule]) => expect.arrayContaining([rule])));
		expect(broken[0][0].message).toBe('The "author" field must include a non-empty email.');
	});

	it('ignores eslint-disable comments in shipped code, as the scanner does', () => {
		const [messages] = lint([
			{
				text: '// eslint-disable-next-line no-console\nconsole.log("waived?");\n',
				filePath: 'nodes/SunoFetch/helpers/probe.ts',
			},
		]);
		expect(errors(messages)).toContain('no-console');
	});

	it('enforces, file by file, every rule the scanner enforces', () => {
		const files = [
			'package.json',
			'nodes/SunoFetch/SunoFetch.node.ts',
			'nodes/SunoFetch/SunoFetch.node.json',
			'nodes/SunoFetch/actions/download.ts',
			'credentials/SunoApi.credentials.ts',
		];
		const missing = inNode<Record<string, string[]>>(
			`import { ESLint } from 'eslint';
			${scannerImport}
			const scan = new ESLint({ overrideConfigFile: true, overrideConfig: await scanner.buildScanConfig() });
			const ours = new ESLint({ overrideConfigFile: 'eslint.scanner.config.mjs' });
			const isError = (setting) => [2, 'error'].includes(Array.isArray(setting) ? setting[0] : setting);
			const missing = {};
			for (const file of ${JSON.stringify(files)}) {
				const theirs = (await scan.calculateConfigForFile(file)).rules;
				const mine = (await ours.calculateConfigForFile(file))?.rules ?? {};
				missing[file] = Object.keys(theirs).filter((rule) => isError(theirs[rule]) && !isError(mine[rule]));
			}
			process.stdout.write(JSON.stringify(missing));`,
		);
		expect(missing).toEqual(Object.fromEntries(files.map((file) => [file, []])));
	});

	it('the real scanner (analyzePackage) passes the source and the packed tarball', () => {
		const workDir = mkdtempSync(join(tmpdir(), 'suno-scan-'));
		try {
			const [{ filename }] = JSON.parse(
				execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], {
					cwd: root,
					encoding: 'utf8',
					stdio: ['ignore', 'pipe', 'ignore'],
				}),
			);
			const unpacked = join(workDir, 'package');
			execFileSync('tar', ['-xzf', join(workDir, filename), '-C', workDir]);
			// The two legs of the scanner's analyzePackageByName, which also checks npm provenance and
			// downloads both from the registry and GitHub: here the working tree and the packed tarball.
			const results = inNode<Array<{ passed: boolean; message?: string; details?: string }>>(
				`${scannerImport}
				const source = await scanner.analyzePackage(process.cwd(), scanner.SOURCE_FILE_PATTERNS);
				const tarball = await scanner.analyzePackage(${JSON.stringify(unpacked)}, ['**/*.js', 'package.json']);
				process.stdout.write(JSON.stringify([source, tarball].map(({ passed, message, details }) => ({ passed, message, details }))));`,
			);
			expect(results).toEqual([{ passed: true }, { passed: true }]);
		} finally {
			rmSync(workDir, { recursive: true, force: true });
		}
	});
});
