import { _electron as electron } from '@playwright/test';
import { findElectron } from '../scripts/electron-binary.mjs';
import { expect, test } from './fixtures';

const binary = findElectron();

/** Skips the test (saying why) when this machine has no Electron binary; else its path. */
function electronBinary(): string {
  if (!binary.path) console.log(`electron e2e skipped: ${binary.reason}`);
  test.skip(!binary.path, `no Electron binary: ${binary.path ? '' : binary.reason}`);
  return binary.path!;
}

test('the desktop window is hardened and shows Ringside', async () => {
  const app = await electron.launch({ executablePath: electronBinary(), args: ['.'] });
  const window = await app.firstWindow();
  await expect(window).toHaveTitle(/Ringside$/);
  expect(await window.evaluate(() => typeof (window as unknown as { ringside?: unknown }).ringside)).toBe('object');
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(window.url()).toMatch(/^app:\/\/ringside\//);
  await app.close();
});

test('the File menu has Open Recent (ending in Clear Menu) and Revert', async () => {
  const app = await electron.launch({ executablePath: electronBinary(), args: ['.'] });
  await app.firstWindow();
  const items = await app.evaluate(({ Menu }) => {
    const file = Menu.getApplicationMenu()?.items.find((item) => item.label === 'File');
    return (file?.submenu?.items ?? []).map((item) => ({
      id: item.id,
      label: item.label,
      enabled: item.enabled,
      submenu: (item.submenu?.items ?? []).filter((sub) => sub.type !== 'separator').map((sub) => sub.label),
    }));
  });
  const labels = items.map((item) => item.label);
  for (const label of ['New', 'Open…', 'Open Recent', 'Save', 'Save As…', 'Revert']) expect(labels).toContain(label);
  expect(labels.indexOf('Open Recent')).toBe(labels.indexOf('Open…') + 1);
  expect(items.find((item) => item.id === 'open-recent')?.submenu.at(-1)).toBe('Clear Menu');
  // A fresh, unsaved document has nothing to revert to.
  expect(items.find((item) => item.id === 'revert')?.enabled).toBe(false);
  await app.close();
});

test('File → Import Device Log… opens the log import dialog on its file picker (#26)', async () => {
  const app = await electron.launch({ executablePath: electronBinary(), args: ['.'] });
  const window = await app.firstWindow();
  await window.locator('.app[aria-busy=false]').waitFor();
  await app.evaluate(({ Menu }) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById('import-log');
    (item?.click as (() => void) | undefined)?.();
  });
  const dialog = window.getByRole('dialog', { name: 'Import a device log' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Choose a device log file')).toBeAttached();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await app.close();
});

test("closing or quitting with unsaved changes asks Save / Don't Save / Cancel", async () => {
  const app = await electron.launch({ executablePath: electronBinary(), args: ['.'] });
  const window = await app.firstWindow();
  await window.getByLabel('Scenario title').fill('Renamed');
  await expect(window).toHaveTitle('Renamed — edited — Ringside');
  // IPC from one renderer is handled in order: after this round trip main has the dirty state.
  await window.evaluate(() => (window as unknown as { ringside: { appInfo(): Promise<unknown> } }).ringside.appInfo());

  // The box answers Cancel (button 2) and records what it was asked.
  await app.evaluate(({ dialog }) => {
    const seen: { message: string; buttons: string[] }[] = [];
    (globalThis as { prompts?: typeof seen }).prompts = seen;
    dialog.showMessageBox = ((_window: unknown, options: { message: string; buttons: string[] }) => {
      seen.push({ message: options.message, buttons: options.buttons });
      return Promise.resolve({ response: 2, checkboxChecked: false });
    }) as typeof dialog.showMessageBox;
  });
  const prompts = () => app.evaluate(() => (globalThis as { prompts?: { message: string }[] }).prompts?.length ?? 0);
  const windows = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);

  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
  await expect.poll(prompts).toBe(1);
  const asked = await app.evaluate(
    () => (globalThis as { prompts?: { message: string; buttons: string[] }[] }).prompts?.[0],
  );
  expect(asked?.message).toContain('Renamed');
  expect(asked?.buttons).toEqual(['Save', "Don't Save", 'Cancel']);
  expect(await windows()).toBe(1); // Cancel keeps the window and the edits

  // Quitting asks too, and Cancel stops the quit.
  await app.evaluate(({ app: electronApp }) => electronApp.quit());
  await expect.poll(prompts).toBe(2);
  expect(await windows()).toBe(1);
  await expect(window).toHaveTitle('Renamed — edited — Ringside');

  // Don't Save (button 1) lets the quit through.
  await app.evaluate(({ dialog }) => {
    dialog.showMessageBox = () => Promise.resolve({ response: 1, checkboxChecked: false });
  });
  await app.close();
});

test('View → Reload asks before discarding unsaved edits, even under a 1,200-character title', async () => {
  const app = await electron.launch({ executablePath: electronBinary(), args: ['.'] });
  const window = await app.firstWindow();
  // Over the IPC's 1,000-character title limit: the renderer shortens it, so main still learns "dirty".
  await window.getByLabel('Scenario title').fill('T'.repeat(1200));
  await expect(window).toHaveTitle(/— edited — Ringside$/);
  await window.evaluate(() => (window as unknown as { ringside: { appInfo(): Promise<unknown> } }).ringside.appInfo());
  await app.evaluate(({ dialog }) => {
    const seen: string[] = [];
    (globalThis as { prompts?: string[] }).prompts = seen;
    dialog.showMessageBox = ((_window: unknown, options: { message: string }) => {
      seen.push(options.message);
      return Promise.resolve({ response: 1, checkboxChecked: false }); // Cancel
    }) as typeof dialog.showMessageBox;
  });
  const prompts = () => app.evaluate(() => (globalThis as { prompts?: string[] }).prompts ?? []);
  // An unpackaged app (this test) has the guarded Reload; a packaged one has none (electron/menu.test.ts).
  await app.evaluate(({ Menu }) => {
    const reload = Menu.getApplicationMenu()?.getMenuItemById('reload');
    (reload?.click as (() => void) | undefined)?.();
  });
  await expect.poll(async () => (await prompts()).length).toBe(1);
  expect((await prompts())[0]).toMatch(/^Reload and lose the changes you made to “T+…”\?$/);
  await expect(window).toHaveTitle(/— edited — Ringside$/);
  await app.evaluate(({ dialog }) => {
    dialog.showMessageBox = () => Promise.resolve({ response: 1, checkboxChecked: false }); // Don't Save
  });
  await app.close();
});
