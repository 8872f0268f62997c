import type { AnyActorRef } from 'xstate';
import { ACTOR, type ActorName, type SimEnv } from '../actors/env';
import { msg } from '../actors/events';
import type { PushKind, TimelineEvent } from '../scenario/types';

const BUNDLE = 'com.example.voip';

/** The APNs topic of a push: VoIP pushes have their own (APNS-4). */
export const topicOf = (kind: PushKind): string => (kind === 'voip' ? `${BUNDLE}.voip` : BUNDLE);

/** Where the provider delivers: the actor system (`system.get(ACTOR.apns)`). */
export interface ActorSystem {
  get(systemId: string): unknown;
}

/**
 * The provider and the world around the phone: plays one timeline event, sending pushes and
 * cancellations to APNs and user, network and power events to the actors they concern.
 *
 * Not an actor: it keeps no state and decides nothing, so the clock calls it at the event's time and
 * it delivers straight to the receiver (an actor in between cost an xstate event per timeline event).
 * Like an action, it writes the journal first and then sends, in order.
 */
export function playTimelineEvent(e: TimelineEvent, env: SimEnv, system: ActorSystem): void {
  const { journal } = env;
  const now = journal.time();
  const out: [ActorName, { type: string }][] = [];
  switch (e.do) {
    case 'push': {
      journal.addPush({ id: e.id, kind: e.kind, sentAt: now, topic: topicOf(e.kind), expiration: e.expiration });
      journal.mark('provider', 'push.sent', `${e.id} sent (${e.kind})`, { push: e.id });
      journal.log('provider', `Sent ${e.kind} push ${e.id}.`, { push: e.id });
      out.push([ACTOR.apns, msg.apns({ type: 'push.sent', push: e.id })]);
      break;
    }
    case 'cancel': {
      journal.cancelled(e.call);
      journal.mark('provider', 'call.cancelled', `${e.call} cancelled by the caller`, { push: e.call });
      journal.log(
        'provider',
        `The caller cancelled ${e.call}${e.via === 'none' ? '' : ` (cancellation sent as ${e.via === 'alert' ? 'an' : 'a'} ${e.via} push ${e.id})`}.`,
        {
          push: e.call,
        },
      );
      out.push([ACTOR.app, msg.app({ type: 'call.cancelled', push: e.call })]);
      if (e.via !== 'none') {
        journal.addPush({
          id: e.id,
          kind: e.via,
          sentAt: now,
          topic: topicOf(e.via),
          expiration: e.expiration,
          cancels: e.call,
        });
        journal.mark('provider', 'push.sent', `${e.id} sent (${e.via}, cancels ${e.call})`, { push: e.id });
        out.push([ACTOR.apns, msg.apns({ type: 'push.sent', push: e.id })]);
      }
      break;
    }
    case 'network':
      journal.log('network', `Network: ${e.to}.`);
      out.push([ACTOR.device, msg.device({ type: 'network.changed', to: e.to })]);
      break;
    case 'lock':
      journal.log('network', 'The phone was locked.');
      out.push([ACTOR.device, msg.device({ type: 'screen.lock' })]);
      break;
    case 'unlock':
      journal.log('network', 'The phone was unlocked.');
      out.push([ACTOR.device, msg.device({ type: 'screen.unlock' })]);
      break;
    case 'power':
      journal.log('network', `powerd assertion policy ${e.policy}.`);
      out.push([ACTOR.device, msg.device({ type: 'power.policy', policy: e.policy })]);
      break;
    case 'wake':
      journal.log('network', `The phone woke (${e.by}).`);
      out.push([ACTOR.device, msg.device({ type: 'device.wake', by: e.by })]);
      break;
    case 'nat-drop':
      journal.log('network', 'The NAT router dropped its WAN side (the phone still sees Wi-Fi).', {
        rule: 'DEV-3',
      });
      out.push([ACTOR.device, msg.device({ type: 'nat.drop' })]);
      break;
    case 'nat-restore':
      journal.log('network', 'The NAT router recovered.');
      out.push([ACTOR.device, msg.device({ type: 'nat.restore' })]);
      break;
    case 'app':
      journal.log('app', `App: ${e.action}.`);
      out.push([ACTOR.app, msg.app({ type: 'app.action', action: e.action })]);
      break;
    case 'mediaserverd-crash':
      out.push([ACTOR.callKit, msg.callKit({ type: 'mediaserverd.crash' })]);
      break;
    case 'other-call':
      journal.log('callkit', 'Another call came in (another app or the carrier).');
      out.push([ACTOR.callKit, msg.callKit({ type: 'call.other' })]);
      break;
    case 'answer':
    case 'decline':
    case 'hangup':
      journal.log('callkit', `The user chose ${e.do} for ${e.call}.`, { push: e.call });
      out.push([ACTOR.callKit, msg.callKit({ type: `call.${e.do}`, push: e.call })]);
      break;
  }
  for (const [name, event] of out) (system.get(name) as AnyActorRef).send(event);
}
