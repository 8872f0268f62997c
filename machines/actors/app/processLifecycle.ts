import { ACTOR, to, secs } from '../env';
import { msg, type AppEvent, type EventOf } from '../events';
import { endedByOf, explainDeath, explainExempt } from './pushHandler';
import type { AppContext, AppEnqueue } from './appProcessMachine';

/**
 * The app's process from launch to end, for appProcessMachine's actions: a push launches it
 * (LAUNCH-1), the launch watchdog may kill a slow launch (LAUNCH-3), the pushes it was launched for
 * are handed to the main thread or lost without a delegate (LAUNCH-2); and when the process ends,
 * what was still in it goes back to callservicesd or ends there.
 */

/** LAUNCH-1: a push launches the app in the background; the push's story says so. */
export function noteLaunch(context: AppContext, event: EventOf<AppEvent, 'push.deliver'>): void {
  const launch = secs(context.env.scenario.app.launch);
  for (const d of event.deliveries) {
    // Handed back more than once: the chain told it the first time (no repeated steps).
    if ((d.again ?? 0) > 1) continue;
    context.env.journal.step(
      d.push,
      'LAUNCH-1',
      d.again
        ? `The system launched the app again in the background (${launch}) to hand it this push once more; callservicesd's deadline starts again after launch.`
        : `The app was not running, so the system launched it in the background (${launch}); callservicesd's deadline starts only after launch.`,
    );
  }
}

/**
 * LAUNCH-3: the launch watchdog kills the app. The pushes it was launched for got their fate here:
 * they are not handed back for another launch.
 */
export function watchdogKill(context: AppContext, enqueue: AppEnqueue): void {
  const { journal, params } = context.env;
  journal.mark('app', 'app.watchdog', 'launch watchdog killed the app', { rule: 'LAUNCH-3' });
  for (const d of context.launchPending) {
    journal.step(
      d.push,
      'LAUNCH-3',
      `The app took longer than the launch watchdog allows (${secs(params.launchWatchdog)}, an estimate) and was killed by it; this is not a CallKit strike.`,
    );
    journal.fate(d.push, 'killed');
  }
  enqueue.assign({ launchPending: [] });
}

/**
 * The launch is done: the pushes it was for join the main thread's queue, or are lost when the app
 * sets no PushKit delegate during launch (LAUNCH-2).
 */
export function handOverLaunched(context: AppContext, enqueue: AppEnqueue): void {
  const { journal } = context.env;
  const queue = [...context.queue];
  const lost = !context.env.scenario.app.delegateAtLaunch;
  if (context.launchPending.length > 0) {
    const deliveries = context.launchPending;
    enqueue.sendTo(
      to(ACTOR.callServices),
      msg.callServices(
        lost ? { type: 'push.handedToApp', deliveries, lost } : { type: 'push.handedToApp', deliveries },
      ),
    );
  }
  for (const d of context.launchPending) {
    if (lost) {
      journal.step(
        d.push,
        'LAUNCH-2',
        'The app did not set its PKPushRegistry delegate during launch, so the push arrived with nobody to receive it and no call was reported.',
      );
      // Nothing is checked for a push that needed no report (callservicesd forgets it): its story ends here.
      if (!d.enforced) {
        explainExempt(context, d);
        journal.fate(d.push, 'exempt');
      }
      continue;
    }
    queue.push(d);
  }
  enqueue.assign({ launchPending: [], queue, launchedByUser: false });
}

/** What ends the process: a kill (PK-1, KILL-1), the launch watchdog (LAUNCH-3) or the user's action. */
export type DeathEvent = EventOf<AppEvent, 'app.kill' | 'launch.watchdog' | 'app.action'>;

/** The process ends: pending timers die with it; undelivered pushes go back to callservicesd. */
export function die(context: AppContext, event: DeathEvent, enqueue: AppEnqueue): void {
  for (const [push, d] of context.decisions) {
    context.env.journal.closeInterval(`handler:${push}`);
    // A report still to come that the push did not owe (its handler returned, exempt): none comes now.
    if (!d.delivery.enforced && d !== context.handling) context.env.journal.fate(push, 'exempt');
  }
  const h = context.handling;
  if (h) {
    context.env.journal.closeInterval(`handler:${h.delivery.push}`);
    // A handler cut off (the user closed the app) without a report it did not owe: exempt. One that
    // owed it is callservicesd's to judge at its check.
    if (!h.delivery.enforced) {
      explainExempt(context, h.delivery);
      context.env.journal.fate(h.delivery.push, 'exempt');
    }
  }
  enqueue.cancel('launch');
  if (context.calls.length > 0) {
    enqueue.sendTo(to(ACTOR.callKit), msg.callKit({ type: 'app.terminated' }));
  }
  const unhandled = [...context.launchPending, ...context.queue];
  if (unhandled.length > 0) {
    const endedBy = endedByOf(event);
    for (const d of unhandled) if (d.again === undefined) explainDeath(context, d.push, event);
    enqueue.sendTo(to(ACTOR.callServices), msg.callServices({ type: 'app.died', unhandled, endedBy }));
  }
  enqueue.assign({
    queue: [],
    launchPending: [],
    handling: undefined,
    busyUntil: context.env.now(),
    synced: false,
    generation: context.generation + 1,
    decisions: new Map(),
    reported: new Set(),
    isForeground: false,
    believesForeground: false,
  });
}
