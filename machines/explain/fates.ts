/** How fates are shown everywhere (UI, CLI, reports): a symbol beside the word, never colour alone. */
import type { Fate } from '../scenario/types';
import { GOOD_FATES } from './whatif';

/** A fate as a word and a symbol, never colour alone; `tone` is only a hint for colour. */
export const FATE_SYMBOL: Readonly<Record<Fate, string>> = {
  rang: '✓',
  'in-app': '▣',
  stale: '⚠',
  duplicate: '≡',
  exempt: '○',
  missed: '☏',
  crashed: '✕',
  killed: '☠',
  throttled: '⊘',
  expired: '◌',
  superseded: '⤳',
  undelivered: '…',
  delivered: '✓',
  ignored: '∅',
};

/** Good: the core's good fates (whatif.ts). Bad: the app was punished or blocked. Warn: everything else. */
export type FateTone = 'good' | 'warn' | 'bad';
const BAD_FATES: ReadonlySet<Fate> = new Set(['crashed', 'killed', 'throttled']);
export const fateTone = (f: Fate): FateTone => (GOOD_FATES.has(f) ? 'good' : BAD_FATES.has(f) ? 'bad' : 'warn');
