#!/usr/bin/env node
// Launcher for the built CLI (npm run build:cli, which `npm install` runs through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli/ringside.mjs', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  process.stderr.write('ringside: the CLI is not built yet; run npm run build:cli\n');
  process.exit(2);
}
await import(built.href);
