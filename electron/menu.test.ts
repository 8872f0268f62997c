import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MENU_CHANNEL, MenuCommand, validate } from '../ipc/contract';
import { CloseGuard, savePrompt } from './closeGuard';
import { fileMenu, mayReload, recentItems, reloadPrompt, viewMenu } from './menu';

const items = (menu: MenuItemConstructorOptions) => menu.submenu as MenuItemConstructorOptions[];
const names = (menu: MenuItemConstructorOptions) => items(menu).map((item) => item.role ?? item.id ?? item.type);

describe('the View menu', () => {
  it('has no Reload and no developer tools when packaged', () => {
    const menu = viewMenu({ packaged: true, reload: () => undefined });
    expect(names(menu)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
  });
  it("reloads through the guard when unpackaged (never Electron's own reload role)", () => {
    const reloads: boolean[] = [];
    const menu = viewMenu({ packaged: false, reload: (force) => reloads.push(force) });
    expect(names(menu).slice(0, 3)).toEqual(['reload', 'force-reload', 'toggleDevTools']);
    expect(items(menu).some((item) => item.role === 'reload' || item.role === 'forceReload')).toBe(false);
    for (const item of items(menu).slice(0, 2)) (item.click as () => void)();
    expect(reloads).toEqual([false, true]);
  });
});

describe('reloading with unsaved edits', () => {
  it('reloads a clean document without asking', async () => {
    let asked = 0;
    expect(await mayReload(false, () => Promise.resolve(++asked))).toBe(true);
    expect(asked).toBe(0);
  });
  it('asks when dirty: Reload reloads, Cancel, Esc or a failed box keeps the page', async () => {
    expect(await mayReload(true, () => Promise.resolve(0))).toBe(true);
    expect(await mayReload(true, () => Promise.resolve(1))).toBe(false);
    expect(await mayReload(true, () => Promise.resolve(-1))).toBe(false);
    expect(await mayReload(true, () => Promise.reject(new Error('no window')))).toBe(false);
    expect(reloadPrompt('a.ringside')).toMatchObject({ buttons: ['Reload', 'Cancel'], cancelId: 1, defaultId: 1 });
  });
  it('a 1,000-character title still reaches the boxes shortened', () => {
    const guard = new CloseGuard();
    guard.update({ dirty: true, title: 'T'.repeat(1000) });
    expect(guard.requestClose()).toBe('ask');
    expect(savePrompt(guard.state).message.length).toBeLessThan(140);
    expect(reloadPrompt(guard.state.title).message.length).toBeLessThan(140);
  });
});

describe('File → Open Recent', () => {
  it('lists Windows paths with a literal & kept (not taken as a mnemonic), and opens the one clicked', () => {
    const opened: string[] = [];
    const path = 'C:\\Users\\ada\\R&D\\a.ringside';
    const items = recentItems([path], { mac: false, open: (p) => opened.push(p), clear: () => undefined });
    expect(items[0]?.label).toBe('C:\\Users\\ada\\R&&D\\a.ringside');
    (items[0]?.click as () => void)();
    expect(opened).toEqual([path]);
    expect(recentItems([path], { mac: true, open: () => undefined, clear: () => undefined })[0]?.label).toBe(path);
  });
  it('says when there is nothing, with Clear Menu disabled', () => {
    const items = recentItems([], { mac: true, open: () => undefined, clear: () => undefined });
    expect(items.map((i) => [i.label, i.enabled])).toEqual([
      ['No Recent Files', false],
      [undefined, undefined],
      ['Clear Menu', false],
    ]);
  });
});

describe('the File menu', () => {
  const build = (mac = false) => {
    const sent: unknown[] = [];
    let reverts = 0;
    const menu = fileMenu({
      mac,
      canRevert: false,
      recent: [],
      send: (command) => sent.push(command),
      revert: () => reverts++,
    });
    const click = (id: string) => (items(menu).find((item) => item.id === id)?.click as () => void)();
    return { menu, sent, click, reverts: () => reverts };
  };
  it('has Import Device Log… after Open Recent, and it sends the import-log command the contract accepts (#26)', () => {
    const { menu, sent, click } = build();
    expect(names(menu).slice(0, 5)).toEqual(['new', 'open', 'open-recent', 'import-log', 'separator']);
    expect(items(menu).find((item) => item.id === 'import-log')?.label).toBe('Import Device Log…');
    click('import-log');
    expect(sent).toEqual([{ command: 'import-log' }]);
    expect(validate(MENU_CHANNEL, MenuCommand, sent[0]).ok).toBe(true);
  });
  it('sends every other document command, each one the contract accepts; Revert stays in main', () => {
    const { sent, click, reverts } = build();
    for (const id of ['new', 'open', 'save', 'save-as', 'revert']) click(id);
    expect(sent).toEqual([{ command: 'new' }, { command: 'open' }, { command: 'save' }, { command: 'save-as' }]);
    for (const command of sent) expect(validate(MENU_CHANNEL, MenuCommand, command).ok).toBe(true);
    expect(reverts()).toBe(1);
  });
  it('ends with Close on macOS and Quit elsewhere', () => {
    expect(names(build(true).menu).at(-1)).toBe('close');
    expect(names(build(false).menu).at(-1)).toBe('quit');
  });
});
