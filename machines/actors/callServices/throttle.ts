import { formatWindow } from '../../engine/time';
import type { CallServicesEvent, EventOf } from '../events';
import type { Strike } from '../../engine/result';
import type { CallServicesContext, CallServicesEnqueue, PendingDelivery } from './callServicesMachine';

/**
 * callservicesd's strike ledger and the throttle it trips, for callServicesMachine's actions: each
 * failure to report (KILL-1) or crash (PK-1) is a strike, and enough of them inside the rolling window
 * block VoIP delivery to the app until the oldest that matters leaves it (THROTTLE-1/2).
 */

/**
 * Strikes still inside the rolling window at `now` (THROTTLE-2). A strike leaves at `at + window`,
 * the very sum the lift is set for: `at > now − window` can still hold at that time when `at` is
 * not a whole number (`(at + W) − W < at`), and the lift then re-armed itself forever.
 */
export function strikesInWindow(strikes: readonly Strike[], now: number, window: number): Strike[] {
  return strikes.filter((s) => s.at + window > now);
}

/** Adds a strike to the ledger (THROTTLE-1) and forgets the failed delivery. */
export function recordStrike(
  context: CallServicesContext,
  push: string,
  cause: Strike['cause'],
): Partial<CallServicesContext> {
  const { journal } = context.env;
  const strike: Strike = { at: journal.time(), push, cause };
  journal.strike(strike);
  journal.mark('callservicesd', 'strike', `strike: ${push} ${cause}`, { push, rule: 'THROTTLE-1' });
  const pending = new Map(context.pending);
  pending.delete(push);
  return { strikes: [...context.strikes, strike], pending };
}

/** A VoIP push reaches callservicesd while it is throttled: the app never gets it (THROTTLE-1). */
export function block(context: CallServicesContext, event: EventOf<CallServicesEvent, 'push.voip'>): void {
  const { journal, params } = context.env;
  const n = strikesInWindow(context.strikes, journal.time(), params.throttleWindow).length;
  journal.step(
    event.push,
    'THROTTLE-1',
    `The app had failed to report a call ${n} times in the last ${formatWindow(params.throttleWindow)}, so the system no longer hands it VoIP pushes; APNs still answered the provider with HTTP 200.`,
  );
  journal.fate(event.push, 'throttled');
  journal.mark('callservicesd', 'push.throttled', `${event.push} throttled`, {
    push: event.push,
    rule: 'THROTTLE-1',
  });
}

/**
 * The app's process ended with pushes still waiting in it while VoIP delivery is blocked: the system
 * neither hands them over again nor launches the app for them (THROTTLE-1), so each ends `throttled`
 * and no further strike can come from it.
 */
export function blockHandBack(
  context: CallServicesContext,
  event: EventOf<CallServicesEvent, 'app.died'>,
  enqueue: CallServicesEnqueue,
): void {
  const { journal } = context.env;
  let pending: Map<string, PendingDelivery> | undefined;
  for (const d of event.unhandled) {
    enqueue.cancel(`deadline:${d.push}`);
    journal.closeInterval(`deadline:${d.push}`, event.endedBy);
    if (context.pending.has(d.push)) (pending ??= new Map(context.pending)).delete(d.push);
    const times = (d.again ?? 0) + 1;
    journal.step(
      d.push,
      'THROTTLE-1',
      `It was waiting to be handed to the app again (its process had ended before its turn ${times === 1 ? 'once' : `${times} times`}), but VoIP delivery was blocked by then: the system does not launch the app for it, so it never reached the app.`,
    );
    journal.fate(d.push, 'throttled');
    journal.mark('callservicesd', 'push.throttled', `${d.push} throttled`, { push: d.push, rule: 'THROTTLE-1' });
  }
  if (pending) enqueue.assign({ pending });
}

/** The window is full: VoIP delivery is blocked until the oldest strike that matters leaves it (THROTTLE-1). */
export function startThrottle(context: CallServicesContext, enqueue: CallServicesEnqueue): void {
  const { journal, params } = context.env;
  const failures = blockUntilWindowClears(context, journal.time(), enqueue);
  journal.openInterval(
    'throttle',
    'callservicesd',
    'throttle',
    `VoIP delivery blocked (${failures} failures in ${formatWindow(params.throttleWindow)})`,
    {
      rule: 'THROTTLE-1',
    },
  );
  journal.log('callservicesd', `Too many reporting failures (${failures}): VoIP pushes to the app are blocked.`, {
    rule: 'THROTTLE-1',
  });
}

/**
 * The block was due to lift, but failures that came during it (a push handed over just before it
 * began) still fill the window: it runs on until the oldest of those that matter leaves (THROTTLE-2).
 */
export function extendThrottle(context: CallServicesContext, enqueue: CallServicesEnqueue): void {
  const { journal, params } = context.env;
  const failures = blockUntilWindowClears(context, context.throttle?.from ?? journal.time(), enqueue);
  journal.log(
    'callservicesd',
    `Still ${failures} failures in the last ${formatWindow(params.throttleWindow)}: VoIP pushes to the app stay blocked.`,
    { rule: 'THROTTLE-2' },
  );
}

/**
 * Blocks VoIP delivery from `from` until the oldest of the last `throttleFailures` strikes leaves the
 * window, and sets the lift for then; returns how many failures lie in the window now.
 */
function blockUntilWindowClears(context: CallServicesContext, from: number, enqueue: CallServicesEnqueue): number {
  const { journal, params } = context.env;
  const now = journal.time();
  const inWindow = strikesInWindow(context.strikes, now, params.throttleWindow);
  const oldestThatMatters = inWindow[inWindow.length - params.throttleFailures];
  const until = (oldestThatMatters?.at ?? now) + params.throttleWindow;
  enqueue.assign({ throttle: { from, until } });
  enqueue.raise({ type: 'throttle.lift' }, { delay: until - now, id: 'throttle.lift' });
  return inWindow.length;
}

/** VoIP delivery resumes (the throttle lifts, or the app was reinstalled or updated: THROTTLE-2). */
export function endThrottle(context: CallServicesContext, enqueue: CallServicesEnqueue): void {
  const { journal } = context.env;
  enqueue.cancel('throttle.lift');
  journal.closeInterval('throttle');
  if (context.throttle) {
    enqueue.assign({
      windows: [...context.windows, { from: context.throttle.from, until: journal.time() }],
      throttle: undefined,
    });
  }
  journal.log('callservicesd', 'VoIP delivery to the app resumes.', { rule: 'THROTTLE-2' });
}
