import { expect, test, type Locator, type Page } from '@playwright/test';
import type { ScenarioFile } from '../machines/scenario';
import { encodeScenario } from '../renderer/state/bridges/share';
import { loadPreset, presetTitles, sharedPage } from './fixtures';
import { installLabelChecks, pushLabelsUnderLaneNames, type BarCue, type WithLabelChecks } from './labelChecks';

const shared = sharedPage();
test.beforeAll(async () => {
  // The app from nothing for the first test (the others start it again, or go on from the last).
  await shared.fresh();
  // The looks at a timeline's bars, defined on the page once (labelChecks.ts).
  await installLabelChecks(shared.page);
});

/** Labels on the timeline that run past their box or over a marker, another input or its label. */
function labelDefects(page: Page): Promise<string[]> {
  return page.getByRole('application', { name: 'Timeline', exact: true }).evaluate((svg) => {
    const defects: string[] = [];
    const box = (el: Element) => el.getBoundingClientRect();
    const overlap = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    // A label inside an interval or a deadline window stays inside it.
    for (const label of svg.querySelectorAll('.iv-label')) {
      const g = label.parentElement!;
      const frame = box(g.querySelector('.deadline-window') ?? g.querySelector('.iv')!);
      const r = box(label);
      if (r.left < frame.left - 0.5 || r.right > frame.right + 0.5)
        defects.push(`"${label.textContent}" runs ${Math.round(r.right - frame.right)} px past its box`);
    }
    // An input's label stays clear of the markers, the other inputs' diamonds and labels, and the edge.
    const labels = [...svg.querySelectorAll('.input-label')];
    const marks = [...svg.querySelectorAll('.marker text, .input-mark')];
    const right = box(svg).right;
    for (const label of labels) {
      const r = box(label);
      if (r.right > right + 0.5) defects.push(`"${label.textContent}" runs past the timeline's edge`);
      for (const mark of marks) {
        if (label.parentElement!.contains(mark)) continue;
        if (overlap(r, box(mark)))
          defects.push(`"${label.textContent}" overlaps ${mark.textContent?.slice(0, 1) || 'a diamond'}`);
      }
      for (const other of labels)
        if (other !== label && overlap(r, box(other)))
          defects.push(`"${label.textContent}" overlaps "${other.textContent}"`);
    }
    // An outcome's marker (a crash, a kill…) is not drawn over an input's diamond: both must read.
    for (const marker of svg.querySelectorAll('.marker text'))
      for (const diamond of svg.querySelectorAll('.input-mark'))
        if (overlap(box(marker), box(diamond)))
          defects.push(
            `${marker.textContent?.slice(0, 1)} (${marker.querySelector('title')?.textContent}) sits on a diamond`,
          );
    return defects;
  });
}

test('in every preset, timeline labels stay inside their boxes and clear of markers, markers clear of diamonds; cut labels keep their whole text', async () => {
  const page = shared.page;
  // No `shared.fresh()`: this is the file's first test, so the file's `beforeAll` has just
  // started the app from nothing, and a second start would only cost another boot.
  await page.getByLabel('Theme').selectOption('dark');
  const titles = await presetTitles(page);
  expect(titles.length).toBeGreaterThan(20);
  const timeline = page.getByRole('application', { name: 'Timeline', exact: true });
  const defects: string[] = [];
  for (const title of titles) {
    // Measured once the preset's own result is drawn: until the worker answers, its inputs stand on the
    // previous preset's fitted view (CI once caught a hangup past the edge in that frame).
    await loadPreset(page, title);
    for (const defect of await labelDefects(page)) defects.push(`${title}: ${defect}`);
    // A push's label starts in the plot, not under the lane names' column drawn over its beginning.
    for (const text of await pushLabelsUnderLaneNames(timeline))
      defects.push(`${title}: "${text}" starts under the lane names`);
  }
  expect(defects).toEqual([]);

  // The two seen in screenshots: the 7 s check's label, and "app reinstall" next to a crash.
  await loadPreset(page, 'Main thread blocked for 8 s');
  await expect(timeline.locator('.deadline-window title')).toHaveText(/^call-1: 7 s check — nothing reported;/);
  await expect(timeline.locator('.iv-label', { hasText: 'nothing reported' })).toBeVisible();
  // A check the app's crash cut short (PK-1) draws no 7 s window on past the crash.
  await loadPreset(page, 'The backgrounding race');
  await expect(
    timeline.locator('.iv-deadline title', { hasText: /^call-1: the app crashed \(PK-1\) at the start of/ }),
  ).toHaveCount(1);
  await expect(timeline.locator('.deadline-window title', { hasText: /^call-1:/ })).toHaveCount(0);
  await expect(timeline.locator('.deadline-window title', { hasText: /^call-2:/ })).toHaveCount(1);
  await loadPreset(page, 'Five strikes: throttled, then reinstalled');
  await expect(timeline.getByRole('button', { name: /^app reinstall at / })).toBeVisible();
  await expect(timeline.locator('.input-label', { hasText: 'app reinstall' })).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/labels-strikes-dark.png' });
});

/** The playhead's time labels (on the sticky axis and the SVG's own) that overlap a tick label of the same axis. */
function playheadOverTicks(page: Page, timeline: string): Promise<string[]> {
  return page.locator(timeline).evaluate((host) => {
    const overlap = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const found: string[] = [];
    const labels = [...host.querySelectorAll('.playhead-label')];
    if (labels.length !== 2) found.push(`${labels.length} playhead labels, not 2`);
    for (const label of labels) {
      const r = label.getBoundingClientRect();
      for (const tick of label.closest('svg')!.querySelectorAll('.tick'))
        if (tick.textContent && overlap(r, tick.getBoundingClientRect()))
          found.push(`"${label.textContent}" over the "${tick.textContent}" tick`);
    }
    return found;
  });
}

test("the playhead's time never sits on a tick label of the axis: at 0, at a tick, in present mode", async () => {
  const page = shared.page;
  await shared.fresh();
  await loadPreset(page, 'The backgrounding race');
  const timeline = page.getByRole('application', { name: 'Timeline', exact: true });
  await expect(timeline.locator('.playhead-label')).toHaveText('0 s');
  expect(await playheadOverTicks(page, '.timelines .timeline')).toEqual([]);

  // A click on the axis at the 10 s grid line puts the playhead there.
  const sticky = page.locator('.timelines .axis-sticky');
  const tick = sticky.locator('g > g').filter({ has: page.locator('.tick', { hasText: /^10 s$/ }) });
  const line = (await tick.locator('.grid').boundingBox())!;
  await page.mouse.click(line.x + line.width / 2, line.y + 4);
  await expect(timeline.locator('.playhead-label')).toHaveText(/^10(\.0\d*)? s$/);
  expect(await playheadOverTicks(page, '.timelines .timeline')).toEqual([]);
  for (const theme of ['light', 'dark']) {
    await page.getByLabel('Theme').selectOption(theme);
    await page.screenshot({ path: `e2e/screenshots/playhead-at-tick-${theme}.png` });
  }

  // Present mode's summary puts the playhead at the end, on the last tick.
  await page.getByRole('button', { name: '▶ Present' }).click();
  await page.keyboard.press('End');
  await expect(page.getByRole('dialog', { name: /^Present mode/ })).toContainText('Summary');
  await expect(page.locator('.present .playhead-label').first()).toHaveText('40 s');
  expect(await playheadOverTicks(page, '.present .timeline')).toEqual([]);
});

/** Every interval bar on `svg` and the pattern laid over it (labelChecks.ts, `barCues`), in one round trip. */
function barCues(svg: Locator): Promise<BarCue[]> {
  return svg.evaluate((root) => (window as Window & WithLabelChecks).ringsideLabels!.barCues(root));
}

/** The cue each bar must carry: its tone's pattern when it has no label and a cued tone (timeline/tones.ts, CUED). */
const cueFor = (bar: { tone: string; labelled: boolean }) =>
  !bar.labelled && ['off', 'mid', 'call', 'rest'].includes(bar.tone) ? bar.tone : 'none';

test('a bar too narrow for its label tells "not working" from "in between" by a pattern, not by colour alone', async () => {
  const page = shared.page;
  // One second offline (a bar too narrow for "Offline") next to apsd reconnecting (amber, also
  // narrow), and fifteen seconds offline, wide enough for its label.
  const file: ScenarioFile = {
    format: 'ringside.scenario/v1',
    title: 'Short and long drops',
    duration: '60s',
    timeline: [
      { at: '10s', do: 'network', to: 'offline' },
      { at: '11s', do: 'network', to: 'wifi' },
      { at: '30s', do: 'network', to: 'offline' },
      { at: '45s', do: 'network', to: 'wifi' },
    ],
  };
  await shared.fresh(`/#s=${encodeScenario(file)}`);
  const timeline = page.getByRole('application', { name: 'Timeline', exact: true });
  await expect(timeline.locator('.iv-network-offline')).toHaveCount(2);
  const bars = await barCues(timeline);
  const offline = bars.filter((b) => b.kind === 'iv-network-offline').sort((a, b) => a.width - b.width);
  expect(offline[0]).toMatchObject({ labelled: false, cue: 'off', covers: true });
  expect(offline[1]).toMatchObject({ labelled: true, cue: 'none' });
  // An unlabelled amber bar (apsd reconnecting) carries dots, not the hatch of "not working".
  const amber = bars.filter((b) => b.kind === 'iv-apsd-connecting' && !b.labelled);
  expect(amber.length).toBeGreaterThan(0);
  for (const b of amber) expect(b).toMatchObject({ cue: 'mid', covers: true });
});

test("a check the app's end cut short says what ended it, and draws no window to its due time", async () => {
  const page = shared.page;
  // call-2 waits behind call-1's 8 s block; callservicesd kills the app for call-1 at 8.1 s, 5 s into
  // call-2's check, and hands call-2 over again after a relaunch.
  const file: ScenarioFile = {
    format: 'ringside.scenario/v1',
    title: 'Killed with a call waiting',
    duration: '30s',
    app: { blockMainThread: '8s' },
    timeline: [
      { at: '1s', do: 'push', id: 'call-1', kind: 'voip' },
      { at: '3s', do: 'push', id: 'call-2', kind: 'voip' },
    ],
  };
  await shared.fresh(`/#s=${encodeScenario(file)}`);
  const timeline = page.getByRole('application', { name: 'Timeline', exact: true });
  const cut = timeline.locator('.iv-deadline', { hasText: 'call-2: the app was killed (KILL-1) 5 s into' });
  await expect(cut).toHaveCount(1);
  // The longest wording that fits the 5 s bar.
  await expect(cut.locator('..').locator('.iv-label')).toHaveText(/^(call-2: the app was killed first|app killed)$/);
  // Windows only for the checks that ran: call-1's and call-2's second.
  await expect(timeline.locator('.deadline-window')).toHaveCount(2);
  await expect(timeline.locator('.iv-label', { hasText: 'to spare' })).toHaveCount(0);
});

test('a call\'s bar too narrow for its name and state keeps the state: "ringing", not "call-1 rin…"', async () => {
  const page = shared.page;
  // The first-run preset: call-1 rings for 7 s of a 90 s view.
  await shared.fresh();
  const timeline = page.getByRole('application', { name: 'Timeline', exact: true });
  const ringing = timeline.locator('.iv-call-ringing').locator('..');
  await expect(ringing.locator('.iv-label')).toHaveText('ringing');
  await expect(ringing.locator('.iv title')).toContainText('call-1 ringing');
});

test('the App process lane tells running in the background, suspended and not running apart, not by colour alone', async () => {
  const page = shared.page;
  // Suspended for half a second (too narrow for its word), woken in the background by a call the user
  // declines, back to suspended after the background grace, then gone after the user quits it.
  const file: ScenarioFile = {
    format: 'ringside.scenario/v1',
    title: 'Three quiet states',
    duration: '2m',
    device: { app: 'suspended' },
    timeline: [
      { at: '0.5s', do: 'push', id: 'call-1', kind: 'voip' },
      { at: '5s', do: 'decline', call: 'call-1' },
      { at: '90s', do: 'app', action: 'force-quit' },
    ],
  };
  await shared.fresh(`/#s=${encodeScenario(file)}`);
  const timeline = page.getByRole('application', { name: 'Timeline', exact: true });
  await expect(timeline.locator('.iv-app-not-running')).toHaveCount(1);
  const look = (kind: string) =>
    timeline.locator(`.iv-${kind}`).evaluateAll((bars) =>
      bars.map((bar) => {
        const style = getComputedStyle(bar);
        return {
          fill: style.fill,
          stroke: style.stroke,
          dashes: style.strokeDasharray,
          tone: bar.getAttribute('data-tone'),
        };
      }),
    );
  const [background] = await look('app-background');
  const suspended = await look('app-suspended');
  const [gone] = await look('app-not-running');
  expect(suspended.length).toBeGreaterThanOrEqual(2);
  expect(new Set(suspended.map((s) => JSON.stringify(s))).size).toBe(1);
  const looks = [background, suspended[0], gone].map((l) => JSON.stringify(l));
  expect(new Set(looks).size, looks.join('\n')).toBe(3);
  // Not running is an outline: nothing is filled in, and its outline is dashed.
  expect(gone!.fill).toMatch(/rgba\(0, 0, 0, 0\)/);
  expect(gone!.dashes).not.toBe('none');
  // The half second of suspension has no room for its word: pause bars say it instead.
  const bars = await barCues(timeline);
  const narrow = bars.filter((b) => b.kind === 'iv-app-suspended' && !b.labelled);
  expect(narrow.length).toBe(1);
  expect(narrow[0]).toMatchObject({ tone: 'rest', cue: 'rest', covers: true });
  const wide = bars.filter((b) => b.kind === 'iv-app-suspended' && b.labelled);
  expect(wide.length).toBeGreaterThan(0);
});

test('in every preset, at the fitted view and zoomed out, each unlabelled bar of a tone other than "working" carries its tone\'s own pattern', async () => {
  const page = shared.page;
  test.slow();
  await shared.fresh();
  const titles = await presetTitles(page);
  expect(titles.length).toBeGreaterThan(20);
  const timeline = page.getByRole('application', { name: 'Timeline', exact: true });
  // One pattern per cued tone, defined once in this timeline, each drawn differently.
  const patterns = await timeline.locator('defs pattern[data-tone]').evaluateAll((ps) =>
    ps.map((p) => ({
      tone: p.getAttribute('data-tone'),
      drawing: [p.getAttribute('patternTransform'), p.getAttribute('width'), p.innerHTML].join(' '),
    })),
  );
  expect(patterns.map((p) => p.tone).sort()).toEqual(['call', 'mid', 'off', 'rest']);
  expect(new Set(patterns.map((p) => p.drawing)).size).toBe(4);

  const wrong: string[] = [];
  const seen: Record<string, number> = { off: 0, mid: 0, call: 0, rest: 0 };
  const check = (where: string, bars: BarCue[]) => {
    for (const bar of bars) {
      const want = cueFor(bar);
      if (want !== 'none') seen[want]! += 1;
      if (bar.cue !== want || !bar.covers)
        wrong.push(
          `${where}: ${bar.kind} (${bar.tone}, ${bar.width} px${bar.labelled ? ', labelled' : ''}) carries ${bar.cue}${bar.covers ? '' : ' off its bar'}, not ${want}`,
        );
    }
  };
  // Each view is looked at in one round trip (issue #21: the walk made ~13 a preset, each costing as
  // much as the looks themselves on a busy machine): the fitted view's bars with its ticks and where
  // to zoom, then, after the wheel, the zoomed-out bars once its ticks have changed.
  let pointer: { x: number; y: number } | undefined;
  for (const title of titles) {
    await loadPreset(page, title);
    const fitted = await timeline.evaluate((svg) => {
      const box = svg.getBoundingClientRect();
      return {
        bars: (window as Window & WithLabelChecks).ringsideLabels!.barCues(svg),
        ticks: [...svg.querySelectorAll('.tick')].map((t) => t.textContent ?? ''),
        at: { x: box.x + box.width / 2, y: box.y + 60 },
      };
    });
    check(title, fitted.bars);
    // Zoomed out nine times around the middle: more bars lose their labels. The pointer stays where
    // the last preset's zoom left it when the timeline has not moved.
    if (pointer?.x !== fitted.at.x || pointer.y !== fitted.at.y) await page.mouse.move(fitted.at.x, fitted.at.y);
    pointer = fitted.at;
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, 1100);
    await page.keyboard.up('Control');
    // As `expect.poll` did: the ticks are read again each frame, for up to expect's 5 s.
    const zoomed = await page.evaluate(async (before) => {
      const svg = () => document.querySelector('svg[role="application"][aria-label="Timeline"]')!;
      const ticks = () => JSON.stringify([...svg().querySelectorAll('.tick')].map((t) => t.textContent ?? ''));
      for (const until = performance.now() + 5000; ticks() === before;)
        if (performance.now() > until) return { ticks: ticks(), bars: undefined };
        else await new Promise(requestAnimationFrame);
      return { ticks: ticks(), bars: (window as Window & WithLabelChecks).ringsideLabels!.barCues(svg()) };
    }, JSON.stringify(fitted.ticks));
    expect(zoomed.bars, `${title}: the ticks did not change on zooming out: ${zoomed.ticks}`).toBeDefined();
    check(`${title}, zoomed out`, zoomed.bars!);
  }
  expect(wrong).toEqual([]);
  // The presets do have narrow bars of each cued tone: the check above was not vacuous.
  expect(seen.mid).toBeGreaterThan(0);
  expect(seen.call).toBeGreaterThan(0);
  expect(seen.off).toBeGreaterThan(0);
  expect(seen.rest).toBeGreaterThan(0);
});
