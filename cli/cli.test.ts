/** The real built CLI, run as a subprocess: exit codes, stdout, stderr. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../machines';
import { RULES } from '../machines/rules';
import { parseScenarioText } from '../machines/scenario';

const ROOT = resolve(__dirname, '..');
const PRESETS = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.ringside.json'));
const BROKEN = JSON.parse(readFileSync(join(ROOT, 'scenarios/broken/expected-errors.json'), 'utf8')) as Record<
  string,
  string[]
>;

function ringside(args: string[], env: Record<string, string> = {}, input?: string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/ringside.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT });
});

describe('ringside run', () => {
  it.each(PRESETS)('%s', (file) => {
    const r = ringside(['run', `scenarios/${file}`]);
    expect(r.code, r.err).toBe(0);
    const title = (JSON.parse(readFileSync(join(ROOT, 'scenarios', file), 'utf8')) as { title: string }).title;
    expect(r.out.split('\n')[0]).toBe(title);
    expect(r.out).toContain('Pushes');
    expect(r.out).toMatch(/Expectations \d+ hold, 0 fail/);
  });

  it('--json prints exactly the result contract, byte-identical every time', () => {
    const file = 'scenarios/five-strikes-then-reinstall.ringside.json';
    const a = ringside(['run', file, '--json']);
    const b = ringside(['run', file, '--json']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const loaded = parseScenarioText(readFileSync(join(ROOT, file), 'utf8'));
    if (!loaded.ok) throw new Error('preset invalid');
    expect(a.out).toBe(`${JSON.stringify(simulate(loaded.scenario).result, null, 2)}\n`);
    expect((JSON.parse(a.out) as { format: string }).format).toBe('ringside.result/v1');
  });

  it('reads stdin with -', () => {
    const text = readFileSync(join(ROOT, 'scenarios/report-after-fetch.ringside.json'), 'utf8');
    const r = ringside(['run', '-', '--json'], {}, text);
    expect(r.code).toBe(0);
    expect(r.out).toContain('"fate": "crashed"');
  });

  it('--set and --ios override the file before validation', () => {
    const file = 'scenarios/report-after-fetch.ringside.json';
    expect(ringside(['run', file, '--json']).out).toContain('"fate": "crashed"');
    expect(ringside(['run', file, '--json', '--set', 'app.report=sync']).out).toContain('"fate": "rang"');
    // Before iOS 13 nothing is enforced: the late report still rings.
    const older = ringside(['run', file, '--json', '--ios', '12.4']);
    expect(older.out).toContain('"fate": "rang"');
    expect(older.out).toContain('"strikes": []');
    const bad = ringside(['run', file, '--set', 'app.report=later']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('app.report: "later" is not "sync", "never" or a duration');
  });

  it('--at prints every actor at that moment', () => {
    const r = ringside(['run', 'scenarios/flight-mode-cancelled.ringside.json', '--at', '10s']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('State at 10 s');
    expect(r.out).toContain('waiting: call-1 (held), cancel-call-1 (held)');
    expect(r.out).toContain('apsd waiting-for-network');
    expect(ringside(['run', 'scenarios/flight-mode-cancelled.ringside.json', '--at', 'soon']).code).toBe(2);
  });

  it('--vs compares with a variant', () => {
    const r = ringside([
      'run',
      'scenarios/flight-mode-cancelled.ringside.json',
      '--vs',
      '--ios 26.4 --set app.checksMustReport=true --set timeline.1.expiration="1h"',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/≠\s+call-1\s+stale\s+missed/);
    expect(r.out).toContain('1 of 2 pushes differ');
  });

  it('is plain without a TTY or with NO_COLOR, coloured with FORCE_COLOR', () => {
    // eslint-disable-next-line no-control-regex
    const escape = /\u001b\[/;
    expect(ringside(['run', 'scenarios/report-after-fetch.ringside.json']).out).not.toMatch(escape);
    expect(
      ringside(['run', 'scenarios/report-after-fetch.ringside.json'], { NO_COLOR: '', FORCE_COLOR: '1' }).out,
    ).toMatch(escape);
  });
});

describe('bad input never prints a stack trace', () => {
  it.each(Object.entries(BROKEN))('%s → exit 2 with the file and path named', (file, messages) => {
    const r = ringside(['run', `scenarios/broken/${file}`]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    for (const m of messages) expect(r.err).toContain(m);
    expect(r.err).toContain(`scenarios/broken/${file}`);
    noStack(r.err);
  });

  it('a missing file, a folder, an oversized file, an unknown command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-cli-'));
    const big = join(dir, 'big.ringside.json');
    writeFileSync(big, ' '.repeat(10 * 1024 * 1024 + 10));
    for (const [args, message] of [
      [['run', 'nope.ringside.json'], 'nope.ringside.json: cannot read: no such file'],
      [['run', 'scenarios'], 'is a directory'],
      [['run', big], 'scenarios are limited to 10 MB'],
      [['check', dir.replace(/$/, '/empty-sub')], 'no such file or folder'],
      [['frobnicate'], "unknown command 'frobnicate'"],
      [['explain', 'KILL-9'], 'KILL-9: no such rule'],
    ] as const) {
      const r = ringside([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain(message);
      noStack(r.err);
    }
  });
});

describe('ringside check', () => {
  it('passes every preset, ending with "N passed, N failed"', () => {
    const r = ringside(['check', 'scenarios/']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out.trim().split('\n').pop()).toMatch(/^\d+ passed, 0 failed$/);
  });

  it('exits 1 on a failing expectation, with expected vs actual and the why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-cli-'));
    const text = readFileSync(join(ROOT, 'scenarios/report-after-fetch.ringside.json'), 'utf8').replace(
      '"fate": "crashed"',
      '"fate": "rang"',
    );
    writeFileSync(join(dir, 'wrong.ringside.json'), text);
    const r = ringside(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('expected call-1 is rang, got crashed');
    expect(r.out).toContain('PushKit crashed the app');
    expect(r.out.trim().split('\n').pop()).toBe('1 passed, 1 failed');
  });

  it('exits 2 when a file is invalid but still runs the others', () => {
    const r = ringside(['check', 'scenarios/report-after-fetch.ringside.json', 'scenarios/broken/unknown-event.json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown event "pussh"');
    expect(r.out.trim().split('\n').pop()).toBe('2 passed, 0 failed, 1 invalid');
  });

  it('expands simple globs', () => {
    const r = ringside(['check', 'scenarios/slow-*.ringside.json']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe('4 passed, 0 failed');
  });

  it('writes JUnit XML', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ringside-cli-')), 'junit.xml');
    const r = ringside(['check', 'scenarios/', '--reporter', 'junit', '--output', out]);
    expect(r.code).toBe(0);
    const xml = readFileSync(out, 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect((xml.match(/<testsuite /g) ?? []).length).toBe(PRESETS.length);
    expect((xml.match(/<testsuite /g) ?? []).length).toBe((xml.match(/<\/testsuite>/g) ?? []).length);
    const cases = (xml.match(/<testcase /g) ?? []).length;
    expect(xml).toContain(`tests="${cases}" failures="0"`);
  });
});

describe('the other commands', () => {
  it('diff marks pushes whose fate differs', () => {
    const r = ringside([
      'diff',
      'scenarios/null-audio-session.ringside.json',
      'scenarios/null-audio-session-setconfiguration.ringside.json',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('0 of 1 pushes differ');
    const d = ringside([
      'diff',
      'scenarios/slow-cold-launch.ringside.json',
      'scenarios/slow-cold-launch-watchdog.ringside.json',
    ]);
    expect(d.out).toMatch(/≠\s+call-1\s+rang\s+killed/);
  });

  it('rules lists every rule; explain prints text, numbers, sources and presets', () => {
    const rules = ringside(['rules']).out.trim().split('\n');
    expect(rules).toHaveLength(RULES.length);
    expect(rules[0]).toMatch(/^PATH-1\s+The app plays no part/);
    const e = ringside(['explain', 'kill-1']);
    expect(e.code).toBe(0);
    expect(e.out).toContain('0xbaadca11');
    expect(e.out).toContain('callservicesdDeadline = 7000 ms (documented)');
    expect(e.out).toContain('Presets that show it: delegate-not-set-at-launch, main-thread-blocked');
    expect(ringside(['explain', 'MUST-1']).out).toContain('estimate: Apple does not document this');
  });

  it('whatif names the change that would have saved a push', () => {
    const r = ringside(['whatif', 'scenarios/report-after-fetch.ringside.json', 'call-1']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'Had the app reported the call before returning from the PushKit handler, this call would have rung.',
    );
    expect(ringside(['whatif', 'scenarios/slow-cold-launch.ringside.json', 'call-1']).out).toContain('nothing to save');
    expect(ringside(['whatif', 'scenarios/slow-cold-launch.ringside.json', 'call-9']).code).toBe(2);
  });

  it('report prints the Markdown report', () => {
    const r = ringside(['report', 'scenarios/report-after-fetch.ringside.json']);
    expect(r.code).toBe(0);
    expect(r.out.startsWith('# Reporting after a network fetch crashes the app\n')).toBe(true);
    expect(r.out).toContain('| call-1 | voip | 2 s | 2.1 s | **crashed** | APNS-1, PATH-4, PK-1 |');
  });

  it('presets and schema', () => {
    expect(ringside(['presets']).out.trim().split('\n')).toHaveLength(PRESETS.length);
    expect((JSON.parse(ringside(['schema']).out) as { $id: string }).$id).toContain('ringside.scenario.v1.json');
  });

  it('new writes a valid starter, refuses to overwrite, and starts from a preset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-cli-'));
    const file = join(dir, 'mine.ringside.json');
    expect(ringside(['new', file]).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('$schema');
    expect(ringside(['check', file]).code).toBe(0);
    const again = ringside(['new', file]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exists; use --force');
    expect(ringside(['new', '--from', 'report-after-fetch', '--force', file]).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('Reporting after a network fetch');
  });

  it('--help shows examples; --version the package version', () => {
    expect(ringside(['run', '--help']).out).toContain('Examples:');
    expect(ringside(['--version']).out.trim()).toBe(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });
});
