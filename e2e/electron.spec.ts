import { _electron as electron } from '@playwright/test';
import { findElectron } from '../scripts/electron-binary.mjs';
import { expect, test } from './fixtures';

const binary = findElectron();

test('the desktop window is hardened and shows Ringside', async () => {
  if (!binary.path) console.log(`electron e2e skipped: ${binary.reason}`);
  test.skip(!binary.path, `no Electron binary: ${binary.path ? '' : binary.reason}`);
  const app = await electron.launch({ executablePath: binary.path!, args: ['.'] });
  const window = await app.firstWindow();
  await expect(window).toHaveTitle(/Ringside$/);
  expect(await window.evaluate(() => typeof (window as unknown as { ringside?: unknown }).ringside)).toBe('object');
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(window.url()).toMatch(/^app:\/\/ringside\//);
  await app.close();
});
