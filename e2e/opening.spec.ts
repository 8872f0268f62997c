import { expect, test, type Page } from '@playwright/test';
import { idle, sharedPage } from './fixtures';
import { manyPushes } from './scenarios';

const shared = sharedPage();

/**
 * What one painted frame shows: the timeline's pushes and inputs, the Fates table's first row, the State
 * panel's text, and whether the app was busy.
 */
interface Frame {
  readonly busy: boolean;
  readonly pushes: string;
  readonly inputs: string;
  readonly fates: string;
  readonly state: string;
  /** The time the timeline's playhead is at. */
  readonly playhead: string;
}

/**
 * Records what the timeline shows on every animation frame from now on (`stop` ends it and returns the
 * frames): the first few push spans and inputs drawn and the first fate listed, by their accessible names.
 */
async function recordFrames(page: Page): Promise<{ stop: () => Promise<Frame[]> }> {
  const key = await page.evaluate(() => {
    const w = window as unknown as { recorders?: { frames: Frame[]; recording: boolean }[] };
    const recorder = { frames: [] as Frame[], recording: true };
    (w.recorders ??= []).push(recorder);
    const names = (svg: Element, selector: string) =>
      [...svg.querySelectorAll(selector)]
        .slice(0, 5)
        .map((el) => el.getAttribute('aria-label'))
        .join(' | ');
    const tick = () => {
      const svg = document.querySelector('[role=application][aria-label=Timeline]');
      if (svg)
        recorder.frames.push({
          busy: document.querySelector('.app')?.getAttribute('aria-busy') === 'true',
          pushes: names(svg, 'g.push[role=button]'),
          inputs: names(svg, 'g.input'),
          fates: names(document.querySelector('[aria-label=Fates]') ?? svg, '[aria-label^="push "]').split(' | ')[0]!,
          state: document.querySelector('[aria-label="State at playhead"]')?.textContent ?? '',
          playhead: svg.querySelector('.playhead-label')?.textContent ?? '',
        });
      if (recorder.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return w.recorders.length - 1;
  });
  return {
    // Stopped after the next frame, so that the frame on screen now is recorded.
    stop: () =>
      page.evaluate(
        (key) =>
          new Promise<Frame[]>((done) =>
            requestAnimationFrame(() => {
              const w = window as unknown as { recorders: { frames: Frame[]; recording: boolean }[] };
              const recorder = w.recorders[key]!;
              recorder.recording = false;
              done(recorder.frames);
            }),
          ),
        key,
      ),
  };
}

/** Whether frame `f` draws the document `doc` drew once idle. */
const isDoc = (f: Frame, doc: Omit<Frame, 'busy'>) =>
  f.inputs === doc.inputs && f.pushes === doc.pushes && f.fates === doc.fates && f.state === doc.state;

/**
 * Whether frame `f` draws the 2,000 pushes' document: its inputs, and pushes of its own (which rows are
 * rendered follows the scroll, so not always the same ones).
 */
const isBig = (f: Frame, big: Omit<Frame, 'busy'>) =>
  f.inputs === big.inputs &&
  f.state === big.state &&
  [...f.pushes.split(' | '), f.fates].every((name) => /^push p\d+,/.test(name));

/** A file of 2,000 pushes: its first run takes a while, and the old document stays drawn meanwhile. */
const openBig = (page: Page) =>
  page.getByLabel('Open a scenario file').setInputFiles({
    name: 'big.ringside.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(manyPushes('Two thousand pushes', 2_000, '97m'))),
  });

/** The frame the timeline shows once the app is idle. */
async function settled(page: Page): Promise<Omit<Frame, 'busy'>> {
  await idle(page);
  const frames = await recordFrames(page);
  const last = (await frames.stop()).at(-1)!;
  return { pushes: last.pushes, inputs: last.inputs, fates: last.fates, state: last.state, playhead: last.playhead };
}

test('while another document opens, the timeline and the panels show the old one whole (its inputs with its fates and state), then the new one at once', async () => {
  test.slow();
  const page = shared.page;
  await shared.fresh();
  const old = await settled(page);
  expect(old.inputs, 'the first preset has inputs besides its pushes').not.toBe('');
  // The State panel has its state as soon as the app is idle: it comes with the result.
  expect(old.state).toMatch(/^State at 0 s/);

  // A document of 2,000 pushes: its first run takes a while, and the old preset stays drawn meanwhile.
  const big = manyPushes('Two thousand pushes', 2_000, '97m');
  let frames = await recordFrames(page);
  await page.getByLabel('Open a scenario file').setInputFiles({
    name: 'big.ringside.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(big)),
  });
  // The toolbar names the document being opened; the workspace is not to be edited meanwhile.
  await expect(page.getByLabel('Scenario title')).toHaveValue('Two thousand pushes');
  await expect(page.locator('.app.opening .workspace[inert]')).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('opening-2000.png') });
  const fresh = await settled(page);
  await expect(page.locator('.app.opening')).toHaveCount(0);
  let seen = await frames.stop();
  expect(fresh.inputs).not.toBe(old.inputs);
  expect(fresh.pushes).not.toBe(old.pushes);
  expect(fresh.state).toMatch(/^State at 0 s/);
  expect(fresh.state, 'the two documents have different states at 0 s').not.toBe(old.state);
  const whole = (f: Frame) => isDoc(f, old) || isBig(f, fresh);
  expect(
    seen.filter((f) => !whole(f)),
    'frames mixing one document with the other',
  ).toEqual([]);
  expect(
    seen.filter((f) => f.busy && f.inputs === old.inputs).length,
    'busy frames drawing the old document',
  ).toBeGreaterThan(0);

  // And back from the 2,000 pushes to a preset.
  frames = await recordFrames(page);
  await page.getByLabel('Preset', { exact: true }).selectOption({ index: 2 });
  await page.screenshot({ path: test.info().outputPath('opening-from-2000.png') });
  const back = await settled(page);
  seen = await frames.stop();
  const wholeBack = (f: Frame) => isBig(f, fresh) || isDoc(f, back);
  expect(
    seen.filter((f) => !wholeBack(f)),
    'frames mixing one document with the other',
  ).toEqual([]);
});

test('Play pressed while another document opens waits for it: nothing moves until it is drawn, at 0 s, then it plays', async () => {
  test.slow();
  const page = shared.page;
  await shared.fresh();
  await settled(page);
  const frames = await recordFrames(page);
  await openBig(page);
  await expect(page.locator('.app.opening')).toHaveCount(1);
  // A trainer presses Space on Play while the big scenario opens.
  await page.getByRole('button', { name: '▶ Play' }).focus();
  await page.keyboard.press('Space');
  const pause = page.getByRole('button', { name: '❚❚ Pause' });
  await expect(pause, 'the press is kept').toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.app.opening')).toHaveCount(0, { timeout: 30_000 });
  // Then the new document plays.
  await expect(page.locator('[aria-label=Timeline] .playhead-label').first()).not.toHaveText('0 s');
  await pause.click();
  const seen = await frames.stop();
  const opened = seen.findIndex((f) => f.busy);
  const drawn = seen.findIndex((f, i) => i > opened && !f.busy);
  expect(opened, 'busy frames while it opened').toBeGreaterThan(-1);
  expect(
    seen.slice(0, drawn + 1).map((f) => f.playhead),
    'the playhead until the new document is drawn, and in its first frame',
  ).toEqual(seen.slice(0, drawn + 1).map(() => '0 s'));
});
