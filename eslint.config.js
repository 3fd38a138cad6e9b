// ESLint (flat config): typescript-eslint with type information, the React hooks rules on the screens, and the
// two import walls the architecture depends on: the domain (electron/core) never imports Electron, and the
// screens (renderer/src) never import Node, since they run in a sandboxed browser page.
// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));

export default tseslint.config(
  // what .gitignore leaves out (Prettier reads .gitignore itself; ESLint does not)
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'release/', '.station-data/', 'tmp/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // an unused value named with a leading underscore is kept on purpose (a signature, a destructured rest)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Playwright reads a fixture's needs from its first parameter: `async ({}, use)` is how one needs nothing
      'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }],
      // node:test's test() and describe() return promises the runner itself awaits
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/core is the domain in plain Node: it never imports Electron.' }],
          patterns: [{ group: ['electron/*'], message: 'electron/core is the domain in plain Node: it never imports Electron.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'The screens run in a sandboxed page: no Node built-ins.' })),
          patterns: [{ group: ['node:*'], message: 'The screens run in a sandboxed page: no Node built-ins.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
