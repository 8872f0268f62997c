import type { AppEvent, EventOf } from '../events';
import { handlerReturns, pumpQueue, reportCall, startHandler } from './pushHandler';
import type { AppContext, AppEnqueue } from './appProcessMachine';

/**
 * The app's main thread, for appProcessMachine's actions (`handle`, `report`, `handlerReturned`):
 * delivered pushes wait in its queue and their PushKit handlers run one at a time; each handler's
 * steps are in pushHandler.ts. Each action enqueues one assign at most, of the whole next context.
 */

/** What sets the main thread going: a push delivered, a launch done, or a handler's scheduled start. */
export type HandleEvent = EventOf<AppEvent, 'push.deliver' | 'launch.done' | 'handler.start'>;

/**
 * The main thread: a delivered push joins the queue (callservicesd starts its deadline itself when
 * it hands a push to a running app); if the thread is free the next handler starts, and one that
 * does not block reports (sync) and returns in this same step; the next handler is scheduled.
 * One assign for all of it (each assign costs xstate a snapshot).
 */
export function handle(context: AppContext, event: HandleEvent, enqueue: AppEnqueue): void {
  let c = event.type === 'push.deliver' ? { ...context, queue: [...context.queue, ...event.deliveries] } : context;
  const started = startHandler(c, event, enqueue);
  if (started) {
    c = started;
    const app = c.env.scenario.app;
    const h = started.handling!;
    if (app.blockMainThread === 0) {
      const push = h.delivery.push;
      if (h.decision.action === 'report' && app.report.mode === 'sync' && !c.reported.has(push)) {
        c = reportCall(c, push, enqueue);
      }
      c = handlerReturns(c, push, enqueue);
    }
  }
  pumpQueue(c, enqueue);
  if (c !== context) enqueue.assign(() => c);
}

/** A handler's scheduled report (`report: after`, or a handler that blocks). */
export function report(context: AppContext, event: EventOf<AppEvent, 'handler.report'>, enqueue: AppEnqueue): void {
  const c = reportCall(context, event.push, enqueue);
  if (c !== context) enqueue.assign(() => c);
}

/** A blocking handler returns; the main thread takes the next. */
export function handlerReturned(
  context: AppContext,
  event: EventOf<AppEvent, 'handler.return'>,
  enqueue: AppEnqueue,
): void {
  const c = handlerReturns(context, event.push, enqueue);
  pumpQueue(c, enqueue);
  if (c !== context) enqueue.assign(() => c);
}
