/*
 * Over 400 lines on purpose: every write method and its undo (`rollback`) and redo (`replay`,
 * `factsAt`) entries must change together, and one class keeps them side by side.
 */
import type { LaneId, LaneInterval, LaneMarker, LogEvent, ModelChoiceId, RuleStep, Strike } from './result';
import type { AudioOutcome, Fate, PushKind } from '../scenario/types';
import type { SimTime } from './time';
import { CallLogWriter, type CallLog } from './callLog';

/** Everything the engine learns about one push on its way (changed only through the journal). */
export interface PushRecord {
  readonly id: string;
  readonly kind: PushKind;
  readonly sentAt: number;
  readonly topic: string;
  readonly expiration: number;
  readonly cancels?: string;
  readonly deliveredAt?: number;
  readonly fate?: Fate;
  readonly steps: readonly RuleStep[];
  readonly audio?: AudioOutcome;
  readonly call?: string;
  /** The debugger spared the app a crash or kill for it (a DBG-1 step): see `PushFacts.spared`. */
  readonly spared?: true;
  /** The app's in-app call UI was explained already (an EXEMPT-3 step): see `PushFacts.inAppExplained`. */
  readonly inAppExplained?: true;
}

/**
 * The rule steps that are also facts actors read back, and the record's flag each sets. Whether the
 * debugger spared the app PK-1's crash or KILL-1's kill for a push (DBG-1) decides how a later KILL-1
 * check, the debugger gone by then, is worded; whether the app already explained its own in-app call UI
 * (EXEMPT-3, written when its handler decided) keeps CallKit from explaining it twice. The journal notes
 * each itself when such a step is written, so no writer can forget it and `caughtUp` compares it with
 * the other `PushFacts`.
 */
export const FACT_STEPS = { 'DBG-1': 'spared', 'EXEMPT-3': 'inAppExplained' } as const;

type FactFlag = (typeof FACT_STEPS)[keyof typeof FACT_STEPS];

/** The flag a step of `rule` sets, if it is one of `FACT_STEPS`. */
const factFlag = (rule: string): FactFlag | undefined =>
  Object.hasOwn(FACT_STEPS, rule) ? FACT_STEPS[rule as keyof typeof FACT_STEPS] : undefined;

type MutableRecord = { -readonly [K in keyof PushRecord]: PushRecord[K] } & { steps: RuleStep[] };

interface OpenInterval {
  lane: LaneId;
  kind: string;
  from: SimTime;
  label: string;
  push?: string;
  call?: string;
  rule?: string;
  due?: number;
}

/** An open interval and when it was opened (the order `closeAll` closes them in). */
interface OpenEntry {
  readonly interval: OpenInterval;
  readonly order: number;
}

/**
 * Kinds of call in the redo log, each followed by its time and its operands (`REDO_ARITY`): what the
 * call was given or, where it makes one, the object it made (a step, an event, a marker, an interval),
 * which the journal keeps anyway. (Keeping what it was given instead, short-lived objects such as an
 * `extra`, made the engine 1.5× slower: they all lived on in the log.) A `Close` keeps the interval
 * it closed and the one it made: a replay that finds the same one open takes the same one made.
 */
const enum Call {
  AddPush,
  Step,
  Fate,
  Delivered,
  Call,
  Audio,
  Cancelled,
  Strike,
  Log,
  Mark,
  Open,
  Close,
}

/** How many arguments each `Call` has in the redo log. */
const REDO_ARITY: Record<Call, number> = {
  [Call.AddPush]: 1,
  [Call.Step]: 2,
  [Call.Fate]: 2,
  [Call.Delivered]: 1,
  [Call.Call]: 2,
  [Call.Audio]: 2,
  [Call.Cancelled]: 1,
  [Call.Strike]: 1,
  [Call.Log]: 1,
  [Call.Mark]: 1,
  [Call.Open]: 2,
  [Call.Close]: 4,
};

/**
 * What a rollback undid of the push records (`Journal.rollback`), for a take-over to put back what
 * neither run changed. Never changed once handed out.
 */
export interface RolledBack {
  /** Where the records' undo log was rolled back to (`JournalMark.records`). */
  readonly to: number;
  /** The records' undo log from `to` on, as it stood before: pairs of a push id and its record before each change. */
  readonly undo: readonly unknown[];
  /** Pairs of a push id and its record before the rollback, one per change undone, the last change first. */
  readonly heads: readonly unknown[];
}

/**
 * What a take-over is given of the previous run's records (`takeOver`): what its rollback undid, where
 * its records' undo log stood at the checkpoint caught up with (`from`) and at each later checkpoint
 * replayed past (`marks`, as `positions`).
 */
export interface SharedRecords extends RolledBack {
  readonly from: number;
  readonly marks: readonly number[];
}

/** Facts as they stood when the journal began to watch, of the pushes and calls changed since (`watch`). */
export interface Watched {
  readonly facts: Map<string, PushFacts | undefined>;
  readonly cancelled: Map<string, number | undefined>;
}

/** A point of the journal to roll back to, or to replay from. */
export interface JournalMark {
  readonly undo: number;
  readonly redo: number;
  /** Where the records' undo log stood (`RolledBack.undo`). */
  readonly records: number;
}

/** What actors read back from the journal about a push: all that may steer what happens next. */
export interface PushFacts {
  readonly kind: string;
  readonly sentAt: number;
  readonly topic: string;
  readonly expiration: number;
  readonly cancels: string | undefined;
  readonly deliveredAt: number | undefined;
  /** The debugger spared the app a crash or kill for it (DBG-1): a later KILL-1 says it was gone by then. */
  readonly spared: boolean;
  /** The app explained its own in-app call UI when its handler decided (EXEMPT-3): CallKit does not again. */
  readonly inAppExplained: boolean;
}

/** Kinds of change in the undo log. */
const enum Op {
  AddPush,
  Cancel,
  Strike,
  Log,
  Mark,
  Open,
  Close,
  CloseAll,
}

/**
 * The engine's notebook: actors write what happened to each push (rules, fates), strikes, the event
 * log and lane intervals. It is the only mutable state outside the machines; it reads time from the
 * virtual clock it is given.
 *
 * Every change is also written to an undo log, so that a re-simulation can roll the journal back to a
 * checkpoint (`checkpoint()` / `rollback()`) and go on from there. Push records are copied on write: a
 * record is changed in place only until the next checkpoint, and the records' own undo log keeps each
 * push's record before its first change after one; so a record a checkpoint or another run holds
 * never changes, and a take-over keeps the previous run's records of the pushes its re-run left alone.
 * Every call that may change it is also written, with its time, to a redo log, so that a
 * re-simulation that has caught up with the previous run can make the rest of that run's calls again
 * (`replay`) instead of re-running the actors.
 * Objects handed out (steps, intervals, markers, events, strikes) are never changed afterwards; results
 * copy the arrays that hold them.
 */
export class Journal {
  /**
   * Each push's record now; `undefined` for one rolled back before it was sent (not deleted: deleting
   * and setting again the ~10,000 keys a rollback and a take-over pass over rehashed the map each time).
   */
  private readonly heads = new Map<string, PushRecord | undefined>();
  /** The records' undo log, flat: pairs of a push id and its record before it was replaced. */
  private readonly recordUndo: unknown[] = [];
  /** Records made since the last checkpoint: only these are changed in place (`edit`). */
  private fresh = new Set<PushRecord>();
  readonly order: string[] = [];
  readonly strikes: Strike[] = [];
  readonly events: LogEvent[] = [];
  readonly intervals: LaneInterval[] = [];
  readonly markers: LaneMarker[] = [];
  /** When the caller cancelled each call (by push id). */
  readonly cancelledAt = new Map<string, number>();
  private readonly open = new Map<string, OpenEntry>();
  private opened = 0;
  /** The undo log, flat (no closure per change): each change's operands, then its `Op`. */
  private readonly changes: unknown[] = [];
  /** The redo log, flat: each call's `Call`, its time, then its operands. */
  private readonly redo = new CallLogWriter();
  /** Since `watch()`: each push's facts and each call's cancellation before the first call that changed them. */
  private watched: Watched | undefined;
  /** The time of the call being replayed or backdated (`asOf`), else the clock's. */
  private replaying: SimTime | undefined;

  constructor(private readonly clockNow: () => SimTime) {}

  /** Each push's record, by id, in a new map (tests; the engine reads `push(id)`). */
  records(): Map<string, PushRecord> {
    const records = new Map<string, PushRecord>();
    for (const [id, record] of this.heads) if (record) records.set(id, record);
    return records;
  }

  private now(): SimTime {
    return this.replaying ?? this.clockNow();
  }

  time(): SimTime {
    return this.now();
  }

  /**
   * Makes `write`'s calls as of `at`, a moment already past: apsd's retry cycle draws the spans of the
   * attempts it worked out instead of running (DEV-1, `trying.retrying`).
   */
  asOf(at: SimTime, write: () => void): void {
    const was = this.replaying;
    this.replaying = at;
    try {
      write();
    } finally {
      this.replaying = was;
    }
  }

  /** A point to roll back to or replay from. */
  checkpoint(): JournalMark {
    this.fresh = new Set();
    return { undo: this.changes.length, redo: this.redo.length, records: this.recordUndo.length };
  }

  /**
   * The records as they stand are final: a later write copies one before changing it, as after a
   * checkpoint. A result is built from them, and a `Simulator` gives that result again for as long
   * as a push keeps the very same record (`buildOutput`).
   */
  seal(): void {
    this.fresh = new Set();
  }

  /** The redo log as it stands; later calls and rollbacks do not change what was handed out. */
  calls(): CallLog {
    return this.redo.view();
  }

  /**
   * Makes again the calls of `log` (another run's `calls()`) from `from` on, at their times: what
   * that run did from there. `at(position, mark)` is told the journal's mark when the replay reaches
   * each position of `positions` (ascending), as that run's checkpoints stood in its log. With
   * `shared`, this journal was rolled back from the log's run to its checkpoint at `shared.to` and
   * has caught up with it at `from` (`takeOver`): the pushes neither run wrote to since then have the
   * same records at `from` in both, so they take that run's final records and records' undo log as
   * they are, and only the calls on the others are made again (at 10,000 pushes, making every push's
   * calls again was a third of a drag frame).
   */
  replay(
    log: CallLog,
    from: number,
    positions: readonly number[],
    at: (i: number, mark: JournalMark) => void,
    shared?: SharedRecords,
  ): void {
    // The redo log takes the calls over by reference (`CallLogWriter.append`), not call by call.
    const shift = this.redo.length - from;
    const redone = shared ? this.adoptRecords(shared) : undefined;
    // The previous run's records' undo log is taken, between two checkpoints, for the pushes not redone.
    let taken = shared?.from ?? 0;
    const take = (to: number) => {
      if (!shared || !redone) return;
      // `shared.undo` starts at position `shared.to` of the records' undo log.
      const undo = shared.undo;
      for (; taken < to; taken += 2)
        if (!redone.has(undo[taken - shared.to] as string))
          this.recordUndo.push(undo[taken - shared.to], undo[taken - shared.to + 1]);
    };
    const mark = (i: number, redo: number) => {
      take(shared?.marks[i] ?? taken);
      this.fresh = new Set();
      at(i, { undo: this.changes.length, redo, records: this.recordUndo.length });
    };
    let next = 0;
    for (const piece of log.pieces) {
      const size = piece.to - piece.from;
      if (piece.at + size <= from) continue;
      const calls = piece.array;
      // Position `g` of the log is `calls[g - base]`.
      const base = piece.at - piece.from;
      for (let i = Math.max(piece.from, from - base); i < piece.to;) {
        while (next < positions.length && positions[next] === i + base) mark(next++, i + base + shift);
        const call = calls[i] as Call;
        this.replaying = calls[i + 1] as SimTime;
        const a = i + 2;
        // A call on a push's record is made again only for the pushes redone; the others' are taken.
        if (
          !redone ||
          call > Call.Audio ||
          redone.has((call === Call.AddPush ? (calls[a] as PushRecord).id : calls[a]) as string)
        )
          this.apply(call, calls, a);
        else if (call === Call.AddPush) this.addOrder((calls[a] as PushRecord).id);
        i = a + REDO_ARITY[call];
      }
    }
    while (next < positions.length && positions[next] === log.length) mark(next++, log.length + shift);
    if (shared) take(shared.to + shared.undo.length);
    this.replaying = undefined;
    this.redo.append(log, from);
  }

  /**
   * The start of a take-over (`replay` with `shared`): the pushes neither run wrote to since the
   * checkpoint resumed from (this one up to now, that one up to `shared.from`) get back the records the
   * previous run ended with; the calls on the others are made again. Returns those others.
   */
  private adoptRecords(shared: SharedRecords): Set<string> {
    const redone = new Set<string>();
    for (let k = shared.to; k < this.recordUndo.length; k += 2) redone.add(this.recordUndo[k] as string);
    for (let k = 0; k < shared.from - shared.to; k += 2) redone.add(shared.undo[k] as string);
    // From the first change undone to the last: each push ends with its record before the rollback.
    const heads = shared.heads;
    for (let k = heads.length - 2; k >= 0; k -= 2) {
      const id = heads[k] as string;
      if (redone.has(id)) continue;
      this.heads.set(id, heads[k + 1] as PushRecord | undefined);
    }
    this.fresh = new Set();
    return redone;
  }

  /** Makes a call of the redo log again, with its operands, without writing it to the redo log. */
  private apply(call: Call, calls: readonly unknown[], a: number): void {
    const x = calls[a];
    const y = calls[a + 1];
    switch (call) {
      case Call.AddPush:
        this.adopt(Journal.record(x as PushRecord));
        break;
      case Call.Step:
        this.applyStep(x as string, y as RuleStep);
        break;
      case Call.Fate:
        this.applyFate(x as string, y as Fate);
        break;
      case Call.Delivered:
        this.edit(x as string).deliveredAt = this.now();
        break;
      case Call.Call:
        this.edit(x as string).call = y as string;
        break;
      case Call.Audio:
        this.edit(x as string).audio = y as AudioOutcome;
        break;
      case Call.Cancelled:
        this.applyCancelled(x as string);
        break;
      case Call.Strike:
        this.applyStrike(x as Strike);
        break;
      case Call.Log:
        this.applyEvent(x as LogEvent);
        break;
      case Call.Mark:
        this.applyMarker(x as LaneMarker);
        break;
      case Call.Open:
        this.applyOpen(x as string, y as OpenInterval);
        break;
      case Call.Close: {
        // The interval that call closed, if the same one is open: the one it made, not a copy.
        const entry = this.open.get(x as string);
        const made = calls[a + 3] as LaneInterval | undefined;
        if (made && entry && entry.interval === calls[a + 2]) this.closeAs(x as string, entry, made);
        else this.close(x as string, y as string | undefined);
        break;
      }
    }
  }

  /**
   * What the actors could read back about each push (`PushFacts`) and when each call was cancelled,
   * as they stood at `to` in `log` (a `calls()`): one pass over the log. From `from` on, only those the
   * calls there change; `atFrom` tells a push's facts as they stood at `from`.
   */
  static factsAt(
    log: CallLog,
    to: number,
    from = 0,
    facts = new Map<string, PushFacts>(),
    cancelled = new Map<string, number>(),
    atFrom: (id: string) => PushFacts | undefined = () => undefined,
  ): { facts: Map<string, PushFacts>; cancelled: Map<string, number> } {
    for (const piece of log.pieces) {
      if (piece.at >= to) break;
      const size = piece.to - piece.from;
      if (piece.at + size <= from) continue;
      const calls = piece.array;
      const base = piece.at - piece.from;
      const end = Math.min(piece.to, to - base);
      for (let i = Math.max(piece.from, from - base); i < end;) {
        const call = calls[i] as Call;
        const a = i + 2;
        if (call === Call.AddPush) {
          const r = calls[a] as PushRecord;
          facts.set(r.id, {
            kind: r.kind,
            sentAt: r.sentAt,
            topic: r.topic,
            expiration: r.expiration,
            cancels: r.cancels,
            deliveredAt: undefined,
            spared: false,
            inAppExplained: false,
          });
        } else if (call === Call.Delivered) {
          const id = calls[a] as string;
          const f = facts.has(id) ? facts.get(id) : atFrom(id);
          if (f) facts.set(id, { ...f, deliveredAt: calls[i + 1] as number });
        } else if (call === Call.Step) {
          const flag = factFlag((calls[a + 1] as RuleStep).rule);
          const id = calls[a] as string;
          const f = flag && (facts.has(id) ? facts.get(id) : atFrom(id));
          if (flag && f && !f[flag]) facts.set(id, { ...f, [flag]: true });
        } else if (call === Call.Cancelled) {
          cancelled.set(calls[a] as string, calls[i + 1] as number);
        }
        i = a + REDO_ARITY[call];
      }
    }
    return { facts, cancelled };
  }

  /**
   * From now on, notes each push's facts and each call's cancellation as they stand before the first
   * call that changes them (`watching()`): a resumed run compares with the previous one only those.
   * Replays are not noted (they come after the comparisons); `watch(false)` stops.
   */
  watch(on = true): void {
    this.watched = on ? { facts: new Map(), cancelled: new Map() } : undefined;
  }

  /** What `watch()` has noted so far, if watching. */
  watching(): Watched | undefined {
    return this.watched;
  }

  private noteFacts(id: string): void {
    const w = this.watched;
    if (w && !w.facts.has(id)) w.facts.set(id, this.facts(id));
  }

  /** What the actors could read back about push `id` now (`PushFacts`), if it was sent. */
  facts(id: string): PushFacts | undefined {
    const r = this.heads.get(id);
    return (
      r && {
        kind: r.kind,
        sentAt: r.sentAt,
        topic: r.topic,
        expiration: r.expiration,
        cancels: r.cancels,
        deliveredAt: r.deliveredAt,
        spared: r.spared === true,
        inAppExplained: r.inAppExplained === true,
      }
    );
  }

  /**
   * Undoes every change made since `checkpoint`; returns what it undid of the records, for a take-over
   * of the run rolled back (`SharedRecords`). The records' undo log is cut in a copy: the one returned
   * stays as it was.
   */
  rollback(mark: JournalMark): RolledBack {
    this.redo.cut(mark.redo);
    const undo = this.recordUndo;
    const before: unknown[] = [];
    for (let k = undo.length - 2; k >= mark.records; k -= 2) {
      const id = undo[k] as string;
      before.push(id, this.heads.get(id));
      this.heads.set(id, undo[k + 1] as PushRecord | undefined);
    }
    // Cut off in place: what a resume near the end cuts is short.
    const tail = undo.splice(mark.records);
    this.fresh = new Set();
    const c = this.changes;
    const checkpoint = mark.undo;
    while (c.length > checkpoint) {
      switch (c.pop() as Op) {
        case Op.AddPush:
          this.order.pop();
          break;
        case Op.Cancel: {
          const previous = c.pop() as number | undefined;
          const call = c.pop() as string;
          if (previous === undefined) this.cancelledAt.delete(call);
          else this.cancelledAt.set(call, previous);
          break;
        }
        case Op.Strike:
          this.strikes.pop();
          break;
        case Op.Log:
          this.events.pop();
          break;
        case Op.Mark:
          this.markers.pop();
          break;
        case Op.Open:
          this.open.delete(c.pop() as string);
          break;
        case Op.Close: {
          const key = c.pop() as string;
          this.intervals.pop();
          this.open.set(key, c.pop() as OpenEntry);
          break;
        }
        case Op.CloseAll: {
          const entries = c.pop() as [string, OpenEntry][];
          this.intervals.length -= entries.length;
          for (const [key, entry] of entries) this.open.set(key, entry);
          break;
        }
      }
    }
    return { to: mark.records, undo: tail, heads: before };
  }

  addPush(record: Pick<PushRecord, 'id' | 'kind' | 'sentAt' | 'topic' | 'expiration' | 'cancels'>): PushRecord {
    // Every field from the start (one object shape for all records: setting a fate later stays cheap).
    const full = Journal.record(record);
    this.noteFacts(full.id);
    this.redo.own.push(Call.AddPush, this.now(), full);
    this.adopt(full);
    return full;
  }

  /** A new record of a push's first facts, with every field (one object shape for all records). */
  private static record(
    record: Pick<PushRecord, 'id' | 'kind' | 'sentAt' | 'topic' | 'expiration' | 'cancels'>,
  ): MutableRecord {
    return {
      id: record.id,
      kind: record.kind,
      sentAt: record.sentAt,
      topic: record.topic,
      expiration: record.expiration,
      cancels: record.cancels,
      deliveredAt: undefined,
      fate: undefined,
      steps: [],
      audio: undefined,
      call: undefined,
      spared: undefined,
      inAppExplained: undefined,
    };
  }

  /** Makes `full` push `full.id`'s record (replacing one of the same id). */
  private adopt(full: MutableRecord): void {
    this.replace(full.id, full);
    this.addOrder(full.id);
  }

  private addOrder(id: string): void {
    this.order.push(id);
    this.changes.push(Op.AddPush);
  }

  /** Makes `record` push `id`'s record, noting the one it replaces, and this run's to change until a checkpoint. */
  private replace(id: string, record: MutableRecord): void {
    this.recordUndo.push(id, this.heads.get(id));
    this.heads.set(id, record);
    this.fresh.add(record);
  }

  push(id: string): PushRecord {
    const record = this.heads.get(id);
    if (!record) throw new Error(`engine bug: unknown push ${id}`);
    return record;
  }

  /**
   * Push `id`'s record, to change: a record made before the last checkpoint is copied first (a
   * checkpoint, a result being built or another run may hold it), with every field in one order.
   */
  private edit(id: string): MutableRecord {
    const record = this.push(id) as MutableRecord;
    if (this.fresh.has(record)) return record;
    const copy: MutableRecord = {
      id: record.id,
      kind: record.kind,
      sentAt: record.sentAt,
      topic: record.topic,
      expiration: record.expiration,
      cancels: record.cancels,
      deliveredAt: record.deliveredAt,
      fate: record.fate,
      steps: record.steps.slice(),
      audio: record.audio,
      call: record.call,
      spared: record.spared,
      inAppExplained: record.inAppExplained,
    };
    this.replace(id, copy);
    return copy;
  }

  /**
   * Records that `rule` applied to push `id` now, with a sentence a support person understands;
   * `assumption` names the model choice that decided it, where the sources are silent.
   */
  step(id: string, rule: string, why: string, assumption?: ModelChoiceId): void {
    this.addStep(id, assumption ? { rule, at: this.now(), why, assumption } : { rule, at: this.now(), why });
  }

  private addStep(id: string, step: RuleStep): void {
    if (factFlag(step.rule)) this.noteFacts(id);
    this.redo.own.push(Call.Step, step.at, id, step);
    this.applyStep(id, step);
  }

  private applyStep(id: string, step: RuleStep): void {
    const record = this.edit(id);
    record.steps.push(step);
    const flag = factFlag(step.rule);
    if (flag && record[flag] === undefined) record[flag] = true;
  }

  /** Sets a push's fate once; later attempts are ignored (the first decisive rule wins). */
  fate(id: string, fate: Fate): boolean {
    this.redo.own.push(Call.Fate, this.now(), id, fate);
    return this.applyFate(id, fate);
  }

  private applyFate(id: string, fate: Fate): boolean {
    if (this.push(id).fate !== undefined) return false;
    this.edit(id).fate = fate;
    return true;
  }

  hasFate(id: string): boolean {
    return this.push(id).fate !== undefined;
  }

  /** The push reached the phone now. */
  delivered(id: string): void {
    this.noteFacts(id);
    this.redo.own.push(Call.Delivered, this.now(), id);
    this.edit(id).deliveredAt = this.now();
  }

  /** The CallKit call (by UUID) the push was reported as. */
  call(id: string, uuid: string): void {
    this.redo.own.push(Call.Call, this.now(), id, uuid);
    this.edit(id).call = uuid;
  }

  audio(id: string, audio: AudioOutcome): void {
    this.redo.own.push(Call.Audio, this.now(), id, audio);
    this.edit(id).audio = audio;
  }

  /** The caller cancelled `call` now. */
  cancelled(call: string): void {
    const w = this.watched;
    if (w && !w.cancelled.has(call)) w.cancelled.set(call, this.cancelledAt.get(call));
    this.redo.own.push(Call.Cancelled, this.now(), call);
    this.applyCancelled(call);
  }

  private applyCancelled(call: string): void {
    const previous = this.cancelledAt.get(call);
    this.cancelledAt.set(call, this.now());
    this.changes.push(call, previous, Op.Cancel);
  }

  strike(strike: Strike): void {
    this.redo.own.push(Call.Strike, this.now(), strike);
    this.applyStrike(strike);
  }

  private applyStrike(strike: Strike): void {
    this.strikes.push(strike);
    this.changes.push(Op.Strike);
  }

  log(lane: LaneId, what: string, extra: { rule?: string; push?: string } = {}): void {
    this.addEvent({ at: this.now(), lane, what, ...extra });
  }

  private addEvent(event: LogEvent): void {
    this.redo.own.push(Call.Log, event.at, event);
    this.applyEvent(event);
  }

  private applyEvent(event: LogEvent): void {
    this.events.push(event);
    this.changes.push(Op.Log);
  }

  mark(lane: LaneId, kind: string, label: string, extra: { push?: string; rule?: string } = {}): void {
    this.addMarker({ lane, kind, at: this.now(), label, ...extra });
  }

  private addMarker(marker: LaneMarker): void {
    this.redo.own.push(Call.Mark, marker.at, marker);
    this.applyMarker(marker);
  }

  private applyMarker(marker: LaneMarker): void {
    this.markers.push(marker);
    this.changes.push(Op.Mark);
  }

  /** Opens an interval under `key`; an interval already open under that key is closed first. */
  openInterval(key: string, lane: LaneId, kind: string, label: string, extra: Partial<OpenInterval> = {}): void {
    this.openWith(key, { lane, kind, label, from: this.now(), ...extra });
  }

  private openWith(key: string, interval: OpenInterval): void {
    this.redo.own.push(Call.Open, interval.from, key, interval);
    this.applyOpen(key, interval);
  }

  private applyOpen(key: string, interval: OpenInterval): void {
    const current = this.open.get(key)?.interval;
    // Re-entering the same state (e.g. a push waking an app already in the background) is one span.
    if (current && current.kind === interval.kind && current.label === interval.label) return;
    this.close(key);
    this.open.set(key, { interval, order: this.opened++ });
    this.changes.push(key, Op.Open);
  }

  /** Closes the interval open under `key`, if any; `endedBy` names the rule that cut it short. */
  closeInterval(key: string, endedBy?: string): void {
    const source = this.open.get(key)?.interval;
    const made = this.close(key, endedBy);
    this.redo.own.push(Call.Close, this.now(), key, endedBy, source, made);
  }

  /** Closes what is open under `key`, if anything: the interval it made. */
  private close(key: string, endedBy?: string): LaneInterval | undefined {
    const entry = this.open.get(key);
    if (!entry) return undefined;
    const made: LaneInterval =
      endedBy === undefined
        ? { ...entry.interval, to: this.now(), open: false }
        : { ...entry.interval, to: this.now(), open: false, endedBy };
    this.closeAs(key, entry, made);
    return made;
  }

  private closeAs(key: string, entry: OpenEntry, made: LaneInterval): void {
    this.open.delete(key);
    this.intervals.push(made);
    this.changes.push(entry, key, Op.Close);
  }

  isOpen(key: string): boolean {
    return this.open.has(key);
  }

  /** Closes every interval still open at the scenario end, marking it open. */
  closeAll(end: SimTime): void {
    const entries = [...this.open].sort((a, b) => a[1].order - b[1].order);
    for (const [key, { interval }] of entries) {
      this.open.delete(key);
      this.intervals.push({ ...interval, to: end < interval.from ? interval.from : end, open: true });
    }
    this.changes.push(entries, Op.CloseAll);
  }
}
