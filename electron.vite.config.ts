import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const here = (file: string) => resolve(import.meta.dirname, file);

export default defineConfig({
  main: {
    build: {
      outDir: here('out/main'),
      // Every dependency stays in node_modules (electron-builder packs them); tests/static/main-bundle.test.ts checks this.
      externalizeDeps: true,
      rolldownOptions: {
        // The job worker is an entry of its own: a worker thread loads it by file (main/jobs/runner.ts).
        input: { index: here('main/index.ts'), 'job-worker': here('main/jobs/worker.ts') },
        // Named again in case externalizeDeps ever changes: its .node prebuild must load from app.asar.unpacked.
        external: ['better-sqlite3'],
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: here('out/preload'),
      // A sandboxed preload must be one CommonJS file that requires nothing but electron (ELECTRON-NOTES 1).
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { index: here('preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('renderer'),
    // Relative asset URLs, so the page loads the same from app://ombudsdesk/ as from the dev server.
    base: './',
    plugins: [react()],
    build: {
      outDir: here('out/renderer'),
      emptyOutDir: true,
      // The CSP forbids inline scripts, so no inline module-preload polyfill.
      modulePreload: { polyfill: false },
      // electron-vite leaves the renderer unminified by default: 850 kB of source text to parse before the first row.
      // Minified, and the libraries the first page needs in chunks of their own (they change less often than the app);
      // each screen beyond the inbox stays its own lazy chunk. tests/static/renderer-build.test.ts checks both.
      minify: true,
      rolldownOptions: {
        input: here('renderer/index.html'),
        output: {
          codeSplitting: {
            groups: [
              { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
              // Charts (recharts and what it brings: d3 pieces, redux, immer ...), used by the start screens, barometer and reports.
              { name: 'charts', test: /[\\/]node_modules[\\/](recharts|d3-[\w-]+|victory-vendor|@reduxjs|redux|redux-thunk|react-redux|reselect|immer|es-toolkit|decimal\.js-light|eventemitter3|tiny-invariant|internmap|use-sync-external-store|clsx)[\\/]/, priority: 1 },
              { name: 'libs', test: /[\\/]node_modules[\\/](i18next|react-i18next|@tanstack|html-parse-stringify|void-elements)[\\/]/, priority: 1 },
            ],
          },
        },
      },
    },
  },
});
