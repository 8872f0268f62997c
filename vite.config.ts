import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';
import { FRAME_HEADERS, rewriteCspMeta } from './scripts/csp.ts';

/** The built index.html gets the shipped CSP (no dev-server sockets): scripts/csp.ts. */
const buildCsp: Plugin = {
  name: 'ringside-build-csp',
  apply: 'build',
  transformIndexHtml: { order: 'post', handler: rewriteCspMeta },
};

const SHELL = [
  'cli/**/*.test.ts',
  'electron/**/*.test.ts',
  'ipc/**/*.test.ts',
  'renderer/**/*.test.{ts,tsx}',
  'scripts/**/*.test.ts',
];
/** The shell's tests that vi.mock a module. */
const MOCKING = [
  'cli/check.test.ts',
  'renderer/components/FatesReveal.test.tsx',
  'renderer/state/bridges/simulation.test.tsx',
];

/** The renderer is built from renderer/ into dist/renderer; Vitest runs the unit tests of every layer. */
export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: 'public',
  plugins: [react(), buildCsp],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // What the first screen loads ('$initial': the entry imports it statically) is three chunks, each
        // under the 500 kB warning: React, which seldom changes; the other libraries; and the app. The
        // views loaded on first use (renderer/lazyViews.tsx, the exports and reports in App.tsx) keep
        // chunks of their own. Without these groups Rolldown puts each module the app shares with such
        // a view into yet another chunk loaded at start (rolldown/rolldown#10731).
        codeSplitting: {
          groups: [
            {
              name: 'react',
              tags: ['$initial'],
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/,
              priority: 3,
            },
            { name: 'vendor', tags: ['$initial'], test: /[\\/]node_modules[\\/]/, priority: 2 },
            { name: 'index', tags: ['$initial'], priority: 1 },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  // The built app served over http (the browser fallback, the e2e tests) may not be framed.
  preview: { host: '127.0.0.1', port: 4173, strictPort: false, headers: { ...FRAME_HEADERS } },
  test: {
    root: '.',
    environment: 'node',
    passWithNoTests: false,
    testTimeout: 30_000,
    projects: [
      {
        // The pure core's tests touch no globals, mocks or environment: they share their workers' module
        // graph instead of importing the core afresh for every file, in threads rather than processes
        // (issue #21: machines/ took 50 CPU s that way, 20 CPU s this way, same 495 tests).
        extends: true,
        test: { name: 'core', include: ['machines/**/*.test.ts'], pool: 'threads', isolate: false },
      },
      {
        // The other layers' tests share one process too (per environment: node, happy-dom), instead of a
        // new process that imports the core, React and happy-dom afresh for every file (issue #21). Each
        // file undoes what it changes (spies restored, globals unstubbed, roots unmounted).
        // A process is kept for the next file only if that file is of the same project and environment,
        // so each project runs in a group of its own: in one queue, files of the three projects and two
        // environments took turns, and each turn started a new process that imported everything again
        // (19 processes for these 77 files; 2 this way). With one worker (two cores) the groups' running
        // one after another costs no parallelism.
        extends: true,
        test: {
          name: 'shell',
          include: SHELL,
          exclude: [...configDefaults.exclude, ...MOCKING],
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // vi.mock replaces a module for one file only: these keep a module graph of their own.
        extends: true,
        test: { name: 'mocking', include: MOCKING, sequence: { groupOrder: 2 } },
      },
    ],
  },
});
