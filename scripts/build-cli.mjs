// Bundles the CLI and the core into dist/cli/ringside.mjs: plain JS at run time, no compiler.
// Dependencies (commander, xstate, zod …) stay in node_modules; they are the package's dependencies.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['cli/entry.ts'],
  outfile: 'dist/cli/ringside.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
  legalComments: 'none',
});
