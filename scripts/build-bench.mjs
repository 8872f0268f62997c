// Bundles the engine bench into dist/bench/ the way the CLI and the renderer ship the core: one
// esbuild bundle, no per-function helpers a dev-time loader adds (tsx wraps every inner function in
// `__name`, ~10 % of an engine run). Dependencies stay in node_modules.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['scripts/bench-engine.ts'],
  outfile: 'dist/bench/bench-engine.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  // For the CPU profile the bench prints: which source file each sampled position is in.
  sourcemap: 'external',
  logLevel: 'warning',
});
