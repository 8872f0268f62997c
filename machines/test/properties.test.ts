import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FATES, type Fate } from '../scenario/types';
import { simulate } from '../engine/simulate';
import { busyScenarioArb, scenarioArb } from './arbitraries';

const RUNS = 150;
/** Busy scenarios (20–60 events) meet the rarer interactions: a push handed to a process that died since. */
const BUSY_RUNS = 150;

/** The rules that can decide each fate (RULES.md, the table of fates). */
const DECIDED_BY: Partial<Record<Fate, readonly string[]>> = {
  crashed: ['PK-1'],
  killed: ['KILL-1', 'LAUNCH-3'],
  throttled: ['THROTTLE-1'],
  expired: ['APNS-3'],
  superseded: ['APNS-4'],
  ignored: ['PATH-3'],
  missed: ['MUST-1'],
  duplicate: ['EXEMPT-2'],
  'in-app': ['EXEMPT-3'],
  stale: ['CALL-1'],
};

describe('engine properties over random scenarios', () => {
  it('is deterministic: the same scenario twice gives byte-identical JSON', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(JSON.stringify(simulate(s).result)).toBe(JSON.stringify(simulate(s).result));
      }),
      { numRuns: RUNS, seed: 42 },
    );
  });

  it.each([
    ['short', scenarioArb, RUNS],
    ['busy', busyScenarioArb, BUSY_RUNS],
  ] as const)('keeps its invariants (%s scenarios)', (_, arb, numRuns) => {
    fc.assert(
      fc.property(arb, (s) => {
        const { result, trace } = simulate(s);
        const fateOf = new Map<string, Fate>(result.pushes.map((p) => [p.id, p.fate]));
        const sent =
          s.timeline.filter((e) => e.do === 'push').length +
          s.timeline.filter((e) => e.do === 'cancel' && e.via !== 'none').length;
        // every push has exactly one fate, from the list
        expect(result.pushes).toHaveLength(sent);
        for (const p of result.pushes) expect(FATES).toContain(p.fate);
        // strikes only from crashed or killed pushes, at most one per push
        const struck = result.strikes.map((x) => x.push);
        expect(new Set(struck).size).toBe(struck.length);
        for (const st of result.strikes) expect(st.cause, st.push).toBe(fateOf.get(st.push));
        const strikeOf = new Map(result.strikes.map((x) => [x.push, x]));
        for (const p of result.pushes) {
          // the fate carries the rule that decides it (RULES.md's table of fates); a crash is always a
          // strike, a kill is one unless the launch watchdog did it
          const decidedBy = DECIDED_BY[p.fate];
          if (decidedBy)
            expect(
              p.rules.some((r) => decidedBy.includes(r)),
              `${p.id} ${p.fate}: ${p.rules.join(' ')}`,
            ).toBe(true);
          if (p.fate === 'crashed') expect(strikeOf.has(p.id), p.id).toBe(true);
          // a kill by callservicesd (its last step: earlier KILL-1 steps may explain a kill for another
          // push) is a strike, no sooner than the deadline after the push reached the phone
          const last = p.steps.at(-1);
          // the launch watchdog kills without a strike (LAUNCH-3)
          if (p.fate === 'killed' && last?.rule === 'LAUNCH-3') expect(strikeOf.has(p.id), p.id).toBe(false);
          if (p.fate === 'killed' && last?.rule === 'KILL-1') {
            expect(strikeOf.get(p.id)?.at, p.id).toBe(last.at);
            expect(last.at - (p.deliveredAt ?? Infinity), p.id).toBeGreaterThanOrEqual(s.params.callservicesdDeadline);
          }
          // never delivered before it was sent; rule steps never go back in time
          if (p.deliveredAt !== undefined) expect(p.deliveredAt).toBeGreaterThanOrEqual(p.sentAt);
          for (let i = 1; i < p.steps.length; i++) expect(p.steps[i]!.at).toBeGreaterThanOrEqual(p.steps[i - 1]!.at);
          // a push that reached the phone well before the end has a fate of its own (a launch, a blocked
          // handler and the 7 s check all fit in 2 minutes)
          if (p.deliveredAt !== undefined && p.deliveredAt < trace.end - 120_000)
            expect(p.fate).not.toBe('undelivered');
          if (p.kind !== 'voip' || p.deliveredAt === undefined) continue;
          // nothing reaches the app while throttled
          for (const w of result.throttled) {
            if (p.deliveredAt > w.from && p.deliveredAt < w.until) expect(p.fate).toBe('throttled');
          }
          // and a throttled push met a block: one open when it reached callservicesd, or when its
          // process ended and it waited to be handed over again (THROTTLE-1: its step's time)
          if (p.fate === 'throttled') {
            const at = [...p.steps].reverse().find((x) => x.rule === 'THROTTLE-1')?.at ?? p.deliveredAt;
            expect(
              result.throttled.some((w) => w.from <= at && at <= w.until),
              p.id,
            ).toBe(true);
          }
          // no VoIP push reaches the phone while apsd is disconnected
          const then = trace.stateAt(p.deliveredAt);
          expect(then.device.apsd).toBe('connected');
          // THROTTLE-2's model, counted from the strikes alone: a VoIP push gets past callservicesd only
          // while fewer than throttleFailures earlier failures lie in the rolling window (a reinstall
          // or an update clears them)
          if (p.fate !== 'throttled') {
            const at = p.deliveredAt;
            const reset = Math.max(
              -Infinity,
              ...s.timeline
                .filter((e) => e.do === 'app' && (e.action === 'reinstall' || e.action === 'update') && e.at <= at)
                .map((e) => e.at),
            );
            const { throttleFailures, throttleWindow } = then.callServices;
            const earlier = result.strikes.filter((x) => x.at < at && x.at > at - throttleWindow && x.at >= reset);
            expect(earlier.length, p.id).toBeLessThan(throttleFailures);
          }
        }
        // the event log never goes back in time
        for (let i = 1; i < result.events.length; i++)
          expect(result.events[i]!.at).toBeGreaterThanOrEqual(result.events[i - 1]!.at);
        for (const iv of trace.intervals) expect(iv.to).toBeGreaterThanOrEqual(iv.from);
        // callservicesd kills only a running app: never one already gone, nor one launching
        for (const m of trace.markers) {
          if (m.kind === 'app.killed')
            expect(['foreground', 'background']).toContain(trace.stateAt(m.at - 1).app.state);
        }
        // a report check ends before its time only with a report, or with the app's end (which it names)
        for (const iv of trace.intervals) {
          if (iv.kind !== 'deadline' || iv.open || iv.to >= (iv.due ?? Infinity) || iv.endedBy) continue;
          expect(['rang', 'in-app', 'stale', 'duplicate']).toContain(fateOf.get(iv.push ?? ''));
        }
      }),
      { numRuns, seed: 7 },
    );
  });
});
