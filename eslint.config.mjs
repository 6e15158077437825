// n8n's rules for community nodes: the current plugin (@n8n/eslint-plugin-community-nodes, the
// set n8n's verification scans with) plus the classic eslint-plugin-n8n-nodes-base sets for the
// package, credentials and nodes. Only the package's shipped code is linted; tests and tools may
// use Node's APIs the node itself must not.
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import jsoncParser from 'jsonc-eslint-parser';
import tseslint from 'typescript-eslint';

const classic = (name) => ({ 'n8n-nodes-base': n8nNodesBase, rules: n8nNodesBase.configs[name].rules });

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'bench/**', 'scripts/**', 'examples/**'] },
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: classic('community').rules,
	},
	...tseslint.configs.recommended.map((config) => ({ ...config, files: ['nodes/**/*.ts', 'credentials/**/*.ts'] })),
	{ ...communityNodes.configs.recommended, files: ['nodes/**/*.ts', 'credentials/**/*.ts'] },
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...classic('credentials').rules,
			// n8n's own node-cli turns this off: it wants a bare slug, we link the README section.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...classic('nodes').rules,
			// The rule predates NodeConnectionTypes and misreads `[NodeConnectionTypes.Main]`.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
