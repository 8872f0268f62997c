/**
 * The hostile corpus (scenarios/hostile/manifest.json) through the real built CLI: every case answers
 * `ringside check` in seconds with its exit code (0, 1 or 2, never 3) and a short, clear message, in
 * bounded memory. A case that hangs is killed and fails here instead of hanging the suite.
 * "In seconds" is CPU time, which the case's own work decides: on a loaded machine a process waits for a
 * core far longer than it runs (0.5 CPU s took 9 s at load 30), and a wall-clock limit failed cases
 * that were fine (issue #21). The wall clock only guards against a hang, with a wide margin.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileCases } from '../scripts/hostile-cases';

const ROOT = resolve(__dirname, '..');
/** CPU seconds a case may take: every case takes well under one. */
const SECONDS = 10;
/** Wall-clock seconds before a case is killed as hung: a loaded machine stretches a case's CPU time many-fold. */
const HANG_SECONDS = 150;
/** Loaded before the CLI: writes the process's CPU time (µs, user and system) to fd 3 as it exits. */
const CPU_PROBE = `data:text/javascript,import{writeSync}from'node:fs';process.on('exit',()=>writeSync(3,JSON.stringify(process.cpuUsage())))`;
/** The V8 heap a case may use: a 10 MB file parsed is far below it; a runaway is far above. */
const HEAP_MB = 384;
/** Messages are short excerpts, never the input echoed back. */
const MAX_OUTPUT = 16 * 1024;

interface Run {
  code: number | null;
  out: string;
  err: string;
  /** CPU time, user and system; undefined when the process was killed. */
  cpuMs: number | undefined;
}

function check(file: string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, `--import=${CPU_PROBE}`, join(ROOT, 'bin/ringside.js'), 'check', file],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' }, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_SECONDS * 1_000);
    let out = '';
    let err = '';
    let cpu = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    (child.stdio[3] as Readable).setEncoding('utf8').on('data', (d: string) => (cpu += d));
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      const usage = cpu ? (JSON.parse(cpu) as { user: number; system: number }) : undefined;
      done({ code, out, err, cpuMs: usage && (usage.user + usage.system) / 1_000 });
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
      expect(run.cpuMs, 'answers, not killed as hung').toBeDefined();
      expect(run.cpuMs!, 'answers in seconds of CPU time').toBeLessThan(SECONDS * 1_000);
      expect(run.code).toBe(c.exit);
      expect(run.out + run.err).toContain(c.message);
      expect(run.out.length + run.err.length).toBeLessThan(MAX_OUTPUT);
      expect(run.err).not.toMatch(/internal error|RangeError|\n\s+at .+:\d+:\d+/);
    },
    (HANG_SECONDS + 10) * 1_000,
  );
});
