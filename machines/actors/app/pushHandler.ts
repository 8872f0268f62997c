import { IOS_PK1_MESSAGE } from '../../scenario/versions';
import { ACTOR, to, enforcesReporting, iosAtLeast, secs } from '../env';
import { msg, type AppEvent, type Delivery, type EndedBy } from '../events';
import { decideHandler, type HandlerDecision } from './handlerPolicy';
import type { AppContext, AppEnqueue } from './appProcessMachine';

/**
 * The app's PushKit handler, step by step, for appProcessMachine's actions: it starts when the main
 * thread is free, reports (or not) as the scenario says, returns, and PushKit checks it (PK-1); and
 * what becomes of the pushes in a process that ends. Each step takes the app's context and returns
 * the next one, enqueuing the events it sends.
 */

const PK1_MESSAGE_IOS13 =
  'Apps receiving VoIP pushes must post an incoming call (via CallKit or IncomingCallNotifications) in the same run loop as pushRegistry:didReceiveIncomingPushWithPayload:forType:[withCompletionHandler:] without delay.';
const PK1_MESSAGE =
  'Killing app because it never posted an incoming call to the system after receiving a PushKit VoIP push.';

/** A push's handler as it ran: what it was handed and what it decided. */
export interface Handling {
  readonly delivery: Delivery;
  readonly startedAt: number;
  readonly decision: HandlerDecision;
}

/** A copy of `map` without `key` (the map itself when it has none). */
function withoutKey<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  if (!map.has(key)) return map;
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}

/** A copy of `set` without `item` (the set itself when it has none). */
function withoutItem(set: ReadonlySet<string>, item: string): ReadonlySet<string> {
  if (!set.has(item)) return set;
  const copy = new Set(set);
  copy.delete(item);
  return copy;
}

/**
 * Starts the next queued handler when the main thread is free (or when its scheduled
 * `handler.start` comes); schedules its report and return unless it does not block. Returns the
 * updated context, or undefined when no handler started.
 */
export function startHandler(context: AppContext, event: AppEvent, enqueue: AppEnqueue): AppContext | undefined {
  const delivery = context.queue[0];
  if (!delivery) return undefined;
  const { env } = context;
  const { journal } = env;
  const now = journal.time();
  if (event.type === 'handler.start') {
    if (delivery.push !== event.push) return undefined;
  } else if (context.handling || context.busyUntil > now) {
    return undefined; // not idle: pumpQueue schedules it
  }
  const app = env.scenario.app;
  const decision = decideHandler(env, delivery, { foreground: context.believesForeground, calls: context.calls });
  explainDecision(context, delivery, decision);
  const block = app.blockMainThread;
  journal.openInterval(`handler:${delivery.push}`, 'app', 'handler', `PushKit handler for ${delivery.push}`, {
    push: delivery.push,
  });
  if (decision.action === 'missed') {
    journal.step(delivery.push, 'MUST-1', 'The app posted a "Call Missed" notification instead of ringing.');
    journal.fate(delivery.push, 'missed');
  }
  // A handler that does not block reports (sync) and returns in this same step (`handle`);
  // otherwise those moments are scheduled. At the same time a sync report comes before the return
  // and a report after a delay comes after it (the order they are scheduled in).
  const inline = block === 0;
  const moment = (type: 'handler.report' | 'handler.return', delay: number) =>
    enqueue.raise(
      { type, push: delivery.push, gen: context.generation },
      { delay, id: `${type === 'handler.report' ? 'report' : 'return'}:${delivery.push}` },
    );
  const reports = decision.action === 'report';
  const later = app.report.mode === 'after';
  if (reports && !later && !inline) moment('handler.report', block);
  if (!inline) moment('handler.return', block);
  if (reports && later) moment('handler.report', Math.max(app.report.delay, block));
  const completion = app.completion ?? { mode: 'sync' };
  if (completion.mode !== 'sync') {
    journal.step(
      delivery.push,
      'PK-2',
      `The app called PushKit's completion handler ${completion.mode === 'never' ? 'never' : `${secs(completion.delay)} late`}; it has no timing role for VoIP pushes, so this changed nothing.`,
    );
  }
  const record = journal.push(delivery.push);
  if (record.cancels) {
    // A VoIP cancellation carries the news itself: the app ends the cancelled call.
    enqueue.raise(
      { type: 'call.endNow', push: record.cancels, reason: 'cancelled', gen: context.generation },
      { delay: block, id: `end:${record.cancels}` },
    );
  }
  const learns = app.learnsCancellation;
  if (learns !== 'never' && !context.synced) {
    enqueue.raise(
      { type: 'cancel.learn', push: delivery.push, gen: context.generation },
      { delay: learns, id: `learn:${delivery.push}` },
    );
  }
  const handling: Handling = { delivery, startedAt: now, decision };
  return {
    ...context,
    queue: context.queue.slice(1),
    handling,
    busyUntil: now + block,
    decisions: new Map(context.decisions).set(delivery.push, handling),
  };
}

/** The handler reports the call to CallKit, as it decided when it started. Returns the updated context. */
export function reportCall(context: AppContext, push: string, enqueue: AppEnqueue): AppContext {
  const handling = context.decisions.get(push);
  const decision = handling?.decision;
  if (!handling || !decision || decision.action !== 'report') return context;
  const { env } = context;
  const app = env.scenario.app;
  // Only where a report was required (not foreground or on a call, EXEMPT-1; not before iOS 13).
  if (app.report.mode === 'sync' && enforcesReporting(env) && handling.delivery.enforced) {
    env.journal.step(
      push,
      'PK-1',
      'The app reported the call before its PushKit handler returned, as PushKit requires.',
    );
  }
  const decisions = withoutKey(context.decisions, push);
  enqueue.sendTo(
    to(ACTOR.callKit),
    msg.callKit({
      type: 'callkit.reportIncoming',
      push,
      uuid: decision.uuid,
      reuses: decision.reuses,
      setConfiguration: app.setConfigurationBeforeReport,
      foreground: context.isForeground,
      checked: handling.delivery.enforced,
    }),
  );
  if (decision.thenEnd) {
    enqueue.raise(
      { type: 'call.endNow', push, reason: 'report-then-end', gen: context.generation },
      { delay: env.params.foregroundEndAfter, id: `end:${push}` },
    );
  } else if (env.journal.push(push).cancels !== undefined && decision.reuses === undefined) {
    // CALL-1/CALL-2: a VoIP cancellation reported as a call of its own; the app read the payload,
    // so it ends that call at once rather than let it ring.
    enqueue.raise(
      { type: 'call.endNow', push, reason: 'cancel-push', gen: context.generation },
      { delay: 0, id: `end:${push}` },
    );
  } else if (context.synced && env.journal.cancelledAt.has(push)) {
    // CALL-2: report at once, then end the call as soon as the app knows it is gone.
    enqueue.raise(
      { type: 'call.endNow', push, reason: 'cancelled', gen: context.generation },
      { delay: 0, id: `end:${push}` },
    );
  }
  return {
    ...context,
    decisions,
    // Only the running handler's flag matters (PK-1 checks it when the handler returns).
    reported: context.handling?.delivery.push === push ? new Set(context.reported).add(push) : context.reported,
  };
}

/**
 * The handler returns: PushKit checks that it reported a call (PK-1), unless the push was exempt.
 * Returns the updated context.
 */
export function handlerReturns(context: AppContext, push: string, enqueue: AppEnqueue): AppContext {
  const h = context.handling;
  if (!h || h.delivery.push !== push) return context;
  const { env } = context;
  const { journal } = env;
  journal.closeInterval(`handler:${push}`);
  const next: AppContext = {
    ...context,
    handling: undefined,
    reported: withoutItem(context.reported, push),
    decisions: h.decision.action === 'report' ? context.decisions : withoutKey(context.decisions, push),
  };
  if (context.reported.has(push) || h.decision.action === 'missed') {
    return next;
  }
  const later = h.decision.action === 'report';
  if (!h.delivery.enforced) {
    explainExempt(context, h.delivery);
    if (!later) journal.fate(push, 'exempt');
    return next;
  }
  if (context.debuggerAttached) {
    journal.step(
      push,
      'DBG-1',
      'The handler returned without reporting a call: PushKit would have crashed the app (PK-1), but the debugger was attached, which disables this; no strike was counted.',
    );
    // No report will come; callservicesd's check is still to run, and decides: the debugger may be
    // gone by then (KILL-1).
    if (!later) enqueue.sendTo(to(ACTOR.callServices), msg.callServices({ type: 'app.unreported', push }));
    return next;
  }
  const message = iosAtLeast(env, IOS_PK1_MESSAGE) ? PK1_MESSAGE : PK1_MESSAGE_IOS13;
  journal.step(
    push,
    'PK-1',
    `The PushKit handler returned without reporting a call${later ? ' (the report was to come later, which is too late)' : ''}, so PushKit crashed the app at once: "${message}" (one strike).`,
  );
  journal.fate(push, 'crashed');
  journal.mark('app', 'app.crashed', `crashed: ${push}`, { push, rule: 'PK-1' });
  enqueue.sendTo(to(ACTOR.callServices), msg.callServices({ type: 'app.crashed', push }));
  enqueue.raise({ type: 'app.kill', push, rule: 'PK-1' });
  return next;
}

/** What ended the process, from the event that ended it (`die`). */
export function endedByOf(event: AppEvent): EndedBy {
  if (event.type === 'app.kill') return event.rule;
  if (event.type === 'app.action' && (event.action === 'reinstall' || event.action === 'update')) return event.action;
  return 'force-quit';
}

/**
 * A push still waiting in the process when it ended: why it goes back to callservicesd, in the push's
 * own chain (else it reads as if the app had simply not been running). A user's action is told by the
 * relaunch's LAUNCH-1 step alone: no rule ended the process. (The launch watchdog, LAUNCH-3, ends a
 * launch, whose pushes it fails, never a running process with pushes waiting.)
 */
export function explainDeath(context: AppContext, push: string, event: AppEvent): void {
  const { journal } = context.env;
  const back = 'before it had handled this push, so the push went back to callservicesd to be handed over again.';
  if (event.type === 'app.kill' && event.rule === 'KILL-1')
    journal.step(push, 'KILL-1', `callservicesd killed the app (0xbaadca11) for ${event.push} ${back}`);
  else if (event.type === 'app.kill') journal.step(push, 'PK-1', `PushKit crashed the app for ${event.push} ${back}`);
}

/** When the main thread is free and pushes wait, the next handler starts when it is no longer busy. */
export function pumpQueue(context: AppContext, enqueue: AppEnqueue): void {
  if (context.handling || context.queue.length === 0) return;
  const next = context.queue[0]!;
  const delay = Math.max(0, context.busyUntil - context.env.now());
  enqueue.raise(
    { type: 'handler.start', push: next.push, gen: context.generation },
    { delay, id: `start:${next.push}` },
  );
}

function explainDecision(context: AppContext, delivery: Delivery, decision: HandlerDecision): void {
  const { journal, params } = context.env;
  const push = delivery.push;
  const lagging = context.believesForeground !== context.isForeground;
  if (decision.action === 'skip' && decision.because === 'foreground' && lagging && delivery.enforced) {
    journal.step(
      push,
      'EXEMPT-1',
      `The app still believed it was in the foreground (its view lags the system's by ${secs(params.foregroundStateLag)}, an estimate), but callservicesd already saw it in the background, so it skipped a report that was required.`,
    );
  } else if (decision.action === 'report' && decision.because === 'foreground' && !lagging) {
    journal.step(
      push,
      'EXEMPT-3',
      'The app was in the foreground: it reported the call and CallKit showed no system UI, leaving the app to show its own.',
    );
  }
}

export function explainExempt(context: AppContext, delivery: Delivery): void {
  const { journal } = context.env;
  const push = delivery.push;
  switch (delivery.exemption) {
    case 'pre-ios13':
      journal.step(
        push,
        'PK-1',
        'Before iOS 13 nothing required a VoIP push to be reported as a call, so not reporting it was allowed.',
      );
      break;
    case 'foreground':
      journal.step(
        push,
        'EXEMPT-1',
        'The app did not report a call, which is allowed: callservicesd saw it in the foreground.',
      );
      break;
    case 'on-call':
      journal.step(
        push,
        'EXEMPT-1',
        'The app did not report a call, which is allowed: callservicesd saw it already on a call.',
      );
      break;
    default:
      break;
  }
}
