import { assign, cancel, raise, setup } from 'xstate';
import { effects } from '../effects';
import { ACTOR, to, type Enqueue, type SimEnv } from '../env';
import {
  eventParams,
  msg,
  type AppEvent,
  type CallKitEvent,
  type CallRef,
  type CallServicesEvent,
  type Delivery,
  type EventOf,
} from '../events';
import type { Handling } from './pushHandler';
import { handle, handlerReturned, report, type HandleEvent } from './mainThread';
import { die, handOverLaunched, noteLaunch, watchdogKill, type DeathEvent } from './processLifecycle';
import { notifySystem, resetByUser, setDebugger, setForeground } from './systemView';
import { hearCancellation, learnCancellation, receiveBackgroundPush, setPath } from './cancellations';

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
  /** The phone has a network path to the app's server (CALL-1): offline, the app learns nothing. */
  readonly online: boolean;
  /** What callservicesd was last told about the app (it is told only of changes). */
  readonly toldSystem?: { readonly running: boolean; readonly foreground: boolean };
  /** Counts process launches; a timer from an earlier process is ignored. */
  readonly generation: number;
  /** Each push's handler as it ran (what it decided), until it reports. (Maps, not records: push ids
   * as object keys make every object shape unique, which slows V8 down more with every push.) */
  readonly decisions: ReadonlyMap<string, Handling>;
}

/** What the app's action modules (pushHandler.ts, mainThread.ts, processLifecycle.ts, …) enqueue. */
export type AppEnqueue = Enqueue<AppContext, AppEvent, CallKitEvent | CallServicesEvent>;

/**
 * DEV-4: in the background, a push or the end of the last call restarts the ~30 s grace. This redoes
 * what re-entering `background` did, without the exit and entry (which cost xstate more than the
 * push itself): the lane and callservicesd's view are unchanged, so only `setForeground` (a belief
 * still lagging restarts its catch-up) and the grace timer are redone, in the entry's order, in one
 * action (`restartGrace`: each action costs xstate a resolution, and this runs for every push).
 */
const RESTART_GRACE = ['restartGrace'] as const;

/** `setPath`'s params: the path's news, and whether the process runs code to act on it. */
const pathParams =
  (running: boolean) =>
  ({ event }: { event: EventOf<AppEvent, 'network.path'> }) => ({ up: event.up, running });

/** `receiveBackgroundPush`'s params: the push, and whether the process runs to receive it (PATH-3). */
const backgroundPushParams =
  (running: boolean) =>
  ({ event }: { event: EventOf<AppEvent, 'push.background'> }) => ({ push: event.push, running });

/**
 * The user's actions every running state takes alike: a debugger attached or detached, or the
 * process ended by the user (force-quit, reinstall, update), which resets what the user reset.
 */
const debuggerOrEnd = <T extends string>(notRunning: T) =>
  [
    {
      guard: { type: 'isAction', params: { action: 'debugger-attach' } },
      actions: { type: 'setDebugger', params: eventParams },
    },
    {
      guard: { type: 'isAction', params: { action: 'debugger-detach' } },
      actions: { type: 'setDebugger', params: eventParams },
    },
    {
      target: notRunning,
      actions: [
        { type: 'die', params: eventParams },
        { type: 'resetByUser', params: eventParams },
      ],
    },
  ] as const;

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
    isLaunchedByUser: ({ context }) => context.launchedByUser,
    hasNoLiveCall: ({ context }) => context.calls.length === 0,
    isAction: ({ event }, params: { action: string }) => event.type === 'app.action' && event.action === params.action,
    isThisProcess: ({ context, event }) => 'gen' in event && event.gen === context.generation,
  },
  actions: {
    notifySystem: effects(({ context, enqueue }, params: { running: boolean; foreground: boolean }) =>
      notifySystem(context, params, enqueue),
    ),
    enterLane: ({ context }, params: { kind: string; label: string }) => {
      context.env.journal.openInterval('app', 'app', params.kind, params.label);
    },
    setForeground: effects(({ context, enqueue }, params: { foreground: boolean }) =>
      setForeground(context, params, enqueue),
    ),
    syncBelief: assign({ believesForeground: ({ context }) => context.isForeground }),
    // DEV-4's timer: a push or the end of the last call restarts it (see RESTART_GRACE).
    armGrace: raise({ type: 'grace.end' }, { delay: 'backgroundGrace', id: 'grace' }),
    disarmGrace: cancel('grace'),
    restartGrace: effects(({ context, enqueue }) => {
      setForeground(context, { foreground: false }, enqueue);
      enqueue.cancel('grace');
      enqueue.raise({ type: 'grace.end' }, { delay: 'backgroundGrace', id: 'grace' });
    }),
    setDebugger: effects(({ context, enqueue }, event: EventOf<AppEvent, 'app.action'>) =>
      setDebugger(context, event, enqueue),
    ),
    queueLaunch: assign({
      launchPending: ({ context, event }) =>
        event.type === 'push.deliver' ? [...context.launchPending, ...event.deliveries] : context.launchPending,
      launchedByUser: ({ context, event }) => (event.type === 'push.deliver' ? context.launchedByUser : true),
    }),
    noteLaunch: ({ context }, event: EventOf<AppEvent, 'push.deliver'>) => noteLaunch(context, event),
    armLaunch: effects(({ context, enqueue }) => {
      if (context.env.scenario.app.launch > context.env.params.launchWatchdog) {
        enqueue.raise({ type: 'launch.watchdog' }, { delay: 'launchWatchdog', id: 'launch' });
      } else {
        enqueue.raise({ type: 'launch.done' }, { delay: 'launchTime', id: 'launch' });
      }
    }),
    watchdogKill: effects(({ context, enqueue }) => watchdogKill(context, enqueue)),
    handOverLaunched: effects(({ context, enqueue }) => handOverLaunched(context, enqueue)),
    handle: effects(({ context, enqueue }, event: HandleEvent) => handle(context, event, enqueue)),
    report: effects(({ context, enqueue }, event: EventOf<AppEvent, 'handler.report'>) =>
      report(context, event, enqueue),
    ),
    handlerReturned: effects(({ context, enqueue }, event: EventOf<AppEvent, 'handler.return'>) =>
      handlerReturned(context, event, enqueue),
    ),
    die: effects(({ context, enqueue }, event: DeathEvent) => die(context, event, enqueue)),
    learnCancellation: effects(({ context, enqueue }) => learnCancellation(context, enqueue)),
    hearCancellation: effects(({ context, enqueue }, event: EventOf<AppEvent, 'call.cancelled'>) =>
      hearCancellation(context, event, enqueue),
    ),
    setPath: effects(({ context, enqueue }, params: { up: boolean; running: boolean }) =>
      setPath(context, params, enqueue),
    ),
    endCall: effects(({ enqueue }, event: EventOf<AppEvent, 'call.endNow'>) => {
      enqueue.sendTo(to(ACTOR.callKit), msg.callKit({ type: 'callkit.end', push: event.push, reason: event.reason }));
    }),
    setCalls: assign({ calls: (_, event: EventOf<AppEvent, 'callkit.callsChanged'>) => event.calls }),
    receiveBackgroundPush: effects(({ context, enqueue }, params: { push: string; running: boolean }) =>
      receiveBackgroundPush(context, params, enqueue),
    ),
    resetByUser: effects(({ enqueue }, event: EventOf<AppEvent, 'app.action'>) => resetByUser(event, enqueue)),
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
      online: input.env.scenario.device.network === 'wifi' || input.env.scenario.device.network === 'cellular',
      generation: 0,
      decisions: new Map(),
    };
  },
  initial: 'starting',
  on: {
    'callkit.callsChanged': { actions: { type: 'setCalls', params: eventParams } },
    'call.cancelled': { actions: { type: 'hearCancellation', params: eventParams } },
    'belief.sync': { actions: 'syncBelief' },
    'network.path': { actions: { type: 'setPath', params: pathParams(false) } },
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
        'push.deliver': { target: 'launching', actions: [{ type: 'noteLaunch', params: eventParams }, 'queueLaunch'] },
        'push.background': { actions: { type: 'receiveBackgroundPush', params: backgroundPushParams(false) } },
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
          { actions: { type: 'resetByUser', params: eventParams } },
        ],
      },
    },
    launching: {
      entry: [{ type: 'enterLane', params: { kind: 'app.launching', label: 'Launching' } }, 'armLaunch'],
      on: {
        'push.deliver': { actions: 'queueLaunch' },
        'push.background': { actions: { type: 'receiveBackgroundPush', params: backgroundPushParams(false) } },
        'launch.done': [
          {
            guard: 'isLaunchedByUser',
            target: 'running.foreground',
            actions: ['handOverLaunched', { type: 'handle', params: eventParams }],
          },
          { target: 'running.background', actions: ['handOverLaunched', { type: 'handle', params: eventParams }] },
        ],
        'launch.watchdog': { target: 'notRunning', actions: ['watchdogKill', { type: 'die', params: eventParams }] },
        // EXEMPT-1: locking during a launch the user started ends it in the background, as the home gesture.
        'screen.locked': { actions: assign({ launchedByUser: false }) },
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
          {
            target: 'notRunning',
            actions: [
              { type: 'die', params: eventParams },
              { type: 'resetByUser', params: eventParams },
            ],
          },
        ],
      },
    },
    running: {
      initial: 'background',
      on: {
        'push.deliver': { target: '.background', actions: { type: 'handle', params: eventParams } },
        'push.background': { actions: { type: 'receiveBackgroundPush', params: backgroundPushParams(true) } },
        'handler.start': { guard: 'isThisProcess', actions: { type: 'handle', params: eventParams } },
        'handler.report': { guard: 'isThisProcess', actions: { type: 'report', params: eventParams } },
        'handler.return': { guard: 'isThisProcess', actions: { type: 'handlerReturned', params: eventParams } },
        'cancel.learn': { guard: 'isThisProcess', actions: 'learnCancellation' },
        'network.path': { actions: { type: 'setPath', params: pathParams(true) } },
        'call.endNow': { guard: 'isThisProcess', actions: { type: 'endCall', params: eventParams } },
        'app.kill': { target: 'notRunning', actions: { type: 'die', params: eventParams } },
        'app.action': [
          { guard: { type: 'isAction', params: { action: 'foreground' } }, target: '.foreground' },
          { guard: { type: 'isAction', params: { action: 'background' } }, target: '.background' },
          ...debuggerOrEnd('notRunning'),
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
            'push.deliver': { actions: { type: 'handle', params: eventParams } },
            // EXEMPT-1: locking the phone is the home gesture: the same lag, the same race.
            'screen.locked': { target: 'background' },
            'app.action': [
              { guard: { type: 'isAction', params: { action: 'foreground' } } },
              { guard: { type: 'isAction', params: { action: 'background' } }, target: 'background' },
              ...debuggerOrEnd('#app.notRunning'),
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
            'push.deliver': { actions: [{ type: 'handle', params: eventParams }, ...RESTART_GRACE] },
            'callkit.callsChanged': [
              {
                guard: ({ event }) => event.calls.length === 0,
                actions: [{ type: 'setCalls', params: eventParams }, ...RESTART_GRACE],
              },
              { actions: { type: 'setCalls', params: eventParams } },
            ],
          },
        },
        suspended: {
          entry: [
            { type: 'enterLane', params: { kind: 'app.suspended', label: 'Suspended' } },
            { type: 'notifySystem', params: { running: true, foreground: false } },
          ],
          on: {
            // CALL-1: a suspended app runs no code, so a path coming back does not take it to its server;
            // it learns of a cancellation only once a push wakes it (pushHandler counts from there).
            'network.path': { actions: { type: 'setPath', params: pathParams(false) } },
          },
        },
      },
    },
  },
});
