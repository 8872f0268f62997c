/** `ringside explain WORD` in-process: a term from the glossary, a rule as before, and the errors. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main';

afterEach(() => vi.restoreAllMocks());

async function ringside(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  vi.restoreAllMocks();
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const code = await main(['node', 'ringside', ...args, '--no-color']);
  const text = (m: typeof out) => m.mock.calls.map((c) => String(c[0])).join('');
  return { code, out: text(out), err: text(err) };
}

describe('ringside explain TERM', () => {
  it('prints a term of art in plain words, from the glossary the UI reads', async () => {
    const r = await ringside('explain', 'apsd');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe("apsd — the phone's link to Apple's push service");
    expect(r.out).toContain("The part of iOS that keeps the phone's one connection to Apple's push service open");
    expect(r.out).toContain('Rules: PATH-1, DEV-1, DEV-2');
  });
  it('takes several words and any case', async () => {
    expect((await ringside('explain', 'voip', 'push')).out).toMatch(/^VoIP push — a call notification\n/);
    expect((await ringside('explain', 'Strikes')).out).toMatch(/^strike — a mark against the app\n/);
  });
  it('still explains a rule ID', async () => {
    const r = await ringside('explain', 'throttle-2');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^THROTTLE-2 — /);
  });
  it('suggests the nearest term, and keeps the rule hint for a rule-like word', async () => {
    const near = await ringside('explain', 'callservicsd');
    expect(near.code).toBe(2);
    expect(near.err).toBe(
      'callservicsd: no such rule or term; did you mean callservicesd? (ringside rules lists the rules)\n',
    );
    expect((await ringside('explain', 'KILL-9')).err).toBe(
      'KILL-9: no such rule; did you mean KILL-1? (ringside rules lists them all)\n',
    );
  });
});
