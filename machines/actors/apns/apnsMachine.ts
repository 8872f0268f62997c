import { setup } from 'xstate';
import { effects } from '../effects';
import { ACTOR, to, secs, type SimEnv } from '../env';
import { eventParams, msg, type ApnsEvent, type EventOf } from '../events';
import type { QueuedPush } from '../../engine/result';
import type { Network } from '../../scenario/types';

export interface ApnsContext {
  readonly env: SimEnv;
  /** The network of the live connection (for PATH-4 latency). */
  readonly network: Network;
  /** Pushes APNs is holding (dead peer, APNS-2) or storing (known offline, APNS-3), oldest first. */
  readonly waiting: readonly QueuedPush[];
  /** Pushes on the wire to a connected device. */
  readonly inFlight: readonly string[];
}

const latencyOf = (env: SimEnv, network: Network): number =>
  network === 'wifi' ? env.params.latencyWifi : env.params.latencyCellular;

/**
 * APNs: its own view of the device connection, which lags reality by dead-peer detection, and the
 * pushes it holds or stores per topic (APNS-1…4, PATH-2/3/4).
 */
export const apnsMachine = setup({
  types: {
    context: {} as ApnsContext,
    events: {} as ApnsEvent,
    input: {} as { env: SimEnv; connected: boolean; network: Network },
  },
  delays: {
    deadPeerDetection: ({ context }) => context.env.params.apnsDeadPeerDetection,
  },
  guards: {
    isStartedConnected: (_, params: { connected: boolean }) => params.connected,
  },
  actions: {
    forward: effects(({ context, enqueue }, event: EventOf<ApnsEvent, 'push.sent'>) => {
      const { env } = context;
      const latency = latencyOf(env, context.network);
      const record = env.journal.push(event.push);
      if (record.kind !== 'background') {
        env.journal.step(event.push, 'APNS-1', 'APNs saw the phone connected and forwarded the push at once.');
      }
      env.journal.step(
        event.push,
        'PATH-4',
        `It crossed the network in ${secs(latency)} (${context.network === 'wifi' ? 'Wi-Fi' : 'cellular'} latency, an estimate).`,
      );
      // Pushes that have landed since are dropped from the list here rather than by an event each.
      const inFlight = context.inFlight.filter((p) => env.journal.push(p).deliveredAt === undefined);
      enqueue.assign({ inFlight: [...inFlight, event.push] });
      enqueue.sendTo(to(ACTOR.device), msg.device({ type: 'push.arrive', push: event.push, queued: false }), {
        delay: latency,
        id: `landed:${event.push}`,
      });
    }),
    /** The connection died under pushes on the wire: APNs has no ack, so it keeps them (APNS-2). */
    holdInFlight: effects(({ context, enqueue }) => {
      let waiting = context.waiting;
      for (const push of context.inFlight) {
        if (context.env.journal.push(push).deliveredAt !== undefined) continue;
        enqueue.cancel(`landed:${push}`);
        waiting = queue(context.env, waiting, push, 'held');
        context.env.journal.step(
          push,
          'APNS-2',
          'The connection broke while the push was on its way; APNs kept it to deliver on reconnect.',
        );
      }
      enqueue.assign({ waiting, inFlight: [] });
    }),
    hold: effects(({ context, enqueue }, event: EventOf<ApnsEvent, 'push.sent'>) => {
      const { env } = context;
      env.journal.step(
        event.push,
        'APNS-2',
        `The phone had lost its connection but APNs had not noticed yet (dead-peer detection takes ${secs(env.params.apnsDeadPeerDetection)}, an estimate), so it held the push for the reconnect, whatever its expiration.`,
      );
      enqueue.assign({ waiting: queue(env, context.waiting, event.push, 'held') });
    }),
    storeOrDiscard: effects(({ context, enqueue }, event: EventOf<ApnsEvent, 'push.sent'>) => {
      const { env } = context;
      const record = env.journal.push(event.push);
      if (record.expiration <= 0) {
        env.journal.step(
          event.push,
          'APNS-3',
          'APNs knew the phone was offline and the push had apns-expiration 0 (deliver now or never), so it discarded it.',
        );
        env.journal.fate(event.push, 'expired');
        env.journal.mark('apns', 'push.expired', `${event.push} expired`, { push: event.push, rule: 'APNS-3' });
        return;
      }
      const expiresAt = record.sentAt + record.expiration;
      env.journal.step(
        event.push,
        'APNS-3',
        `APNs knew the phone was offline and stored the push until its expiration (${secs(record.expiration)} after sending).`,
      );
      enqueue.assign({ waiting: queue(env, context.waiting, event.push, 'stored', expiresAt) });
      enqueue.raise(
        { type: 'push.expire', push: event.push },
        { delay: Math.max(0, expiresAt - env.now()), id: `expire:${event.push}` },
      );
    }),
    expire: effects(({ context, enqueue }, event: EventOf<ApnsEvent, 'push.expire'>) => {
      const { journal } = context.env;
      if (!context.waiting.some((q) => q.id === event.push)) return;
      journal.step(
        event.push,
        'APNS-3',
        'Its expiration passed while APNs still knew the phone was offline: discarded.',
      );
      journal.fate(event.push, 'expired');
      journal.closeInterval(`waiting:${event.push}`);
      journal.mark('apns', 'push.expired', `${event.push} expired`, { push: event.push, rule: 'APNS-3' });
      enqueue.assign({ waiting: context.waiting.filter((q) => q.id !== event.push) });
    }),
    deliverWaiting: effects(({ context, enqueue }, event: EventOf<ApnsEvent, 'link.up'>) => {
      const { journal, params } = context.env;
      // APNS-4: APNs does not promise the order of waiting topics; Ringside's choice (a param) sets it.
      const order = params.queuedInSendOrder ? context.waiting : [...context.waiting].reverse();
      for (const [i, q] of order.entries()) {
        if (order.length > 1) {
          journal.step(
            q.id,
            'APNS-4',
            `${order.length} pushes on different topics were waiting for the phone; APNs does not promise their order: Ringside assumes they reached it ${params.queuedInSendOrder ? 'in the order they were sent' : 'newest first'} (params.queuedInSendOrder), this one ${ordinal(i + 1)}.`,
            'queued-order',
          );
        }
        enqueue.cancel(`expire:${q.id}`);
        journal.closeInterval(`waiting:${q.id}`);
        enqueue.sendTo(to(ACTOR.device), msg.device({ type: 'push.arrive', push: q.id, queued: true }));
      }
      enqueue.assign({ waiting: [], network: event.network });
    }),
    noticeOffline: ({ context }) => {
      context.env.journal.log('apns', 'Dead-peer detection fired: APNs now knows the phone is offline.', {
        rule: 'APNS-3',
      });
    },
  },
}).createMachine({
  id: 'apns',
  context: ({ input }) => ({ env: input.env, network: input.network, waiting: [], inFlight: [] }),
  initial: 'starting',
  states: {
    starting: {
      always: [
        {
          guard: {
            type: 'isStartedConnected',
            params: ({ context }) => ({ connected: context.network === 'wifi' || context.network === 'cellular' }),
          },
          target: 'connected',
        },
        { target: 'offline' },
      ],
    },
    connected: {
      entry: ({ context }) => context.env.journal.openInterval('apns', 'apns', 'apns.connected', 'APNs: connected'),
      on: {
        'push.sent': { actions: { type: 'forward', params: eventParams } },
        'link.down': { target: 'holding', actions: 'holdInFlight' },
        'link.up': { actions: { type: 'deliverWaiting', params: eventParams } },
      },
    },
    holding: {
      entry: ({ context }) =>
        context.env.journal.openInterval(
          'apns',
          'apns',
          'apns.holding',
          'APNs: still thinks the phone is connected (holding pushes)',
          {
            rule: 'APNS-2',
          },
        ),
      after: { deadPeerDetection: { target: 'offline', actions: 'noticeOffline' } },
      on: {
        'push.sent': { actions: { type: 'hold', params: eventParams } },
        'link.up': { target: 'connected', actions: { type: 'deliverWaiting', params: eventParams } },
      },
    },
    offline: {
      entry: ({ context }) =>
        context.env.journal.openInterval('apns', 'apns', 'apns.offline', 'APNs: knows the phone is offline (storing)', {
          rule: 'APNS-3',
        }),
      on: {
        'push.sent': { actions: { type: 'storeOrDiscard', params: eventParams } },
        'push.expire': { actions: { type: 'expire', params: eventParams } },
        'link.up': { target: 'connected', actions: { type: 'deliverWaiting', params: eventParams } },
      },
    },
  },
});

/** Adds a push to the waiting list; a waiting push of the same topic is superseded (APNS-4). */
function queue(
  env: SimEnv,
  waiting: readonly QueuedPush[],
  push: string,
  how: QueuedPush['how'],
  expiresAt?: number,
): QueuedPush[] {
  const record = env.journal.push(push);
  const kept: QueuedPush[] = [];
  for (const q of waiting) {
    if (q.topic !== record.topic) {
      kept.push(q);
      continue;
    }
    env.journal.step(
      q.id,
      'APNS-4',
      `APNs keeps one waiting notification per topic (${q.topic}); the newer ${push} replaced it.`,
    );
    env.journal.fate(q.id, 'superseded');
    env.journal.closeInterval(`waiting:${q.id}`);
    env.journal.mark('apns', 'push.superseded', `${q.id} superseded by ${push}`, { push: q.id, rule: 'APNS-4' });
  }
  env.journal.openInterval(`waiting:${push}`, 'apns', 'push.waiting', `${push} waiting in APNs (${how})`, {
    push,
    rule: how === 'held' ? 'APNS-2' : 'APNS-3',
  });
  kept.push({
    id: push,
    kind: record.kind,
    topic: record.topic,
    sentAt: record.sentAt,
    how,
    ...(expiresAt === undefined ? {} : { expiresAt }),
  });
  return kept;
}

const ordinal = (n: number): string => (n === 1 ? 'first' : n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`);
