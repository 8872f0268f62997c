/**
 * The View menu, the reload guard and File → Open Recent's items. Pure (Electron's types only), so the
 * menus are unit-tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { displayTitle } from './closeGuard';

/**
 * View: zoom and full screen for everyone; Reload, Force Reload and the developer tools only in an
 * unpackaged app (`npm start`), where they help development. Reload goes through `reload`, which asks
 * before unsaved edits are thrown away (Electron's own reload role would not).
 */
export function viewMenu(options: { packaged: boolean; reload(force: boolean): void }): MenuItemConstructorOptions {
  const development: MenuItemConstructorOptions[] = options.packaged
    ? []
    : [
        { label: 'Reload', id: 'reload', accelerator: 'CmdOrCtrl+R', click: () => options.reload(false) },
        {
          label: 'Force Reload',
          id: 'force-reload',
          accelerator: 'Shift+CmdOrCtrl+R',
          click: () => options.reload(true),
        },
        { role: 'toggleDevTools' },
        { type: 'separator' },
      ];
  return {
    label: 'View',
    submenu: [
      ...development,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
}

/** The box shown before a reload would discard unsaved edits; button 0 reloads. */
export function reloadPrompt(title: string) {
  return {
    type: 'warning' as const,
    buttons: ['Reload', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    message: `Reload and lose the changes you made to “${displayTitle(title)}”?`,
    detail: 'Your changes will be lost if you reload.',
  };
}

/** True when the page may reload: a clean document at once, a dirty one only if the box says Reload. */
export async function mayReload(dirty: boolean, ask: () => Promise<number>): Promise<boolean> {
  if (!dirty) return true;
  try {
    return (await ask()) === 0;
  } catch {
    return false;
  }
}

/** A menu label: on Windows and Linux `&` marks a mnemonic, so a literal one (a path's) is doubled. */
export function menuLabel(text: string, mac: boolean): string {
  return mac ? text : text.replace(/&/g, '&&');
}

/** File → Open Recent: one item per path, most recent first, then Clear Menu. */
export function recentItems(
  paths: readonly string[],
  options: { mac: boolean; open(path: string): void; clear(): void },
): MenuItemConstructorOptions[] {
  return [
    ...(paths.length > 0
      ? paths.map((path) => ({ label: menuLabel(path, options.mac), click: () => options.open(path) }))
      : [{ label: 'No Recent Files', enabled: false }]),
    { type: 'separator' },
    { label: 'Clear Menu', id: 'clear-recent', enabled: paths.length > 0, click: () => options.clear() },
  ];
}
