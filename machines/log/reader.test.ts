import { describe, expect, it } from 'vitest';
import { parseHead, daysFromCivil } from './header';
import { LogReader, LogReadError, PROBE_CHARS, readLog } from './reader';
import { LOG_PATTERNS } from './patterns';

const LINE_003 =
  '2025-10-23 16:00:39.916170+1100 <exec>: (CallKit) [com.apple.calls.callkit:Default] Provider <private> was asked to report a new incoming call with UUID: <private> update: <private>';

describe('line heads', () => {
  it('reads log show lines with and without the +hhmm offset, to the same instant', () => {
    const withOffset = parseHead(LINE_003);
    const utc = parseHead(LINE_003.replace('16:00:39.916170+1100', '05:00:39.916170'));
    expect(withOffset?.t).toBe(utc?.t);
    expect(withOffset?.process).toBe('<exec>');
    expect(withOffset?.message).toMatch(/^\(CallKit\) \[com\.apple\.calls\.callkit:Default\] Provider/);
    expect(withOffset?.dated).toBe(true);
  });

  it('counts days across months and years (no Date in the core)', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(11017);
    expect(daysFromCivil(2025, 10, 23)).toBe(20384);
  });

  it("reads log show's default columns, syslog and compact styles, and Xcode's console", () => {
    const show = parseHead(
      '2025-10-28 18:27:47.401604+0000 0x5b0e     Default     0x0                  98     0    callservicesd: Received incoming APS message',
    );
    expect(show).toMatchObject({ process: 'callservicesd', message: 'Received incoming APS message' });
    expect(parseHead('2025-10-28 18:27:47.401604+0000  localhost callservicesd[98]: hello')).toMatchObject({
      process: 'callservicesd',
      message: 'hello',
    });
    expect(parseHead('2025-10-28 18:27:47.401 Df callservicesd[98:5b0e] hello')).toMatchObject({
      process: 'callservicesd',
      message: 'hello',
    });
    expect(parseHead('2022-01-07 20:59:23.333373+0500 myApp[2296:450716] pushRegistry')).toMatchObject({
      process: 'myApp',
      message: 'pushRegistry',
    });
  });

  it('reads a Console copy (tab separated, " +0530") and a time-only excerpt', () => {
    const c = parseHead('default\t12:04:21.207326 +0530\tcallservicesd\tInvalidating process assertion');
    expect(c).toMatchObject({ process: 'callservicesd', message: 'Invalidating process assertion', dated: false });
    expect(c?.t).toBe((12 * 3600 + 4 * 60 + 21) * 1000 + 207.326 - 5.5 * 3_600_000);
    expect(parseHead('17:48:41.248  powerd  Sending com.apple.powerd.assertionpolicy 3')).toMatchObject({
      t: (17 * 3600 + 48 * 60 + 41) * 1000 + 248,
      process: 'powerd',
    });
  });

  it('gives no head to a continuation line', () => {
    expect(parseHead('    NSLocalizedDescription = "Session lookup failed";')).toBeUndefined();
    expect(parseHead('}>')).toBeUndefined();
    expect(parseHead('19:2x:xx  apsd  policy state')).toBeUndefined();
  });
});

describe('the reader', () => {
  it('joins a multi-line entry and recognises it by a later line', () => {
    const { observations, stats } = readLog(
      '17:46:01.330  apsd  [C138 IPv4#b71cac13:5223 ready parent-flow\n' +
        '                    (satisfied (Path is satisfied), interface: pdp_ip0[lte],\n' +
        '17:48:41.248  powerd  Sending com.apple.powerd.assertionpolicy 3\n',
    );
    expect(stats).toMatchObject({ lines: 3, entries: 2, recognised: 2 });
    expect(observations.map((o) => [o.line, o.pattern, o.value])).toEqual([
      [1, 'apsd.path-satisfied', 'cellular'],
      [3, 'powerd.policy', 3],
    ]);
  });

  it('counts unrecognised entries and keeps a bounded sample, never failing', () => {
    const text = Array.from(
      { length: 100 },
      (_, i) => `2026-01-01 00:00:${String(i % 60).padStart(2, '0')}.000 x: noise ${i}`,
    ).join('\n');
    const { stats, unrecognised, observations } = readLog(text);
    expect(observations).toEqual([]);
    expect(stats.unrecognised).toBe(100);
    expect(unrecognised).toHaveLength(20);
    expect(unrecognised[0]).toEqual({ line: 1, text: 'x noise 0' });
  });

  it('gives the same observations whatever the chunk boundaries', () => {
    const text = `${LINE_003}\r\n2025-10-23 16:01:52.259438+1100 callservicesd: Creating proxy session failed, session ID = 0x0, error = <NSError {\n    x;\n}>\n${LINE_003}`;
    const whole = readLog(text).observations;
    for (const size of [1, 7, 64]) {
      const reader = new LogReader();
      const parts = [];
      for (let i = 0; i < text.length; i += size) parts.push(...reader.push(text.slice(i, i + size)));
      parts.push(...reader.end());
      expect(parts).toEqual(whole);
    }
    expect(whole.map((o) => o.kind)).toEqual(['report', 'null-session', 'report']);
  });

  it('rolls time-only lines over midnight', () => {
    const { observations } = readLog(
      '23:59:59.900  powerd  Sending com.apple.powerd.assertionpolicy 3\n00:00:00.100  powerd  Sending com.apple.powerd.assertionpolicy 0\n',
    );
    expect((observations[1]?.t ?? 0) - (observations[0]?.t ?? 0)).toBe(200);
  });

  it('refuses a binary file early, by NULs or by invalid UTF-8', () => {
    const reader = new LogReader();
    expect(() => reader.push(`${LINE_003}\n\u0000\u0001\u0002`.padEnd(PROBE_CHARS, 'x'))).toThrow(/binary file/);
    expect(() => readLog('\uFFFD\uFFFDab\uFFFD'.repeat(100))).toThrow(LogReadError);
  });

  it('refuses text with no log line, after the first 64 KB rather than the whole file', () => {
    const reader = new LogReader();
    expect(() => reader.push('just some prose\n'.repeat(PROBE_CHARS / 8))).toThrow(
      /no timestamped log lines in the first 64 KB/,
    );
    expect(() => readLog('hello\nworld\n')).toThrow(/no timestamped log lines/);
    expect(() => readLog('')).toThrow(/empty/);
  });

  it('counts a line with an impossible timestamp as unrecognised, never as a time or part of an entry', () => {
    const push =
      'callservicesd: [com.apple.calls.callservicesd:Default] Received incoming APS message from application';
    const text = [
      `2025-13-45 99:99:99.000000+1100 ${push}`,
      `2025-10-23 16:00:39.916170+1100 ${push}`,
      `2025-10-23 16:00:40.000000+2561 ${push}`,
      `2025-10-23 16:00:41.000000+1100 ${push}`,
    ].join('\n');
    const { observations, stats, unrecognised } = readLog(text);
    expect(observations.map((o) => [o.line, o.pattern])).toEqual([
      [2, 'callservicesd.aps-message'],
      [4, 'callservicesd.aps-message'],
    ]);
    // The damaged first line does not become the log's start (every time is relative to it).
    expect(stats.firstT).toBe(observations[0]?.t);
    expect(observations[1]!.t - observations[0]!.t).toBeCloseTo(1083.83, 1);
    expect(stats).toMatchObject({ entries: 2, recognised: 2, unrecognised: 2, malformed: 2 });
    expect(unrecognised.map((u) => u.line)).toEqual([1, 3]);
    expect(unrecognised[0]?.text).toMatch(/^impossible timestamp: 2025-13-45/);
  });

  it.each([
    '2025-00-10 12:00:00.000 apsd: x',
    '2025-10-32 12:00:00.000 apsd: x',
    '2025-10-10 24:00:00.000 apsd: x',
    '2025-10-10 12:60:00.000 apsd: x',
    '2025-10-10 12:00:61.000 apsd: x',
    '2025-10-10 12:00:00.000+0960 apsd: x',
    'default\t25:04:21.207326 +0530\tcallservicesd\tx',
    '77:48:41.248  powerd  Sending com.apple.powerd.assertionpolicy 3',
  ])('marks %j malformed', (line) => expect(parseHead(line)?.malformed).toBe(true));

  it('keeps a leap second and the day edges', () => {
    for (const line of ['2016-12-31 23:59:60.500+0000 apsd: x', '2025-01-01 00:00:00 apsd: x', '23:59:59.999  apsd  x'])
      expect(parseHead(line)?.malformed).toBeUndefined();
  });

  it('refuses a log whose every timestamp is impossible, saying so', () => {
    expect(() => readLog('2025-13-45 99:99:99.000000+1100 apsd: Path is satisfied\n'.repeat(3))).toThrow(
      /no readable timestamps: 3 lines have a log line's shape but an impossible date or time \(line 1: /,
    );
  });

  it('reads a truncated last line without its newline', () => {
    const { observations } = readLog(`${LINE_003}\n${LINE_003.slice(0, 150)}`);
    expect(observations).toHaveLength(2);
  });

  it('names a rule and a source for every pattern, with unique ids', () => {
    const ids = new Set(LOG_PATTERNS.map((p) => p.id));
    expect(ids.size).toBe(LOG_PATTERNS.length);
    for (const p of LOG_PATTERNS) {
      expect(p.rule).toMatch(/^[A-Z]+-\d$/);
      expect(p.source).toMatch(/seed 00\d|RULES\.md|https:\/\/github\.com\//);
    }
  });
});
