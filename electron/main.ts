/**
 * Ringside's Electron main process: a thin, hardened shell around the renderer. The bundle is served
 * from app:// (never file://) with a strict CSP; the renderer is sandboxed with context isolation and
 * talks to main only through the validated channels of ipc-contract.ts.
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
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { atomicWrite } from './files';
import { CHANNELS, MENU_CHANNEL, validate, type Answer, type MenuCommand } from './ipc-contract';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, isAppUrl, isExternalLink, resolveInside } from './security';

const RENDERER_ROOT = join(__dirname, '..', 'renderer');
const DEV_URL = process.env.RINGSIDE_DEV_URL;

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | undefined;

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

/** Answers only the app's own top frame; validates the payload and the answer. */
function handle<K extends keyof typeof CHANNELS>(key: K, run: (request: unknown) => Promise<unknown>): void {
  const channel = CHANNELS[key];
  ipcMain.handle(channel.name, async (event: IpcMainInvokeEvent, payload: unknown): Promise<Answer<unknown>> => {
    const frame = event.senderFrame;
    if (
      !mainWindow ||
      event.sender !== mainWindow.webContents ||
      !frame ||
      frame !== mainWindow.webContents.mainFrame ||
      !isAppUrl(frame.url)
    ) {
      return { ok: false, error: `${channel.name}: refused: not sent by the Ringside window` };
    }
    const request = validate(channel.name, channel.request as never, payload);
    if (!request.ok) return request;
    try {
      return validate(channel.name, channel.value as never, await run(request.value));
    } catch (error) {
      return { ok: false, error: `${channel.name}: ${error instanceof Error ? error.message : String(error)}` };
    }
  });
}

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
      filters: [{ name: 'Ringside scenarios', extensions: ['json'] }],
      properties: ['openFile'],
    });
    const path = result.filePaths[0];
    if (result.canceled || !path) return { cancelled: true };
    return { path, text: await readFile(path, 'utf8') };
  });
  handle('saveScenario', async (request) => {
    const { path: given, text } = request as { path?: string; text: string };
    let path = given;
    if (!path) {
      const result = await dialog.showSaveDialog(mainWindow!, {
        title: 'Save scenario',
        defaultPath: 'scenario.ringside.json',
      });
      if (result.canceled || !result.filePath) return { cancelled: true };
      path = result.filePath;
    }
    await atomicWrite(path, text);
    return { path };
  });
}

function send(command: MenuCommand): void {
  mainWindow?.webContents.send(MENU_CHANNEL, command);
}

function buildMenu(): void {
  const isMac = process.platform === 'darwin';
  const template: Electron.MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New', accelerator: 'CmdOrCtrl+N', click: () => send('new') },
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => send('open') },
        { type: 'separator' },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: () => send('save') },
        { label: 'Save As…', accelerator: 'Shift+CmdOrCtrl+S', click: () => send('save-as') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
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
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  mainWindow.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  void mainWindow.loadURL(DEV_URL ?? `${APP_ORIGIN}/index.html`);
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
}

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveApp();
  registerIpc();
  buildMenu();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});
