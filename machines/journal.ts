import type { LaneId, LaneInterval, LaneMarker, LogEvent, RuleStep, Strike } from './result';
import type { AudioOutcome, Fate, PushKind } from './scenario/types';
import type { SimTime } from './time';

/** Everything the engine learns about one push on its way. */
export interface PushRecord {
  readonly id: string;
  readonly kind: PushKind;
  readonly sentAt: number;
  readonly topic: string;
  readonly expiration: number;
  readonly cancels?: string;
  deliveredAt?: number;
  fate?: Fate;
  readonly steps: RuleStep[];
  audio?: AudioOutcome;
  call?: string;
}

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

/** An open interval becomes the closed one in place: `to` and `open` go last, as in the result. */
type Closing = OpenInterval & { to?: number; open?: boolean };

/**
 * The engine's notebook: actors write what happened to each push (rules, fates), strikes, the event
 * log and lane intervals. It is the only mutable state outside the machines; it reads time from the
 * virtual clock it is given.
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
  private readonly open = new Map<string, Closing>();

  constructor(private readonly now: () => SimTime) {}

  time(): SimTime {
    return this.now();
  }

  addPush(record: Pick<PushRecord, 'id' | 'kind' | 'sentAt' | 'topic' | 'expiration' | 'cancels'>): PushRecord {
    // Every field from the start (one object shape for all records: setting a fate later stays cheap).
    const full: PushRecord = {
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
    this.pushes.set(record.id, full);
    this.order.push(record.id);
    return full;
  }

  push(id: string): PushRecord {
    const record = this.pushes.get(id);
    if (!record) throw new Error(`engine bug: unknown push ${id}`);
    return record;
  }

  /** Records that `rule` applied to push `id` now, with a sentence a support person understands. */
  step(id: string, rule: string, why: string): void {
    this.push(id).steps.push({ rule, at: this.now(), why });
  }

  /** Sets a push's fate once; later attempts are ignored (the first decisive rule wins). */
  fate(id: string, fate: Fate): boolean {
    const record = this.push(id);
    if (record.fate !== undefined) return false;
    record.fate = fate;
    return true;
  }

  hasFate(id: string): boolean {
    return this.push(id).fate !== undefined;
  }

  log(lane: LaneId, what: string, extra: { rule?: string; push?: string } = {}): void {
    this.events.push({ at: this.now(), lane, what, ...extra });
  }

  mark(lane: LaneId, kind: string, label: string, extra: { push?: string; rule?: string } = {}): void {
    this.markers.push({ lane, kind, at: this.now(), label, ...extra });
  }

  /** Opens an interval under `key`; an interval already open under that key is closed first. */
  openInterval(key: string, lane: LaneId, kind: string, label: string, extra: Partial<OpenInterval> = {}): void {
    const current = this.open.get(key);
    // Re-entering the same state (e.g. a push waking an app already in the background) is one span.
    if (current && current.kind === kind && current.label === label) return;
    this.closeInterval(key);
    this.open.set(key, { lane, kind, label, from: this.now(), ...extra });
  }

  closeInterval(key: string): void {
    const entry = this.open.get(key);
    if (!entry) return;
    this.open.delete(key);
    // Completed in place (no copy): nothing else holds an open entry.
    entry.to = this.now();
    entry.open = false;
    this.intervals.push(entry as LaneInterval);
  }

  isOpen(key: string): boolean {
    return this.open.has(key);
  }

  /** Closes every interval still open at the scenario end, marking it open. */
  closeAll(end: SimTime): void {
    for (const entry of this.open.values()) {
      entry.to = end < entry.from ? entry.from : end;
      entry.open = true;
      this.intervals.push(entry as LaneInterval);
    }
    this.open.clear();
  }
}
