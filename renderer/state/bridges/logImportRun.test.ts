import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHead } from '../../../machines';
import { importLogSource, looksLikeLog, MAX_LOG_BYTES, pushesNamed } from './logImportRun';
import { decodeScenario, encodeScenario } from './share';

const CORPUS = join(import.meta.dirname, '../../../machines/log/corpus');
const log = (name: string) => readFileSync(join(CORPUS, `${name}.log`), 'utf8');
const LOGS = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.log'))
  .map((f) => f.slice(0, -4));

describe('importLogSource', () => {
  it('lists each recognised line with its time, process, text, what it became and its rule', async () => {
    const preview = await importLogSource({ source: new Blob([log('synthetic-kill-0xbaadca11')]), name: 'k.log' });
    expect(preview.lines.map((l) => [l.line, l.at, l.process, l.became, l.rule])).toEqual([
      [1, 0, 'callservicesd', 'VoIP push call-1 reached the phone at 0 s', expect.any(String)],
      [2, 58, 'callservicesd', 'the app was launched for call-1', expect.any(String)],
      [3, 1069, 'callservicesd', 'call-1 handed to the app', expect.any(String)],
      [5, 8074, 'callservicesd', 'call-1 killed', 'KILL-1'],
    ]);
    expect(preview.lines[0]?.text).toContain('Received incoming APS message');
    expect(preview.stats.unrecognised).toBe(1);
    expect(preview.unrecognised[0]?.line).toBe(4);
    expect(preview.scenario.title).toBe('Imported: k.log');
    // Every line that speaks of call-1 is its evidence.
    expect(preview.evidence['call-1']?.map((l) => l.line)).toEqual([1, 2, 3, 5]);
    expect(preview.errors).toEqual([]);
  });

  it('reads a file a chunk at a time and tells its progress', async () => {
    const text = `${log('seed-003-setconfiguration')}\n`.repeat(1) + 'x'.repeat(2.5 * 1024 * 1024);
    const seen: number[] = [];
    const preview = await importLogSource({ source: new Blob([text]), name: 'big.log' }, (read) => seen.push(read));
    expect(seen.length).toBe(3);
    expect(seen.at(-1)).toBe(new Blob([text]).size);
    expect(preview.stats.recognised).toBe(8);
  });

  it('refuses a binary file, naming the problem', async () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 37) % 256);
    await expect(importLogSource({ source: new Blob([bytes]), name: 'core.bin' })).rejects.toThrow(/binary|not UTF-8/);
  });

  it('refuses a text file with no log lines', async () => {
    await expect(importLogSource({ source: 'hello\nworld\n', name: 'pasted text' })).rejects.toThrow(
      /no timestamped log lines/,
    );
  });

  it('refuses a file over the size limit before reading any of it', async () => {
    const huge = {
      size: MAX_LOG_BYTES + 1,
      slice: () => {
        throw new Error('read');
      },
    } as unknown as Blob;
    await expect(importLogSource({ source: huge, name: 'huge.log' })).rejects.toThrow(
      /the file is 256 MB; the largest log Ringside imports is 256 MB/,
    );
  });
});

describe('nothing of the raw log leaves the machine', () => {
  for (const name of LOGS) {
    it(`${name}: a share link of the imported scenario holds no log line`, async () => {
      const text = log(name);
      const preview = await importLogSource({ source: text, name: 'pasted text' });
      const decoded = decodeScenario(`#s=${encodeScenario(preview.scenario)}`);
      if (!decoded?.ok) throw new Error('the link does not decode');
      const shared = JSON.stringify(decoded.file);
      // Each message (the line without its time and process), and each long enough piece of it.
      const messages = text
        .split(/\r?\n/)
        .map((l) => parseHead(l)?.message ?? l.trim())
        .filter((m) => m.length >= 24);
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages) {
        expect(shared).not.toContain(m);
        expect(shared).not.toContain(m.slice(0, 24));
      }
      expect(preview.scenario.notes).not.toMatch(/<private>|\[com\.apple/);
    });
  }
});

describe('looksLikeLog', () => {
  it('takes `log show` and Console lines for a log, and nothing else', () => {
    expect(looksLikeLog(log('seed-003-null-session'))).toBe(true);
    expect(looksLikeLog(log('synthetic-five-strikes-throttle'))).toBe(true);
    expect(looksLikeLog(`some heading\n${log('seed-002-dead-zone')}`)).toBe(true);
    expect(looksLikeLog('call me maybe')).toBe(false);
    expect(looksLikeLog('{"format": "ringside.scenario/v1"}')).toBe(false);
  });
});

describe('pushesNamed', () => {
  it('matches whole ids only', () => {
    expect(pushesNamed('call-1 reported: it rang', ['call-1', 'call-10'])).toEqual(['call-1']);
    expect(pushesNamed('the same push as line 3 (call-10)', ['call-1', 'call-10'])).toEqual(['call-10']);
  });
});
