import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const rawIpcPath = {
  name: 'electron',
  importNames: ['ipcRenderer', 'ipcMain'],
  message: 'Use the typed API: ipcMain only in main/shell/ipc.ts, ipcRenderer only in preload/index.ts.',
};
// The database driver is the engine's business: only main/db/sqlite/ (and tests' fixtures, the benchmark) may use it.
const rawDriverPath = {
  name: 'better-sqlite3',
  message: 'Only main/db/sqlite/ may import better-sqlite3; services take Kysely handles (main/db/handles.ts) and ServiceContext.',
};
const rawIpc = { paths: [rawIpcPath, rawDriverPath] };

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', rawIpc],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['main/shell/ipc.ts', 'preload/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [rawDriverPath] }] },
  },
  {
    // The engine's folder, and tests and benchmarks that compare with or set up fixtures on the raw driver.
    files: ['main/db/sqlite/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{js,mjs,ts}'],
    rules: { 'no-restricted-imports': ['error', { paths: [rawIpcPath] }] },
  },
  {
    // Type-aware rules for main and the tests (the whole project typed is too slow for every lint): no promise left
    // unawaited (in a test, an unawaited call's failure passes unseen or lands in the next test).
    files: ['main/**/*.ts', 'tests/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer has no Electron: it reaches main only through window.ombudsdesk.' }],
          // main/vocabulary (closed lists and small predicates, no I/O) is the one folder of main imported as values.
          patterns: [
            {
              regex: '(^|/)main/(?!vocabulary/)',
              allowTypeImports: true,
              message: 'The renderer may import from main only as types (values: main/vocabulary); the rest comes through window.ombudsdesk.',
            },
          ],
        },
      ],
    },
  },
);
