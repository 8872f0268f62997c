/** `ringside report`'s Markdown, pasted into tickets: the file's text can neither open HTML nor split a table row (#19). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => vi.restoreAllMocks());

const HOSTILE_ID = 'call|<img src=x onerror=alert(1)>';

/** report-after-fetch with HTML and `|` in its title, notes and push id. */
function hostileFile(): string {
  const doc = JSON.parse(
    readFileSync(join(__dirname, '../../scenarios/report-after-fetch.ringside.json'), 'utf8'),
  ) as Record<string, unknown> & { timeline: Record<string, unknown>[]; expect: Record<string, unknown>[] };
  doc.title = 'A | B <script>alert(1)</script> &amp;';
  doc.notes = 'Topic <bundle>.voip | \\<b>bold\\</b>';
  doc.timeline[0]!.id = HOSTILE_ID;
  doc.expect = [{ push: HOSTILE_ID, fate: 'crashed' }];
  const file = join(mkdtempSync(join(tmpdir(), 'ringside-md-')), 'hostile.ringside.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

async function report(file: string): Promise<string> {
  const { main } = await import('../main');
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  expect(await main(['node', 'ringside', 'report', file])).toBe(0);
  expect(err).not.toHaveBeenCalled();
  return out.mock.calls.map((c) => String(c[0])).join('');
}

/** Characters a CommonMark renderer would take as markup: those not preceded by an (unescaped) backslash. */
const unescaped = (line: string, chars: string) =>
  [...line.replace(/\\\\/g, '').replace(/\\./g, '')].filter((c) => chars.includes(c)).length;

describe('the Markdown report', () => {
  it('escapes HTML and & from the file everywhere: no tag or entity a renderer would run', async () => {
    const md = await report(hostileFile());
    for (const line of md.split('\n')) expect(unescaped(line, '<>&'), line).toBe(0);
    expect(md).toContain('# A | B \\<script\\>alert(1)\\</script\\> \\&amp;\n');
    expect(md).toContain('Topic \\<bundle\\>.voip | \\\\\\<b\\>bold\\\\\\</b\\>\n');
  });

  it('escapes | so each table row keeps its columns, whatever the push id', async () => {
    const md = await report(hostileFile());
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    const timeline = rows.filter((l) => /^\| [\d.]+ (ms|s|min|h)/.test(l) || l.startsWith('| time'));
    const pushes = rows.filter((l) => l.startsWith('| call') || l.startsWith('| push'));
    expect(pushes).toHaveLength(2);
    for (const row of timeline) expect(unescaped(row, '|'), row).toBe(3);
    for (const row of pushes) expect(unescaped(row, '|'), row).toBe(7);
    expect(pushes[1]).toContain('| call\\|\\<img src=x onerror=alert(1)\\> | voip |');
  });
});
