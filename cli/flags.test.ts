import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from './main';
import { formatLoadErrors } from './overrides';

const RACE = 'scenarios/backgrounding-race.ringside.json';

async function ringside(args: readonly string[]): Promise<{ code: number | null; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'ringside', ...args], {
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: { write: (text: string) => (err += text) },
    stdin: Readable.from([]),
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
  });
  return { code, out, err };
}

describe('a bad value from the command line names the flag that gave it, not the file', () => {
  it('--set app.report=later', async () => {
    const r = await ringside(['run', RACE, '--set', 'app.report=later']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      '--set app.report=later: "later" is not "sync", "never" or a duration; use ms or "5s", "2m", "1h"\n',
    );
  });

  it('a --set of a whole object names the path inside it; the file keeps its own errors; the last --set wins', () => {
    const errors = [
      { path: 'app.report', message: 'bad report' },
      { path: 'title', message: 'must not be empty' },
      { path: 'device.ios', message: 'not a version' },
      { path: 'timeline[1].at', message: 'not a time' },
    ];
    const lines = formatLoadErrors(errors, 'my.ringside.json', {
      ios: 'x',
      set: ['app={"report":"later"}', 'timeline.1.at=soon', 'timeline[1].at=later'],
    });
    expect(lines).toEqual([
      '--set app={"report":"later"}: app.report: bad report',
      'my.ringside.json: title: must not be empty',
      '--ios x: not a version',
      '--set timeline[1].at=later: not a time',
    ]);
  });
});

describe('a time on the command line needs its unit', () => {
  it('--at 12.5 is refused with the two readings', async () => {
    const r = await ringside(['run', RACE, '--at', '12.5']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('--at 12.5: no unit; did you mean 12.5s or 12.5ms?\n');
    expect((await ringside(['sweep', RACE, 'call-1', '--step', '100'])).err).toContain(
      '--step 100: no unit; did you mean 100s or 100ms?',
    );
  });

  it('with a unit, or 0, it is read as before', async () => {
    expect((await ringside(['run', RACE, '--at', '12.5s'])).code).toBe(0);
    expect((await ringside(['run', RACE, '--at', '0'])).code).toBe(0);
  });
});
