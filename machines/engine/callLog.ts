/**
 * The journal's redo log, flat, kept as pieces of arrays that are never changed once another run may
 * read them: a rollback cuts the list of pieces and a take-over appends the previous run's pieces by
 * reference, instead of copying ~10^6 entries (at 10,000 pushes each copy cost a drag frame about as
 * much as all the rest of it).
 */

/** A stretch `[from, to)` of `array`, which starts at position `at` of the log. */
export interface Piece {
  readonly array: readonly unknown[];
  readonly from: number;
  readonly to: number;
  readonly at: number;
}

/** The log as it stood when handed out (`Journal.calls()`): it never changes. */
export interface CallLog {
  readonly pieces: readonly Piece[];
  readonly length: number;
}

/** Beyond this many pieces (many drags in many places), the log is copied into one array again. */
const MAX_PIECES = 64;

/** The redo log being written: sealed pieces, then the array calls are appended to now. */
export class CallLogWriter {
  private pieces: Piece[] = [];
  private sealed = 0;
  /** Appended to; sealed (never written again) before anything may cut or hand out the log past it. */
  own: unknown[] = [];

  get length(): number {
    return this.sealed + this.own.length;
  }

  /** The log as it stands; appending later does not change it (`own` only grows past `to`). */
  view(): CallLog {
    const pieces = this.own.length === 0 ? this.pieces.slice() : [...this.pieces, this.ownPiece()];
    return { pieces, length: this.length };
  }

  /** Back to its first `length` entries (a call boundary); what was handed out stays as it was. */
  cut(length: number): void {
    this.seal();
    const kept: Piece[] = [];
    for (const p of this.pieces) {
      if (p.at >= length) break;
      const end = p.at + (p.to - p.from);
      kept.push(end <= length ? p : { array: p.array, from: p.from, to: p.from + (length - p.at), at: p.at });
    }
    this.pieces = kept;
    this.sealed = Math.min(this.sealed, length);
  }

  /** Appends `log`'s entries from `from` (a call boundary) to its end, by reference. */
  append(log: CallLog, from: number): void {
    this.seal();
    for (const p of log.pieces) {
      const end = p.at + (p.to - p.from);
      if (end <= from) continue;
      const skip = Math.max(0, from - p.at);
      this.pieces.push({ array: p.array, from: p.from + skip, to: p.to, at: this.sealed });
      this.sealed += p.to - p.from - skip;
    }
    if (this.pieces.length > MAX_PIECES) this.compact();
  }

  private ownPiece(): Piece {
    return { array: this.own, from: 0, to: this.own.length, at: this.sealed };
  }

  private seal(): void {
    if (this.own.length === 0) return;
    this.pieces.push(this.ownPiece());
    this.sealed += this.own.length;
    this.own = [];
  }

  private compact(): void {
    const all: unknown[] = [];
    for (const p of this.pieces) for (let i = p.from; i < p.to; i++) all.push(p.array[i]);
    this.pieces = [];
    this.sealed = 0;
    this.own = all;
  }
}

/** Every entry of `log`, in one array (tests, and reading a log whole). */
export function entries(log: CallLog): unknown[] {
  const all: unknown[] = [];
  for (const p of log.pieces) for (let i = p.from; i < p.to; i++) all.push(p.array[i]);
  return all;
}
