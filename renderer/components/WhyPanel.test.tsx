// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { parseScenarioText, simulate, verdictOf } from '../../machines';
import { WhyPanel } from './WhyPanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('WhyPanel', () => {
  it('shows the decisive step once: alone when "All steps" is closed, only in the full list when open', () => {
    const loaded = parseScenarioText(
      readFileSync(join(__dirname, '../../scenarios/five-strikes-then-reinstall.ringside.json'), 'utf8'),
    );
    if (!loaded.ok) throw new Error('preset invalid');
    const { scenario } = loaded;
    const { result } = simulate(scenario);
    const push = result.pushes.find((p) => p.fate === 'throttled')!;
    const decisive = verdictOf(scenario, result, push).decisive;
    expect(decisive).toBeGreaterThan(0); // routine steps come first: the list differs from the step alone
    const host = document.body.appendChild(document.createElement('div'));
    act(() => createRoot(host).render(<WhyPanel push={push} result={result} scenario={scenario} />));
    // What a reader sees: a closed <details> hides its list.
    const marks = () =>
      [...host.querySelectorAll('.decisive-mark')].filter((m) => !m.closest('details:not([open])')).length;
    const alone = () => host.querySelector('ol[aria-label="Decisive step"]');
    expect(alone()).not.toBeNull();
    expect(marks()).toBe(1);

    const all = host.querySelector<HTMLDetailsElement>('details.all-steps')!;
    act(() => {
      all.open = true;
      all.dispatchEvent(new Event('toggle'));
    });
    expect(alone()).toBeNull();
    expect(marks()).toBe(1);
    const listed = [...all.querySelectorAll('ol.steps > li')];
    expect(listed).toHaveLength(push.steps.length);
    expect(listed[decisive]?.classList.contains('decisive')).toBe(true);

    act(() => {
      all.open = false;
      all.dispatchEvent(new Event('toggle'));
    });
    expect(alone()).not.toBeNull();
  });
});
