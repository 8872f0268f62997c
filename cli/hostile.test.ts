/**
 * The hostile corpus (scenarios/hostile/manifest.json) through the real built CLI: every case answers
 * `ringside check` in seconds with its exit code (0, 1 or 2, never 3) and a short, clear message, in
 * bounded memory. A case that hangs is killed and fails here instead of hanging the suite.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileCases } from '../scripts/hostile-cases';

const ROOT = resolve(__dirname, '..');
/** Generous for a shared, busy machine: every case takes well under a second alone. */
const SECONDS = 20;
/** The V8 heap a case may use: a 10 MB file parsed is far below it; a runaway is far above. */
const HEAP_MB = 384;
/** Messages are short excerpts, never the input echoed back. */
const MAX_OUTPUT = 16 * 1024;

interface Run {
  code: number | null;
  out: string;
  err: string;
  ms: number;
}

function check(file: string): Promise<Run> {
  return new Promise((done, fail) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, join(ROOT, 'bin/ringside.js'), 'check', file],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), SECONDS * 1_000);
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, out, err, ms: Date.now() - started });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'ringside-hostile-'));
beforeAll(() => {
  // Always test fresh code: the same esbuild script as npm run build:cli.
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the hostile corpus through ringside check', () => {
  const cases = hostileCases();
  it('has cases', () => expect(cases.length).toBeGreaterThan(10));
  it.each(cases.map((c) => [c.name, c] as const))(
    '%s',
    async (name, c) => {
      const file = join(dir, name.replace(/[^\w.-]/g, '_'));
      writeFileSync(file, c.text);
      const run = await check(file);
      expect(run.ms, 'answers in seconds, not killed').toBeLessThan(SECONDS * 1_000);
      expect(run.code).toBe(c.exit);
      expect(run.out + run.err).toContain(c.message);
      expect(run.out.length + run.err.length).toBeLessThan(MAX_OUTPUT);
      expect(run.err).not.toMatch(/internal error|RangeError|\n\s+at .+:\d+:\d+/);
    },
    (SECONDS + 10) * 1_000,
  );
});
