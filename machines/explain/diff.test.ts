import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffOutputs } from './diff';
import { simulate } from '../engine/simulate';
import { parseScenarioText } from '../scenario';
import { given, network, push } from '../test/harness';
import { COMMON_CHANGES } from './whatif';

function preset(name: string) {
  const r = parseScenarioText(readFileSync(resolve(__dirname, '../../scenarios', `${name}.ringside.json`), 'utf8'));
  if (!r.ok) throw new Error(name);
  return r.scenario;
}

describe('diffOutputs', () => {
  it('two runs of one scenario differ in nothing', () => {
    const s = preset('report-after-fetch');
    expect(diffOutputs(simulate(s), simulate(s))).toEqual({ lanes: [], moments: [], pushes: [] });
  });

  it('reporting synchronously: the app, callservicesd and CallKit part ways at the crash, not APNs or the network', () => {
    const s = preset('report-after-fetch');
    const sync = COMMON_CHANGES.find((c) => c.id === 'report-sync')!.apply(s)!;
    const diff = diffOutputs(simulate(s), simulate(sync));
    expect(diff.pushes).toEqual(['call-1']);
    expect(diff.lanes).toEqual(['callservicesd', 'app', 'callkit']);
    // PK-1 crashes the app at 2.1 s as written; the variant rings then. Nothing before differs.
    expect(diff.moments).toEqual([2100]);
  });

  it('a bar that starts alike and ends differently differs at its end, on its own lane', () => {
    const run = (back: '10s' | '20s') =>
      simulate(
        given({ duration: '60s' })
          .at('0s', network('offline'))
          .at(back, network('wifi'))
          .at('30s', push('call-1'))
          .scenario(),
      );
    const diff = diffOutputs(run('10s'), run('20s'));
    expect(diff.lanes).toContain('network');
    expect(diff.moments[0]).toBe(10_000);
    expect(diff.moments).not.toContain(0);
    expect(diff.pushes).toEqual([]);
  });
});
