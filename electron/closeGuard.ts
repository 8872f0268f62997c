/**
 * Closing or quitting with unsaved changes. Pure: main feeds it the renderer's document state, the
 * window's close attempts, the answer of the Save / Don't Save / Cancel box and how the save went,
 * and does what it says. A save that fails or is cancelled keeps the window; after a save the window
 * closes only once the renderer reports the document clean.
 */

import type { DocumentState } from '../ipc/contract';

/** What the renderer reports whenever it changes (channel `ringside:document-state`, ipc/contract.ts). */
export type { DocumentState };

export type SaveChoice = 'save' | 'dont-save' | 'cancel';
export type CloseAction = 'close' | 'save-then-close' | 'stay';
/** What to do with a close attempt: let it happen, prevent it and ask, or prevent it (a box is already up). */
export type CloseRequest = 'close' | 'ask' | 'wait';
export type SaveOutcome = 'saved' | 'cancelled' | 'failed';

/** The buttons of the box, in order; `choiceFromResponse` maps the box's answer back. */
export const SAVE_BUTTONS = ['Save', "Don't Save", 'Cancel'] as const;
const CHOICES: readonly SaveChoice[] = ['save', 'dont-save', 'cancel'];

/** The box's answer (a button index) as a choice; anything unexpected (Esc, a closed box) is Cancel. */
export function choiceFromResponse(response: number): SaveChoice {
  return CHOICES[response] ?? 'cancel';
}

/** How many characters of a title a message box shows. */
export const DISPLAY_TITLE = 80;

/** A title short enough for a message box (a scenario's title may be long; the IPC allows 1,000). */
export function displayTitle(title: string): string {
  const chars = Array.from(title);
  return chars.length <= DISPLAY_TITLE ? title : `${chars.slice(0, DISPLAY_TITLE - 1).join('')}…`;
}

/** The native message box for a dirty document. */
export function savePrompt(state: DocumentState) {
  return {
    type: 'warning' as const,
    buttons: [...SAVE_BUTTONS],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: `Do you want to save the changes you made to “${displayTitle(state.title)}”?`,
    detail: "Your changes will be lost if you don't save them.",
  };
}

/** The decision alone: a clean document closes; a dirty one does what the box said. */
export function decide(dirty: boolean, choice: SaveChoice | undefined): CloseAction {
  if (!dirty) return 'close';
  if (choice === 'save') return 'save-then-close';
  if (choice === 'dont-save') return 'close';
  return 'stay';
}

type Phase = 'idle' | 'asking' | 'saving' | 'saved' | 'closing';

export class CloseGuard {
  private doc: DocumentState = { dirty: false, title: 'Ringside' };
  private phase: Phase = 'idle';
  private quit = false;

  get state(): DocumentState {
    return this.doc;
  }

  /** True while the close under way is part of quitting the app (main then quits rather than closes). */
  get quitting(): boolean {
    return this.quit;
  }

  /** The app is quitting (`before-quit`); the window's close attempt follows. */
  beginQuit(): void {
    this.quit = true;
  }

  /** The window's `close` event. */
  requestClose(): CloseRequest {
    if (this.phase === 'closing' || !this.doc.dirty) {
      this.quit = false;
      return 'close';
    }
    if (this.phase === 'asking') return 'wait';
    // idle, or a save that never reported back (ask again rather than never letting the window close)
    this.phase = 'asking';
    return 'ask';
  }

  /** The box's answer. */
  answer(choice: SaveChoice): CloseAction {
    if (this.phase !== 'asking') return 'stay';
    const action = decide(this.doc.dirty, choice);
    if (action === 'close') this.phase = 'closing';
    else if (action === 'save-then-close') this.phase = 'saving';
    else this.stay();
    return action;
  }

  /** How a save went (main's save handler knows: written, dialog cancelled, or an error). */
  saveFinished(outcome: SaveOutcome): CloseAction | 'wait' {
    if (this.phase !== 'saving') return 'stay';
    if (outcome !== 'saved') {
      this.stay();
      return 'stay';
    }
    if (!this.doc.dirty) {
      this.phase = 'closing';
      return 'close';
    }
    this.phase = 'saved';
    return 'wait';
  }

  /** The renderer's document state; after a save it decides whether the window may close. */
  update(state: DocumentState): CloseAction | 'wait' {
    this.doc = state;
    if (this.phase !== 'saved') return this.phase === 'closing' ? 'wait' : 'stay';
    if (state.dirty) {
      // edited again while saving, or the save did not take: keep the window
      this.stay();
      return 'stay';
    }
    this.phase = 'closing';
    return 'close';
  }

  /** The window is gone (a new one starts clean). */
  reset(): void {
    this.doc = { dirty: false, title: 'Ringside' };
    this.phase = 'idle';
    this.quit = false;
  }

  private stay(): void {
    this.phase = 'idle';
    this.quit = false;
  }
}
