// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', 'media/**', '*.mjs'] },
	...tseslint.configs.recommended,
	{
		files: ['src/**/*.ts', 'test/**/*.ts'],
		languageOptions: {
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			eqeqeq: ['error', 'always'],
		},
	},
	{
		// The core decides; it never touches the editor. Plain data in, plain data out.
		files: ['src/core/**/*.ts', 'src/cli.ts', 'src/cli/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [{ name: 'vscode', message: 'src/core and the CLI must not import vscode: put editor code in src/vscode.' }],
					patterns: [{ group: ['**/vscode/**', '../vscode/*', '../../vscode/*'], message: 'src/core must not import the adapters.' }],
				},
			],
		},
	},
);
