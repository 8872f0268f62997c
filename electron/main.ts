/**
 * Ringside's Electron main process: a thin, hardened shell around the renderer. The bundle is served
 * from app:// (never file://) with a strict CSP; the renderer is sandboxed with context isolation and
 * talks to main only through the validated channels of ipc/contract.ts.
 *
 * Document habits: File → Open Recent (recent.ts, kept in userData/recent.json), File → Revert, and
 * the Save / Don't Save / Cancel box when a window with unsaved changes closes, the app quits or the page
 * reloads (closeGuard.ts, menu.ts). One instance: files from the Finder, Explorer, the command line or
 * a second instance open in the running window (launch.ts). The renderer reports its document state on `ringside:document-state`; the window
 * title itself follows the renderer's document.title (Electron's default), so it has one source.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dirtyOf, MAX_SCENARIO_TEXT, MENU_CHANNEL, MenuCommand, validate } from '../ipc/contract';
import { channelHandlers } from './channels';
import { choiceFromResponse, CloseGuard, savePrompt, type CloseAction, type DocumentState } from './closeGuard';
import { atomicWrite, readTextFile, type ReadLimit } from './files';
import { OpenQueue, routeLaunches, SCENARIO_EXTENSIONS } from './launch';
import { fileMenu, mayReload, recentItems, reloadPrompt, viewMenu } from './menu';
import { RECENT_FILE, RecentList } from './recent';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, devServerUrl, isAppUrl, isExternalLink, resolveInside } from './security';

const RENDERER_ROOT = join(__dirname, '..', 'renderer');
/** Only an unpackaged app (`npm run dev`) loads the dev server; a packaged one always its own bundle. */
const DEV_URL = devServerUrl(process.env.RINGSIDE_DEV_URL, app.isPackaged);
/** Files main reads whole: a scenario (the IPC's limit) and the recent list (a few paths). */
const SCENARIO_LIMIT: ReadLimit = { maxBytes: MAX_SCENARIO_TEXT, what: 'scenario' };
const RECENT_LIMIT_BYTES: ReadLimit = { maxBytes: 1024 * 1024, what: 'recent files list' };

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | undefined;

const isMac = process.platform === 'darwin';
const guard = new CloseGuard();
/** Paths the user picked in a dialog, the recent list or the Finder: the only ones a document may claim. */
const knownPaths = new Set<string>();
/** Files from the system wait here until the renderer listens for menu commands. */
const opening = new OpenQueue({
  open: (path) => void openFile(path, 'open-recent'),
  showWindow: () => {
    if (!app.isReady()) return;
    if (!mainWindow) return createWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  },
});
/** False in a second Ringside process: it has handed its files to the first and quits. */
const primary = routeLaunches(app, opening, {
  argv: process.argv,
  defaultApp: process.defaultApp === true,
  cwd: process.cwd(),
});

const recentFile = () => join(app.getPath('userData'), RECENT_FILE);
const recent = new RecentList({
  read: () => readTextFile(recentFile(), RECENT_LIMIT_BYTES),
  write: async (text) => {
    await mkdir(app.getPath('userData'), { recursive: true });
    await atomicWrite(recentFile(), text);
  },
  exists: (path) => existsSync(path),
  onError: (error) => console.error(`ringside: could not save ${RECENT_FILE}:`, error),
});

function rememberRecent(path: string): void {
  knownPaths.add(path);
  recent.add(path);
  if (isMac) app.addRecentDocument(path);
}

function serveApp(): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'ringside' ? resolveInside(RENDERER_ROOT, url.pathname) : undefined;
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** The IPC handlers: only the window's own top frame, served from the app, is answered. */
const { handle } = channelHandlers<IpcMainInvokeEvent>(ipcMain, (event) => {
  const frame = event.senderFrame;
  return Boolean(
    mainWindow &&
    event.sender === mainWindow.webContents &&
    frame &&
    frame === mainWindow.webContents.mainFrame &&
    isAppUrl(frame.url, DEV_URL),
  );
});

function registerIpc(): void {
  handle('appInfo', () =>
    Promise.resolve({
      version: app.getVersion(),
      platform: process.platform,
      electron: process.versions.electron ?? '',
    }),
  );
  handle('openScenario', async () => {
    const result = await dialog.showOpenDialog(mainWindow!, {
      title: 'Open scenario',
      filters: [{ name: 'Ringside scenarios', extensions: SCENARIO_EXTENSIONS.map((ext) => ext.slice(1)) }],
      properties: ['openFile'],
    });
    const path = result.filePaths[0];
    if (result.canceled || !path) return { cancelled: true };
    const text = await readTextFile(path, SCENARIO_LIMIT);
    knownPaths.add(path);
    return { path, text };
  });
  handle('saveScenario', async (request) => {
    const { path: given, text } = request as { path?: string; text: string };
    let path = given;
    try {
      // The renderer may only save over a file the user chose (a dialog, Open Recent, the Finder):
      // a compromised renderer must not be able to write anywhere else.
      if (given !== undefined && !knownPaths.has(given)) {
        throw new Error(`path: refused: ${given} was not opened or saved through Ringside; use Save As…`);
      }
      if (!path) {
        const result = await dialog.showSaveDialog(mainWindow!, {
          title: 'Save scenario',
          defaultPath: 'scenario.ringside.json',
        });
        if (result.canceled || !result.filePath) {
          act(guard.saveFinished('cancelled'));
          return { cancelled: true };
        }
        path = result.filePath;
      }
      await atomicWrite(path, text);
    } catch (error) {
      act(guard.saveFinished('failed'));
      throw error;
    }
    rememberRecent(path);
    buildMenu();
    // During Save / Don't Save / Cancel: the window closes once the renderer reports itself clean.
    act(guard.saveFinished('saved'));
    return { path };
  });
  handle(
    'documentState',
    (request) => {
      const reported = request as DocumentState;
      documentState(reported);
      if (reported.path !== undefined && !knownPaths.has(reported.path)) {
        throw new Error(`path: refused: ${reported.path} was not opened or saved through Ringside`);
      }
      return Promise.resolve(null);
    },
    (payload) => {
      // A state refused for its title or path still says whether there are unsaved edits: closing and
      // reloading must keep asking.
      const dirty = dirtyOf(payload);
      if (dirty !== undefined) documentState({ ...guard.state, dirty });
    },
  );
}

/** The renderer's document state, as far as main believes it. */
function documentState(reported: DocumentState): void {
  // A path main never handed out is not believed (Revert would read it), but the dirty flag still
  // counts, so the close prompt keeps working.
  const refused = reported.path !== undefined && !knownPaths.has(reported.path);
  const state: DocumentState = refused ? { dirty: reported.dirty, title: reported.title } : reported;
  const before = guard.state;
  const action = guard.update(state);
  if (isMac && mainWindow) {
    mainWindow.setDocumentEdited(state.dirty);
    mainWindow.setRepresentedFilename(state.path ?? '');
  }
  if (state.path && state.path !== before.path) rememberRecent(state.path);
  if (state.path !== before.path || state.dirty !== before.dirty) buildMenu();
  opening.rendererReady();
  act(action);
}

/** Sends a menu command, validated like everything else that crosses IPC. */
function send(command: MenuCommand): void {
  const checked = validate(MENU_CHANNEL, MenuCommand, command);
  if (!checked.ok) {
    void showError('Ringside could not do that', checked.error);
    return;
  }
  mainWindow?.webContents.send(MENU_CHANNEL, checked.value);
}

async function showError(message: string, detail: unknown): Promise<void> {
  const text = detail instanceof Error ? detail.message : String(detail);
  if (mainWindow) await dialog.showMessageBox(mainWindow, { type: 'error', message, detail: text, noLink: true });
  else dialog.showErrorBox(message, text);
}

/** Open Recent (and files from the Finder) and Revert: read here, validated by the renderer like Open…. */
async function openFile(path: string, command: 'open-recent' | 'revert'): Promise<void> {
  let text: string;
  try {
    text = await readTextFile(path, SCENARIO_LIMIT);
  } catch (error) {
    if (command === 'open-recent') {
      recent.remove(path);
      buildMenu();
    }
    await showError(`Could not open “${basename(path)}”.`, error);
    return;
  }
  knownPaths.add(path);
  send({ command, path, text });
}

async function revert(): Promise<void> {
  const window = mainWindow;
  const { path, dirty } = guard.state;
  if (!window || !path || !dirty) return;
  const { response } = await dialog.showMessageBox(window, {
    type: 'warning',
    buttons: ['Revert', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
    message: 'Revert to the saved version? You will lose your unsaved changes.',
  });
  if (response === 0) await openFile(path, 'revert');
}

/** View → Reload (unpackaged only): asks first when there are unsaved edits. */
async function reload(force: boolean): Promise<void> {
  const window = mainWindow;
  if (!window) return;
  const ask = () => dialog.showMessageBox(window, reloadPrompt(guard.state.title)).then((r) => r.response);
  if (!(await mayReload(guard.state.dirty, ask)) || window.isDestroyed()) return;
  if (force) window.webContents.reloadIgnoringCache();
  else window.webContents.reload();
}

/** Does what the close guard decided. */
function act(action: CloseAction | 'wait'): void {
  if (action === 'save-then-close') send({ command: 'save' });
  if (action === 'close') {
    if (guard.quitting) app.quit();
    else mainWindow?.close();
  }
}

async function askToSave(window: BrowserWindow): Promise<void> {
  let response = -1;
  try {
    ({ response } = await dialog.showMessageBox(window, savePrompt(guard.state)));
  } catch (error) {
    console.error('ringside: the save prompt failed:', error);
  }
  act(guard.answer(choiceFromResponse(response)));
}

function recentMenu(): Electron.MenuItemConstructorOptions[] {
  return recentItems(recent.current(), {
    mac: isMac,
    open: (path) => void openFile(path, 'open-recent'),
    clear: () => {
      recent.clear();
      if (isMac) app.clearRecentDocuments();
      buildMenu();
    },
  });
}

function buildMenu(): void {
  const { path, dirty } = guard.state;
  const template: Electron.MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    fileMenu({
      mac: isMac,
      canRevert: Boolean(path) && dirty,
      recent: recentMenu(),
      send,
      revert: () => void revert(),
    }),
    { role: 'editMenu' },
    viewMenu({ packaged: app.isPackaged, reload: (force) => void reload(force) }),
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        // The renderer shows its list of keys and pointer gestures (the same as `?`).
        { label: 'Keyboard Shortcuts', id: 'shortcuts', click: () => send({ command: 'shortcuts' }) },
        {
          label: 'About the rules (Apple Developer Forums)',
          click: () => void shell.openExternal('https://developer.apple.com/forums/'),
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Ringside',
    backgroundColor: '#101418',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  const window = mainWindow;
  window.once('ready-to-show', () => window.show());
  // Unsaved changes: prevent the close, ask, then close (or quit) again once the guard says so.
  window.on('close', (event) => {
    const request = guard.requestClose();
    if (request === 'close') return;
    event.preventDefault();
    if (request === 'ask') void askToSave(window);
  });
  window.webContents.on('did-start-loading', () => opening.rendererGone());
  mainWindow.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  mainWindow.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, DEV_URL)) event.preventDefault();
  });
  void mainWindow.loadURL(DEV_URL ?? `${APP_ORIGIN}/index.html`);
  mainWindow.on('closed', () => {
    mainWindow = undefined;
    opening.rendererGone();
    guard.reset();
    buildMenu();
  });
}

void app.whenReady().then(async () => {
  if (!primary) return;
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveApp();
  registerIpc();
  for (const path of await recent.load()) knownPaths.add(path);
  buildMenu();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('before-quit', () => guard.beginQuit());

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});
