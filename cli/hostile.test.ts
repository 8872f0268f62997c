/**
 * The hostile corpus (scenarios/hostile/manifest.json) through `ringside check`: every case answers in
 * seconds with its exit code (0, 1 or 2, never 3) and a short, clear message, in bounded memory. A case
 * that hangs is killed and fails here instead of hanging the suite.
 * The cases run one after another in one node process with a bounded heap (cli/testing/check-each.ts,
 * bundled as the CLI is), not in a process each: 17 processes spent ~7 CPU s, most of it starting node
 * and loading the CLI again. The built binary itself (exit codes, stdin, the launcher) is cli.test's.
 * "In seconds" is CPU time, which the case's own work decides: on a loaded machine a process waits for a
 * core far longer than it runs (0.5 CPU s took 9 s at load 30), and a wall-clock limit failed cases
 * that were fine (issue #21). The wall clock only guards against a hang, with a wide margin.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileCases } from '../scripts/hostile-cases';

const ROOT = resolve(__dirname, '..');
/** CPU seconds a case may take: every case takes well under one. */
const SECONDS = 10;
/** Wall-clock seconds before the run of every case is killed as hung: a loaded machine stretches CPU time many-fold. */
const HANG_SECONDS = 300;
/** The V8 heap the cases may use: a 10 MB file parsed is far below it; a runaway is far above. */
const HEAP_MB = 384;
/** Messages are short excerpts, never the input echoed back. */
const MAX_OUTPUT = 16 * 1024;

interface Run {
  file: string;
  code: number;
  out: string;
  err: string;
  /** CPU time, user and system. */
  cpuMs: number;
}

/**
 * Checks each file in one process; resolves with the runs that answered, and what the process wrote to
 * stderr (why the rest did not: a crash, or a kill after HANG_SECONDS).
 */
function checkEach(helper: string, files: string[]): Promise<{ runs: Map<string, Run>; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, helper, ...files], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_SECONDS * 1_000);
    let out = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const runs = out
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Run);
      done({ runs: new Map(runs.map((r) => [r.file, r])), stderr: `${stderr}(exit ${code ?? signal})` });
    });
  });
}

const cases = hostileCases();
// Under the repository (.tmp/ is ignored), so that the helper finds the CLI's dependencies in node_modules.
mkdirSync(join(ROOT, '.tmp'), { recursive: true });
const dir = mkdtempSync(join(ROOT, '.tmp', 'hostile-'));
const fileOf = (name: string) => join(dir, name.replace(/[^\w.-]/g, '_'));
let answered: Awaited<ReturnType<typeof checkEach>>;
beforeAll(
  async () => {
    // Always fresh code, bundled by npm run build:cli's script (its dependencies from node_modules).
    const helper = join(dir, 'check-each.mjs');
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), 'cli/testing/check-each.ts', helper], {
      cwd: ROOT,
    });
    for (const c of cases) writeFileSync(fileOf(c.name), c.text);
    answered = await checkEach(
      helper,
      cases.map((c) => fileOf(c.name)),
    );
  },
  (HANG_SECONDS + 10) * 1_000,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the hostile corpus through ringside check', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(10));
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const run = answered.runs.get(fileOf(c.name));
    expect(run, `answers, not killed as hung or out of memory: ${answered.stderr}`).toBeDefined();
    expect(run!.cpuMs, 'answers in seconds of CPU time').toBeLessThan(SECONDS * 1_000);
    expect(run!.code).toBe(c.exit);
    expect(run!.out + run!.err).toContain(c.message);
    expect(run!.out.length + run!.err.length).toBeLessThan(MAX_OUTPUT);
    expect(run!.err).not.toMatch(/internal error|RangeError|\n\s+at .+:\d+:\d+/);
  });
});
