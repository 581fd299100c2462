import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const rawIpc = {
  paths: [
    {
      name: 'electron',
      importNames: ['ipcRenderer', 'ipcMain'],
      message: 'Use the typed API: ipcMain only in main/shell/ipc.ts, ipcRenderer only in preload/index.ts.',
    },
  ],
};

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
    rules: { 'no-restricted-imports': 'off' },
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
