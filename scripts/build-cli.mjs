// Bundles the CLI and the core into dist/cli/ringside.mjs: plain JS at run time, no compiler.
import { build } from 'esbuild';

await build({
  entryPoints: ['cli/entry.ts'],
  outfile: 'dist/cli/ringside.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
