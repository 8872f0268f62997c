import { assign, enqueueActions, setup } from 'xstate';
import { ACTOR, to, enforcesReporting, secs, usesMustReport, type SimEnv } from '../env';
import { msg, type CallServicesEvent, type Delivery, type Exemption } from '../events';
import type { Strike, ThrottleWindow } from '../result';

export interface PendingDelivery extends Delivery {
  readonly handedAt?: number;
  /** The app's process it was handed to, as `CallServicesContext.processEnds` counted then. */
  readonly process?: number;
  /** The app had no delegate to receive it (LAUNCH-2): no report can come. */
  readonly lost?: true;
  /** Its check found no report but the debugger was attached (DBG-1): kept until a report or its process's end. */
  readonly forgiven?: true;
  readonly reported: boolean;
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
  /** Deliveries handed to the app or about to be, by push id (a Map: see AppContext.decisions). */
  readonly pending: ReadonlyMap<string, PendingDelivery>;
}

/** Strikes still inside the rolling window at `now` (THROTTLE-2). */
export function strikesInWindow(strikes: readonly Strike[], now: number, window: number): Strike[] {
  return strikes.filter((s) => s.at > now - window);
}

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
      strikesInWindow(context.strikes, context.env.now(), context.env.params.throttleWindow).length >=
        context.env.params.throttleFailures,
  },
  actions: {
    deliver: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'push.voip') return;
      const delivery = decide(context, event.push);
      enqueue.sendTo(to(ACTOR.app), msg.app({ type: 'push.deliver', delivery }));
      const pending = new Map(context.pending);
      if (!context.appRunning) {
        // The deadline starts after launch, when the app says it has the push (push.handedToApp).
        pending.set(event.push, { ...delivery, reported: false });
      } else if (!delivery.enforced) {
        pending.delete(event.push); // nothing to check
      } else {
        pending.set(event.push, startCheck(context, delivery));
        enqueue.raise(
          { type: 'deadline.check', push: event.push },
          { delay: 'reportDeadline', id: `deadline:${event.push}` },
        );
      }
      enqueue.assign({ pending });
    }),
    redeliver: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'app.died') return;
      const pending = new Map(context.pending);
      for (const unhandled of event.unhandled) {
        const delivery: Delivery = { ...unhandled, again: true };
        enqueue.cancel(`deadline:${delivery.push}`);
        context.env.journal.closeInterval(`deadline:${delivery.push}`, event.endedBy);
        pending.set(delivery.push, { ...delivery, reported: false });
        enqueue.sendTo(to(ACTOR.app), msg.app({ type: 'push.deliver', delivery }));
      }
      enqueue.assign({ pending });
    }),
    block: ({ context, event }) => {
      if (event.type !== 'push.voip') return;
      const { journal, params } = context.env;
      const n = strikesInWindow(context.strikes, journal.time(), params.throttleWindow).length;
      journal.step(
        event.push,
        'THROTTLE-1',
        `The app had failed to report a call ${n} times in the last ${Math.round(params.throttleWindow / 3_600_000)} h, so the system no longer hands it VoIP pushes; APNs still answered the provider with HTTP 200.`,
      );
      journal.fate(event.push, 'throttled');
      journal.mark('callservicesd', 'push.throttled', `${event.push} throttled`, {
        push: event.push,
        rule: 'THROTTLE-1',
      });
    },
    // The deadline starts when the push is handed to the app: at once for a running app (`deliver`),
    // after launch for one that is not running (the app says so, LAUNCH-1).
    startDeadline: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'push.handedToApp') return;
      const delivery = context.pending.get(event.push);
      if (!delivery) return;
      const pending = new Map(context.pending);
      if (!delivery.enforced) {
        // Nothing to check for an exempt delivery: forget it.
        pending.delete(event.push);
        enqueue.assign({ pending });
        return;
      }
      const check = startCheck(context, delivery);
      pending.set(event.push, event.lost ? { ...check, lost: true } : check);
      enqueue.assign({ pending });
      enqueue.raise(
        { type: 'deadline.check', push: event.push },
        { delay: 'reportDeadline', id: `deadline:${event.push}` },
      );
    }),
    markReported: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'callkit.reported') return;
      const delivery = context.pending.get(event.push);
      if (!delivery) return;
      enqueue.cancel(`deadline:${event.push}`);
      context.env.journal.closeInterval(`deadline:${event.push}`);
      const pending = new Map(context.pending);
      pending.delete(event.push);
      enqueue.assign({ pending });
    }),
    checkDeadline: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'deadline.check') return;
      const delivery = context.pending.get(event.push);
      const { journal, params } = context.env;
      journal.closeInterval(`deadline:${event.push}`);
      if (!delivery || delivery.reported) return;
      const pending = new Map(context.pending);
      pending.delete(event.push);
      // The process the push was handed to has ended since (crashed or killed for another push, closed
      // by the user): no report can come from it, and there is nothing of it to kill.
      const gone = delivery.process !== context.processEnds;
      if (context.debuggerAttached) {
        journal.step(
          event.push,
          'DBG-1',
          `No call was reported within ${secs(params.callservicesdDeadline)}: callservicesd would have killed the app (0xbaadca11, KILL-1), but the debugger was attached, which disables this; no strike was counted.`,
        );
        // A push the app never received (LAUNCH-2), or whose process has ended since, will not be
        // reported later: its story ends here. One still waiting for or in its handler may yet be
        // reported (a blocked main thread), and then the call rings; if its process ends first, it is
        // exempt then (`seeApp`).
        if (delivery.lost || gone) journal.fate(event.push, 'exempt');
        else pending.set(event.push, { ...delivery, forgiven: true });
        enqueue.assign({ pending });
        return;
      }
      // A strike either way (`recordStrike` forgets the delivery); a process launched since the one
      // that failed is not killed for it.
      const checked = `callservicesd checked ${secs(params.callservicesdDeadline)} after handing the push to the app`;
      journal.step(
        event.push,
        'KILL-1',
        gone
          ? `${checked} and found no reported call; the app's process it had handed the push to had already ended, so there was nothing to kill, but the failure counts (one strike).`
          : `${checked}, found no reported call and killed the app with exception code 0xbaadca11 (one strike).`,
      );
      journal.fate(event.push, 'killed');
      if (!gone)
        journal.mark('app', 'app.killed', `0xbaadca11: killed for ${event.push}`, { push: event.push, rule: 'KILL-1' });
      enqueue.assign(recordStrike(context, event.push, 'killed'));
      enqueue.raise({ type: 'throttle.check' });
      if (!gone) enqueue.sendTo(to(ACTOR.app), msg.app({ type: 'app.kill', push: event.push, rule: 'KILL-1' }));
    }),
    startThrottle: enqueueActions(({ context, enqueue }) => {
      const { journal, params } = context.env;
      const now = journal.time();
      const inWindow = strikesInWindow(context.strikes, now, params.throttleWindow);
      const oldestThatMatters = inWindow[inWindow.length - params.throttleFailures];
      const until = (oldestThatMatters?.at ?? now) + params.throttleWindow;
      enqueue.assign({ throttle: { from: now, until } });
      journal.openInterval(
        'throttle',
        'callservicesd',
        'throttle',
        `VoIP delivery blocked (${inWindow.length} failures in 24 h)`,
        {
          rule: 'THROTTLE-1',
        },
      );
      journal.log(
        'callservicesd',
        `Too many reporting failures (${inWindow.length}): VoIP pushes to the app are blocked.`,
        {
          rule: 'THROTTLE-1',
        },
      );
      enqueue.raise({ type: 'throttle.lift' }, { delay: until - now, id: 'throttle.lift' });
    }),
    endThrottle: enqueueActions(({ context, enqueue }) => {
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
    }),
    resetStrikes: assign(({ context, event }) => {
      if (event.type !== 'app.reset') return {};
      context.env.journal.log(
        'callservicesd',
        `The app was ${event.why === 'reinstall' ? 'deleted and reinstalled' : 'updated'}: the failure count starts again.`,
        { rule: 'THROTTLE-2' },
      );
      return { strikes: [] };
    }),
    crashStrike: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'app.crashed') return;
      // The crashed push's report check is moot: the process it waits on is gone. Its deadline ends
      // here, on the lane too, as cut short by PK-1.
      enqueue.cancel(`deadline:${event.push}`);
      context.env.journal.closeInterval(`deadline:${event.push}`, 'PK-1');
      enqueue.assign(recordStrike(context, event.push, 'crashed'));
      enqueue.raise({ type: 'throttle.check' });
    }),
    seeApp: assign(({ context, event }) => {
      if (event.type !== 'app.stateChanged') return {};
      const ended = context.appRunning && !event.running;
      const seen = {
        seesForeground: event.foreground,
        appRunning: event.running,
        processEnds: context.processEnds + (ended ? 1 : 0),
        debuggerAttached: event.debugger,
      };
      if (!ended) return seen;
      // Pushes forgiven by the debugger (DBG-1) that their process never reported: exempt, and done.
      let pending: Map<string, PendingDelivery> | undefined;
      for (const [push, d] of context.pending) {
        if (!d.forgiven || d.process !== context.processEnds) continue;
        context.env.journal.fate(push, 'exempt');
        (pending ??= new Map(context.pending)).delete(push);
      }
      return pending ? { ...seen, pending } : seen;
    }),
    seeCalls: assign(({ event }) => (event.type === 'callkit.callsChanged' ? { seesOnCall: event.live > 0 } : {})),
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
    'push.handedToApp': { actions: 'startDeadline' },
    'callkit.reported': { actions: 'markReported' },
    'callkit.callsChanged': { actions: 'seeCalls' },
    'app.stateChanged': { actions: 'seeApp' },
    'app.died': { actions: 'redeliver' },
    'deadline.check': { actions: 'checkDeadline' },
  },
  initial: 'delivering',
  states: {
    delivering: {
      on: {
        'throttle.check': { guard: 'isThrottleFull', target: 'throttled' },
        'push.voip': { actions: 'deliver' },
        'app.crashed': { actions: 'crashStrike' },
        'app.reset': { actions: 'resetStrikes' },
      },
    },
    throttled: {
      entry: 'startThrottle',
      exit: 'endThrottle',
      on: {
        'push.voip': { actions: 'block' },
        'app.crashed': { actions: 'crashStrike' },
        'app.reset': { target: 'delivering', actions: 'resetStrikes' },
        'throttle.lift': { target: 'delivering' },
      },
    },
  },
});

/** What callservicesd decides when a VoIP push reaches it: must the app report it, and if not, why. */
function decide(context: CallServicesContext, push: string): Delivery {
  const { env } = context;
  const { journal, params } = env;
  const record = journal.push(push);
  let exemption: Exemption | undefined;
  if (!enforcesReporting(env)) exemption = 'pre-ios13';
  else if (context.seesOnCall) exemption = 'on-call';
  else if (context.seesForeground) exemption = 'foreground';
  if (usesMustReport(env)) {
    const latency = journal.time() - record.sentAt;
    if (latency > params.mustReportLatency) {
      exemption = 'late';
      journal.step(
        push,
        'MUST-1',
        `The push reached the phone ${secs(latency)} after APNs accepted it, more than ${secs(params.mustReportLatency)} (an estimate), so iOS told the app it need not report this call.`,
      );
    } else if (exemption === 'foreground' || exemption === 'on-call') {
      journal.step(
        push,
        'MUST-1',
        `iOS told the app it need not report this push because the system saw it ${exemption === 'foreground' ? 'in the foreground' : 'already on a call'}.`,
      );
    } else {
      journal.step(push, 'MUST-1', 'iOS told the app it must report this push as a call.');
    }
  }
  return exemption ? { push, enforced: false, exemption } : { push, enforced: true };
}

/** Opens the report check (KILL-1) of a delivery handed to the app now; the caller raises `deadline.check`. */
function startCheck(context: CallServicesContext, delivery: Delivery): PendingDelivery {
  const { journal, params } = context.env;
  const now = journal.time();
  journal.openInterval(
    `deadline:${delivery.push}`,
    'callservicesd',
    'deadline',
    `${delivery.push}: report within ${secs(params.callservicesdDeadline)}`,
    {
      push: delivery.push,
      rule: 'KILL-1',
      due: now + params.callservicesdDeadline,
    },
  );
  return { ...delivery, reported: false, handedAt: now, process: context.processEnds };
}

/** Adds a strike to the ledger (THROTTLE-1) and forgets the failed delivery. */
function recordStrike(
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
