// Tests, bench and scripts: their own lint, without the rules for shipped code (they start
// servers, read files, print and time things, which a node must not). `n8n-node lint` picks this up
// through test/eslint.config.mjs, bench/eslint.config.mjs and scripts/eslint.config.mjs, which
// re-export it: `npm run lint:n8n` runs ESLint with its per-directory config lookup
// (the unstable_config_lookup_from_file flag of ESLint 9, the default from ESLint 10), so that the
// root eslint.config.mjs can stay node-cli's template as `"n8n": {"strict": true}` requires.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{
		files: ['**/*.{js,mjs,ts}'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: {
			// Tests read untyped provider JSON.
			'@typescript-eslint/no-explicit-any': 'off',
			// `const { NODE_ENV: _jest, ...env } = process.env` leaves a variable out on purpose.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true },
			],
		},
	},
	{
		files: ['**/*.js'],
		languageOptions: { sourceType: 'commonjs', globals: globals.node },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
);
