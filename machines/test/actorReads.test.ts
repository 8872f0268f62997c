/**
 * The rule `caughtUp` rests on (INTERNALS, pitfalls): an actor reads back from the journal about a
 * push only its `PushFacts`, which a resumed run compares with the previous run before it takes over
 * the rest. A read of anything else (a push's steps, its fate) would steer the actors by what no
 * comparison covers. Checked at run time: every record the journal hands to actor code is watched,
 * over every preset and busy random scenarios, and each field read is named with the file that read it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Journal, type PushRecord } from '../engine/journal';
import { simulate } from '../engine/simulate';
import { Time } from '../engine/time';
import { parseScenarioText } from '../scenario';
import { busyScenarioArb } from './arbitraries';

const DIR = resolve(__dirname, '../../scenarios');
const PRESETS = readdirSync(DIR)
  .filter((f) => f.endsWith('.ringside.json'))
  .sort();

/**
 * Reads still made outside `PushFacts`, until each is made a fact. None today: DBG-1's (KILL-1's
 * wording) became `spared` and EXEMPT-3's (CallKit's in-app UI, told once) `inAppExplained`.
 */
const OPEN: Record<string, readonly string[]> = {};

/** The actor source file (under machines/actors/) that called `journal.push`, if an actor did. */
function actorCaller(): string | undefined {
  for (const line of (new Error().stack ?? '').split('\n').slice(1)) {
    const m = /machines[\\/]actors[\\/]([^:)]+\.ts)/.exec(line);
    if (m) return m[1]!.replace(/\\/g, '/');
    if (/machines[\\/](engine|explain|scenario)[\\/]/.test(line)) return undefined;
  }
  return undefined;
}

describe('actors read back from the journal only PushFacts', () => {
  /** Field names read by each actor file. */
  const reads = new Map<string, Set<string>>();
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the journal as `this` below
  const original = Journal.prototype.push;
  beforeAll(() => {
    vi.spyOn(Journal.prototype, 'push').mockImplementation(function (this: Journal, id: string): PushRecord {
      const record = original.call(this, id);
      const file = actorCaller();
      if (!file) return record;
      return new Proxy(record, {
        get(target, key, receiver) {
          if (typeof key === 'string') {
            const seen = reads.get(file) ?? new Set<string>();
            reads.set(file, seen.add(key));
          }
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    });
  });
  afterAll(() => vi.restoreAllMocks());

  // The runs are split into tests of their own, each well within its timeout on a loaded machine (every
  // push's record is watched and its reader found from a stack trace: 2.6 s quiet as one test, over 30 s at
  // load 13); the reads they gather are checked once all have run.
  const RANDOM = fc.sample(busyScenarioArb, { numRuns: 40, seed: 7 });
  const PARTS = 4;
  let ran = 0;
  it('over every preset', () => {
    for (const file of PRESETS) {
      const r = parseScenarioText(readFileSync(resolve(DIR, file), 'utf8'));
      if (!r.ok) throw new Error(`${file} invalid`);
      simulate(r.scenario);
    }
    ran++;
  });
  it.each(Array.from({ length: PARTS }, (_, i) => i + 1))(`over busy random scenarios, part %i of ${PARTS}`, (part) => {
    const size = Math.ceil(RANDOM.length / PARTS);
    for (const s of RANDOM.slice((part - 1) * size, part * size)) simulate(s);
    ran++;
  });

  it('read nothing outside PushFacts there', () => {
    expect(ran, 'every run above ran before this check').toBe(1 + PARTS);
    const probe = new Journal(() => Time.ms(0));
    probe.addPush({ id: 'p', kind: 'voip', sentAt: 0, topic: 't', expiration: 0, cancels: undefined });
    const facts = new Set(['id', ...Object.keys(probe.facts('p')!)]);
    const outside: Record<string, string[]> = {};
    for (const [file, keys] of reads) {
      const extra = [...keys].filter((k) => !facts.has(k)).sort();
      if (extra.length > 0) outside[file] = extra;
    }
    expect(reads.size, 'the spy saw actor code read records').toBeGreaterThan(3);
    expect(outside).toEqual(OPEN);
  });
});
