import { ACTOR, to, secs } from '../env';
import { msg, type DeviceEvent, type EventOf } from '../events';
import type { DeviceContext, DeviceEnqueue } from './deviceMachine';

/**
 * A push reaching the phone, for deviceMachine's `arrive`: recorded as delivered, explained when it
 * had waited for the connection (PATH-1, DEV-1…3), and handed to callservicesd (VoIP), to the app
 * (background) or shown (alert, PATH-2).
 */

/** A push from APNs reaches the phone (`push.arrive`); `queued` when it had waited for the connection. */
export function arrive(
  context: DeviceContext,
  event: EventOf<DeviceEvent, 'push.arrive'>,
  enqueue: DeviceEnqueue,
): void {
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
}

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
  if (outage?.cause === 'poor-link') {
    journal.step(
      push,
      'DEV-1',
      "The phone was on poor cellular: not offline, it had signal, but apsd's TLS handshake with APNs never completed, so nothing got through until the link improved. Ringside assumes that is what poor cellular does (the sources describe the effect, not the cause).",
      'cellular-poor',
    );
  }
  if (waitedForRetryTimer(context, record.sentAt)) {
    journal.step(
      push,
      'DEV-1',
      `apsd had failed to connect ${params.apsdBackoffAfter} times in a row and then waited out its retry timer, which Ringside assumes lasts ${secs(params.apsdBackoff)} (one public log saw ~12.6 min), so the push waited for it to run out.`,
      'apsd-backoff',
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

/**
 * apsd's retry timer (DEV-1) ran out while the push waited: a backoff interval that lasted the whole
 * timer (one a wake cut short did not hold anything up) ended after the push was sent.
 */
function waitedForRetryTimer(context: DeviceContext, sentAt: number): boolean {
  const { journal, params } = context.env;
  const { intervals } = journal;
  // Closed intervals are appended in time order: stop at the first that ended before the push was sent.
  for (let i = intervals.length - 1; i >= 0; i--) {
    const interval = intervals[i]!;
    if (interval.to < sentAt) break;
    if (interval.kind === 'apsd.backoff' && interval.to - interval.from >= params.apsdBackoff) return true;
  }
  return false;
}
