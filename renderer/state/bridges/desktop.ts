/**
 * The desktop shell's API (electron/preload.ts exposes it as window.ringside). Absent in the web build.
 * Its types and channels are the IPC contract in ipc/contract.ts, shared with the shell.
 */
import type { DesktopApi } from '../../../ipc/contract';

export type { DesktopApi } from '../../../ipc/contract';

export function desktop(): DesktopApi | undefined {
  return (window as unknown as { ringside?: DesktopApi }).ringside;
}
