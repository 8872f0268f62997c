import { assign, enqueueActions, raise, setup } from 'xstate';
import { effects } from '../effects';
import { ACTOR, to, type Enqueue, type SimEnv } from '../env';
import {
  eventParams,
  msg,
  type ApnsEvent,
  type AppEvent,
  type CallServicesEvent,
  type DeviceEvent,
  type EventOf,
} from '../events';
import type { Network } from '../../scenario/types';
import {
  linkDown,
  linkUp,
  markGaveUp,
  recordNetwork,
  restrict,
  showAttempting,
  showBackoff,
  showConnected,
  showDead,
  showGaveUp,
  showWaitingForNetwork,
  wake,
  type OutageCause,
} from './apsdLink';
import { arrive } from './pushArrival';
import { catchUp, failsUntilChange, resumesInBackoff, startRetrying, timerFor } from './idleRetries';

export interface DeviceContext {
  readonly env: SimEnv;
  readonly network: Network;
  readonly locked: boolean;
  readonly powerPolicy: 0 | 3;
  /**
   * DEV-3: the network whose NAT dropped its WAN side (a home router on Wi-Fi, a carrier's on
   * cellular), until it is restored; `none` when it dropped while the phone was offline: then it is
   * the network the phone joins next. Another network's path does not go through it.
   */
  readonly natOn?: Interface;
  /** Failed connection attempts in a row (DEV-1 backoff). */
  readonly failures: number;
  /** What broke the last connection, for the why of pushes delivered on reconnect. */
  readonly outage?: { readonly cause: 'offline' | 'network-change' | 'poor-link' | 'nat'; readonly since: number };
  /** The last time apsd gave up (DEV-2) and what woke the device. */
  readonly gaveUp?: { readonly from: number; readonly to?: number; readonly by?: string };
  /** In `trying.retrying`: when the last attempt that ran timed out (DEV-1; `idleRetries.ts`). */
  readonly retrySince?: number;
  /** When the phase apsd resumed in after `trying.retrying` began: its timers keep their times. */
  readonly resumeFrom?: number;
}

/** What the device's action modules (apsdLink.ts, pushArrival.ts) enqueue. */
export type DeviceEnqueue = Enqueue<DeviceContext, DeviceEvent, ApnsEvent | CallServicesEvent | AppEvent>;

type Interface = 'wifi' | 'cellular' | 'none';
const interfaceOf = (n: Network): Interface => (n === 'wifi' ? 'wifi' : n === 'offline' ? 'none' : 'cellular');
/** DEV-3: the phone's path to APNs now goes through the NAT that dropped. */
export const natInPath = (c: DeviceContext): boolean => c.natOn !== undefined && c.natOn === interfaceOf(c.network);
const isUsable = (c: DeviceContext): boolean => (c.network === 'wifi' || c.network === 'cellular') && !natInPath(c);

/** CALL-1: the app hears from its server only over a usable path; it is told when that changes. */
function tellPath(before: DeviceContext, after: DeviceContext, enqueue: DeviceEnqueue): void {
  const up = isUsable(after);
  if (up !== isUsable(before)) enqueue.sendTo(to(ACTOR.app), msg.app({ type: 'network.path', up }));
}

/** A network change: the new network in the context (and the path it gives the app), then its lane. */
const JOIN_NETWORK = [{ type: 'setNetwork', params: eventParams }, 'recordNetwork'] as const;

/**
 * The phone: network, lock, powerd's assertion policy and apsd's single connection to APNs
 * (PATH-1, DEV-1…3). Only this actor tells APNs whether the link is really up.
 */
export const deviceMachine = setup({
  types: {
    context: {} as DeviceContext,
    events: {} as DeviceEvent,
    input: {} as { env: SimEnv },
  },
  delays: {
    reconnect: ({ context }) =>
      timerFor(
        context,
        context.network === 'wifi' ? context.env.params.apsdReconnect : context.env.params.apsdReconnectCellular,
      ),
    attemptTimeout: ({ context }) => timerFor(context, context.env.params.apsdAttemptTimeout),
    backoff: ({ context }) => timerFor(context, context.env.params.apsdBackoff),
    giveUp: ({ context }) => context.env.params.apsdGiveUp,
    keepalive: ({ context }) => context.env.params.apsdKeepalive,
  },
  guards: {
    isUsable: ({ context }) => isUsable(context),
    isOffline: ({ context }) => context.network === 'offline',
    isRestricted: ({ context }) => context.powerPolicy === 3,
    isLocked: ({ context }) => context.locked,
    /** DEV-2: an unlocked phone is awake; a network change on its own does not wake a locked one. */
    isAwake: ({ context }) => !context.locked,
    isAsleepRestricted: ({ context }) => context.powerPolicy === 3 && context.locked,
    isInterfaceChange: ({ context, event }) =>
      event.type === 'network.changed' && interfaceOf(event.to) !== interfaceOf(context.network),
    hasTooManyFailures: ({ context }) => context.failures + 1 >= context.env.params.apsdBackoffAfter,
    failsUntilChange: ({ context }) => failsUntilChange(context, isUsable(context)),
    resumesInBackoff: ({ context, event }) => resumesInBackoff(context, event),
    isGoingOffline: ({ event }) => event.type === 'network.changed' && event.to === 'offline',
    isSameInterface: ({ context, event }) =>
      event.type === 'network.changed' &&
      event.to !== 'offline' &&
      interfaceOf(event.to) === interfaceOf(context.network),
    isSameInterfaceUsable: ({ context, event }) =>
      event.type === 'network.changed' &&
      (event.to === 'wifi' || event.to === 'cellular') &&
      interfaceOf(event.to) === interfaceOf(context.network),
  },
  actions: {
    setNetwork: effects(({ context, enqueue }, event: EventOf<DeviceEvent, 'network.changed'>) => {
      // A NAT that dropped while the phone was offline is on the first network it joins.
      const joined = context.natOn === 'none' && event.to !== 'offline';
      const next: Partial<DeviceContext> = joined
        ? { network: event.to, natOn: interfaceOf(event.to) }
        : { network: event.to };
      enqueue.assign(next);
      tellPath(context, { ...context, ...next }, enqueue);
    }),
    dropNat: effects(({ context, enqueue }) => {
      const natOn = interfaceOf(context.network);
      enqueue.assign({ natOn });
      tellPath(context, { ...context, natOn }, enqueue);
    }),
    restoreNat: effects(({ context, enqueue }) => {
      enqueue.assign({ natOn: undefined });
      tellPath(context, { ...context, natOn: undefined }, enqueue);
    }),
    recordNetwork: ({ context }) => recordNetwork(context),
    // EXEMPT-1: locking sends a foreground app to the background exactly as the home gesture does.
    lock: effects(({ enqueue }) => {
      enqueue.assign({ locked: true });
      enqueue.sendTo(to(ACTOR.app), msg.app({ type: 'screen.locked' }));
    }),
    unlock: assign({ locked: false }),
    restrict: effects(({ context, enqueue }) => restrict(context, enqueue)),
    wake: effects(({ context, event, enqueue }) => wake(context, event, enqueue)),
    linkUp: effects(({ context, enqueue }) => linkUp(context, enqueue)),
    linkDown: effects(({ context, enqueue }, params: { cause: OutageCause }) =>
      linkDown(context, params.cause, enqueue),
    ),
    countFailure: assign({ failures: ({ context }) => context.failures + 1 }),
    startRetrying: effects(({ context, enqueue }) => startRetrying(context, enqueue)),
    catchUp: effects(({ context, event, enqueue }) => catchUp(context, event, enqueue)),
    /** The event that ended `trying.retrying`, handled again in the phase apsd resumed in. */
    handleAgain: raise(({ event }) => event),
    forgetResume: effects(({ context, enqueue }) => {
      if (context.resumeFrom !== undefined) enqueue.assign({ resumeFrom: undefined });
    }),
    markGaveUp: effects(({ context, enqueue }) => markGaveUp(context, enqueue)),
    armGiveUp: effects(({ enqueue }) => {
      enqueue.cancel('apsd.giveUp');
      enqueue.raise({ type: 'apsd.giveUp' }, { delay: 'giveUp', id: 'apsd.giveUp' });
    }),
    disarmGiveUp: effects(({ enqueue }) => enqueue.cancel('apsd.giveUp')),
    arrive: effects(({ context, enqueue }, event: EventOf<DeviceEvent, 'push.arrive'>) =>
      arrive(context, event, enqueue),
    ),
    showConnected: ({ context }) => showConnected(context),
    showDead: ({ context }) => showDead(context),
    showWaitingForNetwork: ({ context }) => showWaitingForNetwork(context),
    showAttempting: ({ context }) => showAttempting(context),
    showBackoff: ({ context }) => showBackoff(context),
    showGaveUp: ({ context }) => showGaveUp(context),
  },
}).createMachine({
  id: 'device',
  context: ({ input }) => ({
    env: input.env,
    network: input.env.scenario.device.network,
    locked: input.env.scenario.device.locked,
    powerPolicy: 0,
    failures: 0,
  }),
  entry: 'recordNetwork',
  on: {
    'screen.lock': { actions: 'lock' },
    'push.arrive': { actions: { type: 'arrive', params: eventParams } },
  },
  initial: 'starting',
  states: {
    starting: {
      always: [
        { guard: 'isUsable', target: 'connected' },
        { guard: 'isOffline', target: 'waitingForNetwork' },
        { target: 'trying' },
      ],
    },
    connected: {
      entry: 'showConnected',
      initial: 'live',
      states: {
        live: {
          on: {
            'nat.drop': {
              target: 'dead',
              actions: ['dropNat', { type: 'linkDown', params: { cause: 'nat' } }],
            },
          },
        },
        /** DEV-3: a broken NAT: apsd still believes it is connected; APNs has no connection. */
        dead: {
          entry: 'showDead',
          after: { keepalive: { target: '#device.trying' } },
          on: { 'nat.restore': { actions: 'restoreNat' } },
        },
      },
      on: {
        'network.changed': [
          {
            guard: 'isGoingOffline',
            target: 'waitingForNetwork',
            actions: [...JOIN_NETWORK, { type: 'linkDown', params: { cause: 'offline' } }],
          },
          // DEV-2: under policy 3 a sleeping phone's connection that breaks stays down: a network
          // change on its own is not a wake.
          {
            guard: 'isAsleepRestricted',
            target: 'gaveUp',
            actions: [...JOIN_NETWORK, { type: 'linkDown', params: { cause: 'network-change' } }, 'markGaveUp'],
          },
          {
            guard: 'isInterfaceChange',
            target: 'trying',
            actions: [...JOIN_NETWORK, 'wake', { type: 'linkDown', params: { cause: 'network-change' } }],
          },
          // cellular ↔ poor cellular: the radio drops, the connection breaks; not a wake.
          {
            guard: 'isRestricted',
            target: 'gaveUp',
            actions: [...JOIN_NETWORK, { type: 'linkDown', params: { cause: 'poor-link' } }, 'markGaveUp'],
          },
          {
            target: 'trying',
            actions: [...JOIN_NETWORK, { type: 'linkDown', params: { cause: 'poor-link' } }],
          },
        ],
        'power.policy': [{ guard: ({ event }) => event.policy === 3, actions: 'restrict' }, { actions: 'wake' }],
        'device.wake': { actions: 'wake' },
        'screen.unlock': { actions: ['unlock', 'wake'] },
      },
    },
    waitingForNetwork: {
      entry: 'showWaitingForNetwork',
      on: {
        'network.changed': [
          { guard: 'isGoingOffline', actions: [...JOIN_NETWORK] },
          { target: 'trying', actions: [...JOIN_NETWORK, 'wake'] },
        ],
        'power.policy': [
          { guard: ({ event }) => event.policy === 3, target: 'gaveUp', actions: 'markGaveUp' },
          { actions: 'wake' },
        ],
        'device.wake': { actions: 'wake' },
        'screen.unlock': { actions: ['unlock', 'wake'] },
        'nat.drop': { actions: 'dropNat' },
        'nat.restore': { actions: 'restoreNat' },
      },
    },
    trying: {
      // DEV-2: a locked, idle phone lets apsd try for a while, then powerd sends policy 3.
      entry: enqueueActions(({ context, enqueue }) => {
        if (context.locked) enqueue({ type: 'armGiveUp' });
      }),
      exit: 'disarmGiveUp',
      initial: 'attempting',
      states: {
        attempting: {
          entry: 'showAttempting',
          exit: 'forgetResume',
          after: {
            reconnect: { guard: 'isUsable', target: '#device.connected', actions: 'linkUp' },
            attemptTimeout: [
              // DEV-1: the next attempts can only fail alike until something reaches the phone.
              { guard: 'failsUntilChange', target: 'retrying', actions: 'startRetrying' },
              { guard: 'hasTooManyFailures', target: 'backoff', actions: 'countFailure' },
              { target: 'attempting', reenter: true, actions: 'countFailure' },
            ],
          },
          on: {
            // A usable link again mid-attempt: a fresh handshake that can now complete.
            'network.changed': {
              guard: 'isSameInterfaceUsable',
              target: 'attempting',
              reenter: true,
              actions: [...JOIN_NETWORK],
            },
            'nat.restore': { target: 'attempting', reenter: true, actions: 'restoreNat' },
          },
        },
        backoff: {
          entry: 'showBackoff',
          exit: 'forgetResume',
          after: { backoff: { target: 'attempting' } },
          on: {
            'network.changed': [
              // DEV-2: an awake phone reconnects on any network change, with no backoff carried over.
              {
                guard: 'isAwake',
                target: 'attempting',
                actions: [...JOIN_NETWORK, 'wake'],
              },
              // Asleep, same interface, better signal: apsd still waits for its retry timer (DEV-1's lost minutes).
              { guard: 'isSameInterface', actions: [...JOIN_NETWORK] },
            ],
            'nat.restore': { actions: 'restoreNat' },
          },
        },
        /**
         * DEV-1's attempts and backoffs with no timer set (`idleRetries.ts`): whatever reaches the
         * device first puts apsd in the phase it would be in by now, then is handled there.
         */
        retrying: {
          on: {
            '*': [
              { guard: 'resumesInBackoff', target: 'backoff', actions: ['catchUp', 'handleAgain'] },
              { target: 'attempting', actions: ['catchUp', 'handleAgain'] },
            ],
          },
        },
      },
      on: {
        'apsd.giveUp': { guard: 'isLocked', target: 'gaveUp', actions: 'markGaveUp' },
        'screen.lock': { actions: ['lock', 'armGiveUp'] },
        'network.changed': [
          {
            guard: 'isGoingOffline',
            target: 'waitingForNetwork',
            actions: [...JOIN_NETWORK],
          },
          {
            guard: 'isInterfaceChange',
            target: 'trying',
            reenter: true,
            actions: [...JOIN_NETWORK, 'wake'],
          },
          { actions: [...JOIN_NETWORK] },
        ],
        'power.policy': [
          { guard: ({ event }) => event.policy === 3, target: 'gaveUp', actions: 'markGaveUp' },
          { target: 'trying', reenter: true, actions: 'wake' },
        ],
        'device.wake': { target: 'trying', reenter: true, actions: 'wake' },
        'screen.unlock': { target: 'trying', reenter: true, actions: ['unlock', 'wake'] },
        'nat.drop': { actions: 'dropNat' },
      },
    },
    gaveUp: {
      entry: 'showGaveUp',
      on: {
        'network.changed': [
          {
            guard: 'isGoingOffline',
            target: 'waitingForNetwork',
            actions: [...JOIN_NETWORK],
          },
          // DEV-2: connectivity coming back while the phone sleeps is not a wake; an awake phone
          // reconnects on any network change.
          {
            guard: 'isAwake',
            target: 'trying',
            actions: [...JOIN_NETWORK, 'wake'],
          },
          { actions: [...JOIN_NETWORK] },
        ],
        'power.policy': { guard: ({ event }) => event.policy === 0, target: 'trying', actions: 'wake' },
        'device.wake': { target: 'trying', actions: 'wake' },
        'screen.unlock': { target: 'trying', actions: ['unlock', 'wake'] },
        'nat.drop': { actions: 'dropNat' },
        'nat.restore': { actions: 'restoreNat' },
      },
    },
  },
});
