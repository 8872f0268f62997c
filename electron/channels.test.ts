import { describe, expect, it } from 'vitest';
import { CHANNELS, dirtyOf, MAX_TITLE } from '../ipc/contract';
import { channelHandlers } from './channels';
import { CloseGuard } from './closeGuard';
import { FakeIpcMain } from './testing/fakeElectron';

interface Sender {
  frameUrl: string;
}
const window: Sender = { frameUrl: 'app://ringside/index.html' };
const stranger: Sender = { frameUrl: 'https://evil.example/' };

function setup() {
  const ipc = new FakeIpcMain<Sender>();
  const { handle } = channelHandlers(ipc, (event) => event === window);
  return { ipc, handle };
}

describe('main answers IPC only from its window, validated both ways (fake ipcMain)', () => {
  it('refuses a sender that is not the Ringside window, without running the handler', async () => {
    const { ipc, handle } = setup();
    let ran = 0;
    handle('appInfo', () => {
      ran++;
      return Promise.resolve({ version: '1', platform: 'linux', electron: '45' });
    });
    expect(await ipc.invoke(CHANNELS.appInfo.name, stranger)).toEqual({
      ok: false,
      error: 'ringside:app-info: refused: not sent by the Ringside window',
    });
    expect(ran).toBe(0);
  });
  it('validates what it answers, and reports a thrown error under the channel name', async () => {
    const { ipc, handle } = setup();
    handle('appInfo', () => Promise.resolve({ version: 1 }));
    handle('saveScenario', () => Promise.reject(new Error('EACCES: permission denied')));
    expect(await ipc.invoke(CHANNELS.appInfo.name, window)).toMatchObject({ ok: false });
    expect(await ipc.invoke(CHANNELS.saveScenario.name, window, { text: '{}' })).toEqual({
      ok: false,
      error: 'ringside:save-scenario: EACCES: permission denied',
    });
  });
});

describe('a document state refused for its title still tells main it is dirty', () => {
  function documentStateHandler() {
    const { ipc, handle } = setup();
    const guard = new CloseGuard();
    const seen: unknown[] = [];
    handle(
      'documentState',
      (request) => {
        seen.push(request);
        guard.update(request as never);
        return Promise.resolve(null);
      },
      (payload) => {
        const dirty = dirtyOf(payload);
        if (dirty !== undefined) guard.update({ ...guard.state, dirty });
      },
    );
    return { ipc, guard, seen };
  }
  it('answers with the validation error, runs nothing with the bad payload, and keeps dirty', async () => {
    const { ipc, guard, seen } = documentStateHandler();
    const answer = await ipc.invoke(CHANNELS.documentState.name, window, {
      dirty: true,
      title: 'x'.repeat(MAX_TITLE + 1),
    });
    expect(answer).toMatchObject({ ok: false, error: expect.stringContaining('title') as unknown });
    expect(seen).toEqual([]);
    expect(guard.state.dirty).toBe(true);
    // So closing asks instead of discarding the edits.
    expect(guard.requestClose()).toBe('ask');
  });
  it('ignores the same payload from a stranger', async () => {
    const { ipc, guard } = documentStateHandler();
    await ipc.invoke(CHANNELS.documentState.name, stranger, { dirty: true, title: 'x'.repeat(MAX_TITLE + 1) });
    expect(guard.state.dirty).toBe(false);
  });
});
