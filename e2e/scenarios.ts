import type { ScenarioFile, TimelineEventFile } from '../machines/scenario';

/**
 * 200 pushes in 10 minutes with a network change every 20 pushes: the UI bench's scenario
 * (scripts/bench-ui.ts) and the end-to-end tests of rendering only what is near the view.
 */
export function manyPushes(title: string): ScenarioFile {
  const timeline: TimelineEventFile[] = [];
  for (let i = 0; i < 200; i++) {
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
  return { format: 'ringside.scenario/v1', title, duration: '10m', app: { learnsCancellation: '3s' }, timeline };
}
