import { describe, expect, it } from 'vitest';
import { CliError } from './errors';
import { applyOverrides, overrideHints, parsePath, parseValue, parseVs, setPath, shellWords } from './overrides';

describe('parsePath', () => {
  it('takes dotted keys and the [n] form that error messages print', () => {
    expect(parsePath('app.report')).toEqual(['app', 'report']);
    expect(parsePath('timeline.1.at')).toEqual(['timeline', '1', 'at']);
    expect(parsePath('timeline[1].at')).toEqual(['timeline', '1', 'at']);
    expect(parsePath('a[0][2]')).toEqual(['a', '0', '2']);
  });

  it.each(['', 'app.', '.app', 'a..b', '__proto__.x', 'app.constructor', 'a[x]', 'a]b'])('refuses %j', (path) => {
    expect(() => parsePath(path)).toThrow(CliError);
  });
});

describe('setPath', () => {
  const doc = { app: { report: 'never' }, timeline: [{ at: '0s' }, { at: '5s' }] };

  it('returns a changed copy and leaves the original alone', () => {
    const out = setPath(doc, 'app.report', 'sync');
    expect(out).toEqual({ ...doc, app: { report: 'sync' } });
    expect(doc.app.report).toBe('never');
    expect(setPath(doc, 'timeline[1].at', '6s').timeline).toEqual([{ at: '0s' }, { at: '6s' }]);
    expect(doc.timeline[1]?.at).toBe('5s');
  });

  it('creates missing objects but not list entries', () => {
    expect(setPath(doc, 'params.throttleFailures', 3)).toMatchObject({ params: { throttleFailures: 3 } });
    expect(() => setPath(doc, 'timeline.2.at', '1s')).toThrow('2 is not an index of that list (0…1)');
    expect(() => setPath({ timeline: [] }, 'timeline.0.at', '1s')).toThrow('it is empty');
  });
});

describe('values and overrides', () => {
  it('parses JSON when it can, else keeps the text', () => {
    expect(parseValue('true')).toBe(true);
    expect(parseValue('5000')).toBe(5000);
    expect(parseValue('"26.4"')).toBe('26.4');
    expect(parseValue('{"a":1}')).toEqual({ a: 1 });
    expect(parseValue('sync')).toBe('sync');
    expect(parseValue('5s')).toBe('5s');
  });

  it('applies --ios as text, then every --set in order', () => {
    const out = applyOverrides({ device: { ios: '18.5' } }, { ios: '26.4', set: ['app.report=1s', 'app.report=sync'] });
    expect(out).toEqual({ device: { ios: '26.4' }, app: { report: 'sync' } });
    expect(applyOverrides({}, { set: ['notes=a=b'] })).toEqual({ notes: 'a=b' });
    expect(() => applyOverrides({}, { set: ['app.report'] })).toThrow('write it as path=value');
  });

  it('hints at quoting when a --set value that parsed as JSON is what the loader rejects', () => {
    const errors = [{ path: 'device.ios', message: '26.4 must be an iOS version string such as "18.5"' }];
    expect(overrideHints(errors, { set: ['device.ios=26.4'] })).toEqual([
      `  hint: --set device.ios=26.4 gave device.ios the number 26.4; for the text, quote it: --set 'device.ios="26.4"'`,
    ]);
    expect(overrideHints(errors, { set: ['device.ios="26.4"'] })).toEqual([]);
    expect(overrideHints(errors, { set: ['app.report=5'] })).toEqual([]);
  });
});

describe('--vs', () => {
  it('splits words like a shell', () => {
    expect(shellWords(`--ios 26.4  --set a.b="1 h" --set 'c=d e' x\\ y`)).toEqual([
      '--ios',
      '26.4',
      '--set',
      'a.b=1 h',
      '--set',
      'c=d e',
      'x y',
    ]);
    expect(shellWords(`--set a=""`)).toEqual(['--set', 'a=']);
    expect(() => shellWords(`--set "a=b`)).toThrow('quote is not closed');
  });

  it('accepts only --ios and --set', () => {
    expect(parseVs('--ios 26.4 --set app.checksMustReport=true --set=app.report=sync')).toEqual({
      ios: '26.4',
      set: ['app.checksMustReport=true', 'app.report=sync'],
    });
    expect(parseVs('--ios=13')).toEqual({ ios: '13' });
    expect(parseVs('')).toEqual({});
    expect(() => parseVs('--json')).toThrow("unknown option '--json'; only --ios and --set are allowed inside --vs");
    expect(() => parseVs('file.json')).toThrow(CliError);
    expect(() => parseVs('--ios')).toThrow(CliError);
  });
});
