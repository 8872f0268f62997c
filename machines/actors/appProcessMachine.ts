import { assign, cancel, enqueueActions, raise, setup } from 'xstate';
import { ACTOR, to, secs, type SimEnv } from '../env';
import { msg, type AppEvent, type CallRef, type Delivery } from '../events';
import {
  endedByOf,
  explainDeath,
  explainExempt,
  handlerReturns,
  pumpQueue,
  reportCall,
  startHandler,
  type Handling,
} from './pushHandler';

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
