import type { AppEvent, EventOf } from '../events';
import type { AppContext, AppEnqueue } from './appProcessMachine';

/**
 * How the app learns that a call was cancelled, for appProcessMachine's actions: from its server once
 * it has reached it (`synced`), or from a background push, which reaches it only in the foreground
 * (PATH-3). It ends such a call at once (`call.endNow`, which `endCall` sends to CallKit). A VoIP
 * cancellation is its own handler's to act on (`startHandler`, pushHandler.ts).
 */

/** The app has reached its server (`cancel.learn`): it ends the calls already cancelled and hears of later ones. */
export function learnCancellation(context: AppContext, enqueue: AppEnqueue): void {
  // CALL-1: offline it reaches nothing; it tries again when the network is back (`setPath`).
  if (!context.online) return;
  enqueue.assign({ synced: true });
  for (const call of context.calls) {
    if (context.env.journal.cancelledAt.has(call.push)) {
      enqueue.raise(
        { type: 'call.endNow', push: call.push, reason: 'cancelled', gen: context.generation },
        { delay: 0, id: `end:${call.push}` },
      );
    }
  }
}

/** A call was cancelled and the app, synced, hears of it at once: it ends that call if it has it. */
export function hearCancellation(
  context: AppContext,
  event: EventOf<AppEvent, 'call.cancelled'>,
  enqueue: AppEnqueue,
): void {
  if (!context.synced || !context.online) return;
  if (context.calls.some((c) => c.push === event.push)) {
    enqueue.raise(
      { type: 'call.endNow', push: event.push, reason: 'cancelled', gen: context.generation },
      { delay: 0, id: `end:${event.push}` },
    );
  }
}

/**
 * The phone's path to the app's server changes (CALL-1): offline the app loses its server and learns
 * nothing; when the path is back, a running app reaches its server `learnsCancellation` later.
 */
export function setPath(context: AppContext, params: { up: boolean; running: boolean }, enqueue: AppEnqueue): void {
  enqueue.assign(params.up ? { online: true } : { online: false, synced: false });
  const learns = context.env.scenario.app.learnsCancellation;
  if (params.up && params.running && learns !== 'never') {
    enqueue.cancel('learn:network');
    enqueue.raise({ type: 'cancel.learn', push: '', gen: context.generation }, { delay: learns, id: 'learn:network' });
  }
}

/**
 * PATH-3: a background push reaches the app only while it runs in the foreground and was not
 * force-quit; one that cancels a call the app has ends it. Otherwise it is ignored.
 */
export function receiveBackgroundPush(
  context: AppContext,
  params: { push: string; running: boolean },
  enqueue: AppEnqueue,
): void {
  const { journal } = context.env;
  const record = journal.push(params.push);
  if (params.running && context.isForeground && !context.forceQuit) {
    journal.step(params.push, 'PATH-3', 'The background push reached the app because it was in the foreground.');
    journal.fate(params.push, 'delivered');
    if (record.cancels && context.calls.some((c) => c.push === record.cancels)) {
      enqueue.raise(
        { type: 'call.endNow', push: record.cancels, reason: 'cancelled', gen: context.generation },
        { delay: 0, id: `end:${record.cancels}` },
      );
    }
    return;
  }
  journal.step(
    params.push,
    'PATH-3',
    context.forceQuit
      ? 'A background push is never delivered to an app the user force-quit.'
      : 'A background push (content-available, priority 5) is best-effort: with the app not in the foreground it never woke it.',
  );
  journal.fate(params.push, 'ignored');
}
