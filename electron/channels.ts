/**
 * main's side of the IPC channels (ipc/contract.ts): each handler answers only the Ringside window's
 * own top frame, validates the request and its own answer, and turns a thrown error into an answer
 * naming the channel. Electron's ipcMain is injected (a fake one in the unit tests).
 */
import { CHANNELS, validate, type Answer, type ChannelKey } from '../ipc/contract';

/** The part of ipcMain the handlers use; `E` is Electron's IpcMainInvokeEvent in main. */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, payload: unknown) => Promise<Answer<unknown>>): void;
}

export interface ChannelHandlers {
  /**
   * Handles channel `key` with `run`. `refused` sees a request that failed validation from the trusted
   * window (the answer is the validation error all the same): main still reads what it safely can.
   */
  handle(
    this: void,
    key: ChannelKey,
    run: (request: unknown) => Promise<unknown>,
    refused?: (payload: unknown) => void,
  ): void;
}

/** Handlers on `ipcMain` that trust only what `trusted` accepts (main: the window's top app:// frame). */
export function channelHandlers<E>(ipcMain: IpcMainLike<E>, trusted: (event: E) => boolean): ChannelHandlers {
  return {
    handle(key, run, refused) {
      const channel = CHANNELS[key];
      ipcMain.handle(channel.name, async (event, payload) => {
        if (!trusted(event)) return { ok: false, error: `${channel.name}: refused: not sent by the Ringside window` };
        const request = validate(channel.name, channel.request as never, payload);
        if (!request.ok) {
          refused?.(payload);
          return request;
        }
        try {
          return validate(channel.name, channel.value as never, await run(request.value));
        } catch (error) {
          return { ok: false, error: `${channel.name}: ${error instanceof Error ? error.message : String(error)}` };
        }
      });
    },
  };
}
