import { formatTime, formatWindow } from '../../engine/time';
import type { CallServicesEvent, EventOf } from '../events';
import type { Strike } from '../../engine/result';
import type { Params } from '../../scenario/params';
import type { CallServicesContext, CallServicesEnqueue } from './callServicesMachine';

/**
 * callservicesd's strike ledger and the throttle it trips, for callServicesMachine's actions: each
 * failure to report (KILL-1) or crash (PK-1) is a strike, and enough of them inside the rolling window
 * block VoIP delivery to the app until the oldest that matters leaves it (THROTTLE-1/2).
 */

/** The params that shape the window failures count in (THROTTLE-2; its shape is a model choice). */
export type WindowParams = Pick<Params, 'throttleWindow' | 'throttleWindowRolls'>;

/**
 * Strikes that count at `now` (THROTTLE-2). In the rolling window (Ringside's default) a strike leaves
 * at `at + window`, the very sum the lift is set for: `at > now − window` can still hold at that time
 * when `at` is not a whole number (`(at + W) − W < at`), and the lift then re-armed itself forever.
 * In a fixed window (`params.throttleWindowRolls` off) all of them leave together when it expires.
 */
export function strikesInWindow(strikes: readonly Strike[], now: number, params: WindowParams): Strike[] {
  const window = params.throttleWindow;
  if (params.throttleWindowRolls) return strikes.filter((s) => s.at + window > now);
  const opened = fixedWindowOpened(strikes, window);
  return opened + window > now ? strikes.filter((s) => s.at >= opened) : [];
}

/**
 * How many failures count now, in words the UI and the CLI show as they are (THROTTLE-2): "3 of 5
 * failures in the last 24 h" in the rolling window; in a fixed one, the window's opening time, since
 * "the last 24 h" would then be wrong ("3 of 5 failures in the 24 h window opened at 1:00:00.000").
 */
export function strikeBudget(
  strikes: readonly Strike[],
  now: number,
  params: WindowParams & Pick<Params, 'throttleFailures'>,
): string {
  const counted = `${strikesInWindow(strikes, now, params).length} of ${params.throttleFailures} failures`;
  const window = formatWindow(params.throttleWindow);
  if (params.throttleWindowRolls) return `${counted} in the last ${window}`;
  const opened = fixedWindowOpened(strikes, params.throttleWindow);
  return opened + params.throttleWindow > now
    ? `${counted} in the ${window} window opened at ${formatTime(opened)}`
    : `${counted}: no ${window} window is open`;
}

/**
 * When the last fixed window opened: the first strike opens one, and the first strike after it has
 * expired opens the next (`-Infinity` with no strikes: no window stands).
 */
function fixedWindowOpened(strikes: readonly Strike[], window: number): number {
  let opened = -Infinity;
  for (const s of strikes) if (s.at >= opened + window) opened = s.at;
  return opened;
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
  const now = journal.time();
  const inWindow = strikesInWindow(context.strikes, now, params);
  const n = inWindow.length;
  const since = context.throttle?.from ?? now;
  const why = `The app had failed to report a call ${n} time${n === 1 ? '' : 's'} in the last ${formatWindow(params.throttleWindow)}, so the system no longer hands it VoIP pushes; APNs still answered the provider with HTTP 200.`;
  const update = context.update;
  if (update && !params.updateResetsStrikes && strikesInWindow(update.strikes, now, params).length > 0) {
    // An update did not reset the count: only because the user chose so (params.updateResetsStrikes).
    journal.step(
      event.push,
      'THROTTLE-1',
      `${why} The app was updated at ${formatTime(update.at)}; Ringside assumes here that an update does not reset the count (params.updateResetsStrikes is off; DTS believes it does).`,
      'update-resets-strikes',
    );
  } else if (inWindow.filter((x) => x.at <= since).length < params.throttleFailures) {
    // The failures that started the block are too few by now: ones that came during it keep it standing.
    journal.step(
      event.push,
      'THROTTLE-1',
      `${why} Fewer than ${params.throttleFailures} of them came before the block began ${formatWindow(now - since)} ago: Ringside assumes a rolling window, so failures that came during the block keep it standing (the sources say only that it lifts after ~24 h).`,
      'rolling-window',
    );
  } else {
    journal.step(event.push, 'THROTTLE-1', why);
  }
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
  const pending = new Map(context.pending);
  for (const d of event.unhandled) {
    enqueue.cancel(`deadline:${d.push}`);
    journal.closeInterval(`deadline:${d.push}`, event.endedBy);
    pending.delete(d.push);
    const times = (d.again ?? 0) + 1;
    journal.step(
      d.push,
      'THROTTLE-1',
      `It was waiting to be handed to the app again (its process had ended before its turn ${times === 1 ? 'once' : `${times} times`}), but VoIP delivery was blocked by then: the system does not launch the app for it, so it never reached the app.`,
    );
    journal.fate(d.push, 'throttled');
    journal.mark('callservicesd', 'push.throttled', `${d.push} throttled`, { push: d.push, rule: 'THROTTLE-1' });
  }
  enqueue.assign({ pending });
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
  const inWindow = strikesInWindow(context.strikes, now, params);
  // Rolling: until fewer than `throttleFailures` remain; fixed: until the window expires, all at once.
  const oldestThatMatters = params.throttleWindowRolls
    ? inWindow[inWindow.length - params.throttleFailures]
    : inWindow[0];
  const until = (oldestThatMatters?.at ?? now) + params.throttleWindow;
  enqueue.assign({ throttle: { from, until } });
  enqueue.raise({ type: 'throttle.lift' }, { delay: until - now, id: 'throttle.lift' });
  return inWindow.length;
}

/**
 * Does this reinstall or update reset the count (THROTTLE-2)? Reinstalling does (documented); an update
 * does only while `params.updateResetsStrikes` holds (Ringside's default: DTS "believes" it does).
 */
export function resetsStrikes(context: CallServicesContext, event: CallServicesEvent): boolean {
  return event.type === 'app.reset' && (event.why === 'reinstall' || context.env.params.updateResetsStrikes);
}

/** The app was reinstalled or updated: the failure count starts again, if it does (THROTTLE-2). */
export function resetStrikes(
  context: CallServicesContext,
  event: EventOf<CallServicesEvent, 'app.reset'>,
): Partial<CallServicesContext> {
  const { journal } = context.env;
  // A reinstall resets the count by the sources: an earlier update no longer decides anything.
  const update = { update: event.why === 'update' ? { at: journal.time(), strikes: context.strikes } : undefined };
  if (!resetsStrikes(context, event)) {
    journal.log(
      'callservicesd',
      'The app was updated: Ringside assumes here that an update does not reset the failure count (params.updateResetsStrikes is off).',
      { rule: 'THROTTLE-2' },
    );
    return update;
  }
  journal.log(
    'callservicesd',
    `The app was ${event.why === 'reinstall' ? 'deleted and reinstalled' : 'updated'}: the failure count starts again.`,
    { rule: 'THROTTLE-2' },
  );
  return { strikes: [], ...update };
}

/**
 * A VoIP push reaches callservicesd after an update reset the count, and the failures it forgot would
 * have blocked it: Ringside's choice that an update resets the count decides its fate (THROTTLE-2).
 */
export function noteUpdateReset(context: CallServicesContext, push: string): void {
  const { update, env } = context;
  // In the delivering state the failures since the update are too few on their own: with none before
  // it, `would` is short too.
  if (!update || !env.params.updateResetsStrikes) return;
  const { journal, params } = env;
  const would = strikesInWindow([...update.strikes, ...context.strikes], journal.time(), params);
  if (would.length < params.throttleFailures) return;
  journal.step(
    push,
    'THROTTLE-2',
    `The app was updated at ${formatTime(update.at)}, and Ringside assumes an update resets the failure count as reinstalling does (DTS only believes so): without that, ${would.length} failures in the last ${formatWindow(params.throttleWindow)} would have blocked this push.`,
    'update-resets-strikes',
  );
}

/**
 * A VoIP push reaches callservicesd with enough failures on the ledger to block it, but too few of them
 * still count: the window's shape, Ringside's own choice, lets it through to the app (THROTTLE-1/2).
 */
export function noteLetThrough(context: CallServicesContext, push: string): void {
  const { journal, params } = context.env;
  const total = context.strikes.length;
  if (total < params.throttleFailures) return;
  const counted = strikesInWindow(context.strikes, journal.time(), params).length;
  const window = formatWindow(params.throttleWindow);
  const left = total - counted;
  const shape = params.throttleWindowRolls
    ? `Ringside assumes a rolling ${window} window, so the oldest ${left === 1 ? 'has' : `${left} have`} left it (the sources say only that a block lifts after ~24 h)`
    : `Ringside assumes here a fixed ${window} window that opens at the first failure and starts again when it expires (params.throttleWindowRolls is off), so the count had started again`;
  journal.step(
    push,
    'THROTTLE-1',
    `The app had failed to report a call ${total} times, but only ${counted} of those failures still counted: ${shape}. VoIP delivery to the app was not blocked.`,
    'rolling-window',
  );
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
