import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario, simulate, Simulator, type ScenarioFile, type TimelineEventFile } from '../../../machines';
import { decodeList, encodeList, sameData, type Held } from './listDelta';
import { HeldAnswer, receiveRun, runRequest, simulationServer, type SimAnswer } from './simulationRun';

type Item = { readonly v: number };

/** A list, then an edit of it: some items replaced (by an equal copy or a new value), some added or cut. */
const edits = fc.record({
  values: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 }),
  changes: fc.array(fc.tuple(fc.nat(60), fc.constantFrom('copy', 'new', 'append', 'cut')), { maxLength: 12 }),
});

describe('listDelta: a list sent as what changed', () => {
  it('rebuilds exactly the list sent; as patches, unchanged items keep the identity the receiver gave them', () => {
    fc.assert(
      fc.property(edits, edits, ({ values }, { changes }) => {
        const first: Item[] = values.map((v) => ({ v }));
        let next = first.slice();
        for (const [at, what] of changes) {
          const i = next.length ? at % next.length : 0;
          if (what === 'copy' && next[i]) next[i] = { ...next[i] };
          if (what === 'new' && next[i]) next[i] = { v: next[i].v + 10 };
          if (what === 'append') next.push({ v: at });
          if (what === 'cut') next = next.slice(0, i);
        }
        const sender: Held<Item> = { list: undefined };
        const receiver: Held<Item> = { list: undefined };
        const kept = decodeList(receiver, structuredClone(encodeList(sender, first, sameData)));
        const sent = encodeList(sender, next, sameData);
        const got = decodeList(receiver, structuredClone(sent));
        expect(got).toEqual(next);
        // Sent as patches, every unchanged item is the receiver's own (sent whole, it is all new).
        if ('patches' in sent)
          for (let i = 0; i < got.length; i++)
            if (i < kept.length && sameData(kept[i], next[i])) expect(got[i]).toBe(kept[i]);
        expect(receiver.list).toBe(got);
      }),
    );
  });

  it('sends only the changed items when few changed, and the whole list when most did', () => {
    const held: Held<number> = { list: undefined };
    const list = Array.from({ length: 100 }, (_, i) => i);
    expect(encodeList(held, list)).toEqual({ whole: list });
    const one = list.map((v) => (v === 42 ? -1 : v));
    expect(encodeList(held, one)).toEqual({ length: 100, patches: [[42, -1]] });
    const most = one.map((v) => v + 1000);
    expect(encodeList(held, most)).toEqual({ whole: most });
  });

  it('compares as data, key order included (it decides the JSON a result prints)', () => {
    expect(sameData({ a: 1, b: [1, { c: 2 }] }, { a: 1, b: [1, { c: 2 }] })).toBe(true);
    expect(sameData({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameData({ a: [1] }, { a: { 0: 1 } })).toBe(false);
    expect(sameData({ a: undefined }, {})).toBe(false);
  });
});

/** 200 pushes over ten minutes, as the drag bench has them. */
function pushes(moved = 0): ScenarioFile {
  const timeline: TimelineEventFile[] = [];
  for (let i = 0; i < 200; i++)
    timeline.push({
      at: (i + 1) * 2_900 + (i === 150 ? moved : 0),
      do: 'push',
      id: `p${i}`,
      kind: i % 7 ? 'voip' : 'alert',
    });
  return { format: 'ringside.scenario/v1', title: 'Drag', duration: '10m', timeline };
}

/**
 * The bench's 200 pushes (`manyPushes` in e2e/scenarios.ts), p20 `moved` ms: calls that end, and a network
 * change every 20 pushes, so that moving one push changes few other stories.
 */
function file(moved: number): ScenarioFile {
  const timeline: TimelineEventFile[] = [];
  for (let i = 0; i < 200; i++) {
    const at = (i + 1) * 2_900;
    const kind = i % 7 === 0 ? 'alert' : 'voip';
    timeline.push({ at: at + (i === 20 ? moved : 0), do: 'push', id: `p${i}`, kind, expiration: i % 3 ? '1h' : 0 });
    if (i % 20 === 0) timeline.push({ at: at + 1_000, do: 'network', to: i % 40 === 0 ? 'offline' : 'wifi' });
  }
  return {
    format: 'ringside.scenario/v1',
    title: 'Drag',
    duration: '10m',
    app: { learnsCancellation: '3s' },
    timeline,
  };
}

describe('the worker protocol: a drag frame sends what changed', () => {
  /** A worker's server and a page's side of one session: each file sent as the page sends a run, answered. */
  const protocol = () => {
    const serve = simulationServer(new Simulator());
    const page = new HeldAnswer();
    const timeline: Held<TimelineEventFile> = { list: undefined };
    return (file: ScenarioFile, seq: number) => {
      // Through a structured clone, as postMessage does both ways.
      const answer = structuredClone<SimAnswer>(serve(structuredClone(runRequest(seq, file, timeline))));
      if (answer.kind !== 'ran' || !answer.ok) throw new Error('the run failed');
      return { answer, got: receiveRun(answer, page) };
    };
  };

  it('gives the page exactly what a fresh simulate() gives, while sending a small part of the trace', () => {
    const send = protocol();
    let before = send(pushes(), 1).got.output.result.pushes;
    for (const [seq, moved] of [
      [2, 700],
      [3, 1_400],
      [4, -300],
    ] as const) {
      const { answer, got } = send(pushes(moved), seq);
      const loaded = loadScenario(pushes(moved));
      if (!loaded.ok) throw new Error('invalid');
      const fresh = simulate(loaded.scenario);
      expect(JSON.stringify(got.output.result)).toBe(JSON.stringify(fresh.result));
      const trace = { ...fresh.trace, stateAt: undefined };
      expect(got.output.trace).toEqual(trace);
      expect(got.scenario).toEqual(loaded.scenario);
      const sentItems = (l: object) => ('patches' in l ? (l as { patches: unknown[] }).patches.length : Infinity);
      expect(sentItems(answer.trace.intervals) + sentItems(answer.trace.markers)).toBeLessThan(
        (trace.intervals.length + trace.markers.length) / 10,
      );
      // The pushes too: only those the move changed are sent, and the page keeps its objects for the rest.
      const now = got.output.result.pushes;
      const same = now.filter((p) => before.includes(p)).length;
      expect(sentItems(answer.result.pushes)).toBeLessThan(now.length / 5);
      expect(same).toBeGreaterThanOrEqual(now.length - sentItems(answer.result.pushes));
      before = now;
    }
  });

  it('sends only the pushes whose story changed when a push dragged before the first event starts the run over', () => {
    const send = protocol();
    let before = send(file(0), 1).got.output.result.pushes;
    // p20 goes before p0, then further: each run starts from the new first event, with new objects.
    for (const [seq, moved] of [
      [2, -100_000],
      [3, -200_000],
    ] as const) {
      const { answer, got } = send(file(moved), seq);
      const loaded = loadScenario(file(moved));
      if (!loaded.ok) throw new Error('invalid');
      expect(JSON.stringify(got.output.result)).toBe(JSON.stringify(simulate(loaded.scenario).result));
      const now = got.output.result.pushes;
      expect('patches' in answer.result.pushes).toBe(true);
      const sent = 'patches' in answer.result.pushes ? answer.result.pushes.patches.length : Infinity;
      expect(sent).toBeLessThan(now.length / 5);
      expect(now.filter((p) => before.includes(p)).length).toBeGreaterThanOrEqual(now.length - sent);
      before = now;
    }
  });
});
