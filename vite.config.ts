import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** The renderer is built from renderer/ into dist/renderer; Vitest runs the unit tests of every layer. */
export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: false },
  test: {
    root: '.',
    environment: 'node',
    include: [
      'machines/**/*.test.ts',
      'cli/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'scripts/**/*.test.ts',
    ],
    passWithNoTests: false,
    testTimeout: 30_000,
  },
});
