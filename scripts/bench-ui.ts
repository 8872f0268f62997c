/**
 * Browser measure for `npm run bench`: loads a 200-push, then a 2,000-push scenario in the built renderer
 * (Debian's Chromium; the app as shipped, its simulation in a Web Worker), drags a push 100 times and
 * prints input-to-paint (median, p95, max) and long tasks (> 50 ms), each as a ratio to a bare page's
 * p95 measured by the same probe right after it (issue #25's rows), then drags it again under a CPU
 * profile and a trace to print where a frame's time goes. Needs `npm run build:renderer` first. Prints
 * figures; never fails on timing. Over 400 lines on purpose: the probe, the app's drag and the bare
 * page run in one browser, one after another, so that their ratios share the same conditions.
 *
 * Input-to-paint: a pointermove marks the earliest input not yet on screen; a MutationObserver on the
 * timeline (it fires right after React commits) then waits for the next animation frame and posts a
 * message from it, which runs once that frame has been painted: the sample is that moment minus the
 * input's timeStamp. Moves after which the timeline did not change within two frames are counted
 * apart, not sampled.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { spawn } from 'node:child_process';
import { manyPushes } from '../e2e/scenarios';
import type { ScenarioFile } from '../machines';
import { encodeScenario } from '../renderer/state/bridges/share';
import { sourceLookup, type SourceMapInput } from './sourcemap';
import { quantiles, row, times } from './bench-rows';
import { profileLine } from './bench-profile';

/** `BENCH_PORT` when another bench or server holds the default one. */
const PORT = Number(process.env.BENCH_PORT ?? 4179);
/** `BENCH_ONLY_TABLE=1`: only the rows of issue #25's table, each with its profiled drag (no floor at several loads). */
const ONLY_TABLE = process.env.BENCH_ONLY_TABLE === '1';
const MOVES = 100;
/**
 * The moves of the profiled drag: fewer in table mode, where it is the rows' profile (a profiled frame
 * at 2,000 pushes is ~0.1 s under load, and all 100 moves doubled the table's UI part).
 */
const PROFILED_MOVES = ONLY_TABLE ? 40 : MOVES;
/** The moves that start a drag, printed apart (see where the figures are printed). */
const START_MOVES = 5;

async function waitFor(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      if (Date.now() > end) throw new Error(`no server at ${url}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function portIsFree(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`);
    return false;
  } catch {
    return true;
  }
}

interface Bench {
  samples: number[];
  longTasks: number[];
  moves: number;
  unchanged: number;
}

/** Installs the input-to-paint probe in the page (see the header comment). */
async function instrument(page: Page): Promise<void> {
  // tsx compiles named functions to __name(fn, "name") calls, which the page does not define.
  await page.evaluate('window.__name = (fn) => fn');
  await page.evaluate(() => {
    const w = window as unknown as { __bench: Bench };
    w.__bench = { samples: [], longTasks: [], moves: 0, unchanged: 0 };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__bench.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    const afterPaint = (then: () => void) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = then;
        channel.port2.postMessage(undefined);
      });
    // Inputs not yet on screen, oldest first; a commit takes them all into the next painted frame.
    let pending: { t: number; committed: boolean }[] = [];
    new MutationObserver(() => {
      if (pending.length === 0) return;
      const taken = pending;
      pending = [];
      for (const input of taken) input.committed = true;
      const t0 = taken[0]!.t;
      afterPaint(() => w.__bench.samples.push(performance.now() - t0));
    }).observe(document.querySelector('.timeline')!, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    window.addEventListener(
      'pointermove',
      (e) => {
        const input = { t: e.timeStamp, committed: false };
        pending.push(input);
        w.__bench.moves++;
        // Two frames on, nothing committed for it: this move changed nothing on screen.
        requestAnimationFrame(() =>
          afterPaint(() => {
            if (input.committed) return;
            pending = pending.filter((p) => p !== input);
            w.__bench.unchanged++;
          }),
        );
      },
      { capture: true },
    );
  });
}

async function readBench(page: Page, reset: boolean): Promise<Bench> {
  return page.evaluate((reset) => {
    const w = window as unknown as { __bench: Bench };
    const out = { ...w.__bench, samples: [...w.__bench.samples], longTasks: [...w.__bench.longTasks] };
    if (reset) w.__bench = { samples: [], longTasks: [], moves: 0, unchanged: 0 };
    return out;
  }, reset);
}

/**
 * Drags push `id` back and forth, 20 ms between moves: p100 of 200 pushes; of 2,000 (whose rows are
 * windowed, so p100's is not drawn until scrolled to) p20, in a row near the top.
 */
async function drag(page: Page, id: string, moves = MOVES): Promise<void> {
  const handle = page.getByRole('button', { name: new RegExp(`^push ${id},`) }).locator('circle');
  // After a drop the push may sit in another row, below the window: the mouse only reaches what is shown.
  await handle.scrollIntoViewIfNeeded();
  const box = (await handle.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  for (let i = 1; i <= moves; i++) {
    await page.mouse.move(box.x + box.width / 2 + (i % 50) * 4 - (i > 50 ? 100 : 0), y);
    await page.waitForTimeout(20);
  }
  await page.mouse.up();
  await page.waitForTimeout(300);
}

// --- where the time goes: a V8 CPU profile (JS, by source file through the source map) and a trace
// (style, layout, paint on the renderer's main thread).

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

const PROGRAM = 'browser, other (input, hit testing, scheduling…)';
/** The page's side of the worker: run requests encoded, answers decoded (the run itself is off this thread). */
const SIMULATION = 'JS: simulation bridge (requests to the worker, answers decoded)';

/** The page's source maps by script URL, fetched once for both profiled drags. */
const sourceMaps = new Map<string, ((line: number, column: number) => string) | undefined>();

/** Main-thread ms by kind of work, over one profiled drag. */
async function profileDrag(page: Page, id: string, topSelf: [string, number][]): Promise<Map<string, number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['devtools.timeline'] });
  await cdp.send('Profiler.start');
  await drag(page, id, PROFILED_MOVES);
  const { profile } = await cdp.send('Profiler.stop');
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  await cdp.detach();

  const out = new Map<string, number>();
  const add = (kind: string, ms: number) => out.set(kind, (out.get(kind) ?? 0) + ms);

  // JS: each sample goes to the simulation when useSimulation is on its stack, else by its leaf.
  const maps = sourceMaps;
  for (const node of profile.nodes as ProfileNode[]) {
    const url = node.callFrame.url;
    if (url.startsWith('http') && !maps.has(url)) {
      // A chunk without a map (Rolldown's runtime) gets the page back from the preview server, not JSON.
      const res = await fetch(`${url}.map`).catch(() => undefined);
      const json = res?.ok && res.headers.get('content-type')?.includes('json');
      maps.set(url, json ? sourceLookup((await res.json()) as SourceMapInput) : undefined);
    }
  }
  const parent = new Map<number, ProfileNode>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes as ProfileNode[]) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node);
  }
  const sourceOf = (node: ProfileNode) => {
    const { url, lineNumber, columnNumber } = node.callFrame;
    return maps.get(url)?.(lineNumber, columnNumber) ?? url;
  };
  const kindOf = new Map<number, string>();
  const classify = (leaf: ProfileNode): string => {
    const cached = kindOf.get(leaf.id);
    if (cached) return cached;
    let kind: string;
    const name = leaf.callFrame.functionName;
    if (name === '(garbage collector)') kind = 'GC';
    else if (name === '(idle)') kind = 'idle';
    else if (name === '(program)') kind = PROGRAM;
    else {
      kind = 'JS: React and the renderer';
      let sawMachines = false;
      for (let n: ProfileNode | undefined = leaf; n; n = parent.get(n.id)) {
        const source = sourceOf(n);
        if (source.includes('renderer/state/bridges/simulation')) {
          kind = SIMULATION;
          break;
        }
        if (source.includes('renderer/state/document/')) {
          kind = 'JS: the editor (document edits and their checks)';
          break;
        }
        if (source.includes('machines/')) sawMachines = true;
      }
      if (kind === 'JS: React and the renderer' && sawMachines)
        kind = 'JS: other engine calls (stateAt, time formatting…)';
    }
    kindOf.set(leaf.id, kind);
    return kind;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const bySource = new Map<string, number>();
  for (let i = 0; i < samples.length; i++) {
    // A sample's time is the gap to the next one.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(samples[i]!)!;
    add(classify(leaf), ms);
    if (leaf.callFrame.url) {
      const where = `${leaf.callFrame.functionName || '(anonymous)'} ${sourceOf(leaf).replace(/^.*?(?=renderer\/|machines\/|node_modules\/)/, '')}`;
      bySource.set(where, (bySource.get(where) ?? 0) + ms);
    }
  }
  // The script's top entries by self time, for what to attack next.
  for (const [where, ms] of [...bySource].sort((a, b) => b[1] - a[1]).slice(0, 8)) topSelf.push([where, ms]);

  // Style, layout and paint: top-level events on the busiest renderer main thread.
  const mains = trace.traceEvents.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  const count = (e: { pid: number; tid: number }) =>
    trace.traceEvents.filter((x) => x.pid === e.pid && x.tid === e.tid).length;
  const main = mains.sort((a, b) => count(b) - count(a))[0];
  const PHASES: Record<string, string> = {
    UpdateLayoutTree: 'style',
    Layout: 'layout',
    PrePaint: 'paint (pre-paint, paint, layerize, commit)',
    Paint: 'paint (pre-paint, paint, layerize, commit)',
    Layerize: 'paint (pre-paint, paint, layerize, commit)',
    UpdateLayer: 'paint (pre-paint, paint, layerize, commit)',
    Commit: 'paint (pre-paint, paint, layerize, commit)',
  };
  const events = trace.traceEvents
    .filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && PHASES[e.name])
    .sort((a, b) => a.ts - b.ts);
  let until = -Infinity;
  for (const e of events) {
    // Only outermost events: a forced layout inside another phase is counted once.
    if (e.ts < until) continue;
    until = e.ts + (e.dur ?? 0);
    add(PHASES[e.name]!, (e.dur ?? 0) / 1000);
  }
  // Style, layout and paint run outside JS: the profile has them under (program) too.
  const phases = [...new Set(Object.values(PHASES))].reduce((sum, kind) => sum + (out.get(kind) ?? 0), 0);
  out.set(PROGRAM, Math.max(0, (out.get(PROGRAM) ?? 0) - phases));
  return out;
}

/**
 * What the target leaves room for: the same probe on a bare page whose listener busies the main thread
 * for `work` ms and then changes one word, moved as `drag` moves (100 moves, 20 ms apart). Input is
 * handled at the next frame, so even a page that does nothing waits up to a frame. Here (2026-12-03)
 * the p95 stayed near 9 ms up to 2–4 ms of work, jumped past one frame (~22 ms) from 5 ms on, and
 * grew by about a ms per ms of work after that: several steps show where the cliff is.
 */
async function floorP95(page: Page, work: number): Promise<number> {
  await page.setContent('<main class="timeline" style="font: 40px sans-serif">0</main>');
  await instrument(page);
  await page.evaluate((work) => {
    const out = document.querySelector('.timeline')!;
    window.addEventListener('pointermove', (e) => {
      const end = performance.now() + work;
      while (performance.now() < end);
      out.textContent = String(e.clientX);
    });
  }, work);
  await page.mouse.move(100, 100);
  await page.mouse.down();
  for (let i = 1; i <= MOVES; i++) {
    await page.mouse.move(100 + (i % 50) * 4, 100);
    await page.waitForTimeout(20);
  }
  await page.mouse.up();
  await page.waitForTimeout(300);
  const { samples } = await readBench(page, true);
  return quantiles(samples).p95;
}

/**
 * `count` pushes as the 200-push bench scenario has them (`manyPushes`: 2.9 s apart, a network change every
 * 20 pushes), over as long as they take.
 */
function pushes(count: number): ScenarioFile {
  if (count === 200) return manyPushes('Bench: 200 pushes in 10 minutes');
  const minutes = Math.ceil(((count + 2) * 2_900) / 60_000);
  return manyPushes(`Bench: ${count} pushes in ${minutes} minutes`, count, `${minutes}m`);
}

const quantile = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? NaN;

/** The change that takes a kind of main-thread work off a drag frame, as issue #25 and README.md's Speed name them. */
const CHANGE: Readonly<Record<string, string>> = {
  style: 'fewer SVG elements restyled a frame (a canvas or one path per lane, with the accessible mirror)',
  layout: 'fewer SVG elements laid out a frame (a canvas or one path per lane, with the accessible mirror)',
  'paint (pre-paint, paint, layerize, commit)':
    'less to paint a frame (a canvas, or the dragged bar on a layer of its own)',
  [PROGRAM]:
    "the browser's own input handling, hit testing and scheduling: fewer elements (a canvas) is what lowers it",
  'JS: React and the renderer': 'fewer components rendered a move (only the dragged row and what it changes)',
  [SIMULATION]: "smaller answers from the worker (only a frame's changed pushes)",
  GC: 'fewer objects made a frame',
};

/**
 * What would close a UI row: input waits for the next frame, so the bare page's p95 is that wait alone
 * and the target is a multiple of it; the rest of the p95 is the frame's main-thread work, named by kind.
 */
function closesUi(
  p95: number,
  bare: number,
  target: number,
  longTasks: number,
  work: ReadonlyMap<string, number>,
  frames: number,
): string {
  const allowed = target * bare;
  const largest = [...work].sort((a, b) => b[1] - a[1]).slice(0, 3);
  return (
    `The bare page's p95 (${bare.toFixed(1)} ms) is what waiting for a frame costs; the target leaves ${allowed.toFixed(1)} ms, ` +
    `so the p95 is ${Math.max(0, p95 - allowed).toFixed(1)} ms over it${longTasks ? ` with ${longTasks} long tasks` : ''}: ` +
    `frames whose work outlasts a frame queue up behind each other. A profiled frame's main-thread work is ` +
    `${([...work.values()].reduce((sum, ms) => sum + ms, 0) / frames).toFixed(1)} ms; its largest kinds: ` +
    largest.map(([kind, ms]) => `${kind} ${(ms / frames).toFixed(1)} ms → ${CHANGE[kind] ?? 'less of it'}`).join('; ') +
    '.'
  );
}

/** Issue #25's UI rows: the target ratio to the bare page's p95, and 0 long tasks. */
const UI_TARGETS: Readonly<Record<number, number>> = { 200: 1.5, 2_000: 2 };

async function benchApp(browser: Browser, count: number): Promise<void> {
  // A page of its own: a link that differs only in its fragment would not load again.
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`http://127.0.0.1:${PORT}/#s=${encodeScenario(pushes(count))}`);
  await page.getByLabel('Scenario title').waitFor({ timeout: 120_000 });
  await page.locator('.app[aria-busy=false]').waitFor({ timeout: 120_000 });
  // The app as shipped simulates in a dedicated worker: the figures are the main thread's with it in place.
  const workers = page.workers().map((w) => w.url());
  const simulating = workers.some((url) => /simulation.*worker/i.test(url));
  console.log(`UI, ${count} pushes: workers ${workers.length ? workers.join(', ') : 'none'}`);
  const dragged = count === 200 ? 'p100' : 'p20';
  await instrument(page);
  await drag(page, dragged);
  const { samples, longTasks, moves, unchanged } = await readBench(page, true);
  // The drag's first frame also starts the drag (panels, drag layout): it once made a long task alone.
  const first = samples[0] ?? NaN;
  // The first moves of a drag are the slowest (code and layers the drag uses for the first time): they
  // alone can make the p95, so the moves after them are printed apart too (the target is over all).
  const settled = samples.slice(START_MOVES).sort((a, b) => a - b);
  samples.sort((a, b) => a - b);
  const p95 = quantile(samples, 0.95);
  console.log(
    `UI, ${count} pushes, ${moves} drag moves → ${samples.length} painted frames with a change (${unchanged} moves changed nothing on screen): input → painted frame median ${quantile(samples, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${(samples.at(-1) ?? NaN).toFixed(1)} ms; long tasks > 50 ms: ${longTasks.length}${longTasks.length ? ` (longest ${Math.max(...longTasks).toFixed(0)} ms)` : ''}; the drag's first frame ${first.toFixed(1)} ms`,
  );
  console.log(
    `   after the drag's first ${START_MOVES} moves: median ${quantile(settled, 0.5).toFixed(1)} ms, p95 ${quantile(settled, 0.95).toFixed(1)} ms`,
  );

  // Profiled in table mode too (issue #25: a missed row names where its time goes, measured in this run).
  const top: [string, number][] = [];
  const work = await profileDrag(page, dragged, top);
  const profiled = await readBench(page, false);
  const frames = Math.max(1, profiled.samples.length);
  const busyWork = new Map([...work].filter(([kind]) => kind !== 'idle'));
  const busy = [...busyWork.values()].reduce((sum, ms) => sum + ms, 0);
  console.log(
    `   where a frame's main-thread time goes (a second drag under a CPU profile and a trace, ${profiled.samples.length} frames; profiling slows it down): ${(busy / frames).toFixed(1)} ms a frame`,
  );
  for (const [kind, ms] of [...busyWork].sort((a, b) => b[1] - a[1]))
    console.log(`     ${(ms / frames).toFixed(1).padStart(6)} ms  ${kind}`);
  if (!ONLY_TABLE) {
    console.log(`   the script's top entries by self time, a frame:`);
    for (const [where, ms] of top) console.log(`     ${(ms / frames).toFixed(1).padStart(6)} ms  ${where}`);
  }

  // The bare page right after the app, so both see the same load.
  const bare = await floorP95(page, 0);
  const target = UI_TARGETS[count]!;
  const ratio = p95 / bare;
  row({
    measure: `UI drag, ${count} pushes, input → paint p95`,
    figure: `${p95.toFixed(1)} ms = ${times(ratio)} the bare page's ${bare.toFixed(1)} ms; ${longTasks.length} long tasks${simulating ? '' : '; NO simulation worker in the page'}`,
    target: `≤ ${target.toFixed(2)}× the bare page, 0 long tasks, the simulation in a worker`,
    ok: ratio <= target && longTasks.length === 0 && simulating,
    profile:
      `${profileLine(busyWork, frames, `of main-thread work a frame (a profiled drag, ${profiled.samples.length} frames)`)}; ` +
      `the script's top entries by self time: ${top
        .slice(0, 3)
        .map(([where, ms]) => `${where} ${(ms / frames).toFixed(1)} ms`)
        .join(', ')}`,
    closes: closesUi(p95, bare, target, longTasks.length, busyWork, frames),
  });
  await page.close();
}

if (!(await portIsFree(PORT))) throw new Error(`port ${PORT} is in use: stop what is serving there and run again`);
// vite's own entry point under this node, so that stopping the child stops the server.
const server = spawn(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
  { stdio: 'ignore' },
);
const stop = () => server.kill('SIGTERM');
try {
  await waitFor(`http://127.0.0.1:${PORT}/`, 30_000);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  for (const count of [200, 2_000]) await benchApp(browser, count);
  if (!ONLY_TABLE) {
    const page = await browser.newPage();
    const floors: string[] = [];
    for (const work of [0, 2, 4, 6, 8, 12])
      floors.push(`${(await floorP95(page, work)).toFixed(1)} ms with ${work} ms`);
    console.log(
      `   the same probe on a bare page that changes one word per move, p95: ${floors.join(', ')} of script per move (where a frame's script time starts to show)`,
    );
  }
  await browser.close();
} finally {
  stop();
}
