import { assign, setup } from 'xstate';
import { effects } from '../effects';
import { ACTOR, to, enforcesReporting, type Enqueue, type SimEnv } from '../env';
import { eventParams, msg, type AppEvent, type CallServicesEvent, type Delivery, type EventOf } from '../events';
import type { Strike, ThrottleWindow } from '../../engine/result';
import { checkDeadline, deliver, startDeadline } from './reportCheck';
import {
  block,
  blockHandBack,
  endThrottle,
  extendThrottle,
  noteLetThrough,
  recordStrike,
  resetStrikes,
  resetsStrikes,
  startThrottle,
  strikesInWindow,
} from './throttle';

export interface PendingDelivery extends Delivery {
  readonly handedAt?: number;
  /** The app's process it was handed to, as `CallServicesContext.processEnds` counted then. */
  readonly process?: number;
  /**
   * No report can come: the app had no delegate to receive it (LAUNCH-2), or its handler returned
   * without one while the debugger kept PushKit from crashing the app (DBG-1).
   */
  readonly lost?: true;
  /** Its check found no report but the debugger was attached (DBG-1): kept until a report or its process's end. */
  readonly forgiven?: true;
}

export interface CallServicesContext {
  readonly env: SimEnv;
  /** callservicesd's view of the app, which is what the rules go by (EXEMPT-1). */
  readonly seesForeground: boolean;
  readonly seesOnCall: boolean;
  readonly appRunning: boolean;
  /** How many times the app's process has ended: a report check belongs to the process it was handed to. */
  readonly processEnds: number;
  readonly debuggerAttached: boolean;
  readonly strikes: readonly Strike[];
  readonly throttle?: ThrottleWindow;
  readonly windows: readonly ThrottleWindow[];
  /** The last app update and the ledger as it stood then, for the why of the model choice it meets (THROTTLE-2). */
  readonly update?: { readonly at: number; readonly strikes: readonly Strike[] };
  /** Deliveries handed to the app or about to be, by push id (a Map: see AppContext.decisions). */
  readonly pending: ReadonlyMap<string, PendingDelivery>;
}

/** What callservicesd's action modules (reportCheck.ts, throttle.ts) enqueue. */
export type CallServicesEnqueue = Enqueue<CallServicesContext, CallServicesEvent, AppEvent, 'reportDeadline'>;

/**
 * callservicesd: receives VoIP pushes from apsd, hands them to the app, runs the ~7 s report check
 * per delivery, keeps the strike ledger and blocks VoIP delivery when it fills (LAUNCH-1, KILL-1,
 * EXEMPT-1, MUST-1, THROTTLE-1/2, DBG-1).
 */
export const callServicesMachine = setup({
  types: {
    context: {} as CallServicesContext,
    events: {} as CallServicesEvent,
    input: {} as { env: SimEnv },
  },
  delays: {
    reportDeadline: ({ context }) => context.env.params.callservicesdDeadline,
  },
  guards: {
    isThrottleFull: ({ context }) =>
      enforcesReporting(context.env) &&
      strikesInWindow(context.strikes, context.env.now(), context.env.params).length >=
        context.env.params.throttleFailures,
    resetsStrikes: ({ context, event }) => resetsStrikes(context, event),
  },
  actions: {
    deliver: effects(({ context, enqueue }, event: EventOf<CallServicesEvent, 'push.voip'>) =>
      deliver(context, event, enqueue),
    ),
    redeliver: effects(({ context, enqueue }, event: EventOf<CallServicesEvent, 'app.died'>) => {
      // Their checks end with the process; each starts again when the relaunched app has the push
      // (push.handedToApp), so none is kept meanwhile.
      let pending: Map<string, PendingDelivery> | undefined;
      const deliveries: Delivery[] = [];
      for (const unhandled of event.unhandled) {
        const delivery: Delivery = { ...unhandled, again: (unhandled.again ?? 0) + 1 };
        enqueue.cancel(`deadline:${delivery.push}`);
        context.env.journal.closeInterval(`deadline:${delivery.push}`, event.endedBy);
        if (context.pending.has(delivery.push)) (pending ??= new Map(context.pending)).delete(delivery.push);
        deliveries.push(delivery);
      }
      enqueue.sendTo(to(ACTOR.app), msg.app({ type: 'push.deliver', deliveries }));
      if (pending) enqueue.assign({ pending });
    }),
    block: ({ context }, event: EventOf<CallServicesEvent, 'push.voip'>) => block(context, event),
    noteLetThrough: ({ context }, event: EventOf<CallServicesEvent, 'push.voip'>) =>
      noteLetThrough(context, event.push),
    blockHandBack: effects(({ context, enqueue }, event: EventOf<CallServicesEvent, 'app.died'>) =>
      blockHandBack(context, event, enqueue),
    ),
    startDeadline: effects(({ context, enqueue }, event: EventOf<CallServicesEvent, 'push.handedToApp'>) =>
      startDeadline(context, event, enqueue),
    ),
    // The report ends its check (KILL-1), and, when it began the app's only call, callservicesd sees
    // the app on a call at once (EXEMPT-1; it hears that it ended `foregroundStateLag` late: oncall.clear).
    markReported: effects(({ context, enqueue }, event: EventOf<CallServicesEvent, 'callkit.reported'>) => {
      let pending: Map<string, PendingDelivery> | undefined;
      if (context.pending.has(event.push)) {
        enqueue.cancel(`deadline:${event.push}`);
        context.env.journal.closeInterval(`deadline:${event.push}`);
        pending = new Map(context.pending);
        pending.delete(event.push);
      }
      if (event.onCall) enqueue.assign(pending ? { pending, seesOnCall: true } : { seesOnCall: true });
      else if (pending) enqueue.assign({ pending });
    }),
    checkDeadline: effects(({ context, enqueue }, event: EventOf<CallServicesEvent, 'deadline.check'>) =>
      checkDeadline(context, event, enqueue),
    ),
    startThrottle: effects(({ context, enqueue }) => startThrottle(context, enqueue)),
    extendThrottle: effects(({ context, enqueue }) => extendThrottle(context, enqueue)),
    endThrottle: effects(({ context, enqueue }) => endThrottle(context, enqueue)),
    resetStrikes: effects(({ context, enqueue }, event: EventOf<CallServicesEvent, 'app.reset'>) => {
      // The journal is written here, not inside assign (INTERNALS: journal writes).
      enqueue.assign(resetStrikes(context, event));
    }),
    crashStrike: effects(({ context, enqueue }, event: EventOf<CallServicesEvent, 'app.crashed'>) => {
      // The crashed push's report check is moot: the process it waits on is gone. Its deadline ends
      // here, on the lane too, as cut short by PK-1.
      enqueue.cancel(`deadline:${event.push}`);
      context.env.journal.closeInterval(`deadline:${event.push}`, 'PK-1');
      enqueue.assign(recordStrike(context, event.push, 'crashed'));
      enqueue.raise({ type: 'throttle.check' });
    }),
    seeApp: effects(({ context, enqueue }, event: EventOf<CallServicesEvent, 'app.stateChanged'>) => {
      const ended = context.appRunning && !event.running;
      const seen = {
        seesForeground: event.foreground,
        appRunning: event.running,
        processEnds: context.processEnds + (ended ? 1 : 0),
        debuggerAttached: event.debugger,
      };
      if (!ended) {
        enqueue.assign(seen);
        return;
      }
      // Pushes forgiven by the debugger (DBG-1) that their process never reported: exempt, and done.
      let pending: Map<string, PendingDelivery> | undefined;
      for (const [push, d] of context.pending) {
        if (!d.forgiven || d.process !== context.processEnds) continue;
        context.env.journal.fate(push, 'exempt');
        (pending ??= new Map(context.pending)).delete(push);
      }
      enqueue.assign(pending ? { ...seen, pending } : seen);
    }),
    /** No report will come for this push (DBG-1 spared the app PK-1's crash): the check still runs. */
    noteUnreported: effects(({ context, enqueue }, event: EventOf<CallServicesEvent, 'app.unreported'>) => {
      const delivery = context.pending.get(event.push);
      const pending = new Map(context.pending);
      if (delivery && !delivery.forgiven) {
        pending.set(event.push, { ...delivery, lost: true });
        enqueue.assign({ pending });
        return;
      }
      // Its check has run already and forgave it (DBG-1), or none is running: its story ends here.
      context.env.journal.fate(event.push, 'exempt');
      pending.delete(event.push);
      if (delivery) enqueue.assign({ pending });
    }),
    clearOnCall: assign({ seesOnCall: false }),
  },
}).createMachine({
  id: 'callServices',
  context: ({ input }) => ({
    env: input.env,
    seesForeground: input.env.scenario.device.app === 'foreground',
    seesOnCall: false,
    appRunning: input.env.scenario.device.app !== 'not-running',
    processEnds: 0,
    debuggerAttached: input.env.scenario.app.debuggerAttached,
    strikes: [],
    windows: [],
    pending: new Map(),
  }),
  on: {
    'push.handedToApp': { actions: { type: 'startDeadline', params: eventParams } },
    'callkit.reported': { actions: { type: 'markReported', params: eventParams } },
    'oncall.clear': { actions: 'clearOnCall' },
    'app.stateChanged': { actions: { type: 'seeApp', params: eventParams } },
    'app.died': { actions: { type: 'redeliver', params: eventParams } },
    'app.unreported': { actions: { type: 'noteUnreported', params: eventParams } },
    'deadline.check': { actions: { type: 'checkDeadline', params: eventParams } },
  },
  initial: 'delivering',
  states: {
    delivering: {
      on: {
        'throttle.check': { guard: 'isThrottleFull', target: 'throttled' },
        'push.voip': {
          actions: [
            { type: 'noteLetThrough', params: eventParams },
            { type: 'deliver', params: eventParams },
          ],
        },
        'app.crashed': { actions: { type: 'crashStrike', params: eventParams } },
        'app.reset': { actions: { type: 'resetStrikes', params: eventParams } },
      },
    },
    throttled: {
      entry: 'startThrottle',
      exit: 'endThrottle',
      on: {
        'push.voip': { actions: { type: 'block', params: eventParams } },
        // THROTTLE-1: no hand-over and no launch while blocked, also for pushes handed back by a crash.
        'app.died': { actions: { type: 'blockHandBack', params: eventParams } },
        'app.crashed': { actions: { type: 'crashStrike', params: eventParams } },
        'app.reset': [
          { guard: 'resetsStrikes', target: 'delivering', actions: { type: 'resetStrikes', params: eventParams } },
          { actions: { type: 'resetStrikes', params: eventParams } },
        ],
        // THROTTLE-2: it lifts only when fewer than `throttleFailures` remain, counting failures that
        // came during the block (a push handed over just before it); otherwise it runs on.
        'throttle.lift': [{ guard: 'isThrottleFull', actions: 'extendThrottle' }, { target: 'delivering' }],
      },
    },
  },
});
