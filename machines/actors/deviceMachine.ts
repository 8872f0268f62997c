import { assign, enqueueActions, setup } from 'xstate';
import { ACTOR, to, secs, type SimEnv } from '../env';
import { msg, type DeviceEvent } from '../events';
import type { Network, WakeBy } from '../scenario/types';

export interface DeviceContext {
  readonly env: SimEnv;
  readonly network: Network;
  readonly locked: boolean;
  readonly powerPolicy: 0 | 3;
  readonly natDropped: boolean;
  /** Failed connection attempts in a row (DEV-1 backoff). */
  readonly failures: number;
  /** What broke the last connection, for the why of pushes delivered on reconnect. */
  readonly outage?: { readonly cause: 'offline' | 'network-change' | 'poor-link' | 'nat'; readonly since: number };
  /** The last time apsd gave up (DEV-2) and what woke the device. */
  readonly gaveUp?: { readonly from: number; readonly to?: number; readonly by?: string };
}

type Interface = 'wifi' | 'cellular' | 'none';
const interfaceOf = (n: Network): Interface => (n === 'wifi' ? 'wifi' : n === 'offline' ? 'none' : 'cellular');
const isUsable = (c: DeviceContext): boolean => (c.network === 'wifi' || c.network === 'cellular') && !c.natDropped;

const WAKE_WORDS: Record<WakeBy | 'power', string> = {
  screen: 'the screen waking',
  unlock: 'an unlock',
  'cellular-call': 'an incoming cellular call',
  'network-change': 'a network change',
  power: 'powerd returning to policy 0',
};

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
      context.network === 'wifi' ? context.env.params.apsdReconnect : context.env.params.apsdReconnectCellular,
    attemptTimeout: ({ context }) => context.env.params.apsdAttemptTimeout,
    backoff: ({ context }) => context.env.params.apsdBackoff,
    giveUp: ({ context }) => context.env.params.apsdGiveUp,
    keepalive: ({ context }) => context.env.params.apsdKeepalive,
  },
  guards: {
    isUsable: ({ context }) => isUsable(context),
    isOffline: ({ context }) => context.network === 'offline',
    isRestricted: ({ context }) => context.powerPolicy === 3,
    isLocked: ({ context }) => context.locked,
    isNatDropped: ({ context }) => context.natDropped,
    isInterfaceChange: ({ context, event }) =>
      event.type === 'network.changed' && interfaceOf(event.to) !== interfaceOf(context.network),
    hasTooManyFailures: ({ context }) => context.failures + 1 >= context.env.params.apsdBackoffAfter,
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
    setNetwork: assign({
      network: ({ context, event }) => (event.type === 'network.changed' ? event.to : context.network),
    }),
    recordNetwork: ({ context }) => {
      const labels: Record<Network, string> = {
        wifi: 'Wi-Fi',
        cellular: 'Cellular',
        'cellular-poor': 'Poor cellular (handshake cannot complete)',
        offline: 'Offline',
      };
      context.env.journal.openInterval('network', 'network', `network.${context.network}`, labels[context.network]);
    },
    lock: assign({ locked: true }),
    unlock: assign({ locked: false }),
    restrict: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({ powerPolicy: 3 });
      context.env.journal.openInterval('powerd', 'network', 'powerd.restricted', 'powerd policy 3 (restricted idle)', {
        rule: 'DEV-2',
      });
    }),
    wake: enqueueActions(({ context, event, enqueue }) => {
      const by: WakeBy | 'power' =
        event.type === 'device.wake'
          ? event.by
          : event.type === 'screen.unlock'
            ? 'unlock'
            : event.type === 'power.policy'
              ? 'power'
              : 'network-change';
      if (context.powerPolicy === 3 || context.gaveUp?.to === undefined) {
        context.env.journal.closeInterval('powerd');
      }
      enqueue.assign({
        powerPolicy: 0,
        failures: 0,
        gaveUp:
          context.gaveUp && context.gaveUp.to === undefined
            ? { ...context.gaveUp, to: context.env.now(), by: WAKE_WORDS[by] }
            : context.gaveUp,
      });
    }),
    linkUp: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({ failures: 0 });
      enqueue.sendTo(to(ACTOR.apns), msg.apns({ type: 'link.up', network: context.network }));
      context.env.journal.log('network', 'apsd connected to APNs.', { rule: 'DEV-1' });
    }),
    linkDown: enqueueActions(
      ({ context, enqueue }, params: { cause: NonNullable<DeviceContext['outage']>['cause'] }) => {
        enqueue.assign({ outage: { cause: params.cause, since: context.env.now() } });
        enqueue.sendTo(to(ACTOR.apns), msg.apns({ type: 'link.down' }));
        context.env.journal.log('network', `The APNs connection broke (${params.cause}).`, { rule: 'PATH-1' });
      },
    ),
    countFailure: assign({ failures: ({ context }) => context.failures + 1 }),
    markGaveUp: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({ gaveUp: { from: context.env.now() }, powerPolicy: 3 });
      context.env.journal.openInterval('powerd', 'network', 'powerd.restricted', 'powerd policy 3: apsd gave up', {
        rule: 'DEV-2',
      });
      context.env.journal.log('network', 'powerd sent assertion policy 3: apsd stopped trying to reconnect.', {
        rule: 'DEV-2',
      });
    }),
    armGiveUp: enqueueActions(({ enqueue }) => {
      enqueue.cancel('apsd.giveUp');
      enqueue.raise({ type: 'apsd.giveUp' }, { delay: 'giveUp', id: 'apsd.giveUp' });
    }),
    disarmGiveUp: enqueueActions(({ enqueue }) => enqueue.cancel('apsd.giveUp')),
    arrive: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'push.arrive') return;
      const { journal } = context.env;
      const record = journal.push(event.push);
      journal.delivered(event.push);
      journal.closeInterval(`waiting:${event.push}`);
      journal.mark('network', 'push.delivered', `${event.push} reached the phone`, { push: event.push });
      if (event.queued) explainQueuedDelivery(context, event.push);
      if (record.kind === 'voip') {
        enqueue.sendTo(to(ACTOR.callServices), msg.callServices({ type: 'push.voip', push: event.push }));
      } else if (record.kind === 'background') {
        enqueue.sendTo(to(ACTOR.app), msg.app({ type: 'push.background', push: event.push }));
      } else {
        journal.step(
          event.push,
          'PATH-2',
          'The alert push reached the phone; alerts travel with the same priority as VoIP pushes.',
        );
        journal.fate(event.push, 'delivered');
      }
    }),
  },
}).createMachine({
  id: 'device',
  context: ({ input }) => ({
    env: input.env,
    network: input.env.scenario.device.network,
    locked: input.env.scenario.device.locked,
    powerPolicy: 0,
    natDropped: false,
    failures: 0,
  }),
  entry: 'recordNetwork',
  on: {
    'screen.lock': { actions: 'lock' },
    'push.arrive': { actions: 'arrive' },
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
      entry: ({ context }) => context.env.journal.openInterval('apsd', 'network', 'apsd.connected', 'apsd connected'),
      initial: 'live',
      states: {
        live: {
          on: {
            'nat.drop': {
              target: 'dead',
              actions: [assign({ natDropped: true }), { type: 'linkDown', params: { cause: 'nat' } }],
            },
          },
        },
        /** DEV-3: a broken NAT: apsd still believes it is connected; APNs has no connection. */
        dead: {
          entry: ({ context }) =>
            context.env.journal.openInterval(
              'apsd',
              'network',
              'apsd.dead',
              'apsd believes it is connected (NAT dropped)',
              {
                rule: 'DEV-3',
              },
            ),
          after: { keepalive: { target: '#device.trying' } },
          on: { 'nat.restore': { actions: assign({ natDropped: false }) } },
        },
      },
      on: {
        'network.changed': [
          {
            guard: 'isGoingOffline',
            target: 'waitingForNetwork',
            actions: ['setNetwork', 'recordNetwork', { type: 'linkDown', params: { cause: 'offline' } }],
          },
          {
            guard: 'isInterfaceChange',
            target: 'trying',
            actions: ['setNetwork', 'recordNetwork', 'wake', { type: 'linkDown', params: { cause: 'network-change' } }],
          },
          // cellular ↔ poor cellular: the radio drops, the connection breaks; not a wake.
          {
            guard: 'isRestricted',
            target: 'gaveUp',
            actions: [
              'setNetwork',
              'recordNetwork',
              { type: 'linkDown', params: { cause: 'poor-link' } },
              'markGaveUp',
            ],
          },
          {
            target: 'trying',
            actions: ['setNetwork', 'recordNetwork', { type: 'linkDown', params: { cause: 'poor-link' } }],
          },
        ],
        'power.policy': [{ guard: ({ event }) => event.policy === 3, actions: 'restrict' }, { actions: 'wake' }],
        'device.wake': { actions: 'wake' },
        'screen.unlock': { actions: ['unlock', 'wake'] },
      },
    },
    waitingForNetwork: {
      entry: ({ context }) =>
        context.env.journal.openInterval('apsd', 'network', 'apsd.waiting-for-network', 'apsd: no network'),
      on: {
        'network.changed': [
          { guard: 'isGoingOffline', actions: ['setNetwork', 'recordNetwork'] },
          { target: 'trying', actions: ['setNetwork', 'recordNetwork', 'wake'] },
        ],
        'power.policy': [
          { guard: ({ event }) => event.policy === 3, target: 'gaveUp', actions: 'markGaveUp' },
          { actions: 'wake' },
        ],
        'device.wake': { actions: 'wake' },
        'screen.unlock': { actions: ['unlock', 'wake'] },
        'nat.drop': { actions: assign({ natDropped: true }) },
        'nat.restore': { actions: assign({ natDropped: false }) },
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
          entry: ({ context }) =>
            context.env.journal.openInterval(
              'apsd',
              'network',
              'apsd.connecting',
              'apsd reconnecting (TLS handshake)',
              {
                rule: 'DEV-1',
              },
            ),
          after: {
            reconnect: { guard: 'isUsable', target: '#device.connected', actions: 'linkUp' },
            attemptTimeout: [
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
              actions: ['setNetwork', 'recordNetwork'],
            },
            'nat.restore': { target: 'attempting', reenter: true, actions: assign({ natDropped: false }) },
          },
        },
        backoff: {
          entry: ({ context }) =>
            context.env.journal.openInterval(
              'apsd',
              'network',
              'apsd.backoff',
              `apsd backing off (retry in ${secs(context.env.params.apsdBackoff)})`,
              {
                rule: 'DEV-1',
              },
            ),
          after: { backoff: { target: 'attempting' } },
          on: {
            // Same interface, better signal: apsd still waits for its retry timer (DEV-1's lost minutes).
            'network.changed': { guard: 'isSameInterface', actions: ['setNetwork', 'recordNetwork'] },
            'nat.restore': { actions: assign({ natDropped: false }) },
          },
        },
      },
      on: {
        'apsd.giveUp': { guard: 'isLocked', target: 'gaveUp', actions: 'markGaveUp' },
        'screen.lock': { actions: ['lock', 'armGiveUp'] },
        'network.changed': [
          { guard: 'isGoingOffline', target: 'waitingForNetwork', actions: ['setNetwork', 'recordNetwork'] },
          {
            guard: 'isInterfaceChange',
            target: 'trying',
            reenter: true,
            actions: ['setNetwork', 'recordNetwork', 'wake'],
          },
          { actions: ['setNetwork', 'recordNetwork'] },
        ],
        'power.policy': [
          { guard: ({ event }) => event.policy === 3, target: 'gaveUp', actions: 'markGaveUp' },
          { target: 'trying', reenter: true, actions: 'wake' },
        ],
        'device.wake': { target: 'trying', reenter: true, actions: 'wake' },
        'screen.unlock': { target: 'trying', reenter: true, actions: ['unlock', 'wake'] },
        'nat.drop': { actions: assign({ natDropped: true }) },
      },
    },
    gaveUp: {
      entry: ({ context }) =>
        context.env.journal.openInterval(
          'apsd',
          'network',
          'apsd.gave-up',
          'apsd gave up: nothing is delivered until the phone wakes',
          {
            rule: 'DEV-2',
          },
        ),
      on: {
        'network.changed': [
          { guard: 'isGoingOffline', target: 'waitingForNetwork', actions: ['setNetwork', 'recordNetwork'] },
          { guard: 'isInterfaceChange', target: 'trying', actions: ['setNetwork', 'recordNetwork', 'wake'] },
          { actions: ['setNetwork', 'recordNetwork'] },
        ],
        'power.policy': { guard: ({ event }) => event.policy === 0, target: 'trying', actions: 'wake' },
        'device.wake': { target: 'trying', actions: 'wake' },
        'screen.unlock': { target: 'trying', actions: ['unlock', 'wake'] },
        'nat.drop': { actions: assign({ natDropped: true }) },
        'nat.restore': { actions: assign({ natDropped: false }) },
      },
    },
  },
});

function explainQueuedDelivery(context: DeviceContext, push: string): void {
  const { journal, params } = context.env;
  const record = journal.push(push);
  const outage = context.outage;
  if (outage?.cause === 'nat' && record.sentAt >= outage.since) {
    journal.step(
      push,
      'DEV-3',
      'A broken NAT had cut the connection while the phone believed it was still connected, so the push waited as if the phone were offline.',
    );
  }
  const gaveUp = context.gaveUp;
  if (gaveUp?.to !== undefined && record.sentAt <= gaveUp.to && gaveUp.to - gaveUp.from > 0) {
    journal.step(
      push,
      'DEV-2',
      `apsd had given up reconnecting to save power (powerd policy 3), so nothing reached any app until ${gaveUp.by ?? 'a wake'} woke the phone.`,
    );
  }
  const handshake = context.network === 'wifi' ? params.apsdReconnect : params.apsdReconnectCellular;
  journal.step(
    push,
    'DEV-1',
    `When the network came back, apsd had to reconnect to APNs first (a ${secs(handshake)} TLS handshake, an estimate); the waiting pushes were then delivered together.`,
  );
}
