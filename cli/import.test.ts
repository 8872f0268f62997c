/** `ringside import` in-process: a log streamed into a scenario that `ringside run` accepts; bad files refused. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOG_PATTERNS } from '../machines';
import { main } from './main';

const KILL = 'machines/log/corpus/synthetic-kill-0xbaadca11.log';
const dir = mkdtempSync(join(tmpdir(), 'ringside-import-'));

afterEach(() => vi.restoreAllMocks());

async function ringside(...args: string[]) {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await main(['node', 'ringside', ...args]);
  const text = (spy: typeof out) => spy.mock.calls.map((c) => String(c[0])).join('');
  const result = { code, out: text(out), err: text(err) };
  vi.restoreAllMocks();
  return result;
}

describe('ringside import', () => {
  it('writes a scenario that ringside run accepts, with the fate the log shows', async () => {
    const file = join(dir, 'kill.ringside.json');
    const imported = await ringside('import', KILL, '-o', file);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('5 lines, 4 recognised, 1 not recognised; 1 push');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      expect: [{ push: 'call-1', fate: 'killed', observed: true }],
    });
    const run = await ringside('run', file, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({
      pushes: [{ id: 'call-1', fate: 'killed' }],
      expectations: [{ ok: true }],
    });
  });

  it('reads stdin with -, writing the scenario to stdout and the summary to stderr', async () => {
    const stdin = Readable.from([readFileSync(KILL)]);
    vi.spyOn(process, 'stdin', 'get').mockReturnValue(stdin as typeof process.stdin);
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['node', 'ringside', 'import', '-'])).toBe(0);
    expect(JSON.parse(out.mock.calls.map((c) => String(c[0])).join(''))).toMatchObject({
      title: 'Imported device log',
    });
    expect(err.mock.calls.map((c) => String(c[0])).join('')).toMatch(/^<stdin>: 5 lines/);
  });

  it('refuses a binary file, a file with no log lines, and a missing file, writing nothing', async () => {
    const binary = join(dir, 'core.bin');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe]));
    const prose = join(dir, 'notes.txt');
    writeFileSync(prose, 'the call did not ring\nat about five past ten\n');
    const target = join(dir, 'never.ringside.json');
    for (const [file, message] of [
      [binary, 'core.bin: cannot import: this is a binary file (it contains NUL bytes), not a text log'],
      [prose, 'notes.txt: cannot import: no timestamped log lines'],
      [join(dir, 'missing.log'), 'missing.log: cannot read: no such file'],
    ] as const) {
      const r = await ringside('import', file, '-o', target);
      expect(r.code).toBe(2);
      expect(r.err).toContain(message);
      expect(existsSync(target)).toBe(false);
    }
  });

  it('reads a truncated log: the last line, cut mid-entry and mid-character, still counts', async () => {
    const bytes = readFileSync(KILL);
    const cut = join(dir, 'cut.log');
    writeFileSync(
      cut,
      Buffer.concat([bytes.subarray(0, bytes.lastIndexOf('0xbaadca11') + 10), Buffer.from([0xe2, 0x80])]),
    );
    const r = await ringside('import', cut);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ expect: [{ push: 'call-1', fate: 'killed' }] });
  });

  it('--patterns lists every recognised line: its id, rule, meaning, example and source', async () => {
    const r = await ringside('import', '--patterns');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`recognises ${LOG_PATTERNS.length} line shapes`);
    const blocks = r.out.split(/\n(?=\d+\. )/).slice(1);
    expect(blocks).toHaveLength(LOG_PATTERNS.length);
    LOG_PATTERNS.forEach((p, i) => {
      const block = blocks[i] ?? '';
      expect(block.startsWith(`${i + 1}. ${p.id}  →  ${p.rule} (`)).toBe(true);
      expect(block).toContain(`means:   ${p.means}`);
      expect(block).toContain(`source:  ${p.source}`);
      // The example as written, tabs shown as ⇥ and continuation lines indented under it.
      for (const line of p.example.split('\n')) expect(block).toContain(line.replace(/\t/g, '⇥'));
    });
    expect(r.out).toContain('example (synthetic: format and wording inferred from the source)');
    expect(r.out).toContain('0xbaadca11');
  });

  it('asks for a log, or --patterns without one', async () => {
    const none = await ringside('import');
    expect(none.code).toBe(2);
    expect(none.err).toContain('give a device log (or - for stdin); --patterns lists');
    const both = await ringside('import', KILL, '--patterns');
    expect(both.code).toBe(2);
    expect(both.err).toContain('--patterns lists what the reader recognises; give it no log');
  });
});
