// `npm run lint:size`: the package's own limits on shipped code (issue #20), so a file or function
// that grows past them fails `npm test`: no file over 250 lines, no function over 60 (comments and
// blank lines count: they are read too).
import tseslint from 'typescript-eslint';

export default [
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser: tseslint.parser },
		rules: {
			'max-lines': ['error', { max: 250, skipBlankLines: false, skipComments: false }],
			'max-lines-per-function': ['error', { max: 60, skipBlankLines: false, skipComments: false }],
		},
	},
];
