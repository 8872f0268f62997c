import type { AnyActorRef } from 'xstate';
import type { PendingTimer, TimerKey, VirtualClock } from './clock';
import { ACTOR_NAMES, type Histories, type History, type HistoryMark } from './history';
import type { CallLog } from './callLog';
import { Journal, type JournalMark, type PushFacts, type RolledBack } from './journal';
import { mentions, same } from './same';
import { snapshotOf, type RootState, type TimerMeta } from './xstateSeam';
import type { TimelineEvent } from '../scenario/types';

/** Everything needed to go on from a moment of a run: taken just before `next` fires. */
export interface Checkpoint extends RootState {
  readonly next: TimerKey;
  readonly now: number;
  readonly counter: number;
  readonly cursor: number;
  readonly fired: number;
  readonly timers: readonly PendingTimer<TimerMeta>[];
  readonly journal: JournalMark;
  readonly histories: readonly HistoryMark[];
  /** Taken where a resumed run re-ran (`DENSE_FIRINGS`), not at the usual spacing. */
  readonly dense: boolean;
}

/**
 * A checkpoint before the first timeline event at least this many firings after the last one: a
 * resume re-runs about this many before the edit, and a re-simulation that has caught up with the
 * previous run is noticed within about this many firings.
 */
export const CHECKPOINT_EVERY = 24;

/**
 * For this many firings from where a resumed run (a drag frame) goes on, it takes a checkpoint before
 * every timeline event, not every `CHECKPOINT_EVERY` firings: the next frame of the same drag then
 * resumes just before the dragged event, and catches up with this run at the first of them after its
 * effects settle. Measured (bench's drag, interleaved, process CPU time): a 200-push frame re-ran 48
 * firings near the start and the end instead of ~21, a 10,000-push frame 25 instead of 10. Such
 * checkpoints are kept only near the drag (`keptBefore`, `takeOver`): each holds every pending timer.
 */
export const DENSE_FIRINGS = 200;

/** Drops dense checkpoints more than `DENSE_FIRINGS` firings before `fired` (a drag gone elsewhere). */
export function keptBefore(checkpoints: Checkpoint[], fired: number): void {
  let kept = 0;
  for (const c of checkpoints) if (!c.dense || fired - c.fired <= DENSE_FIRINGS) checkpoints[kept++] = c;
  checkpoints.length = kept;
}

/** One actor's history as the previous run left it (a resume rolls back into new arrays). */
interface OldHistory {
  readonly times: readonly number[];
  readonly values: readonly unknown[];
  readonly contexts: readonly unknown[];
}

/**
 * What a resumed run keeps of the run it goes on from, to notice when it has caught up with it: at
 * one of that run's later checkpoints, the same timeline ahead, the same timers pending, every actor
 * in the same state and the journal the same in all the actors could still read. From there both runs
 * can only do the same, so the rest of the previous run is taken over instead of re-run.
 */
export interface Previous {
  /** That run's checkpoints after the one resumed from, by the timeline event each was taken before. */
  readonly byCursor: ReadonlyMap<number, Checkpoint>;
  readonly checkpoints: readonly Checkpoint[];
  /** From this index on, both sorted timelines are the same. */
  readonly suffixFrom: number;
  /** Its journal's redo log and histories, whole. */
  readonly log: CallLog;
  /** What rolling its journal back to the checkpoint resumed from undid of its push records. */
  readonly records: RolledBack;
  readonly histories: readonly OldHistory[];
  /**
   * Its journal's facts that its calls changed between the checkpoint resumed from and `at`, as they
   * stood at `at` (advanced as its checkpoints are tried): read from its log from that checkpoint on.
   */
  readonly shadow: { facts: Map<string, PushFacts>; cancelled: Map<string, number>; at: number };
}

/** Each actor's history in `ACTOR_NAMES` order, as one type (what checkpoints mark and roll back). */
export function historyList(histories: Histories): History<unknown>[] {
  return ACTOR_NAMES.map((name): History<unknown> => histories[name]);
}

/**
 * What the previous run leaves to a run resumed from its checkpoint number `index`: its redo log
 * (`journal.calls()` before the rollback), what the rollback undid of its records, and its histories
 * (before they are rolled back).
 */
export function previousOf(
  checkpoints: readonly Checkpoint[],
  index: number,
  suffixFrom: number,
  log: CallLog,
  records: RolledBack,
  histories: Histories,
): Previous {
  const later = checkpoints.slice(index + 1).filter((c) => c.next.tier === 1);
  return {
    byCursor: new Map(later.map((c) => [c.cursor, c])),
    checkpoints: later,
    suffixFrom,
    log,
    records,
    histories: historyList(histories).map((h) => ({ times: h.times, values: h.values, contexts: h.contexts })),
    shadow: { facts: new Map(), cancelled: new Map(), at: checkpoints[index]?.journal.redo ?? 0 },
  };
}

/** The last checkpoint taken before anything due at `time` fired. */
export function lastBefore(checkpoints: readonly Checkpoint[], time: number): Checkpoint | undefined {
  let found: Checkpoint | undefined;
  for (const c of checkpoints) {
    if (c.next.due < time) found = c;
    else break;
  }
  return found;
}

/** The run standing just before a timeline event, as `caughtUp` compares it with the previous run. */
export interface Standing {
  readonly clock: VirtualClock<TimerMeta>;
  readonly root: AnyActorRef;
  /** The root's children, in its snapshot's order (as checkpoints keep them). */
  readonly ids: readonly string[];
  readonly journal: Journal;
  /** This run's timeline in firing order. */
  readonly sorted: readonly TimelineEvent[];
}

/**
 * Whether the run standing just before timeline event `old.cursor` is where the previous run stood at
 * its checkpoint `old`, in everything that decides what happens next: the same timers pending (in
 * the same order), every actor in the same state, and the same journal facts for every push the
 * actors could still ask about (one named in a context, a pending event or the timeline ahead). The
 * timeline ahead is the same (`Previous.suffixFrom`). Then both runs can only go on alike.
 */
export function caughtUp(old: Checkpoint, previous: Previous, now: Standing): boolean {
  const { clock, root, ids, journal, sorted } = now;
  const timers = clock.pending();
  if (timers.length !== old.timers.length) return false;
  for (const [i, a] of timers.entries()) {
    const b = old.timers[i];
    if (!b || a.due !== b.due || a.tier !== b.tier || !same(a.meta, b.meta)) return false;
  }
  if (!same((root.getSnapshot() as { value: unknown }).value, old.root.value)) return false;
  const contexts: unknown[] = [];
  for (const [i, id] of ids.entries()) {
    const kept = old.children[i];
    if (!kept || kept[0] !== id) return false;
    const current = snapshotOf(root, id);
    const then = kept[1] as typeof current;
    if (current.status !== then.status || !same(current.value, then.value)) return false;
    if (!same(current.context, then.context) || !same(current.historyValue, then.historyValue)) return false;
    if (Object.keys(current.children).length > 0 || Object.keys(then.children).length > 0) return false;
    contexts.push(current.context);
  }
  // Both runs had the same facts at the checkpoint this one resumed from: only those either changed
  // since can differ. This run's, as they stood there (`watch`), and the previous run's at `old`
  // (checkpoints are tried in order); comparing every push's made late drags of long scenarios slow.
  const since = journal.watching();
  if (!since) throw new Error('engine bug: a resumed run does not watch its journal');
  const atResume = (id: string) => (since.facts.has(id) ? since.facts.get(id) : journal.facts(id));
  const shadow = previous.shadow;
  Journal.factsAt(previous.log, old.journal.redo, shadow.at, shadow.facts, shadow.cancelled, atResume);
  shadow.at = old.journal.redo;
  const differing: string[] = [];
  for (const [id, then] of shadow.facts) if (!sameFacts(journal.facts(id), then)) differing.push(id);
  for (const [id, then] of since.facts)
    if (!shadow.facts.has(id) && !sameFacts(journal.facts(id), then)) differing.push(id);
  for (const [id, then] of shadow.cancelled) if (journal.cancelledAt.get(id) !== then) differing.push(id);
  for (const [id, then] of since.cancelled)
    if (!shadow.cancelled.has(id) && journal.cancelledAt.get(id) !== then) differing.push(id);
  if (differing.length === 0) return true;
  // Unless no actor can ask about those pushes again: none is named in a context, a pending event or
  // the timeline ahead.
  const asked = new Set(differing);
  if (contexts.some((c) => mentions(c, asked)) || timers.some((t) => mentions(t.meta?.event, asked))) return false;
  for (let i = old.cursor; i < sorted.length; i++) if (mentions(sorted[i], asked)) return false;
  return true;
}

function sameFacts(a: PushFacts | undefined, b: PushFacts | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.kind === b.kind &&
    a.sentAt === b.sentAt &&
    a.topic === b.topic &&
    a.expiration === b.expiration &&
    a.cancels === b.cancels &&
    a.deliveredAt === b.deliveredAt &&
    a.spared === b.spared &&
    a.inAppExplained === b.inAppExplained
  );
}

/**
 * This run has caught up with the previous one at its checkpoint `old` (`caughtUp`): the rest of
 * that run is what this one would do. Its journal calls are made again, its histories appended,
 * and its later checkpoints pushed onto `checkpoints`, with this run's places in the journal,
 * histories and firings (`fired`: this run's firings so far).
 */
export function takeOver(
  old: Checkpoint,
  previous: Previous,
  journal: Journal,
  histories: Histories,
  checkpoints: Checkpoint[],
  fired: number,
): void {
  // The previous run's dense checkpoints past `old` were near a drag that has left them behind.
  const later = previous.checkpoints.slice(previous.checkpoints.indexOf(old)).filter((c, i) => i === 0 || !c.dense);
  const journalMarks: JournalMark[] = [];
  const historyMarks: HistoryMark[][] = later.map(() => []);
  historyList(histories).forEach((h, a) => {
    const o = previous.histories[a];
    if (!o) throw new Error('engine: the previous run has no history for this actor');
    const marks = later.map((c) => c.histories[a] ?? noMark);
    const first = marks[0] ?? noMark;
    // The entry last written before `old` may have been replaced at the same time after it.
    const last = first.length - 1;
    const take = (i: number) => h.record(o.times[i] ?? 0, { value: o.values[i], context: o.contexts[i] });
    // `old` itself: where this run stands now.
    historyMarks[0]?.push(h.mark());
    let k = 1;
    const markUpTo = (length: number) => {
      for (; k < marks.length && (marks[k]?.length ?? Infinity) <= length; k++) {
        const m = marks[k] ?? noMark;
        historyMarks[k]?.push({ length: h.times.length, value: m.value, context: m.context });
      }
    };
    // (Compared by content: a mark may hold an equal snapshot of an earlier run, not the same object.)
    if (!same(o.values[last], first.value) || !same(o.contexts[last], first.context)) take(last);
    markUpTo(last + 1);
    const n = o.times.length;
    if (last + 1 >= n) return;
    // The first later entry may replace one at the same time (or be this run's last already)…
    take(last + 1);
    markUpTo(last + 2);
    if (last + 2 >= n) return;
    // …the rest are later and differ each from the one before (else that run would not have kept
    // them): they are appended as they are, in one copy each, and the marks shift by as much.
    const shift = h.times.length - (last + 2);
    h.times = h.times.concat(o.times.slice(last + 2));
    h.values = h.values.concat(o.values.slice(last + 2));
    h.contexts = h.contexts.concat(o.contexts.slice(last + 2));
    for (; k < marks.length && (marks[k]?.length ?? Infinity) <= n; k++) {
      const m = marks[k] ?? noMark;
      historyMarks[k]?.push({ length: m.length + shift, value: m.value, context: m.context });
    }
  });
  journal.replay(
    previous.log,
    old.journal.redo,
    later.map((c) => c.journal.redo),
    (k, mark) => (journalMarks[k] = mark),
    {
      ...previous.records,
      from: old.journal.records,
      marks: later.map((c) => c.journal.records),
    },
  );
  later.forEach((c, k) => {
    const journalMark = journalMarks[k];
    const historyMark = historyMarks[k];
    if (!journalMark || !historyMark) throw new Error('engine: a taken-over checkpoint has no marks');
    checkpoints.push({ ...c, fired: c.fired - old.fired + fired, journal: journalMark, histories: historyMark });
  });
}

const noMark: HistoryMark = { length: 0, value: undefined, context: undefined };
