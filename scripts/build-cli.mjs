// Bundles the CLI and the core into dist/cli/ringside.mjs: plain JS at run time, no compiler.
// Dependencies (commander, xstate, zod …) stay in node_modules; they are the package's dependencies.
// `node scripts/build-cli.mjs ENTRY OUTFILE` bundles another entry the same way (a test's CLI driver).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [entry = 'cli/entry.ts', outfile = 'dist/cli/ringside.mjs'] = process.argv.slice(2);

await build({
  absWorkingDir: root,
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
  legalComments: 'none',
});
