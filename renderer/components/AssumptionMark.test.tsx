// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { modelChoice, parseScenarioText, simulate } from '../../machines';
import { WhyPanel } from './WhyPanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  document.body.innerHTML = '';
});

/** A call nobody answers: its ring timeout is Ringside's own choice (ring-timeout). */
function rungOut() {
  const loaded = parseScenarioText(
    JSON.stringify({
      format: 'ringside.scenario/v1',
      title: 'Rings out',
      duration: '2m',
      timeline: [{ at: '0s', do: 'push', id: 'c', kind: 'voip' }],
    }),
  );
  if (!loaded.ok) throw new Error('scenario did not load');
  const { result } = simulate(loaded.scenario);
  return { scenario: loaded.scenario, result, push: result.pushes[0]! };
}

describe("the Why panel's assumption marker", () => {
  it("labels in words the step a model choice decided, and shows the choice's statement on focus", () => {
    const { scenario, result, push } = rungOut();
    const host = document.body.appendChild(document.createElement('div'));
    act(() => createRoot(host).render(<WhyPanel push={push} result={result} scenario={scenario} />));
    const marks = [...host.querySelectorAll('.assumption-mark')];
    // Shown in the full list of steps; only the timeout step carries it.
    expect(marks.map((m) => m.textContent)).toContain("Ringside's assumption");
    const step = marks[0]!.closest('li')!;
    expect(step.textContent).toContain('Nobody answered for 60 s');
    const plain = [...host.querySelectorAll('li')].filter((li) => li.textContent?.includes('CallKit showed'));
    expect(plain.length).toBeGreaterThan(0);
    for (const li of plain) expect(li.querySelector('.assumption-mark')).toBeNull();
    const term = marks[0]!.querySelector<HTMLElement>('.term')!;
    act(() => term.focus());
    expect(marks[0]!.querySelector('[role=tooltip]')?.textContent).toContain(modelChoice('ring-timeout').statement);
  });
});
