/**
 * #20's cost that must grow with the work, not faster: 1,000 VoIP pushes in 1 s to an app that never
 * reports (a burst) beside the same pushes spread over a day. Time, memory and the result's size of
 * each, and the burst's cost as a multiple of the spread's (target ≤ 3×): ratios within one run, so
 * that the machine's load cancels out.
 */
import { Session } from 'node:inspector/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { simulate } from '../machines/engine/simulate';
import { loadScenario, type TimelineEventFile } from '../machines/scenario';
import type { Scenario } from '../machines/scenario/types';

const PUSHES = 1_000;
const DAY = 24 * 3_600_000;

/** `PUSHES` VoIP pushes evenly over `over` ms to an app that never reports a call. */
export function silentApp(over: number, title: string): Scenario {
  const timeline: TimelineEventFile[] = [];
  for (let i = 0; i < PUSHES; i++)
    timeline.push({ at: Math.floor((i * over) / PUSHES), do: 'push', id: `p${i}`, kind: 'voip' });
  const loaded = loadScenario({
    format: 'ringside.scenario/v1',
    title,
    duration: DAY,
    app: { report: 'never' },
    timeline,
  });
  if (!loaded.ok) throw new Error(`bench scenario: ${loaded.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return loaded.scenario;
}

interface Cost {
  /** Median wall time of a run, ms. */
  readonly ms: number;
  /** Bytes allocated during one run (V8's sampling heap profiler, collected objects included). */
  readonly allocated: number;
  /** Bytes still held by the output after a full GC. */
  readonly retained: number;
  /** The result as JSON, bytes (what `ringside run` writes). */
  readonly json: number;
}

// A full GC before each memory reading, without a command-line flag.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function cost(s: Scenario, runs: number): Promise<Cost> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    simulate(s);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  gc();
  const before = process.memoryUsage().heapUsed;
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 65_536,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const output = simulate(s);
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  let allocated = 0;
  // (`samples` is missing from @types/node's SamplingHeapProfile; V8 sends it.)
  const samples = (profile as unknown as { samples: readonly { readonly size: number }[] }).samples;
  for (const sample of samples) allocated += sample.size;
  return { ms: times[times.length >> 1]!, allocated, retained, json: JSON.stringify(output.result).length };
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/** The rows `npm run bench` prints for the burst and the spread case. */
export async function burstVsSpread(runs = 3): Promise<string[]> {
  const spread = silentApp(DAY, 'Bench: 1,000 VoIP pushes over a day, no report');
  const burst = silentApp(1_000, 'Bench: 1,000 VoIP pushes in 1 s, no report');
  simulate(spread); // warm-up
  const s = await cost(spread, runs);
  const b = await cost(burst, runs);
  const row = (name: string, c: Cost) =>
    `${name} ${c.ms.toFixed(0)} ms, ${mb(c.allocated)} allocated, ${mb(c.retained)} held by the output, ${mb(c.json)} of result JSON`;
  const ratio = (x: number, y: number) => `${(x / y).toFixed(1)}×`;
  const worst = Math.max(b.ms / s.ms, b.allocated / s.allocated, b.retained / s.retained);
  return [
    row('1,000 VoIP pushes in 1 s to an app that never reports (burst):', b),
    row('the same spread over a day (spread):                           ', s),
    `  burst ÷ spread: time ${ratio(b.ms, s.ms)}, allocated ${ratio(b.allocated, s.allocated)}, held ${ratio(b.retained, s.retained)}, JSON ${ratio(b.json, s.json)}  (target ≤ 3×: ${worst <= 3 ? 'meets target' : 'MISSES target'})`,
  ];
}
