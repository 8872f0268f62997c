/*
 * Over 400 lines on purpose: every command's behaviour through one in-process harness, grouped by
 * command; splitting by command would copy the harness into each file.
 */
/**
 * The CLI's behaviour, run in-process through main() with its own streams (no subprocess per case, so
 * a loaded machine cannot time these out), and a few runs of the real built binary for what only a
 * process shows: exit codes, stdin, the launcher.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { simulate, MODEL_CHOICES, RULES, parseScenarioText } from '../machines';
import { main } from './main';

const ROOT = resolve(__dirname, '..');
const PRESETS = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.ringside.json'));
const BROKEN = JSON.parse(readFileSync(join(ROOT, 'scenarios/broken/expected-errors.json'), 'utf8')) as Record<
  string,
  string[]
>;
const FLIGHT = 'scenarios/flight-mode-cancelled.ringside.json';
const FETCH = 'scenarios/report-after-fetch.ringside.json';
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs `node bin/ringside.js …` in the repo, plain unless the env says otherwise. */
function binary(
  args: readonly string[],
  env: Record<string, string> = {},
  input?: string,
  bin = join(ROOT, 'bin/ringside.js'),
): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
    child.stdin.end(input);
  });
}
/** `ringside …` in this process (the repo is the working directory, as for the binary), plain unless the env says otherwise. */
async function ringside(args: readonly string[], env: Record<string, string> = {}, input?: string): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(['node', 'ringside', ...args], {
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: { write: (text: string) => (err += text) },
    stdin: Readable.from(input === undefined ? [] : [Buffer.from(input)]),
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
  });
  return { code, out, err };
}
const lastLine = (text: string) => text.trimEnd().split('\n').pop();
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+|node:internal|Error:/);
const tempDir = () => mkdtempSync(join(tmpdir(), 'ringside-cli-'));
const resultOf = (file: string) => {
  const loaded = parseScenarioText(readFileSync(join(ROOT, file), 'utf8'));
  if (!loaded.ok) throw new Error(`${file} does not load`);
  return simulate(loaded.scenario).result;
};

describe('in-process runs', () => {
  it("write only to the streams they are given, Commander's help and errors included", async () => {
    const out = vi.spyOn(process.stdout, 'write');
    const err = vi.spyOn(process.stderr, 'write');
    try {
      const runs = [
        await ringside(['run', FETCH]),
        await ringside(['check', FETCH, 'nope/']),
        await ringside(['run', '--help']),
        await ringside(['run', FETCH, '--bogus']),
      ];
      expect(runs.map((r) => r.code)).toEqual([0, 2, 0, 2]);
      expect(runs[2]?.out).toContain('Usage: ringside run');
      expect(runs[3]?.err).toContain("unknown option '--bogus'");
      expect(out).not.toHaveBeenCalled();
      expect(err).not.toHaveBeenCalled();
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });
});

describe('every preset', () => {
  it.each(PRESETS)('run %s: a plain report with title, pushes and expectations', async (file) => {
    const r = await ringside(['run', `scenarios/${file}`]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    const result = resultOf(`scenarios/${file}`);
    expect(r.out.split('\n')[0]).toBe(result.scenario);
    expect(r.out).toContain('\nPushes\n');
    for (const p of result.pushes) expect(r.out).toMatch(new RegExp(`\\n  ${p.id} +${p.kind} .* ${p.fate} `));
    expect(r.out).toMatch(/\nExpectations \d+ hold, 0 fail\n$/);
    expect(r.out).not.toMatch(ANSI);
  });

  it.each(PRESETS)('run %s --json is exactly the result contract', async (file) => {
    const r = await ringside(['run', `scenarios/${file}`, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`${JSON.stringify(resultOf(`scenarios/${file}`), null, 2)}\n`);
  });

  it.each(PRESETS)('check %s holds', async (file) => {
    const r = await ringside(['check', `scenarios/${file}`]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toBe(`${resultOf(`scenarios/${file}`).expectations.length} passed, 0 failed\n`);
  });
});

describe('the broken corpus (scenarios/broken/)', () => {
  it('has a file for every expected error, and only those', () => {
    const files = readdirSync(join(ROOT, 'scenarios/broken')).filter((f) => f !== 'expected-errors.json');
    expect(files.sort()).toEqual(Object.keys(BROKEN).sort());
  });

  it.each(Object.entries(BROKEN))('run %s → exit 2, the file and path named, no stack', async (file, messages) => {
    const r = await ringside(['run', `scenarios/broken/${file}`]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    for (const m of messages) expect(r.err).toContain(m);
    for (const line of r.err.trimEnd().split('\n')) expect(line).toMatch(new RegExp(`^scenarios/broken/${file}: `));
    noStack(r.err);
  });

  it.each(Object.keys(BROKEN))('check %s → exit 2 and still the summary line', async (file) => {
    const r = await ringside(['check', `scenarios/broken/${file}`, FETCH]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`scenarios/broken/${file}: `);
    expect(r.out).toBe('2 passed, 0 failed\n');
    noStack(r.err);
  });
});

describe('ringside run', () => {
  it('--json is byte-identical across runs', async () => {
    const file = 'scenarios/five-strikes-then-reinstall.ringside.json';
    const a = await ringside(['run', file, '--json']);
    const b = await ringside(['run', file, '--json']);
    expect(a.out).toBe(b.out);
    expect((JSON.parse(a.out) as { format: string }).format).toBe('ringside.result/v1');
  });

  it('reads stdin with -', async () => {
    const text = readFileSync(join(ROOT, FETCH), 'utf8');
    const r = await ringside(['run', '-', '--json'], {}, text);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${JSON.stringify(resultOf(FETCH), null, 2)}\n`);
    const bad = await ringside(['run', '-'], {}, '{\n  "format": ');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^<stdin>: not valid JSON at line 2, column \d+/);
  });

  it('--set and --ios change the file before validation', async () => {
    expect((await ringside(['run', FETCH, '--json'])).out).toContain('"fate": "crashed"');
    expect((await ringside(['run', FETCH, '--json', '--set', 'app.report=sync'])).out).toContain('"fate": "rang"');
    // Before iOS 13 nothing is enforced: the late report still rings.
    const older = await ringside(['run', FETCH, '--json', '--ios', '12.4']);
    expect(older.out).toContain('"fate": "rang"');
    expect(older.out).toContain('"strikes": []');
    // The path form of error messages works too; values are JSON when they parse.
    const late = await ringside([
      'run',
      FLIGHT,
      '--json',
      '--set',
      'timeline[1].at=40s',
      '--set',
      'params.apsdReconnect=0',
    ]);
    expect(late.code, late.err).toBe(0);
    const pushes = (JSON.parse(late.out) as { pushes: { id: string; sentAt: number }[] }).pushes;
    expect(pushes.find((p) => p.id === 'call-1')?.sentAt).toBe(40_000);
  });

  it('a bad override names the override (not the file), with a hint when JSON turned text into a number', async () => {
    const bad = await ringside(['run', FETCH, '--set', 'app.report=later']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(`--set app.report=later: "later" is not "sync", "never" or a duration`);
    expect(bad.err).not.toContain(FETCH);
    const number = await ringside(['run', FETCH, '--set', 'device.ios=26.4']);
    expect(number.code).toBe(2);
    expect(number.err).toContain(`hint: --set device.ios=26.4 gave device.ios the number 26.4`);
    expect((await ringside(['run', FETCH, '--set', `device.ios="26.4"`])).code).toBe(0);
    for (const args of [
      ['--set', 'nothing'],
      ['--set', 'timeline[9].at=1s'],
      ['--set', 'a..b=1'],
    ]) {
      const r = await ringside(['run', FETCH, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(/^--set /);
    }
  });

  it('--at prints every actor at that moment, as text or JSON', async () => {
    const r = await ringside(['run', FLIGHT, '--at', '10s']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('State at 10 s\n');
    expect(r.out).toMatch(/APNs +thinks the phone is connected; waiting: call-1 \(held\), cancel-call-1 \(held\)/);
    expect(r.out).toContain('apsd waiting-for-network');
    const json = await ringside(['run', FLIGHT, '--at', '28.5s', '--json']);
    const state = JSON.parse(json.out) as { t: number; device: { apsd: string } };
    expect(state.t).toBe(28_500);
    expect(state.device.apsd).toBe('connected');
    expect((await ringside(['run', FLIGHT, '--at', '2m'])).out).toContain('(after the scenario ends at 1 min)');
    const bad = await ringside(['run', FLIGHT, '--at', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('--at soon: not a time; use "250ms", "5s", "2m", "1h"\n');
  });

  it('--vs compares with a variant of the same file', async () => {
    const r = await ringside([
      'run',
      FLIGHT,
      '--vs',
      '--ios 26.4 --set app.checksMustReport=true --set timeline[1].expiration="1h"',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^ +push +as written +--ios 26\.4 --set/);
    expect(r.out).toMatch(/\n≠ +call-1 +stale \(late\) +missed /);
    expect(r.out).toMatch(/\n +cancel-call-1 +delivered +delivered\n/);
    expect(r.out).toContain('1 of 2 pushes differ');
    const stdin = await ringside(['run', '-', '--vs', '--ios 26.4'], {}, readFileSync(join(ROOT, FLIGHT), 'utf8'));
    expect(stdin.code).toBe(0);
    for (const args of [
      ['--vs', '--json'],
      ['--vs', '--ios 26.4', '--json'],
      ['--vs', '--ios "26.4'],
    ]) {
      const bad = await ringside(['run', FLIGHT, ...args]);
      expect(bad.code, args.join(' ')).toBe(2);
      noStack(bad.err);
    }
  });

  it('is plain without a terminal or with NO_COLOR / --no-color, coloured with FORCE_COLOR', async () => {
    expect((await ringside(['run', FETCH])).out).not.toMatch(ANSI);
    const colour = await ringside(['run', FETCH], { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(colour.out).toMatch(ANSI);
    expect(colour.out).toContain('\u001b[31m✕ crashed\u001b[39m');
    expect((await ringside(['run', FETCH, '--no-color'], { NO_COLOR: '', FORCE_COLOR: '1' })).out).not.toMatch(ANSI);
    expect((await ringside(['run', FETCH], { NO_COLOR: '1', FORCE_COLOR: '1' })).out).not.toMatch(ANSI);
  });
});

describe('bad input never prints a stack trace', () => {
  it('a missing, unreadable-as-scenario or oversized file, a folder, an empty folder: exit 2', async () => {
    const dir = tempDir();
    const big = join(dir, 'big.ringside.json');
    writeFileSync(big, ' '.repeat(10 * 1024 * 1024 + 10));
    mkdirSync(join(dir, 'empty'));
    for (const [args, message] of [
      [['run', 'nope.ringside.json'], 'nope.ringside.json: cannot read: no such file'],
      [['run', 'scenarios'], 'scenarios: is a directory'],
      [['run', big], `${big}: the file is 10.0 MB; scenarios are limited to 10 MB`],
      [['check', join(dir, 'empty')], `${join(dir, 'empty')}: no *.ringside.json scenarios in this folder`],
      [['check', join(dir, 'missing')], 'no such file or folder'],
      [['diff', FLIGHT, 'nope.json'], 'nope.json: cannot read: no such file'],
    ] as const) {
      const r = await ringside([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain(message);
      noStack(r.err);
    }
  });

  it('usage errors exit 2 with a hint; --help and --version exit 0', async () => {
    for (const args of [
      [],
      ['frobnicate'],
      ['run'],
      ['run', 'a', 'b'],
      ['run', FLIGHT, '--bogus'],
      ['check'],
      ['diff', FLIGHT],
      ['explain', 'KILL-9'],
    ]) {
      const r = await ringside(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out, args.join(' ')).toBe('');
      noStack(r.err);
    }
    expect((await ringside(['frobnicate'])).err).toContain("unknown command 'frobnicate'");
    expect((await ringside(['explain', 'KILL-9'])).err).toBe(
      'KILL-9: no such rule; did you mean KILL-1? (ringside rules lists them all)\n',
    );
    expect((await ringside(['--help'])).code).toBe(0);
    expect((await ringside(['help', 'run'])).code).toBe(0);
  });
});

describe('ringside check', () => {
  it('passes every preset, ending with exactly "N passed, 0 failed"', async () => {
    const r = await ringside(['check', 'scenarios/']);
    expect(r.code, r.out + r.err).toBe(0);
    const total = PRESETS.reduce((n, f) => n + resultOf(`scenarios/${f}`).expectations.length, 0);
    expect(r.out).toBe(`${total} passed, 0 failed\n`);
  });

  it('exits 1 on a failing expectation: file, expected vs actual, the why', async () => {
    const dir = tempDir();
    const text = readFileSync(join(ROOT, FETCH), 'utf8').replace('"fate": "crashed"', '"fate": "rang"');
    writeFileSync(join(dir, 'wrong.ringside.json'), text);
    const r = await ringside(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`FAIL ${join(dir, 'wrong.ringside.json')}: expected call-1 is rang, got crashed\n`);
    expect(r.out).toContain('PushKit crashed the app');
    expect(lastLine(r.out)).toBe('1 passed, 1 failed');
  });

  it('exits 2 when a file is invalid or a target names nothing, and still runs the others', async () => {
    const r = await ringside(['check', FETCH, 'scenarios/broken/unknown-event.json', 'nope/', 'scenarios/zz*.json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('scenarios/broken/unknown-event.json: timeline[0].do: unknown event "pussh"');
    expect(r.err).toContain('nope/: no such file or folder');
    expect(r.err).toContain('scenarios/zz*.json: matches no file');
    expect(r.err).toContain('3 could not be checked');
    expect(r.out).toBe('2 passed, 0 failed\n');
  });

  it('expands globs: *, ** and {a,b}; a file named twice runs once', async () => {
    expect((await ringside(['check', 'scenarios/slow-*.ringside.json'])).out).toBe('4 passed, 0 failed\n');
    expect((await ringside(['check', 'scenarios/{slow,broken}-*.ringside.json', FETCH, FETCH])).out).toBe(
      '7 passed, 0 failed\n',
    );
    const all = await ringside(['check', 'scenarios/**/*.ringside.json']);
    expect(all.out).toBe((await ringside(['check', 'scenarios'])).out);
  });

  it('reads stdin with -', async () => {
    const r = await ringside(['check', '-'], {}, readFileSync(join(ROOT, FETCH), 'utf8'));
    expect(r.out).toBe('2 passed, 0 failed\n');
  });

  it('writes JUnit XML: one testsuite per file, one testcase per expectation, balanced tags', async () => {
    const dir = tempDir();
    const wrong = join(dir, 'wrong.ringside.json');
    writeFileSync(wrong, readFileSync(join(ROOT, FETCH), 'utf8').replace('"strikes": 1', '"strikes": 0'));
    const out = join(dir, 'reports', 'junit.xml'); // its folder does not exist yet
    const r = await ringside([
      'check',
      'scenarios/',
      wrong,
      'scenarios/broken/empty.json',
      '--reporter',
      'junit',
      '--output',
      out,
    ]);
    expect(r.code).toBe(2);
    const xml = readFileSync(out, 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ringside" ')).toBe(true);
    expect(xml.match(/<testsuite /g)).toHaveLength(PRESETS.length + 2);
    for (const tag of ['testsuites', 'testsuite', 'testcase', 'failure', 'error']) {
      const open = (xml.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length;
      const closed = (xml.match(new RegExp(`</${tag}>|<${tag} [^>]*/>`, 'g')) ?? []).length;
      expect(closed, tag).toBe(open);
    }
    const cases = xml.match(/<testcase /g)?.length ?? 0;
    expect(xml).toContain(`<testsuites name="ringside" tests="${cases}" failures="1" errors="1">`);
    expect(xml).toContain('<failure message="expected strikes = 0, got 1">');
    expect(xml).toContain('<error message="scenarios/broken/empty.json: the file is empty');
  });

  it('--output alone implies the JUnit reporter; an unknown reporter is a usage error', async () => {
    const out = join(tempDir(), 'j.xml');
    expect((await ringside(['check', FETCH, '--output', out])).code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect((await ringside(['check', FETCH, '--reporter', 'tap'])).code).toBe(2);
  });
});

describe('the other commands', () => {
  it('diff marks pushes whose fate differs, and strikes and throttling', async () => {
    const same = await ringside([
      'diff',
      'scenarios/null-audio-session.ringside.json',
      'scenarios/null-audio-session-setconfiguration.ringside.json',
    ]);
    expect(same.code).toBe(0);
    expect(same.out).not.toMatch(/^≠/m);
    expect(lastLine(same.out)).toBe('0 of 1 pushes differ');
    const d = await ringside([
      'diff',
      'scenarios/slow-cold-launch.ringside.json',
      'scenarios/slow-cold-launch-watchdog.ringside.json',
    ]);
    expect(d.out).toMatch(/\n≠ +call-1 +rang +killed +APNS-1 PATH-4 LAUNCH-1 PK-1 CALL-1 → /);
    expect(d.out).toMatch(/\n +strikes +0 +0\n +throttled +never +never\n/);
    const five = await ringside(['diff', 'scenarios/throttle-24h-window.ringside.json', FETCH]);
    expect(five.out).toMatch(/\n≠ +strikes +\d+ +1\n≠ +throttled +\S.* +never\n/);
    const colour = await ringside(
      ['diff', 'scenarios/slow-cold-launch.ringside.json', 'scenarios/slow-cold-launch-watchdog.ringside.json'],
      { NO_COLOR: '', FORCE_COLOR: '1' },
    );
    expect(colour.out).toContain('\u001b[33m≠\u001b[39m  \u001b[33mcall-1\u001b[39m');
  });

  it('rules lists every rule; explain prints text, numbers, sources and presets', async () => {
    const [ruleTable = '', own = ''] = (await ringside(['rules'])).out.trimEnd().split('\n\n');
    const rules = ruleTable.split('\n');
    expect(rules).toHaveLength(RULES.length);
    // then Ringside's own choices, one line each, with the params that change them
    const choices = own.split('\n');
    expect(choices[0]).toBe("Ringside's own choices (the sources are silent; a scenario's params change them):");
    expect(choices.slice(1).map((l) => l.split(' ')[0])).toEqual(MODEL_CHOICES.map((c) => c.id));
    expect(choices.find((l) => l.startsWith('update-resets-strikes'))).toContain('Params: updateResetsStrikes.');
    expect(rules[0]).toMatch(/^PATH-1 +The app plays no part/);
    // every rule whole: DEV-3 is not cut at its "e.g."
    expect(rules.find((l) => l.startsWith('DEV-3'))).toContain('keeping the LAN side) can leave the device believing');
    const e = await ringside(['explain', 'kill-1']);
    expect(e.code).toBe(0);
    expect(e.out.split('\n')[0]).toBe('KILL-1 — App launch and the PushKit handler');
    expect(e.out).toContain('0xbaadca11');
    expect(e.out).toContain('callservicesdDeadline = 7 s (documented) — ');
    expect(e.out).toContain('Sources: seed 000');
    expect(e.out).toContain('Presets that show it: delegate-not-set-at-launch, main-thread-blocked\n');
    expect((await ringside(['explain', 'MUST-1'])).out).toContain(
      'mustReportLatency = 20 s (estimate: Apple does not document this)',
    );
    // A rule cited only in the event log counts too.
    expect((await ringside(['explain', 'THROTTLE-2'])).out).toMatch(
      /Presets that show it: .*five-strikes-then-reinstall/,
    );
  });

  it('whatif names the change that would have saved a push', async () => {
    const r = await ringside(['whatif', FETCH, 'call-1']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'Had the app reported the call before returning from the PushKit handler, this call would have rung.',
    );
    expect((await ringside(['whatif', 'scenarios/slow-cold-launch.ringside.json', 'call-1'])).out).toContain(
      'nothing to save',
    );
    const missing = await ringside(['whatif', 'scenarios/slow-cold-launch.ringside.json', 'call-9']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no push "call-9" (pushes: call-1)');
  });

  it("sweep lists where a push's fate changes with its send time, to the ms", async () => {
    const r = await ringside(['sweep', 'scenarios/backgrounding-race.ringside.json', 'call-1', '--to', '15s']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'call-1 sent at another time, all else as written (0 s to 15 s, every 100 ms):',
        '  0 s – 9.9 s     ○ exempt',
        '  9.9 s – 10.2 s  ✕ crashed   ← as written (10 s)',
        '  10.2 s – 15 s   ✓ rang',
        '',
      ].join('\n'),
    );
    const missing = await ringside(['sweep', 'scenarios/backgrounding-race.ringside.json', 'call-9']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no push "call-9" on the timeline (pushes: call-1, call-2)');
    const bad = await ringside(['sweep', 'scenarios/backgrounding-race.ringside.json', 'call-1', '--step', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--step soon: not a time');
  });

  it('report prints the Markdown report or writes it', async () => {
    const r = await ringside(['report', FETCH]);
    expect(r.code).toBe(0);
    expect(r.out.startsWith('# Reporting after a network fetch crashes the app\n')).toBe(true);
    expect(r.out).toContain('| call-1 | voip | 2 s | 2.1 s | **crashed** | APNS-1, PATH-4, PK-1 |');
    const out = join(tempDir(), 'r.md');
    expect((await ringside(['report', FETCH, '--set', 'app.report=sync', '--output', out])).out).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('**rang**');
  });

  it('report --html prints a standalone HTML page; --output *.html implies it', async () => {
    const r = await ringside(['report', FETCH, '--html']);
    expect(r.code, r.err).toBe(0);
    expect(r.out.startsWith('<!doctype html>\n')).toBe(true);
    expect(r.out).toContain('<h1>Reporting after a network fetch crashes the app</h1>');
    expect(r.out).toContain('<span class="sym" aria-hidden="true">✕</span> crashed</span>');
    expect(r.out).not.toMatch(/<script/i);
    const dir = tempDir();
    const html = join(dir, 'r.html');
    expect((await ringside(['report', FETCH, '--output', html])).out).toBe('');
    expect(readFileSync(html, 'utf8')).toBe(r.out);
    // Any other extension stays Markdown unless --html is given.
    const md = join(dir, 'r.txt');
    expect((await ringside(['report', FETCH, '--output', md])).code).toBe(0);
    expect(readFileSync(md, 'utf8').startsWith('# Reporting after a network fetch crashes the app\n')).toBe(true);
    const forced = join(dir, 'r2.txt');
    expect((await ringside(['report', FETCH, '--html', '--output', forced])).code).toBe(0);
    expect(readFileSync(forced, 'utf8')).toBe(r.out);
  });

  it('presets lists file, title and pushes; schema prints the JSON Schema', async () => {
    const lines = (await ringside(['presets'])).out.trimEnd().split('\n');
    expect(lines).toHaveLength(PRESETS.length);
    expect(lines.find((l) => l.startsWith('flight-mode-cancelled.ringside.json'))).toMatch(
      /^flight-mode-cancelled\.ringside\.json +Cancelled while in flight mode +1 push$/,
    );
    const schema = JSON.parse((await ringside(['schema'])).out) as { $id: string };
    expect(schema).toEqual(JSON.parse(readFileSync(join(ROOT, 'schema/ringside.scenario.v1.json'), 'utf8')));
  });

  it('new writes a valid starter with $schema, refuses to overwrite, starts from a preset', async () => {
    const dir = join(ROOT, '.tmp', `cli-new-${process.pid}`);
    const file = join(dir, 'mine.ringside.json');
    const r = await ringside(['new', file]);
    expect(r.code, r.err).toBe(0);
    // Inside the clone, $schema is a relative path that works for everyone who checks the file out.
    expect((JSON.parse(readFileSync(file, 'utf8')) as { $schema: string }).$schema).toBe(
      '../../schema/ringside.scenario.v1.json',
    );
    expect((await ringside(['check', file])).code).toBe(0);
    const again = await ringside(['new', file]);
    expect(again.code).toBe(2);
    expect(again.err).toBe(`${file}: already exists; use --force to overwrite it\n`);
    expect((await ringside(['new', '--from', 'report-after-fetch', '--force', file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('Reporting after a network fetch');
    const typo = await ringside(['new', '--from', 'report-after-fetsh', join(dir, 'x.ringside.json')]);
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('did you mean report-after-fetch?');
    const outside = join(tempDir(), 'o.ringside.json');
    expect((await ringside(['new', outside])).code).toBe(0);
    expect(readFileSync(outside, 'utf8')).toContain('"$schema": "https://');
    const stdout = await ringside(['new', '-']);
    expect(parseScenarioText(stdout.out).ok).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('docs/cli.md shows the real output of run, --at and sweep', async () => {
    const doc = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');
    const blocks = [...doc.matchAll(/```text\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks[0]).toBe((await ringside(['run', FLIGHT])).out);
    expect(blocks).toContain(
      `$ ringside run ${FLIGHT} --at 10s\n${(await ringside(['run', FLIGHT, '--at', '10s'])).out}`,
    );
    const race = 'scenarios/backgrounding-race.ringside.json';
    expect(blocks).toContain(`$ ringside sweep ${race} call-1\n${(await ringside(['sweep', race, 'call-1'])).out}`);
  });

  it('every command has --help with examples; --version is the package version', async () => {
    for (const command of [
      'run',
      'check',
      'diff',
      'whatif',
      'sweep',
      'report',
      'rules',
      'explain',
      'presets',
      'new',
      'schema',
    ]) {
      const r = await ringside([command, '--help']);
      expect(r.code, command).toBe(0);
      expect(r.out, command).toContain('Examples:');
    }
    expect((await ringside(['--version'])).out.trim()).toBe(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });
});

// Few and coarse: each spawns node, which a loaded machine makes slow, hence the long timeout. Behaviour
// is tested above, in-process.
describe('the built binary, as a subprocess', { timeout: 120_000 }, () => {
  beforeAll(() => {
    // Always test fresh code: the same esbuild script as npm run build:cli.
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT });
  });

  it('exits 0, 1 or 2 as check decides, with the summary line on stdout', async () => {
    const fine = await binary(['check', FETCH]);
    expect([fine.code, fine.out, fine.err]).toEqual([0, '2 passed, 0 failed\n', '']);
    const dir = tempDir();
    writeFileSync(
      join(dir, 'wrong.ringside.json'),
      readFileSync(join(ROOT, FETCH), 'utf8').replace('"fate": "crashed"', '"fate": "rang"'),
    );
    const wrong = await binary(['check', dir]);
    expect(wrong.code).toBe(1);
    expect(lastLine(wrong.out)).toBe('1 passed, 1 failed');
    const missing = await binary(['check', FETCH, 'nope/']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope/: no such file or folder');
  });

  it('a usage error exits 2 on stderr; --version prints the package version', async () => {
    const usage = await binary(['run', FLIGHT, '--bogus']);
    expect(usage.code).toBe(2);
    expect(usage.out).toBe('');
    expect(usage.err).toContain("unknown option '--bogus'");
    expect((await binary(['--version'])).out.trim()).toBe(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });

  it('reads the scenario from stdin with -', async () => {
    const r = await binary(['run', '-', '--json'], {}, readFileSync(join(ROOT, FETCH), 'utf8'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`${JSON.stringify(resultOf(FETCH), null, 2)}\n`);
  });

  it('without a build, the launcher says how to build', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(ROOT, 'bin/ringside.js'), join(dir, 'bin/ringside.js'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const r = await binary(['--version'], {}, undefined, join(dir, 'bin/ringside.js'));
    expect(r.code).toBe(2);
    expect(r.err).toBe('ringside: the CLI is not built yet; run npm run build:cli\n');
  });
});
