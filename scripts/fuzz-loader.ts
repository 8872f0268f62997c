/**
 * Fuzzes the loader and the engine (not in CI): mutants of the bundled presets through
 * parseScenarioText and simulate(), each in a worker that is killed after a time limit. Prints how
 * many loaded, were refused (by kind), threw, were slow or hung. Deterministic for a seed.
 *
 *   npx tsx scripts/fuzz-loader.ts [count=100000] [seed=1]
 *   npx tsx scripts/fuzz-loader.ts case INDEX [seed=1]   (one case: its verdict, its time and its text)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseScenarioText, simulate } from '../machines';

/** A case slower than this (load + simulate) is counted as slow. */
const SLOW_MS = 1_000;
/** A case still running after this is killed and counted as hung. */
const HANG_MS = 15_000;

const SCENARIOS = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'scenarios');

/** mulberry32: small, seeded, good enough to pick mutations. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values people (and attackers) put where they should not. */
const HOSTILE: readonly (() => unknown)[] = [
  () => null,
  () => true,
  () => 0,
  () => -1,
  () => 12.5,
  () => 1e308,
  () => -30_000,
  () => 2_592_000_001,
  () => '',
  () => ' ',
  () => '0.5ms',
  () => '10.3s',
  () => '520.2s',
  () => '31d',
  () => '3650d',
  () => '-24h',
  () => '1h30m',
  () => '5x',
  () => 'constructor',
  () => '__proto__',
  () => 'toString',
  () => 'x'.repeat(5_000),
  () => '9'.repeat(400),
  () => [],
  () => ({}),
  () => [[[[[[1]]]]]],
  () => ({ __proto__: { polluted: true } }),
  () => 'voip',
  () => 'never',
  () => 'sync',
  () => 'offline',
  () => 'push',
  () => 'call-1',
];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every container in a document and a key in it, so that a mutation can reach anything. */
function places(doc: Json): [Json[] | Record<string, Json>, string | number][] {
  const out: [Json[] | Record<string, Json>, string | number][] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v))
      v.forEach((x, i) => {
        out.push([v, i]);
        walk(x);
      });
    else if (v && typeof v === 'object')
      for (const k of Object.keys(v)) {
        out.push([v, k]);
        walk(v[k]!);
      }
  };
  walk(doc);
  return out;
}

/** One mutant: 1–3 changes to a preset's JSON, or a change to its text. */
function mutant(bases: readonly string[], index: number, seed: number): string {
  const r = rng(seed * 1_000_003 + index);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const base = pick(bases);
  if (r() < 0.1) {
    const at = Math.floor(r() * base.length);
    const cut = pick(['truncate', 'insert', 'delete', 'bracket'] as const);
    if (cut === 'truncate') return base.slice(0, at);
    if (cut === 'insert')
      return base.slice(0, at) + pick(['{', '}', '"', ',', ':', '\\', '[', '1e999', '\u0000']) + base.slice(at);
    if (cut === 'delete') return base.slice(0, at) + base.slice(at + 1 + Math.floor(r() * 20));
    return base.slice(0, at) + '['.repeat(Math.floor(r() * 60)) + base.slice(at);
  }
  const doc = JSON.parse(base) as Json;
  const changes = r() < 0.7 ? 1 : 2 + Math.floor(r() * 2);
  for (let c = 0; c < changes; c++) {
    const all = places(doc);
    if (all.length === 0) break;
    const [holder, key] = pick(all);
    const op = r();
    if (op >= 0.6 && op < 0.7 && Array.isArray(holder)) continue; // a named key on an array: no JSON
    if (op < 0.45) (holder as Record<string, unknown>)[key] = pick(HOSTILE)();
    else if (op < 0.6) {
      if (Array.isArray(holder)) holder.splice(Number(key), 1);
      else delete holder[key];
    } else if (op < 0.7)
      (holder as Record<string, unknown>)[pick(['', 'constructor', 'x', 'at', 'do', 'id'])] = pick(HOSTILE)();
    else if (op < 0.8 && Array.isArray(holder)) {
      const copies = 1 + Math.floor(r() * (r() < 0.05 ? 30_000 : 20));
      for (let i = 0; i < copies; i++) holder.push(JSON.parse(JSON.stringify(holder[Number(key)] ?? null)) as Json);
    } else if (op < 0.9) {
      const v = (holder as Record<string, Json>)[key];
      if (typeof v === 'string' && /\d/.test(v))
        (holder as Record<string, Json>)[key] = v.replace(/\d+/, String(Math.floor(r() * 100_000)));
      else if (typeof v === 'number') (holder as Record<string, Json>)[key] = Math.floor(v * (r() * 4 - 1));
    } else (holder as Record<string, unknown>)[key] = pick(['push', 'cancel', 'lock', 'nat-drop', 'answer', 'x']);
  }
  return JSON.stringify(doc);
}

/** What a refusal was about, from its first message. */
function refusal(message: string): string {
  const kinds: [RegExp, string][] = [
    [/not valid JSON|file is empty|must be a JSON object/, 'json'],
    [/nest more than/, 'depth'],
    [/limited to 10 MB/, 'size'],
    [/events; a scenario may|pushes; a scenario may/, 'count'],
    [/too large to be one/, 'infinite'],
    [/finer than a millisecond/, 'sub-millisecond'],
    [/longer than 30 days/, 'over-30-days'],
    [/scenario format|format.*missing|must be a string: "format"/, 'format'],
    [/unknown key/, 'unknown-key'],
    [/unknown event|is not an event|is required: what happens/, 'unknown-event'],
    [/is not a duration|is negative|or a duration/, 'duration'],
    [/already used|is not a (VoIP )?push in this timeline|after the end/, 'reference'],
    [/is required/, 'missing'],
    [/is not allowed here|must be/, 'value'],
  ];
  return kinds.find(([re]) => re.test(message))?.[1] ?? 'other';
}

interface Verdict {
  readonly kind: string;
  readonly ms: number;
}

function runCase(bases: readonly string[], index: number, seed: number): Verdict {
  const text = mutant(bases, index, seed);
  // The fuzz measures wall time per case on purpose: it reports slow cases; the core never reads it.
  const started = performance.now();
  let loaded;
  try {
    loaded = parseScenarioText(text);
  } catch {
    return { kind: 'threw:loader', ms: performance.now() - started };
  }
  if (!loaded.ok)
    return { kind: `refused:${refusal(loaded.errors[0]?.message ?? '')}`, ms: performance.now() - started };
  try {
    simulate(loaded.scenario);
  } catch {
    return { kind: 'threw:simulate', ms: performance.now() - started };
  }
  return { kind: 'loaded', ms: performance.now() - started };
}

if (!isMainThread) {
  const { bases, seed } = workerData as { bases: string[]; seed: number };
  parentPort!.on('message', (index: number) => parentPort!.postMessage(runCase(bases, index, seed)));
  parentPort!.postMessage('ready');
} else if (process.argv[2] === 'case') {
  const index = Number(process.argv[3]);
  const seed = Number(process.argv[4] ?? 1);
  const bases = readdirSync(SCENARIOS)
    .filter((f) => f.endsWith('.ringside.json'))
    .map((f) => readFileSync(join(SCENARIOS, f), 'utf8'));
  const verdict = runCase(bases, index, seed);
  console.log(`case ${index}, seed ${seed}: ${verdict.kind} in ${Math.round(verdict.ms)} ms`);
  console.log(mutant(bases, index, seed));
} else {
  const total = Number(process.argv[2] ?? 100_000);
  const seed = Number(process.argv[3] ?? 1);
  const bases = readdirSync(SCENARIOS)
    .filter((f) => f.endsWith('.ringside.json'))
    .map((f) => readFileSync(join(SCENARIOS, f), 'utf8'));
  const counts = new Map<string, number>();
  const count = (kind: string) => counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const slow: number[] = [];
  const hung: number[] = [];
  let next = 0;
  let done = 0;
  const started = Date.now();

  const lane = (): Promise<void> =>
    new Promise((finish) => {
      let current = -1;
      let timer: NodeJS.Timeout | undefined;
      const give = () => {
        if (next >= total) {
          void worker.terminate().then(() => finish());
          return;
        }
        current = next++;
        timer = setTimeout(() => {
          hung.push(current);
          count('hung');
          done++;
          void worker.terminate();
          worker = spawn();
        }, HANG_MS);
        worker.postMessage(current);
      };
      const spawn = () => {
        // Workers run this file again; tsx must load it there too.
        const self = JSON.stringify(import.meta.url);
        const w = new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${self}, ${self}));`, {
          eval: true,
          workerData: { bases, seed },
        });
        w.on('error', () => {
          // The case broke the worker itself (a stack overflow, out of memory): counted, and on.
          clearTimeout(timer);
          count('threw:worker');
          done++;
          worker = spawn();
        });
        w.on('message', (v: Verdict | 'ready') => {
          // The hang timer starts once the worker has loaded (compiling the engine takes seconds).
          if (v === 'ready') return give();
          clearTimeout(timer);
          count(v.kind);
          if (v.ms > SLOW_MS) slow.push(current);
          done++;
          if (done % 10_000 === 0)
            process.stderr.write(`${done} / ${total} (${Math.round((Date.now() - started) / 1000)} s)\n`);
          give();
        });
        return w;
      };
      let worker = spawn();
    });

  const lanes = Math.max(1, Number(process.env.FUZZ_WORKERS ?? 2));
  await Promise.all(Array.from({ length: lanes }, lane));
  const rows = [...counts].sort((a, b) => b[1] - a[1]);
  const sum = (prefix: string) => rows.filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);
  console.log(
    `${total} mutants of ${bases.length} presets, seed ${seed}, ${Math.round((Date.now() - started) / 1000)} s`,
  );
  console.log(
    `loaded ${counts.get('loaded') ?? 0}, refused ${sum('refused:')}, threw ${sum('threw:')}, hung ${hung.length}, slow (> ${SLOW_MS} ms) ${slow.length}`,
  );
  for (const [kind, n] of rows) console.log(`  ${kind.padEnd(28)} ${n}`);
  if (slow.length) console.log(`slow cases (index): ${slow.slice(0, 20).join(', ')}`);
  if (hung.length) console.log(`hung cases (index): ${hung.slice(0, 20).join(', ')}`);
}
