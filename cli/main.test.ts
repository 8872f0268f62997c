/** main() in-process, for the one path a real scenario cannot reach: an exception from the engine. */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../machines/engine/simulate', () => ({
  simulate: () => {
    throw new TypeError('boom in the engine');
  },
}));

afterEach(() => vi.restoreAllMocks());

describe('an engine exception', () => {
  it('is exit 3, "this is a bug", the file named, no stack', async () => {
    const { main } = await import('./main');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const code = await main(['node', 'ringside', 'run', 'scenarios/flight-mode-cancelled.ringside.json']);
    expect(code).toBe(3);
    expect(out).not.toHaveBeenCalled();
    expect(err.mock.calls.map((c) => String(c[0])).join('')).toBe(
      'ringside: internal error — this is a bug. Please attach the scenario file scenarios/flight-mode-cancelled.ringside.json to a report.\n  boom in the engine\n',
    );
  });

  it('in check is exit 3 too, not counted as an invalid file', async () => {
    const { main } = await import('./main');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await main(['node', 'ringside', 'check', 'scenarios/report-after-fetch.ringside.json'])).toBe(3);
    expect(err.mock.calls.map((c) => String(c[0])).join('')).toContain('internal error — this is a bug');
  });
});
