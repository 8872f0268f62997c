import type { ApnsContext } from '../actors/apns/apnsMachine';
import type { AppContext } from '../actors/app/appProcessMachine';
import type { CallKitContext } from '../actors/callKit/callKitMachine';
import type { CallServicesContext } from '../actors/callServices/callServicesMachine';
import type { DeviceContext } from '../actors/device/deviceMachine';

export interface MachineSnapshot<C> {
  readonly value: unknown;
  readonly context: C;
}

/** One actor's state over time, for `stateAt`: the last value and context at each time. */
export class History<C> {
  times: number[] = [];
  values: unknown[] = [];
  contexts: C[] = [];

  record(t: number, snapshot: MachineSnapshot<C>): void {
    const last = this.times.length - 1;
    // xstate reports a snapshot after every event, also when nothing changed (about half of them).
    if (last >= 0 && this.values[last] === snapshot.value && this.contexts[last] === snapshot.context) return;
    if (last >= 0 && this.times[last] === t) {
      this.values[last] = snapshot.value;
      this.contexts[last] = snapshot.context;
    } else {
      this.times.push(t);
      this.values.push(snapshot.value);
      this.contexts.push(snapshot.context);
    }
  }

  at(t: number): MachineSnapshot<C> {
    let lo = 0;
    let hi = this.times.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.times[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return { value: this.values[lo], context: this.contexts[lo]! };
  }

  /** Where it stands now, to roll back to: the length and the last entry (a same-time record replaces it). */
  mark(): HistoryMark {
    const last = this.times.length - 1;
    return { length: this.times.length, value: this.values[last], context: this.contexts[last] };
  }

  /** Back to `mark`, in new arrays: the old ones stay as they were (`Previous` splices from them). */
  rollback(mark: HistoryMark): void {
    this.times = this.times.slice(0, mark.length);
    this.values = this.values.slice(0, mark.length);
    this.contexts = this.contexts.slice(0, mark.length);
    if (mark.length > 0) {
      this.values[mark.length - 1] = mark.value;
      this.contexts[mark.length - 1] = mark.context as C;
    }
  }

  /** A copy that later runs do not change (results must stay as they were given). */
  copy(): History<C> {
    const h = new History<C>();
    h.times = this.times.slice();
    h.values = this.values.slice();
    h.contexts = this.contexts.slice();
    return h;
  }
}

export interface HistoryMark {
  readonly length: number;
  readonly value: unknown;
  readonly context: unknown;
}

export type Histories = {
  apns: History<ApnsContext>;
  device: History<DeviceContext>;
  callServices: History<CallServicesContext>;
  app: History<AppContext>;
  callKit: History<CallKitContext>;
};
export const ACTOR_NAMES = ['apns', 'device', 'callServices', 'app', 'callKit'] as const;
