import type { ScenarioFile, TimelineEventFile } from '../machines/scenario';

/**
 * 200 pushes in 10 minutes with a network change every 20 pushes: the UI bench's scenario
 * (scripts/bench-ui.ts, which also asks for other counts over as long as they take) and the
 * end-to-end tests of rendering only what is near the view.
 */
export function manyPushes(title: string, count = 200, duration = '10m'): ScenarioFile {
  const timeline: TimelineEventFile[] = [];
  for (let i = 0; i < count; i++) {
    const at = (i + 1) * 2_900;
    timeline.push({
      at,
      do: 'push',
      id: `p${i}`,
      kind: i % 7 === 0 ? 'alert' : 'voip',
      expiration: i % 3 === 0 ? 0 : '1h',
    });
    if (i % 20 === 0) timeline.push({ at: at + 1_000, do: 'network', to: i % 40 === 0 ? 'offline' : 'wifi' });
  }
  return { format: 'ringside.scenario/v1', title, duration, app: { learnsCancellation: '3s' }, timeline };
}

/**
 * `count` VoIP pushes a second apart to an app that never reports a call: five crashes, then a
 * throttled day, so every later push puts a marker on the callservicesd lane. A switch to cellular
 * half a second after the last push is an input near the end to drag.
 */
export function throttledDay(title: string, count: number): ScenarioFile {
  const timeline: TimelineEventFile[] = [];
  for (let i = 0; i < count; i++)
    timeline.push({ at: i * 1_000, do: 'push', id: `p${i}`, kind: 'voip', expiration: '1h' });
  timeline.push({ at: count * 1_000 - 500, do: 'network', to: 'cellular' });
  return { format: 'ringside.scenario/v1', title, duration: `${count + 10}s`, app: { report: 'never' }, timeline };
}

/**
 * Twelve VoIP calls 2.5 s apart to an app that blocks its main thread for 2 s on each and reports a
 * new call even while on one: their deadlines, handlers and ringing calls stack in rows on the
 * callservicesd, App process and CallKit lanes.
 */
export function stackedCalls(title: string): ScenarioFile {
  const timeline: TimelineEventFile[] = [];
  for (let i = 0; i < 12; i++)
    timeline.push({ at: 1_000 + i * 2_500, do: 'push', id: `p${i}`, kind: 'voip', expiration: '1h' });
  return {
    format: 'ringside.scenario/v1',
    title,
    duration: '60s',
    device: { app: 'background' },
    app: { blockMainThread: '2s', onCall: 'report-new', learnsCancellation: '4s' },
    timeline,
  };
}
