import type { LaneId, LaneInterval, LaneMarker, LogEvent, RuleStep, Strike } from './result';
import type { AudioOutcome, Fate, PushKind } from './scenario/types';
import type { SimTime } from './time';

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
}

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

/** Kinds of change in the undo log. */
const enum Op {
  AddPush,
  Step,
  Fate,
  Set,
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
 * checkpoint (`checkpoint()` / `rollback()`) and go on from there. Objects handed out (steps, intervals,
 * markers, events, strikes) are never changed afterwards; results copy the arrays that hold them.
 */
export class Journal {
  readonly pushes = new Map<string, PushRecord>();
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

  constructor(private readonly now: () => SimTime) {}

  time(): SimTime {
    return this.now();
  }

  /** A point to roll back to. */
  checkpoint(): number {
    return this.changes.length;
  }

  /** Undoes every change made since `checkpoint`. */
  rollback(checkpoint: number): void {
    const c = this.changes;
    while (c.length > checkpoint) {
      switch (c.pop() as Op) {
        case Op.AddPush: {
          const id = c.pop() as string;
          const previous = c.pop() as PushRecord | undefined;
          this.order.pop();
          if (previous) this.pushes.set(id, previous);
          else this.pushes.delete(id);
          break;
        }
        case Op.Step:
          (c.pop() as RuleStep[]).pop();
          break;
        case Op.Fate:
          (c.pop() as MutableRecord).fate = undefined;
          break;
        case Op.Set: {
          const previous = c.pop();
          const key = c.pop() as 'deliveredAt';
          (c.pop() as Record<string, unknown>)[key] = previous;
          break;
        }
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
  }

  addPush(record: Pick<PushRecord, 'id' | 'kind' | 'sentAt' | 'topic' | 'expiration' | 'cancels'>): PushRecord {
    // Every field from the start (one object shape for all records: setting a fate later stays cheap).
    const full: MutableRecord = {
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
    };
    const previous = this.pushes.get(record.id);
    this.pushes.set(record.id, full);
    this.order.push(record.id);
    this.changes.push(previous, record.id, Op.AddPush);
    return full;
  }

  push(id: string): PushRecord {
    const record = this.pushes.get(id);
    if (!record) throw new Error(`engine bug: unknown push ${id}`);
    return record;
  }

  private edit(id: string): MutableRecord {
    return this.push(id) as MutableRecord;
  }

  /** Records that `rule` applied to push `id` now, with a sentence a support person understands. */
  step(id: string, rule: string, why: string): void {
    const steps = this.edit(id).steps;
    steps.push({ rule, at: this.now(), why });
    this.changes.push(steps, Op.Step);
  }

  /** Sets a push's fate once; later attempts are ignored (the first decisive rule wins). */
  fate(id: string, fate: Fate): boolean {
    const record = this.edit(id);
    if (record.fate !== undefined) return false;
    record.fate = fate;
    this.changes.push(record, Op.Fate);
    return true;
  }

  hasFate(id: string): boolean {
    return this.push(id).fate !== undefined;
  }

  /** The push reached the phone now. */
  delivered(id: string): void {
    this.set(this.edit(id), 'deliveredAt', this.now());
  }

  /** The CallKit call (by UUID) the push was reported as. */
  call(id: string, uuid: string): void {
    this.set(this.edit(id), 'call', uuid);
  }

  audio(id: string, audio: AudioOutcome): void {
    this.set(this.edit(id), 'audio', audio);
  }

  private set<K extends 'deliveredAt' | 'call' | 'audio'>(
    record: MutableRecord,
    key: K,
    value: MutableRecord[K],
  ): void {
    const previous = record[key];
    record[key] = value;
    this.changes.push(record, key, previous, Op.Set);
  }

  /** The caller cancelled `call` now. */
  cancelled(call: string): void {
    const previous = this.cancelledAt.get(call);
    this.cancelledAt.set(call, this.now());
    this.changes.push(call, previous, Op.Cancel);
  }

  strike(strike: Strike): void {
    this.strikes.push(strike);
    this.changes.push(Op.Strike);
  }

  log(lane: LaneId, what: string, extra: { rule?: string; push?: string } = {}): void {
    this.events.push({ at: this.now(), lane, what, ...extra });
    this.changes.push(Op.Log);
  }

  mark(lane: LaneId, kind: string, label: string, extra: { push?: string; rule?: string } = {}): void {
    this.markers.push({ lane, kind, at: this.now(), label, ...extra });
    this.changes.push(Op.Mark);
  }

  /** Opens an interval under `key`; an interval already open under that key is closed first. */
  openInterval(key: string, lane: LaneId, kind: string, label: string, extra: Partial<OpenInterval> = {}): void {
    const current = this.open.get(key)?.interval;
    // Re-entering the same state (e.g. a push waking an app already in the background) is one span.
    if (current && current.kind === kind && current.label === label) return;
    this.closeInterval(key);
    this.open.set(key, { interval: { lane, kind, label, from: this.now(), ...extra }, order: this.opened++ });
    this.changes.push(key, Op.Open);
  }

  closeInterval(key: string): void {
    const entry = this.open.get(key);
    if (!entry) return;
    this.open.delete(key);
    this.intervals.push({ ...entry.interval, to: this.now(), open: false });
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
