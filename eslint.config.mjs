// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.stack/',
      'coverage/',
      '**/*.js',
      '**/*.mjs',
      'libs/contracts/src/generated/',
      'libs/client/dist/',
      'libs/client/src/generated/',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A lib is imported through its entry, another app only through its public entry: internals stay free to change.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@modelstream/*/**'], message: 'Import a lib through its entry (@modelstream/<lib>), not its internals.' },
            {
              group: ['**/libs/*/src', '**/libs/*/src/**'],
              message: 'Import a lib by its alias @modelstream/<lib>, not by a path into it.',
            },
            {
              group: ['**/apps/*/src/**', '**/ingest/src/**', '**/trainer/src/**', '**/inference/src/**'],
              message: "Another app's internals are not an API: use its public entry (e.g. @modelstream/ingest-ops).",
            },
          ],
        },
      ],
    },
  },
  {
    // the portal's single-page app: React, with the rules of hooks
    files: ['apps/portal/web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    // jest loads a global setup with plain require, without the @modelstream/* path aliases
    files: ['test/support/global-setup.ts', 'test/support/private-stack.ts', 'test/support/faults-*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
