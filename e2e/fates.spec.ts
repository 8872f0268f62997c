import type { ScenarioFile, TimelineEventFile } from '../machines/scenario';
import { encodeScenario } from '../renderer/state/bridges/share';
import { test } from '@playwright/test';
import { expect, loadPreset, sharedPage } from './fixtures';

// One page for the file, the app started afresh (empty storage) for each test: issue #21.
const shared = sharedPage();

/** 200 pushes, three seconds apart: enough that the Fates table renders only the rows near its view. */
function manyPushes(): ScenarioFile {
  const timeline: TimelineEventFile[] = [];
  for (let i = 0; i < 200; i++) timeline.push({ at: (i + 1) * 3_000, do: 'push', id: `p${i}`, kind: 'voip' });
  return { format: 'ringside.scenario/v1', title: 'Many pushes', duration: '11m', timeline };
}

test('with many pushes the Fates table renders the rows near its view; a push picked on the timeline scrolls into it', async () => {
  const { page } = shared;
  await shared.fresh(`/#s=${encodeScenario(manyPushes())}`);
  const fates = page.getByRole('region', { name: 'Fates' });
  await expect(fates.getByRole('table')).toHaveAttribute('aria-rowcount', '201');
  await expect(fates.getByRole('row', { name: /^push p0,/ })).toHaveAttribute('aria-rowindex', '2');
  const rendered = await fates.getByRole('row').count();
  expect(rendered).toBeLessThan(100);

  // The window never scrolls; the panel does.
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(900);

  const handle = page.getByRole('button', { name: /^push p150,/ });
  await handle.scrollIntoViewIfNeeded();
  await handle.locator('circle').click();
  const row = fates.getByRole('row', { name: /^push p150,/ });
  await expect(row).toHaveAttribute('aria-rowindex', '152');
  await expect(row).toHaveClass('selected');
  await expect(row).toBeInViewport();

  // The keyboard walks on past the rendered rows.
  // Each Tab lands on the next push's row before the next is pressed, as a person sees it happen (pressed
  // all at once, a busy machine could still be rendering the next rows when the last Tabs arrive).
  await row.focus();
  for (let i = 151; i <= 190; i++) {
    await page.keyboard.press('Tab');
    await expect(fates.getByRole('row', { name: new RegExp(`^push p${i},`) })).toBeFocused();
  }
  await expect(fates.getByRole('row', { name: /^push p190,/ })).toBeInViewport();
});

test('a push id, its times and its fate stay on one line; the rules wrap between rules, never inside one or before a dot', async () => {
  const { page } = shared;
  await shared.fresh();
  // The first preset has the longest id (cancel-call-1) and a six-rule chain in a narrow panel.
  const fates = page.getByRole('region', { name: 'Fates' });
  await expect(fates.getByRole('row', { name: /^push cancel-call-1,/ })).toBeVisible();
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    // The most lines any text in the cell is laid out on (a text node has a box per line).
    const lines = (cell: HTMLElement) => {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      let most = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        most = Math.max(most, new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size);
      }
      return most;
    };
    for (const td of document.querySelectorAll<HTMLElement>('.fates tbody tr[aria-rowindex] td')) {
      if (!td.classList.contains('rules')) {
        if (lines(td) > 1) out.push(`"${td.textContent}" takes ${lines(td)} lines`);
        continue;
      }
      // The rules wrap, but never inside an ID ("LAUNCH-" at a line's end) and never before a dot.
      const left = td.getBoundingClientRect().left + parseFloat(getComputedStyle(td).paddingLeft);
      const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        const content = text.textContent!;
        for (const rule of content.matchAll(/[A-Z]+-[0-9]+/g)) {
          const range = document.createRange();
          range.setStart(text, rule.index);
          range.setEnd(text, rule.index + rule[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) out.push(`${rule[0]} in "${td.textContent}" is broken over two lines`);
        }
        for (let i = content.indexOf('·'); i !== -1; i = content.indexOf('·', i + 1)) {
          const range = document.createRange();
          range.setStart(text, i);
          range.setEnd(text, i + 1);
          if (range.getBoundingClientRect().left - left < 2)
            out.push(`a line of "${td.textContent}" starts with a dot`);
        }
      }
    }
    return out;
  });
  expect(problems).toEqual([]);
});

/** A phone offline when the call is sent, back on Wi-Fi four minutes later: the call rings then, late. */
function lateCall(): ScenarioFile {
  return {
    format: 'ringside.scenario/v1',
    title: 'A call that rings four minutes late',
    duration: '10m',
    device: { network: 'offline', locked: true, app: 'not-running' },
    timeline: [
      { at: '1s', do: 'push', id: 'call-1', kind: 'voip', expiration: '1h' },
      { at: '4m', do: 'network', to: 'wifi' },
      { at: '8m', do: 'push', id: 'call-2', kind: 'voip' },
    ],
  };
}

test('a push that rang late shows its delay and the word "late", in the Fates table and on the timeline; one on time does not', async () => {
  const { page } = shared;
  await shared.fresh(`/#s=${encodeScenario(lateCall())}`);
  const fates = page.getByRole('region', { name: 'Fates' });
  const late = fates.getByRole('row', { name: /^push call-1,/ });
  const onTime = fates.getByRole('row', { name: /^push call-2,/ });
  // Delivered once the network came back at 4 min and apsd reconnected.
  await expect(late.getByRole('cell').nth(4)).toHaveText('4 min 1 s');
  await expect(late.getByRole('cell').nth(5)).toHaveText(/rang\s*late$/);
  await expect(late).toHaveAttribute('aria-label', /late \(Ringside's estimate\)/);
  // Not colour alone: the word is there, and it says whose estimate it is.
  await expect(late.locator('.late')).toHaveAttribute('title', /Ringside's estimate/);
  await expect(onTime.getByRole('cell').nth(4)).toHaveText('100 ms');
  await expect(onTime.getByRole('cell').nth(5)).not.toContainText('late');

  const timeline = page.getByRole('application', { name: 'Timeline', exact: true });
  const span = timeline.getByRole('button', { name: /^push call-1,/ });
  await expect(span).toHaveAttribute('aria-label', /fate rang, late \(Ringside's estimate\)/);
  await expect(span.locator('.push-label')).toHaveText(/call-1 · rang · late$/);
  await expect(timeline.getByRole('button', { name: /^push call-2,/ }).locator('.push-label')).toHaveText(
    /call-2 · rang$/,
  );
  await fates.screenshot({ path: 'test-results/shots/fates-late.png' });
});

test('a call that rang with no audio says so in red beside its fate, which is not green; a call with two-way audio needs no tag', async () => {
  const { page } = shared;
  await shared.fresh();
  const fates = page.getByRole('region', { name: 'Fates' });
  await loadPreset(page, 'No audio: mediaserverd crashed earlier');
  const silent = fates.getByRole('row', { name: /^push call-1, voip, fate rang, audio none$/ });
  const fate = silent.getByRole('cell').nth(5);
  await expect(fate).toHaveText(/rang\s*no audio$/);
  await expect(fate.locator('.fate')).toHaveClass(/tone-bad/);
  // Red: the tag is in the "bad" tone's colour, the one a crash is drawn in, not the text's.
  const colours = await fate.evaluate((cell) => ({
    tag: getComputedStyle(cell.querySelector('.audio-tag')!).color,
    bad: getComputedStyle(document.querySelector('.tone-bad')!).color,
    text: getComputedStyle(cell).color,
  }));
  expect(colours.tag).toBe(colours.bad);
  expect(colours.tag).not.toBe(colours.text);

  await loadPreset(page, 'One-way audio: the app activated the session itself');
  const oneWay = fates.getByRole('row', { name: /^push call-1, voip, fate rang, audio one-way$/ }).getByRole('cell');
  await expect(oneWay.nth(5)).toHaveText(/rang\s*one-way audio$/);
  await expect(oneWay.nth(5).locator('.fate')).toHaveClass(/tone-warn/);

  await loadPreset(page, 'No audio: fixed by setConfiguration');
  const heard = fates.getByRole('row', { name: /^push call-1, voip, fate rang, audio two-way$/ }).getByRole('cell');
  await expect(heard.nth(5)).toHaveText(/rang$/);
  await expect(heard.nth(5).locator('.fate')).toHaveClass(/tone-good/);
  // Normal type and room between the columns, now that audio needs no column of its own.
  const type = await heard.nth(1).evaluate((td) => ({
    size: parseFloat(getComputedStyle(td).fontSize),
    pad: parseFloat(getComputedStyle(td).paddingRight),
  }));
  expect(type.size).toBeGreaterThanOrEqual(13);
  expect(type.pad).toBeGreaterThanOrEqual(6);
});
