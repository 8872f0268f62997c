import { ACTOR, to } from '../env';
import { msg, type AppEvent, type EventOf } from '../events';
import type { AppContext, AppEnqueue } from './appProcessMachine';

/**
 * The app's state as callservicesd hears of it and as the app itself sees it, for appProcessMachine's
 * actions: running, foreground and debugger (told only of changes), the user's reinstall, update or
 * force-quit; and the app's own belief of foreground, which lags the system's (EXEMPT-1).
 */

/** Tells callservicesd the app's state when it differs from what it was last told. */
export function notifySystem(
  context: AppContext,
  params: { running: boolean; foreground: boolean },
  enqueue: AppEnqueue,
): void {
  const told = context.toldSystem;
  if (told && told.running === params.running && told.foreground === params.foreground) return;
  enqueue.assign({ toldSystem: params });
  enqueue.sendTo(
    to(ACTOR.callServices),
    msg.callServices({
      type: 'app.stateChanged',
      running: params.running,
      foreground: params.foreground,
      debugger: context.debuggerAttached,
    }),
  );
}

/** Sets the true foreground state; the app's belief follows after `foregroundStateLag` (`belief.sync`). */
export function setForeground(context: AppContext, params: { foreground: boolean }, enqueue: AppEnqueue): void {
  if (context.isForeground !== params.foreground) enqueue.assign({ isForeground: params.foreground });
  if (context.believesForeground !== params.foreground) {
    // EXEMPT-1: the app hears of the transition later than callservicesd does.
    enqueue.cancel('belief.sync');
    enqueue.raise({ type: 'belief.sync' }, { delay: context.env.params.foregroundStateLag, id: 'belief.sync' });
  }
}

/** The debugger is attached or detached while the app runs: callservicesd hears of it at once. */
export function setDebugger(context: AppContext, event: EventOf<AppEvent, 'app.action'>, enqueue: AppEnqueue): void {
  const attached = event.action === 'debugger-attach';
  enqueue.assign({ debuggerAttached: attached });
  enqueue.sendTo(
    to(ACTOR.callServices),
    msg.callServices({
      type: 'app.stateChanged',
      running: true,
      foreground: context.isForeground,
      debugger: attached,
    }),
  );
}

/**
 * The user force-quits, reinstalls or updates the app: callservicesd hears of a reinstall or update
 * (`app.reset`); only a force-quit leaves `forceQuit` set (PATH-3).
 */
export function resetByUser(event: EventOf<AppEvent, 'app.action'>, enqueue: AppEnqueue): void {
  if (event.action === 'reinstall' || event.action === 'update') {
    enqueue.sendTo(to(ACTOR.callServices), msg.callServices({ type: 'app.reset', why: event.action }));
  }
  enqueue.assign({ forceQuit: event.action === 'force-quit' });
}
