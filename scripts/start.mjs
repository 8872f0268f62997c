// `npm start`: opens Ringside in Electron when a binary can be had; otherwise builds the renderer,
// serves it on 127.0.0.1 and says why it is not a desktop window. `--dev` does the same with Vite's
// hot-reloading dev server.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findElectron, tryDownloadElectron } from './electron-binary.mjs';

const dev = process.argv.includes('--dev');
// Vite's own script, run by this node: no `npx` (npx.cmd on Windows needs a shell, and shell quoting).
const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
const node = (args, options) => spawn(process.execPath, args, options);
const run = (args) => {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

let electron = findElectron();
if (!electron.path && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  console.log('ringside: looking for an Electron binary (Electron downloads it on first use)…');
  electron = tryDownloadElectron()
    ? findElectron()
    : { path: undefined, reason: `${electron.reason}, and fetching one failed (no access to Electron's downloads?)` };
}

if (!dev) run([vite, 'build', '--logLevel', 'warn']);
run(['scripts/build-electron.mjs']);

if (electron.path) {
  const env = { ...process.env };
  let server;
  if (dev) {
    server = node([vite, '--host', '127.0.0.1', '--port', '5173', '--strictPort'], { stdio: 'inherit' });
    env.RINGSIDE_DEV_URL = 'http://127.0.0.1:5173/';
  }
  console.log(`ringside: opening the desktop window (${electron.path})`);
  const child = spawn(electron.path, ['.'], { stdio: 'inherit', env });
  child.on('exit', (code) => {
    server?.kill();
    process.exit(code ?? 0);
  });
} else {
  const port = process.env.PORT ?? (dev ? '5173' : '4173');
  console.log(`ringside: no desktop window: ${electron.reason}. Serving Ringside in your browser instead.`);
  const args = dev
    ? [vite, '--host', '127.0.0.1', '--port', port]
    : [vite, 'preview', '--host', '127.0.0.1', '--port', port];
  const server = node(args, { stdio: ['inherit', 'pipe', 'inherit'] });
  server.stdout.on('data', (chunk) => {
    const text = chunk.toString();
    process.stdout.write(text);
    const url = /http:\/\/127\.0\.0\.1:\d+\/?/.exec(text);
    if (url) console.log(`\nringside: open ${url[0]} in your browser (Ctrl+C to stop)\n`);
  });
  server.on('exit', (code) => process.exit(code ?? 0));
}
