/**
 * Test helper for cli/hostile.test.ts: runs `ringside check` on each file named in argv, one after
 * another in this one process, and prints a line of JSON for each as it finishes: the exit code main()
 * gives the process, what the run wrote, and the CPU time it took. One process for the whole corpus
 * instead of one per case, each of which spent ~0.4 CPU s starting node and loading the CLI (issue #21).
 */
import { Readable } from 'node:stream';
import { main } from '../main';

for (const file of process.argv.slice(2)) {
  let out = '';
  let err = '';
  const before = process.cpuUsage();
  const code = await main(['node', 'ringside', 'check', file], {
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: { write: (text: string) => (err += text) },
    stdin: Readable.from([]),
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
  });
  const { user, system } = process.cpuUsage(before);
  process.stdout.write(`${JSON.stringify({ file, code, out, err, cpuMs: (user + system) / 1_000 })}\n`);
}
