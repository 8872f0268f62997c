// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopApi, MenuCommand } from '../../../ipc/contract';
import type { ScenarioFile } from '../../../machines';
import { LogImportDialog } from '../../components/LogImportDialog';
import { useDocumentFile } from './useDocumentFile';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const CORPUS = join(import.meta.dirname, '../../../machines/log/corpus');
const doc: ScenarioFile = { format: 'ringside.scenario/v1', title: 'Current', duration: '60s', timeline: [] };

/** The app's wiring of the import, as App composes it: the document's file hooks and the dialog. */
function Harness(props: { load: (file: ScenarioFile) => void }) {
  const { log, notice } = useDocumentFile({ file: doc, edits: 0, load: props.load });
  return (
    <>
      <LogImportDialog state={log.state} onCancel={log.cancel} onOpen={log.open} onChosen={log.start} />
      {notice && <p className="notice">{notice.text}</p>}
    </>
  );
}

let root: Root;
let menu: ((command: MenuCommand) => void) | undefined;
const ok = (value: unknown) => Promise.resolve({ ok: true as const, value });
const shell: DesktopApi = {
  appInfo: () => ok({}),
  openScenario: () => ok({ cancelled: true }),
  saveScenario: () => ok({ cancelled: true }),
  setDocumentState: () => ok(null),
  onMenu: (listener) => {
    menu = listener;
    return () => (menu = undefined);
  },
};
const dialog = () => document.querySelector<HTMLDialogElement>('dialog[aria-label="Import a device log"]');
const button = (text: string) => [...dialog()!.querySelectorAll('button')].find((b) => b.textContent === text)!;
/** Lets the import's reading (promises, blob streams) run, inside act, until `check` passes. */
const settle = (check: () => void) =>
  vi.waitFor(async () => {
    await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
    check();
  });

beforeEach(() => {
  // No module workers on this page: the import reads the log on the page, as the worker would.
  vi.stubGlobal('Worker', undefined);
  (window as unknown as { ringside?: DesktopApi }).ringside = shell;
  root = createRoot(document.body.appendChild(document.createElement('div')));
});
afterEach(() => {
  act(() => root.unmount());
  delete (window as unknown as { ringside?: DesktopApi }).ringside;
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('File → Import Device Log… in the desktop app (#26)', () => {
  it('opens the import dialog on its file picker; a picked log goes to the preview, then opens', async () => {
    const load = vi.fn();
    act(() => root.render(<Harness load={load} />));
    expect(dialog()).toBeNull();
    expect(menu).toBeDefined();

    act(() => menu?.({ command: 'import-log' }));
    expect(dialog()?.open).toBe(true);
    const input = dialog()!.querySelector<HTMLInputElement>('input[type=file][aria-label="Choose a device log file"]');
    expect(input).not.toBeNull();

    const text = readFileSync(join(CORPUS, 'synthetic-kill-0xbaadca11.log'), 'utf8');
    const file = new File([text], 'kill.log', { type: 'text/plain' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    act(() => void input!.dispatchEvent(new Event('change', { bubbles: true })));
    await settle(() => expect(dialog()?.querySelector('h2')?.textContent).toBe('Import kill.log'));
    expect(load).not.toHaveBeenCalled();

    act(() => dialog()!.querySelector<HTMLButtonElement>('button[type=submit]')!.click());
    expect(load).toHaveBeenCalledTimes(1);
    const opened = load.mock.calls[0]![0] as ScenarioFile;
    expect(opened.title).toBe('Imported: kill.log');
    expect(opened.timeline.filter((e) => e.do === 'push')).toHaveLength(1);
    expect(dialog()).toBeNull();
  });

  it('reads pasted lines too', async () => {
    act(() => root.render(<Harness load={vi.fn()} />));
    act(() => menu?.({ command: 'import-log' }));
    expect(button('Read pasted lines').disabled).toBe(true);
    const area = dialog()!.querySelector('textarea')!;
    const text = readFileSync(join(CORPUS, 'seed-003-null-session.log'), 'utf8');
    act(() => {
      // React follows the native value setter, as when the user pastes.
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(area, text);
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => button('Read pasted lines').click());
    await settle(() => expect(dialog()?.querySelector('h2')?.textContent).toBe('Import pasted text'));
    expect(dialog()!.querySelector('.log-lines tbody')?.textContent).toContain('Creating proxy session failed');
  });

  it('a binary file picked there is refused with a clear error, and the document is kept', async () => {
    const load = vi.fn();
    act(() => root.render(<Harness load={load} />));
    act(() => menu?.({ command: 'import-log' }));
    const input = dialog()!.querySelector<HTMLInputElement>('input[type=file]')!;
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7919) % 256);
    Object.defineProperty(input, 'files', { value: [new File([bytes], 'sysdiagnose.tar.gz')], configurable: true });
    act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
    await settle(() => expect(dialog()).toBeNull());
    expect(document.querySelector('.notice')?.textContent).toMatch(
      /^sysdiagnose\.tar\.gz: cannot import: .*binary.* — nothing was opened\.$/,
    );
    expect(load).not.toHaveBeenCalled();
  });

  it('Cancel closes it and the document is kept', () => {
    const load = vi.fn();
    act(() => root.render(<Harness load={load} />));
    act(() => menu?.({ command: 'import-log' }));
    act(() => button('Cancel').click());
    expect(dialog()).toBeNull();
    expect(load).not.toHaveBeenCalled();
  });

  it('other menu commands do not open it', () => {
    act(() => root.render(<Harness load={vi.fn()} />));
    act(() => menu?.({ command: 'shortcuts' }));
    expect(dialog()).toBeNull();
  });
});
