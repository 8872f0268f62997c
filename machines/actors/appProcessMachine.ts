import { assign, cancel, enqueueActions, raise, setup } from 'xstate';
import { IOS_PK1_MESSAGE } from '../versions';
import { ACTOR, to, enforcesReporting, iosAtLeast, secs, type SimEnv } from '../env';
import {
  msg,
  type AppEvent,
  type CallKitEvent,
  type CallRef,
  type CallServicesEvent,
  type Delivery,
  type EndedBy,
} from '../events';
import { decideHandler, type HandlerDecision } from './handlerPolicy';

interface Handling {
  readonly delivery: Delivery;
  readonly startedAt: number;
  readonly decision: HandlerDecision;
}

export interface AppContext {
  readonly env: SimEnv;
  /** The true state, as the system sees it. */
  readonly isForeground: boolean;
  /** What the app itself believes; it catches up after `foregroundStateLag` (EXEMPT-1). */
  readonly believesForeground: boolean;
  readonly debuggerAttached: boolean;
  /** Force-quit by the user: background pushes are never delivered (PATH-3). */
  readonly forceQuit: boolean;
  /** Launched by the user (foreground) or by a push (background). */
  readonly launchedByUser: boolean;
  /** Pushes handed over while launching. */
  readonly launchPending: readonly Delivery[];
  /** Pushes waiting for the main thread. */
  readonly queue: readonly Delivery[];
  readonly handling?: Handling;
  readonly busyUntil: number;
  /** Pushes whose running handler has reported (PK-1 checks it when the handler returns). */
  readonly reported: ReadonlySet<string>;
  /** Calls the app knows of (from CallKit). */
  readonly calls: readonly CallRef[];
  /** The app has reached its server since it started, so it learns cancellations at once. */
  readonly synced: boolean;
  /** What callservicesd was last told about the app (it is told only of changes). */
  readonly toldSystem?: { readonly running: boolean; readonly foreground: boolean };
  /** Counts process launches; a timer from an earlier process is ignored. */
  readonly generation: number;
  /** Each push's handler as it ran (what it decided), until it reports. (Maps, not records: push ids
   * as object keys make every object shape unique, which slows V8 down more with every push.) */
  readonly decisions: ReadonlyMap<string, Handling>;
}

/**
 * DEV-4: in the background, a push or the end of the last call restarts the ~30 s grace. This redoes
 * what re-entering `background` did, without the exit and entry (which cost xstate more than the
 * push itself): the lane and callservicesd's view are unchanged, so only `setForeground` (a belief
 * still lagging restarts its catch-up) and the grace timer are redone, in the entry's order.
 */
const RESTART_GRACE = [{ type: 'setForeground', params: { foreground: false } }, 'restartGrace'] as const;

const PK1_MESSAGE_IOS13 =
  'Apps receiving VoIP pushes must post an incoming call (via CallKit or IncomingCallNotifications) in the same run loop as pushRegistry:didReceiveIncomingPushWithPayload:forType:[withCompletionHandler:] without delay.';
const PK1_MESSAGE =
  'Killing app because it never posted an incoming call to the system after receiving a PushKit VoIP push.';

/**
 * The app's process: not running / launching / foreground / background / suspended; its PushKit
 * handler as the scenario describes it, its own (lagging) beliefs, the 30 s background grace and
 * PushKit's "did report call" check when the handler returns (LAUNCH-1…3, PK-1, EXEMPT-1…3, DEV-4).
 */
export const appProcessMachine = setup({
  types: {
    context: {} as AppContext,
    events: {} as AppEvent,
    input: {} as { env: SimEnv },
  },
  delays: {
    launchTime: ({ context }) => context.env.scenario.app.launch,
    launchWatchdog: ({ context }) => context.env.params.launchWatchdog,
    backgroundGrace: ({ context }) => context.env.params.backgroundGrace,
  },
  guards: {
    isLaunchTooSlow: ({ context }) => context.env.scenario.app.launch > context.env.params.launchWatchdog,
    isLaunchedByUser: ({ context }) => context.launchedByUser,
    hasNoLiveCall: ({ context }) => context.calls.length === 0,
    isAction: ({ event }, params: { action: string }) => event.type === 'app.action' && event.action === params.action,
    isThisProcess: ({ context, event }) => 'gen' in event && event.gen === context.generation,
  },
  actions: {
    notifySystem: enqueueActions(({ context, enqueue }, params: { running: boolean; foreground: boolean }) => {
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
    }),
    enterLane: ({ context }, params: { kind: string; label: string }) => {
      context.env.journal.openInterval('app', 'app', params.kind, params.label);
    },
    setForeground: enqueueActions(({ context, enqueue }, params: { foreground: boolean }) => {
      if (context.isForeground !== params.foreground) enqueue.assign({ isForeground: params.foreground });
      if (context.believesForeground !== params.foreground) {
        // EXEMPT-1: the app hears of the transition later than callservicesd does.
        enqueue.cancel('belief.sync');
        enqueue.raise({ type: 'belief.sync' }, { delay: context.env.params.foregroundStateLag, id: 'belief.sync' });
      }
    }),
    syncBelief: assign({ believesForeground: ({ context }) => context.isForeground }),
    // DEV-4's timer: a push or the end of the last call restarts it (see RESTART_GRACE).
    armGrace: raise({ type: 'grace.end' }, { delay: 'backgroundGrace', id: 'grace' }),
    disarmGrace: cancel('grace'),
    restartGrace: enqueueActions(({ enqueue }) => {
      enqueue.cancel('grace');
      enqueue.raise({ type: 'grace.end' }, { delay: 'backgroundGrace', id: 'grace' });
    }),
    setDebugger: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'app.action') return;
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
    }),
    queueLaunch: assign({
      launchPending: ({ context, event }) =>
        event.type === 'push.deliver' ? [...context.launchPending, event.delivery] : context.launchPending,
      launchedByUser: ({ context, event }) => (event.type === 'push.deliver' ? context.launchedByUser : true),
    }),
    noteLaunch: ({ context, event }) => {
      if (event.type !== 'push.deliver') return;
      const launch = secs(context.env.scenario.app.launch);
      context.env.journal.step(
        event.delivery.push,
        'LAUNCH-1',
        event.delivery.again
          ? `The system launched the app again in the background (${launch}) to hand it this push once more; callservicesd's deadline starts again after launch.`
          : `The app was not running, so the system launched it in the background (${launch}); callservicesd's deadline starts only after launch.`,
      );
    },
    armLaunch: enqueueActions(({ context, enqueue }) => {
      if (context.env.scenario.app.launch > context.env.params.launchWatchdog) {
        enqueue.raise({ type: 'launch.watchdog' }, { delay: 'launchWatchdog', id: 'launch' });
      } else {
        enqueue.raise({ type: 'launch.done' }, { delay: 'launchTime', id: 'launch' });
      }
    }),
    // The pushes it was launched for got their fate here: they are not handed back for another launch.
    watchdogKill: enqueueActions(({ context, enqueue }) => {
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
    }),
    handOverLaunched: enqueueActions(({ context, enqueue }) => {
      const { journal } = context.env;
      const queue = [...context.queue];
      const lost = !context.env.scenario.app.delegateAtLaunch;
      for (const d of context.launchPending) {
        enqueue.sendTo(
          to(ACTOR.callServices),
          msg.callServices(
            lost ? { type: 'push.handedToApp', push: d.push, lost } : { type: 'push.handedToApp', push: d.push },
          ),
        );
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
    }),
    /**
     * The main thread: a delivered push joins the queue (callservicesd starts its deadline itself when
     * it hands a push to a running app); if the thread is free the next handler starts, and one that
     * does not block reports (sync) and returns in this same step; the next handler is scheduled.
     * One assign for all of it (each assign costs xstate a snapshot).
     */
    handle: enqueueActions(({ context, event, enqueue }) => {
      let c = event.type === 'push.deliver' ? { ...context, queue: [...context.queue, event.delivery] } : context;
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
    }),
    /** A handler's scheduled report (`report: after`, or a handler that blocks). */
    report: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'handler.report') return;
      const c = reportCall(context, event.push, enqueue);
      if (c !== context) enqueue.assign(() => c);
    }),
    /** A blocking handler returns; the main thread takes the next. */
    handlerReturned: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'handler.return') return;
      const c = handlerReturns(context, event.push, enqueue);
      pumpQueue(c, enqueue);
      if (c !== context) enqueue.assign(() => c);
    }),
    /** The process ends: pending timers die with it; undelivered pushes go back to callservicesd. */
    die: enqueueActions(({ context, event, enqueue }) => {
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
        for (const d of unhandled) explainDeath(context, d.push, event);
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
    }),
    learnCancellation: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'cancel.learn') return;
      enqueue.assign({ synced: true });
      for (const call of context.calls) {
        if (context.env.journal.cancelledAt.has(call.push)) {
          enqueue.raise(
            { type: 'call.endNow', push: call.push, reason: 'cancelled', gen: context.generation },
            { delay: 0, id: `end:${call.push}` },
          );
        }
      }
    }),
    hearCancellation: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'call.cancelled' || !context.synced) return;
      if (context.calls.some((c) => c.push === event.push)) {
        enqueue.raise(
          { type: 'call.endNow', push: event.push, reason: 'cancelled', gen: context.generation },
          { delay: 0, id: `end:${event.push}` },
        );
      }
    }),
    endCall: enqueueActions(({ event, enqueue }) => {
      if (event.type !== 'call.endNow') return;
      enqueue.sendTo(to(ACTOR.callKit), msg.callKit({ type: 'callkit.end', push: event.push, reason: event.reason }));
    }),
    setCalls: assign({
      calls: ({ context, event }) => (event.type === 'callkit.callsChanged' ? event.calls : context.calls),
    }),
    receiveBackgroundPush: enqueueActions(({ context, event, enqueue }, params: { running: boolean }) => {
      if (event.type !== 'push.background') return;
      const { journal } = context.env;
      const record = journal.push(event.push);
      if (params.running && context.isForeground && !context.forceQuit) {
        journal.step(event.push, 'PATH-3', 'The background push reached the app because it was in the foreground.');
        journal.fate(event.push, 'delivered');
        if (record.cancels && context.calls.some((c) => c.push === record.cancels)) {
          enqueue.raise(
            { type: 'call.endNow', push: record.cancels, reason: 'cancelled', gen: context.generation },
            { delay: 0, id: `end:${record.cancels}` },
          );
        }
        return;
      }
      journal.step(
        event.push,
        'PATH-3',
        context.forceQuit
          ? 'A background push is never delivered to an app the user force-quit.'
          : 'A background push (content-available, priority 5) is best-effort: with the app not in the foreground it never woke it.',
      );
      journal.fate(event.push, 'ignored');
    }),
    resetByUser: enqueueActions(({ event, enqueue }) => {
      if (event.type !== 'app.action') return;
      if (event.action === 'reinstall' || event.action === 'update') {
        enqueue.sendTo(to(ACTOR.callServices), msg.callServices({ type: 'app.reset', why: event.action }));
      }
      enqueue.assign({ forceQuit: event.action === 'force-quit' });
    }),
    markRunning: assign({ forceQuit: false }),
  },
}).createMachine({
  id: 'app',
  context: ({ input }) => {
    const initial = input.env.scenario.device.app;
    return {
      env: input.env,
      isForeground: initial === 'foreground',
      believesForeground: initial === 'foreground',
      debuggerAttached: input.env.scenario.app.debuggerAttached,
      forceQuit: false,
      launchedByUser: false,
      launchPending: [],
      queue: [],
      busyUntil: input.env.now(),
      reported: new Set(),
      calls: [],
      synced: false,
      generation: 0,
      decisions: new Map(),
    };
  },
  initial: 'starting',
  on: {
    'callkit.callsChanged': { actions: 'setCalls' },
    'call.cancelled': { actions: 'hearCancellation' },
    'belief.sync': { actions: 'syncBelief' },
  },
  states: {
    starting: {
      always: [
        { guard: ({ context }) => context.env.scenario.device.app === 'not-running', target: 'notRunning' },
        { guard: ({ context }) => context.env.scenario.device.app === 'foreground', target: 'running.foreground' },
        { guard: ({ context }) => context.env.scenario.device.app === 'background', target: 'running.background' },
        { target: 'running.suspended' },
      ],
    },
    notRunning: {
      entry: [
        { type: 'enterLane', params: { kind: 'app.not-running', label: 'Not running' } },
        { type: 'notifySystem', params: { running: false, foreground: false } },
      ],
      on: {
        'push.deliver': { target: 'launching', actions: ['noteLaunch', 'queueLaunch'] },
        'push.background': { actions: { type: 'receiveBackgroundPush', params: { running: false } } },
        'app.action': [
          {
            guard: { type: 'isAction', params: { action: 'foreground' } },
            target: 'launching',
            actions: ['queueLaunch', 'markRunning'],
          },
          {
            guard: { type: 'isAction', params: { action: 'debugger-attach' } },
            actions: assign({ debuggerAttached: true }),
          },
          {
            guard: { type: 'isAction', params: { action: 'debugger-detach' } },
            actions: assign({ debuggerAttached: false }),
          },
          { guard: { type: 'isAction', params: { action: 'background' } } },
          { actions: 'resetByUser' },
        ],
      },
    },
    launching: {
      entry: [{ type: 'enterLane', params: { kind: 'app.launching', label: 'Launching' } }, 'armLaunch'],
      on: {
        'push.deliver': { actions: 'queueLaunch' },
        'push.background': { actions: { type: 'receiveBackgroundPush', params: { running: false } } },
        'launch.done': [
          { guard: 'isLaunchedByUser', target: 'running.foreground', actions: ['handOverLaunched', 'handle'] },
          { target: 'running.background', actions: ['handOverLaunched', 'handle'] },
        ],
        'launch.watchdog': { target: 'notRunning', actions: ['watchdogKill', 'die'] },
        'app.action': [
          { guard: { type: 'isAction', params: { action: 'foreground' } }, actions: assign({ launchedByUser: true }) },
          { guard: { type: 'isAction', params: { action: 'background' } }, actions: assign({ launchedByUser: false }) },
          // Not running yet as callservicesd sees it: it hears of the debugger with the launch's end
          // (notifySystem), not now (telling it "running" here started report checks before handover).
          {
            guard: { type: 'isAction', params: { action: 'debugger-attach' } },
            actions: assign({ debuggerAttached: true }),
          },
          {
            guard: { type: 'isAction', params: { action: 'debugger-detach' } },
            actions: assign({ debuggerAttached: false }),
          },
          { target: 'notRunning', actions: ['die', 'resetByUser'] },
        ],
      },
    },
    running: {
      initial: 'background',
      on: {
        'push.deliver': { target: '.background', actions: 'handle' },
        'push.background': { actions: { type: 'receiveBackgroundPush', params: { running: true } } },
        'handler.start': { guard: 'isThisProcess', actions: 'handle' },
        'handler.report': { guard: 'isThisProcess', actions: 'report' },
        'handler.return': { guard: 'isThisProcess', actions: 'handlerReturned' },
        'cancel.learn': { guard: 'isThisProcess', actions: 'learnCancellation' },
        'call.endNow': { guard: 'isThisProcess', actions: 'endCall' },
        'app.kill': { target: 'notRunning', actions: 'die' },
        'app.action': [
          { guard: { type: 'isAction', params: { action: 'foreground' } }, target: '.foreground' },
          { guard: { type: 'isAction', params: { action: 'background' } }, target: '.background' },
          { guard: { type: 'isAction', params: { action: 'debugger-attach' } }, actions: 'setDebugger' },
          { guard: { type: 'isAction', params: { action: 'debugger-detach' } }, actions: 'setDebugger' },
          { target: 'notRunning', actions: ['die', 'resetByUser'] },
        ],
      },
      states: {
        foreground: {
          entry: [
            { type: 'enterLane', params: { kind: 'app.foreground', label: 'Foreground' } },
            { type: 'setForeground', params: { foreground: true } },
            { type: 'notifySystem', params: { running: true, foreground: true } },
          ],
          on: {
            // A push to a foreground app does not change its state.
            'push.deliver': { actions: 'handle' },
            'app.action': [
              { guard: { type: 'isAction', params: { action: 'foreground' } } },
              { guard: { type: 'isAction', params: { action: 'background' } }, target: 'background' },
              { guard: { type: 'isAction', params: { action: 'debugger-attach' } }, actions: 'setDebugger' },
              { guard: { type: 'isAction', params: { action: 'debugger-detach' } }, actions: 'setDebugger' },
              { target: '#app.notRunning', actions: ['die', 'resetByUser'] },
            ],
          },
        },
        background: {
          entry: [
            { type: 'enterLane', params: { kind: 'app.background', label: 'Background' } },
            { type: 'setForeground', params: { foreground: false } },
            { type: 'notifySystem', params: { running: true, foreground: false } },
            'armGrace',
          ],
          exit: 'disarmGrace',
          on: {
            // DEV-4: ~30 s, then suspended — unless a CallKit call keeps it running.
            'grace.end': { guard: 'hasNoLiveCall', target: 'suspended' },
            'push.deliver': { actions: ['handle', ...RESTART_GRACE] },
            'callkit.callsChanged': [
              { guard: ({ event }) => event.calls.length === 0, actions: ['setCalls', ...RESTART_GRACE] },
              { actions: 'setCalls' },
            ],
          },
        },
        suspended: {
          entry: [
            { type: 'enterLane', params: { kind: 'app.suspended', label: 'Suspended' } },
            { type: 'notifySystem', params: { running: true, foreground: false } },
          ],
        },
      },
    },
  },
});

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

/** What the handler steps below enqueue: xstate's `enqueue` of an app action. */
interface Enqueue {
  raise(event: AppEvent, options?: { delay: number; id: string }): void;
  sendTo(target: ReturnType<typeof to>, event: CallKitEvent | CallServicesEvent): void;
}

/**
 * Starts the next queued handler when the main thread is free (or when its scheduled
 * `handler.start` comes); schedules its report and return unless it does not block. Returns the
 * updated context, or undefined when no handler started.
 */
function startHandler(context: AppContext, event: AppEvent, enqueue: Enqueue): AppContext | undefined {
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
function reportCall(context: AppContext, push: string, enqueue: Enqueue): AppContext {
  const decision = context.decisions.get(push)?.decision;
  if (!decision || decision.action !== 'report') return context;
  const { env } = context;
  const app = env.scenario.app;
  if (app.report.mode === 'sync' && enforcesReporting(env)) {
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
    }),
  );
  if (decision.thenEnd) {
    enqueue.raise(
      { type: 'call.endNow', push, reason: 'report-then-end', gen: context.generation },
      { delay: env.params.foregroundEndAfter, id: `end:${push}` },
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
function handlerReturns(context: AppContext, push: string, enqueue: Enqueue): AppContext {
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
    if (!later) journal.fate(push, 'exempt');
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
function endedByOf(event: AppEvent): EndedBy {
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
function explainDeath(context: AppContext, push: string, event: AppEvent): void {
  const { journal } = context.env;
  const back = 'before it had handled this push, so the push went back to callservicesd to be handed over again.';
  if (event.type === 'app.kill' && event.rule === 'KILL-1')
    journal.step(push, 'KILL-1', `callservicesd killed the app (0xbaadca11) for ${event.push} ${back}`);
  else if (event.type === 'app.kill') journal.step(push, 'PK-1', `PushKit crashed the app for ${event.push} ${back}`);
}

/** When the main thread is free and pushes wait, the next handler starts when it is no longer busy. */
function pumpQueue(context: AppContext, enqueue: Enqueue): void {
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

function explainExempt(context: AppContext, delivery: Delivery): void {
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
