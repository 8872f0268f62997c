/**
 * The preload: one small, typed API on window.ringside. Every call goes through a channel of
 * ipc/contract.ts and its answer is validated again here.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  CHANNELS,
  ipcTitle,
  MENU_CHANNEL,
  MenuCommand,
  validate,
  type Answer,
  type DesktopApi,
  type DocumentState,
} from '../ipc/contract';

async function invoke<K extends keyof typeof CHANNELS>(key: K, payload?: unknown): Promise<Answer<unknown>> {
  const channel = CHANNELS[key];
  const request = validate(channel.name, channel.request as never, payload);
  if (!request.ok) return request;
  const answer = (await ipcRenderer.invoke(channel.name, payload)) as Answer<unknown>;
  return answer.ok ? validate(channel.name, channel.value as never, answer.value) : answer;
}

const api = {
  appInfo: () => invoke('appInfo'),
  openScenario: () => invoke('openScenario'),
  saveScenario: (request: { path?: string; text: string }) => invoke('saveScenario', request),
  // The title is shortened here too, so no caller can get `dirty` refused for a long title.
  setDocumentState: (state: DocumentState) => invoke('documentState', { ...state, title: ipcTitle(state.title) }),
  onMenu: (listener: (command: MenuCommand) => void): (() => void) => {
    const wrapped = (_event: unknown, command: unknown) => {
      const parsed = MenuCommand.safeParse(command);
      if (parsed.success) listener(parsed.data);
    };
    ipcRenderer.on(MENU_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(MENU_CHANNEL, wrapped);
  },
};

export type RingsideApi = typeof api;

// The renderer codes against DesktopApi; this line fails the build if the preload drifts from it.
const _contract: DesktopApi = api;
void _contract;

contextBridge.exposeInMainWorld('ringside', api);
