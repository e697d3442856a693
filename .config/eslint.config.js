// ESLint flat config for the workspace (`pnpm lint` passes it with --config; the repo's top level
// is kept to packages/, apps/, docs/ and the workspace files). Type-aware rules read one program
// over all sources (tsconfig.eslint.json here).
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { marginaliaPlugin } from './eslint-rules/no-url-into-other-package.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export default tseslint.config(
  {
    basePath: root,
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dist-types/**',
      '**/.tsbuild/**',
      '**/.artifacts/**',
      '**/coverage/**',
      '**/architecture-fixtures/**',
      'apps/package-smoke/consumer/**',
    ],
  },
  {
    basePath: root,
    files: ['packages/*/src/**/*.{ts,tsx}', 'apps/*/src/**/*.{ts,tsx}'],
    extends: [tseslint.configs.base],
    plugins: { marginalia: marginaliaPlugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      parserOptions: {
        project: fileURLToPath(new URL('tsconfig.eslint.json', import.meta.url)),
        tsconfigRootDir: root,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-for-in-array': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      // Habits (docs: /work/shared/DESIGN.md "Habits"): no empty catch, explicit exports in index files.
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-empty-pattern': 'error',
      'marginalia/no-url-into-other-package': ['error', { root }],
    },
  },
  {
    basePath: root,
    files: ['**/index.ts', '**/index.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'List the exports of an index file explicitly (no `export *`).' },
      ],
    },
  },
);
