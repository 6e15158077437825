/**
 * What n8n and its verification check on the published package: the tarball holds only the
 * built node and credential with their codex and icons, no runtime dependencies, and
 * n8n-workflow as an optional peer. Runs after `npm run build` (npm test builds first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('the published package', () => {
	const packed = () => {
		const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
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

	it('the built node loads from dist and names its credential', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { SunoFetch } = require(join(root, 'dist/nodes/SunoFetch/SunoFetch.node.js'));
		const node = new SunoFetch();
		expect(node.description).toMatchObject({ name: 'sunoFetch', usableAsTool: true, credentials: [{ name: 'sunoApi', required: true }] });
	});
});
