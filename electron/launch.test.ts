import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesFromArgv, handedOver, OpenQueue, routeLaunches, type LaunchShell } from './launch';
import { FakeApp } from './testing/fakeElectron';

const mac = { defaultApp: false, cwd: '/Users/ada', path: posix };
const win = { defaultApp: false, cwd: 'C:\\Users\\ada', path: win32 };

describe('files named in argv', () => {
  it('takes scenario files after the packaged executable, resolved against the working directory', () => {
    expect(filesFromArgv(['/Applications/Ringside.app/Contents/MacOS/Ringside', 'a.ringside'], mac)).toEqual([
      '/Users/ada/a.ringside',
    ]);
    expect(filesFromArgv(['/opt/Ringside/ringside', '/tmp/x.ringside.json', '../b.JSON'], mac)).toEqual([
      '/tmp/x.ringside.json',
      '/Users/b.JSON',
    ]);
  });
  it('skips the app path of `electron .` and Electron, Chromium and macOS flags', () => {
    const argv = [
      '/usr/lib/electron/electron',
      '--inspect=9229',
      '.',
      '--allow-file-access-from-files',
      '-psn_0_12345',
      '--original-process-start-time=13370000000',
      'scenario.ringside.json',
    ];
    expect(filesFromArgv(argv, { ...mac, defaultApp: true })).toEqual(['/Users/ada/scenario.ringside.json']);
    // Without the app-path rule, `electron /repo x.ringside` would treat the repo as a file to open.
    expect(filesFromArgv(['electron', '/repo/app.ringside', 'x.ringside'], { ...mac, defaultApp: true })).toEqual([
      '/Users/ada/x.ringside',
    ]);
  });
  it('reads a file named like a flag after `--`', () => {
    expect(filesFromArgv(['ringside', '--', '-odd.ringside'], mac)).toEqual(['/Users/ada/-odd.ringside']);
  });
  it('ignores what is not a scenario, duplicates and NUL bytes', () => {
    expect(
      filesFromArgv(['ringside', 'notes.txt', '.ringside', 'a.ringside', './a.ringside', 'b\0.ringside', ''], mac),
    ).toEqual(['/Users/ada/a.ringside']);
  });
  it('turns file:// URLs (Linux desktop entries pass %U) into paths', () => {
    expect(filesFromArgv(['ringside', 'file:///home/ada/My%20Call.ringside'], mac)).toEqual([
      '/home/ada/My Call.ringside',
    ]);
    expect(filesFromArgv(['ringside', 'file:///C:/Users/ada/a.ringside'], win)).toEqual(['C:\\Users\\ada\\a.ringside']);
    expect(filesFromArgv(['ringside', 'file://remote-host/%00.ringside'], mac)).toEqual([]);
  });
  it('understands Windows paths: drive letters, backslashes, relative to the working directory', () => {
    const exe = 'C:\\Program Files\\Ringside\\Ringside.exe';
    expect(filesFromArgv([exe, 'D:\\calls\\x.ringside'], win)).toEqual(['D:\\calls\\x.ringside']);
    expect(filesFromArgv([exe, 'calls\\y.ringside', '..\\z.ringside.json'], win)).toEqual([
      'C:\\Users\\ada\\calls\\y.ringside',
      'C:\\Users\\z.ringside.json',
    ]);
    expect(filesFromArgv([exe, 'D:/calls/w.ringside'], win)).toEqual(['D:\\calls\\w.ringside']);
  });
});

describe('files a second instance hands over', () => {
  it("prefers the second instance's own parse, keeping only absolute scenario paths", () => {
    const data = { files: ['/tmp/a.ringside', 'relative.ringside', '/etc/passwd', 42, '/tmp/b\0.ringside'] };
    expect(handedOver(['ringside', '--weird', '/tmp/other.ringside'], '/', data, mac)).toEqual(['/tmp/a.ringside']);
  });
  it('falls back to the argv when there is no handed-over list', () => {
    expect(handedOver(['ringside', 'c.ringside'], '/work', undefined, mac)).toEqual(['/work/c.ringside']);
    expect(handedOver(['ringside', 'c.ringside'], '/work', { files: 'c.ringside' }, mac)).toEqual(['/work/c.ringside']);
  });
});

function harness(argv: string[] = ['/opt/ringside/ringside']) {
  const app = new FakeApp();
  const opened: string[] = [];
  let shown = 0;
  const shell: LaunchShell = { open: (path) => opened.push(path), showWindow: () => shown++ };
  const queue = new OpenQueue(shell);
  const route = () => routeLaunches(app, queue, { argv, defaultApp: false, cwd: '/home/ada', path: posix });
  return { app, queue, opened, shown: () => shown, route };
}

describe('routing files to the one window (fake Electron)', () => {
  it('opens a file from its own command line once the renderer listens', () => {
    const h = harness(['/opt/ringside/ringside', 'first.ringside']);
    expect(h.route()).toBe(true);
    expect(h.app.lockData).toEqual({ files: ['/home/ada/first.ringside'] });
    expect(h.opened).toEqual([]);
    expect(h.queue.waiting).toBe('/home/ada/first.ringside');
    h.queue.rendererReady();
    expect(h.opened).toEqual(['/home/ada/first.ringside']);
  });
  it('a second instance quits at once, handing its files over with the lock request', () => {
    const h = harness(['/opt/ringside/ringside', 'other.ringside']);
    h.app.lockAvailable = false;
    expect(h.route()).toBe(false);
    expect(h.app.quitCalls).toBe(1);
    expect(h.app.lockData).toEqual({ files: ['/home/ada/other.ringside'] });
    expect(h.app.listenerCount('second-instance')).toBe(0);
    expect(h.app.listenerCount('open-file')).toBe(0);
  });
  it("opens a second instance's file in the running window and brings the window forward", () => {
    const h = harness();
    h.route();
    h.queue.rendererReady();
    h.app.secondInstance(['/opt/ringside/ringside', '--flag', 'b.ringside'], '/srv', { files: ['/srv/b.ringside'] });
    expect(h.opened).toEqual(['/srv/b.ringside']);
    expect(h.shown()).toBe(1);
    h.app.secondInstance(['/opt/ringside/ringside'], '/srv', { files: [] });
    expect(h.opened).toEqual(['/srv/b.ringside']);
    expect(h.shown()).toBe(2);
  });
  it('handles macOS open-file (preventDefault) and waits while the page reloads', () => {
    const h = harness();
    h.route();
    expect(h.app.openFile('/Users/ada/early.ringside')).toBe(true);
    expect(h.opened).toEqual([]);
    h.queue.rendererReady();
    expect(h.opened).toEqual(['/Users/ada/early.ringside']);
    h.queue.rendererGone();
    h.app.openFile('/Users/ada/one.ringside');
    h.app.openFile('/Users/ada/two.ringside');
    h.queue.rendererReady();
    // One window, one document: the latest request wins, and nothing is opened twice.
    expect(h.opened).toEqual(['/Users/ada/early.ringside', '/Users/ada/two.ringside']);
    h.queue.rendererReady();
    expect(h.opened).toHaveLength(2);
  });
});
