import { ACTOR, to, secs } from '../env';
import { msg, type DeviceEvent } from '../events';
import type { Network, WakeBy } from '../../scenario/types';
import type { DeviceContext, DeviceEnqueue } from './deviceMachine';

/**
 * apsd's link to APNs and powerd's policy, for deviceMachine's actions: the network lane, the
 * connection coming up (DEV-1) and breaking (PATH-1), powerd's policy 3 and apsd giving up (DEV-2),
 * the wake that lifts it, and the apsd lane (what each state of the connection shows). Each takes
 * the device's context, writes the journal and enqueues what it changes and sends.
 */

/** What broke a connection (`DeviceContext['outage']`). */
export type OutageCause = NonNullable<DeviceContext['outage']>['cause'];

const WAKE_WORDS: Record<WakeBy | 'power', string> = {
  screen: 'the screen waking',
  unlock: 'an unlock',
  'cellular-call': 'an incoming cellular call',
  'network-change': 'a network change',
  power: 'powerd returning to policy 0',
};

/** The network lane opens an interval for the current network. */
export function recordNetwork(context: DeviceContext): void {
  const labels: Record<Network, string> = {
    wifi: 'Wi-Fi',
    cellular: 'Cellular',
    'cellular-poor': 'Poor cellular (handshake cannot complete)',
    offline: 'Offline',
  };
  context.env.journal.openInterval('network', 'network', `network.${context.network}`, labels[context.network]);
}

/** powerd sends assertion policy 3 (restricted idle) while apsd is connected (DEV-2). */
export function restrict(context: DeviceContext, enqueue: DeviceEnqueue): void {
  enqueue.assign({ powerPolicy: 3 });
  context.env.journal.openInterval('powerd', 'network', 'powerd.restricted', 'powerd policy 3 (restricted idle)', {
    rule: 'DEV-2',
  });
}

/**
 * The phone wakes (the screen, an unlock, a network change, powerd's policy 0): policy 0 again, the
 * failure count reset, and a give-up still open is closed with what woke the phone.
 */
export function wake(context: DeviceContext, event: DeviceEvent, enqueue: DeviceEnqueue): void {
  const by: WakeBy | 'power' =
    event.type === 'device.wake'
      ? event.by
      : event.type === 'screen.unlock'
        ? 'unlock'
        : event.type === 'power.policy'
          ? 'power'
          : 'network-change';
  const gaveUpOpen = context.gaveUp !== undefined && context.gaveUp.to === undefined;
  if (context.powerPolicy === 3 || gaveUpOpen) {
    context.env.journal.closeInterval('powerd');
  }
  enqueue.assign({
    powerPolicy: 0,
    failures: 0,
    gaveUp: gaveUpOpen ? { ...context.gaveUp, to: context.env.now(), by: WAKE_WORDS[by] } : context.gaveUp,
  });
}

/** apsd's handshake completes: APNs hears the link is up (DEV-1). */
export function linkUp(context: DeviceContext, enqueue: DeviceEnqueue): void {
  enqueue.assign({ failures: 0 });
  enqueue.sendTo(to(ACTOR.apns), msg.apns({ type: 'link.up', network: context.network }));
  context.env.journal.log('network', 'apsd connected to APNs.', { rule: 'DEV-1' });
}

/** The connection breaks: APNs hears the link is down, and the outage is kept for later whys (PATH-1). */
export function linkDown(context: DeviceContext, cause: OutageCause, enqueue: DeviceEnqueue): void {
  enqueue.assign({ outage: { cause, since: context.env.now() } });
  enqueue.sendTo(to(ACTOR.apns), msg.apns({ type: 'link.down' }));
  context.env.journal.log('network', `The APNs connection broke (${cause}).`, { rule: 'PATH-1' });
}

/** apsd stops trying to reconnect: powerd's policy 3 (DEV-2). */
export function markGaveUp(context: DeviceContext, enqueue: DeviceEnqueue): void {
  enqueue.assign({ gaveUp: { from: context.env.now() }, powerPolicy: 3 });
  context.env.journal.openInterval('powerd', 'network', 'powerd.restricted', 'powerd policy 3: apsd gave up', {
    rule: 'DEV-2',
  });
  context.env.journal.log('network', 'powerd sent assertion policy 3: apsd stopped trying to reconnect.', {
    rule: 'DEV-2',
  });
}

/** The apsd lane: `connected` opens its interval. */
export function showConnected(context: DeviceContext): void {
  context.env.journal.openInterval('apsd', 'network', 'apsd.connected', 'apsd connected');
}

/** The apsd lane: `connected.dead`, a broken NAT (DEV-3). */
export function showDead(context: DeviceContext): void {
  context.env.journal.openInterval('apsd', 'network', 'apsd.dead', 'apsd believes it is connected (NAT dropped)', {
    rule: 'DEV-3',
  });
}

/** The apsd lane: `waitingForNetwork`. */
export function showWaitingForNetwork(context: DeviceContext): void {
  context.env.journal.openInterval('apsd', 'network', 'apsd.waiting-for-network', 'apsd: no network');
}

/** The apsd lane: `trying.attempting`, a TLS handshake (DEV-1). */
export function showAttempting(context: DeviceContext): void {
  context.env.journal.openInterval('apsd', 'network', 'apsd.connecting', 'apsd reconnecting (TLS handshake)', {
    rule: 'DEV-1',
  });
}

/** The apsd lane: `trying.backoff`, waiting for the retry timer (DEV-1). */
export function showBackoff(context: DeviceContext): void {
  context.env.journal.openInterval(
    'apsd',
    'network',
    'apsd.backoff',
    `apsd backing off (retry in ${secs(context.env.params.apsdBackoff)})`,
    { rule: 'DEV-1' },
  );
}

/** The apsd lane: `gaveUp` (DEV-2). */
export function showGaveUp(context: DeviceContext): void {
  context.env.journal.openInterval(
    'apsd',
    'network',
    'apsd.gave-up',
    'apsd gave up: nothing is delivered until the phone wakes',
    {
      rule: 'DEV-2',
    },
  );
}
