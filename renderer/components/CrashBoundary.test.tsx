// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioFile } from '../../machines';
import { CrashBoundary } from './CrashBoundary';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const file: ScenarioFile = { format: 'ringside.scenario/v1', title: 'Kept', duration: '60s', timeline: [] };

function Bomb(): never {
  throw new Error('a value the app could not draw');
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('CrashBoundary', () => {
  it('shows what happened and offers the document for download instead of a blank page', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const kept: (ScenarioFile | undefined)[] = [];
    const host = document.body.appendChild(document.createElement('div'));
    act(() =>
      createRoot(host).render(
        <CrashBoundary document={() => file} onCrash={(f) => kept.push(f)}>
          <Bomb />
        </CrashBoundary>,
      ),
    );
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('a value the app could not draw');
    expect(host.textContent).toContain('Your scenario “Kept” is kept.');
    expect(kept).toEqual([file]);
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const download = [...host.querySelectorAll('button')].find((b) => b.textContent?.includes('Download'));
    act(() => download?.click());
    expect(clicked).toHaveBeenCalledTimes(1);
    expect((clicked.mock.contexts[0] as HTMLAnchorElement).download).toBe('kept.ringside.json');
  });
});
