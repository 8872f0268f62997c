/**
 * The File and View menus, the reload guard and File → Open Recent's items. Pure (Electron's types
 * only), so the menus are unit-tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../ipc/contract';
import { displayTitle } from './closeGuard';

/**
 * File: the document's commands go to the renderer as menu commands; Open Recent and Revert read the
 * file in main first. Import Device Log… only opens the renderer's import dialog: the log is picked
 * there and read streaming in a worker, so the file never passes through main or IPC (#26).
 */
export function fileMenu(options: {
  mac: boolean;
  /** Revert is offered for a saved document with unsaved edits. */
  canRevert: boolean;
  recent: MenuItemConstructorOptions[];
  send: (command: MenuCommand) => void;
  revert: () => void;
}): MenuItemConstructorOptions {
  const { send } = options;
  return {
    label: 'File',
    submenu: [
      { label: 'New', id: 'new', accelerator: 'CmdOrCtrl+N', click: () => send({ command: 'new' }) },
      { label: 'Open…', id: 'open', accelerator: 'CmdOrCtrl+O', click: () => send({ command: 'open' }) },
      { label: 'Open Recent', id: 'open-recent', submenu: options.recent },
      { label: 'Import Device Log…', id: 'import-log', click: () => send({ command: 'import-log' }) },
      { type: 'separator' },
      { label: 'Save', id: 'save', accelerator: 'CmdOrCtrl+S', click: () => send({ command: 'save' }) },
      {
        label: 'Save As…',
        id: 'save-as',
        accelerator: 'Shift+CmdOrCtrl+S',
        click: () => send({ command: 'save-as' }),
      },
      { label: 'Revert', id: 'revert', enabled: options.canRevert, click: () => options.revert() },
      { type: 'separator' },
      options.mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
}

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
