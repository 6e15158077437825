// `npm run lint:scanner` (eslint -c eslint.scanner.config.mjs nodes credentials package.json):
// lint what n8n's community-package scanner checks, so it fails whenever n8n's verification would.
// eslint.config.mjs beside it is @n8n/node-cli's template, unchanged, as `"n8n": {"strict": true}`
// requires; `npm run lint:n8n` runs `n8n-node lint` with it. This file adds what that does not do.
//
// 1. n8n's community-package scanner (@n8n/scan-community-package 0.32.0, scanner/scanner.mjs,
//    `buildScanConfig` and `analyzePackage`) lints package.json and nodes/, credentials/
//    (.ts, .js, .json) of the package's source, and the published tarball's compiled .js and
//    package.json, with:
//    - @n8n/eslint-plugin-community-nodes `recommended` on every file, package.json included
//      (valid-author, package-name-convention, valid-peer-dependencies, no-runtime-dependencies,
//      no-overrides-field, no-forbidden-lifecycle-scripts, ...), plus `no-console: error`;
//    - eslint-plugin-n8n-nodes-base's community set on package.json and its credentials and nodes
//      sets on the .ts sources;
//    - JSON parsed by @typescript-eslint/parser: the package.json rules walk a JS object literal
//      and find nothing in the AST jsonc-eslint-parser produces (that silently disabled them here);
//    - inline `eslint-disable` comments ignored (`allowInlineConfig: false`): a finding can only
//      be fixed, not waived. `n8n-node lint` honours them, so this is the lint that cannot be waived.
//    The scanner bundles the plugin at 0.29.0; 0.32.0 here has the same rules and one more
//    (no-unsafe-connection-type-cast), and finds descriptions in more places.
// 2. `n8n-node lint`'s core and TypeScript sets (@eslint/js and typescript-eslint `recommended`),
//    so this file alone also covers them; cred-class-field-type-options-password-missing stays
//    on here (node-cli turns it off: stricter). eslint-plugin-import-x is left to `n8n-node lint`.
//
// Only shipped code and package.json are linted here; tests, bench and scripts may use Node's APIs
// the node itself must not. test/package/package.test.ts runs the real scanner against this package
// and checks that this config enforces every rule the scanner enforces.
import js from '@eslint/js';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const sources = ['nodes/**/*.ts', 'credentials/**/*.ts'];
const json = ['package.json', 'nodes/**/*.json', 'credentials/**/*.json'];
const scanned = [...sources, 'nodes/**/*.js', 'credentials/**/*.js', ...json];
const classic = (name) => n8nNodesBase.configs[name].rules;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'bench/**', 'scripts/**', 'examples/**'] },
	// The scanner runs ESLint with allowInlineConfig: false.
	{ linterOptions: { noInlineConfig: true } },
	{
		files: json,
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	// n8n-node lint's core and TypeScript sets.
	{ ...js.configs.recommended, files: sources },
	...tseslint.configs.recommended.map((config) => ({ ...config, files: sources })),
	// The scanner's sets.
	{ ...communityNodes.configs.recommended, files: scanned },
	{ files: scanned, rules: { 'no-console': 'error' } },
	{
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: classic('community'),
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...classic('credentials'),
			// n8n's own node-cli and the scanner turn this off: it wants a bare slug, we link the README section.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...classic('nodes'),
			// Off in the scanner and node-cli too: the rules predate NodeConnectionTypes and misread
			// `[NodeConnectionTypes.Main]`.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
