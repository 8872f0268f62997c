import type { Params } from '../../scenario/params';
import type { SimTime } from '../../engine/time';
import type { DeviceEvent } from '../events';
import { showAttempting, showBackoff } from './apsdLink';
import type { DeviceContext, DeviceEnqueue } from './deviceMachine';

/**
 * apsd's retry cycle worked out instead of run (DEV-1), for deviceMachine's `trying.retrying`. Once an
 * attempt has failed on a path that cannot carry the next one either, every later attempt fails the
 * same way until something reaches the phone: attempts time out (`apsdAttemptTimeout`), the failures
 * reach `apsdBackoffAfter`, then backoff (`apsdBackoff`) and attempt alternate forever. The device then
 * sets no timers; the next event works out where the cycle stands, backdates the apsd lane's spans and
 * goes on from that phase with its timers at their original times (INTERNALS.md, "Idle retries").
 */

/**
 * Whether the attempt that just timed out is followed only by attempts that fail alike: the path cannot
 * carry a handshake (or the handshake takes longer than an attempt lasts), and time moves on between
 * attempts. A zero attempt time (refused by the loader) keeps the timers, and the clock's budget.
 */
export function failsUntilChange(context: DeviceContext, usable: boolean): boolean {
  const { params } = context.env;
  const handshake = context.network === 'wifi' ? params.apsdReconnect : params.apsdReconnectCellular;
  return params.apsdAttemptTimeout > 0 && (!usable || handshake > params.apsdAttemptTimeout);
}

/** The attempt timed out: one more failure, and the backoff's span if it starts now (DEV-1). */
export function startRetrying(context: DeviceContext, enqueue: DeviceEnqueue): void {
  const failures = context.failures + 1;
  enqueue.assign({ failures, retrySince: context.env.now() });
  if (failures >= context.env.params.apsdBackoffAfter) showBackoff(context);
}

const startOf = (context: DeviceContext): RetryStart => ({ since: context.retrySince!, failures: context.failures });

/** The scenario's end takes the phase changes due at that very time too: the clock fires those. */
const inclusiveFor = (event: DeviceEvent): boolean => event.type === 'scenario.end';

/** Whether apsd is backing off when `event` reaches it in `trying.retrying`. */
export function resumesInBackoff(context: DeviceContext, event: DeviceEvent): boolean {
  const { params } = context.env;
  return retryPhase(startOf(context), params, context.env.now(), inclusiveFor(event)).state === 'backoff';
}

/**
 * Leaves `trying.retrying`: the apsd lane gets the spans the attempts and backoffs since would have
 * drawn, at their times, and the context the failures they counted and when the current phase began.
 */
export function catchUp(context: DeviceContext, event: DeviceEvent, enqueue: DeviceEnqueue): void {
  const { journal, params } = context.env;
  const phase = retryPhase(startOf(context), params, context.env.now(), inclusiveFor(event), (at, state) =>
    journal.asOf(at as SimTime, () => (state === 'backoff' ? showBackoff(context) : showAttempting(context))),
  );
  enqueue.assign({ failures: phase.failures, retrySince: undefined, resumeFrom: phase.from });
}

/** Whether apsd, idling in `trying.retrying`, is backing off at `t` (the state shown at `t`). */
export function idleBackoffAt(context: DeviceContext, params: Params, t: number): boolean {
  return retryPhase(startOf(context), params, t, true).state === 'backoff';
}

/** A phase timer's delay: the full `ms`, or what is left of it in a phase resumed after `trying.retrying`. */
export function timerFor(context: DeviceContext, ms: number): number {
  return context.resumeFrom === undefined ? ms : Math.max(0, context.resumeFrom + ms - context.env.now());
}

/** Where the cycle stands: the phase, when apsd entered it and the failures counted by then. */
export interface RetryPhase {
  readonly state: 'attempting' | 'backoff';
  readonly from: number;
  readonly failures: number;
}

/** The cycle as the device left it: the last attempt timed out at `since`, making `failures`. */
export interface RetryStart {
  readonly since: number;
  readonly failures: number;
}

/**
 * Where the cycle stands at `t`: after the phase changes due before `t`, or also those due at `t`
 * (`inclusive`: at the scenario's end, and for the state shown at `t`). A timeline event at `t` goes
 * before the retry timers due then, as the clock orders them (tier 1 before tier 2); so does the
 * give-up timer, set before any of them. `each`, if given, is told every backoff and every new attempt
 * that follows a backoff, in order (re-attempts before the first backoff continue one span and are not told).
 */
export function retryPhase(
  start: RetryStart,
  params: Params,
  t: number,
  inclusive: boolean,
  each?: (at: number, state: 'attempting' | 'backoff') => void,
): RetryPhase {
  const { since, failures } = start;
  const attempt = params.apsdAttemptTimeout;
  const backoff = params.apsdBackoff;
  const period = attempt + backoff;
  const after = params.apsdBackoffAfter;
  const past = (at: number) => (inclusive ? at <= t : at < t);
  // Before the first backoff: attempts every `attempt` ms, one failure each.
  const firstBackoff = failures >= after ? since : since + (after - failures) * attempt;
  if (!past(firstBackoff) && failures < after) {
    const ran = inclusive ? Math.floor((t - since) / attempt) : Math.ceil((t - since) / attempt) - 1;
    const j = Math.max(0, Math.min(after - failures - 1, ran));
    return { state: 'attempting', from: since + j * attempt, failures: failures + j };
  }
  const base = Math.max(failures, after);
  if (firstBackoff > since) each?.(firstBackoff, 'backoff');
  const ran = inclusive ? Math.floor((t - firstBackoff) / period) : Math.ceil((t - firstBackoff) / period) - 1;
  const cycles = Math.max(0, ran);
  if (each) {
    for (let k = 0; k < cycles; k++) {
      const at = firstBackoff + k * period;
      each(at + backoff, 'attempting');
      each(at + period, 'backoff');
    }
  }
  const from = firstBackoff + cycles * period;
  if (past(from + backoff)) {
    each?.(from + backoff, 'attempting');
    return { state: 'attempting', from: from + backoff, failures: base + cycles };
  }
  return { state: 'backoff', from, failures: base + cycles };
}
