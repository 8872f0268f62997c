/**
 * main() in-process over files that throw, for the paths a real scenario cannot reach: an exception from
 * the engine is exit 3, "this is a bug", with the file named; in `ringside check`, every file gets its
 * own verdict, and the run goes on (#19).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The engine throws on one scenario (by its title) and the loader on one text: bugs in Ringside that a
// real file cannot be relied on to reach, since they get fixed.
vi.mock('../machines/engine/simulate', async (importOriginal) => {
  const real = await importOriginal<typeof import('../machines')>();
  return {
    ...real,
    simulate: (scenario: Parameters<typeof real.simulate>[0]) => {
      if (scenario.title === 'Engine bug') throw new TypeError('boom in the engine');
      return real.simulate(scenario);
    },
  };
});
vi.mock('../machines/scenario', async (importOriginal) => {
  const real = await importOriginal<typeof import('../machines')>();
  return {
    ...real,
    parseScenarioText: (text: string) => {
      if (text.includes('LOADER-BUG')) throw new TypeError('step.migrate is not a function');
      return real.parseScenarioText(text);
    },
  };
});

afterEach(() => vi.restoreAllMocks());

const ROOT = join(__dirname, '..');
const FETCH = readFileSync(join(ROOT, 'scenarios/report-after-fetch.ringside.json'), 'utf8');

/** `ringside <args>` in this process, with what it wrote to stdout and stderr. */
async function run(...args: string[]) {
  const { main } = await import('./main');
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const code = await main(['node', 'ringside', ...args]);
  const text = (spy: typeof err) => spy.mock.calls.map((c) => String(c[0])).join('');
  return { code, out: text(out), err: text(err), outWrites: out.mock.calls.length };
}
const check = (...files: string[]) => run('check', ...files);
/** Writes a file into dir; returns its path. */
function file(dir: string, name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

describe('an engine exception', () => {
  const engine = file(
    mkdtempSync(join(tmpdir(), 'ringside-main-')),
    'engine.ringside.json',
    FETCH.replace(/"title": "[^"]*"/, '"title": "Engine bug"'),
  );

  it('is exit 3, "this is a bug", the file named, no stack', async () => {
    const r = await run('run', engine);
    expect(r.code).toBe(3);
    expect(r.outWrites).toBe(0);
    expect(r.err).toBe(
      `ringside: internal error — this is a bug. Please attach the scenario file ${engine} to a report.\n  boom in the engine\n`,
    );
  });

  it('in check is exit 3 too, not counted as an invalid file', async () => {
    const r = await run('check', engine);
    expect(r.code).toBe(3);
    expect(r.err).toContain('internal error — this is a bug');
  });
});

describe('check, when a file throws', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-check-'));
  const before = file(dir, 'a-fine.ringside.json', FETCH);
  const engine = file(dir, 'b-engine.ringside.json', FETCH.replace(/"title": "[^"]*"/, '"title": "Engine bug"'));
  const loader = file(dir, 'c-loader.ringside.json', FETCH.replace(/"notes": "/, '"notes": "LOADER-BUG '));
  const deep = file(
    dir,
    'd-deep.ringside.json',
    `{"format":"ringside.scenario/v1","notes":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
  );
  const after = file(dir, 'e-fine.ringside.json', FETCH);

  it('an engine exception is exit 3 naming its file, and the files after it are still checked', async () => {
    const r = await check(before, engine, after);
    expect(r.code).toBe(3);
    expect(r.err).toContain(
      `ringside: internal error — this is a bug. Please attach the scenario file ${engine} to a report.\n  boom in the engine\n`,
    );
    expect(r.err).toContain('1 could not be checked');
    expect(r.out).toBe('4 passed, 0 failed\n');
  });

  it('a loader exception is a bug in that file, not the end of the run', async () => {
    const r = await check(loader, after);
    expect(r.code).toBe(3);
    expect(r.err).toContain(
      `Please attach the scenario file ${loader} to a report.\n  step.migrate is not a function\n`,
    );
    expect(r.out).toBe('2 passed, 0 failed\n');
  });

  it('JSON too deep to read is bad input (exit 2) with the file named, and the run goes on', async () => {
    const r = await check(deep, after);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^${deep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(r.err).not.toContain('internal error');
    expect(r.out).toBe('2 passed, 0 failed\n');
  });

  it('every file of a folder gets its verdict, in order, with the JUnit report saying which', async () => {
    const output = join(dir, 'out', 'junit.xml');
    const { main } = await import('./main');
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await main(['node', 'ringside', 'check', dir, '--output', output])).toBe(3);
    const xml = readFileSync(output, 'utf8');
    const suites = [...xml.matchAll(/<testsuite name="([^"]+)"[^>]*errors="(\d)"/g)].map((m) => [m[1], m[2]]);
    expect(suites).toEqual([
      [before, '0'],
      [engine, '1'],
      [loader, '1'],
      [deep, '1'],
      [after, '0'],
    ]);
  });
});
