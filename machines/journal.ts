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
  private readonly undo: (() => void)[] = [];

  constructor(private readonly now: () => SimTime) {}

  time(): SimTime {
    return this.now();
  }

  /** A point to roll back to. */
  checkpoint(): number {
    return this.undo.length;
  }

  /** Undoes every change made since `checkpoint`. */
  rollback(checkpoint: number): void {
    const undo = this.undo;
    while (undo.length > checkpoint) undo.pop()!();
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
    this.undo.push(() => {
      this.order.pop();
      if (previous) this.pushes.set(record.id, previous);
      else this.pushes.delete(record.id);
    });
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
    this.undo.push(() => steps.pop());
  }

  /** Sets a push's fate once; later attempts are ignored (the first decisive rule wins). */
  fate(id: string, fate: Fate): boolean {
    const record = this.edit(id);
    if (record.fate !== undefined) return false;
    record.fate = fate;
    this.undo.push(() => (record.fate = undefined));
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
    this.undo.push(() => (record[key] = previous));
  }

  /** The caller cancelled `call` now. */
  cancelled(call: string): void {
    const previous = this.cancelledAt.get(call);
    this.cancelledAt.set(call, this.now());
    this.undo.push(() => {
      if (previous === undefined) this.cancelledAt.delete(call);
      else this.cancelledAt.set(call, previous);
    });
  }

  strike(strike: Strike): void {
    this.strikes.push(strike);
    this.undo.push(() => this.strikes.pop());
  }

  log(lane: LaneId, what: string, extra: { rule?: string; push?: string } = {}): void {
    this.events.push({ at: this.now(), lane, what, ...extra });
    this.undo.push(() => this.events.pop());
  }

  mark(lane: LaneId, kind: string, label: string, extra: { push?: string; rule?: string } = {}): void {
    this.markers.push({ lane, kind, at: this.now(), label, ...extra });
    this.undo.push(() => this.markers.pop());
  }

  /** Opens an interval under `key`; an interval already open under that key is closed first. */
  openInterval(key: string, lane: LaneId, kind: string, label: string, extra: Partial<OpenInterval> = {}): void {
    const current = this.open.get(key)?.interval;
    // Re-entering the same state (e.g. a push waking an app already in the background) is one span.
    if (current && current.kind === kind && current.label === label) return;
    this.closeInterval(key);
    this.open.set(key, { interval: { lane, kind, label, from: this.now(), ...extra }, order: this.opened++ });
    this.undo.push(() => this.open.delete(key));
  }

  closeInterval(key: string): void {
    const entry = this.open.get(key);
    if (!entry) return;
    this.open.delete(key);
    this.intervals.push({ ...entry.interval, to: this.now(), open: false });
    this.undo.push(() => {
      this.intervals.pop();
      this.open.set(key, entry);
    });
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
    this.undo.push(() => {
      this.intervals.length -= entries.length;
      for (const [key, entry] of entries) this.open.set(key, entry);
    });
  }
}
