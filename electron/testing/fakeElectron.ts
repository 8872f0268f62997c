/**
 * A stand-in for the parts of Electron's `app` the shell's modules take by injection (there is no
 * Electron binary where the unit tests run, and nothing may load the `electron` package then).
 * Events are delivered synchronously, like Electron's EventEmitter.
 */
type Listener = (...args: never[]) => unknown;

export class FakeApp {
  /** What a second process would get from requestSingleInstanceLock: false when another instance holds it. */
  lockAvailable = true;
  /** The additionalData passed with the lock request. */
  lockData: unknown;
  quitCalls = 0;
  private readonly listeners = new Map<string, Listener[]>();

  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    this.lockData = additionalData;
    return this.lockAvailable;
  }

  quit(): void {
    this.quitCalls++;
  }

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  /** How many listeners an event has. */
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  /** macOS `open-file`; true when a listener called preventDefault (as Electron requires to handle it). */
  openFile(path: string): boolean {
    let prevented = false;
    this.emit('open-file', { preventDefault: () => (prevented = true) }, path);
    return prevented;
  }

  /** A second instance started with `argv` in `workingDirectory`, handing over `additionalData`. */
  secondInstance(argv: string[], workingDirectory: string, additionalData?: unknown): void {
    this.emit('second-instance', {}, argv, workingDirectory, additionalData);
  }

  private emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
}

/** A stand-in for ipcMain: `invoke` plays the renderer's ipcRenderer.invoke with a chosen sender. */
export class FakeIpcMain<E> {
  private readonly handlers = new Map<string, (event: E, payload: unknown) => Promise<unknown>>();

  handle(channel: string, listener: (event: E, payload: unknown) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  invoke(channel: string, event: E, payload?: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return handler(event, payload);
  }
}
