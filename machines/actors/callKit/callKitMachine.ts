import { setup } from 'xstate';
import { effects } from '../effects';
import { ACTOR, to, secs, type SimEnv } from '../env';
import { eventParams, msg, type CallKitEvent, type CallRef, type EventOf } from '../events';
import type { CallView } from '../../engine/result';
import type { AudioOutcome } from '../../scenario/types';

export interface CallKitContext {
  readonly env: SimEnv;
  readonly calls: readonly CallView[];
  /** callservicesd's audio session ID for the app: null after mediaserverd crashed (AUDIO-1). */
  readonly sessionValid: boolean;
  /** The live calls the app was last told of (callservicesd hears only whether there are any). */
  readonly announced: readonly CallRef[];
}

/** The events that end a call: the app's `endCall`, the user, or nobody answering. */
type EndEvent = EventOf<CallKitEvent, 'callkit.end' | 'call.decline' | 'call.hangup' | 'call.timeout'>;

const isLive = (c: CallView): boolean => c.status !== 'ended';

const sameCalls = (a: readonly CallRef[], b: readonly CallRef[]): boolean =>
  a.length === b.length && a.every((c, i) => c.push === b[i]!.push && c.uuid === b[i]!.uuid);

/**
 * CallKit: calls by UUID, the system incoming-call UI or none in the foreground, duplicate-UUID
 * errors, answer/decline/hang up, and the audio session (EXEMPT-2/3, CALL-1/2, AUDIO-1…5).
 */
export const callKitMachine = setup({
  types: {
    context: {} as CallKitContext,
    events: {} as CallKitEvent,
    input: {} as { env: SimEnv },
  },
  actions: {
    reportIncoming: effects(({ context, enqueue }, event: EventOf<CallKitEvent, 'callkit.reportIncoming'>) => {
      const { journal, params } = context.env;
      const push = journal.push(event.push);
      let sessionValid = context.sessionValid;
      if (event.setConfiguration && !sessionValid) {
        sessionValid = true;
        journal.closeInterval('audio.session');
        journal.step(
          event.push,
          'AUDIO-2',
          'The app called setConfiguration on its CXProvider just before reporting, which handed callservicesd a valid audio session ID again.',
        );
      }
      const existing = context.calls.find((c) => c.uuid === event.uuid && isLive(c));
      if (existing) {
        journal.step(
          event.push,
          'EXEMPT-2',
          `The app reported the push with the UUID of its call still in progress (${existing.push}); CallKit refused it as a duplicate: nothing was shown and there is no penalty.`,
        );
        journal.fate(event.push, 'duplicate');
        journal.call(event.push, event.uuid);
        if (sessionValid !== context.sessionValid) enqueue.assign({ sessionValid });
        return;
      }
      const ui: CallView['ui'] = event.foreground ? 'in-app' : 'system';
      const call: CallView = { uuid: event.uuid, push: event.push, status: 'ringing', ui };
      journal.call(event.push, event.uuid);
      const cancelledAt = journal.cancelledAt.get(event.push);
      if (event.reuses) {
        journal.step(
          event.push,
          'EXEMPT-2',
          `The app reused the UUID of its earlier call (${event.reuses}), but that call had just ended, so a new call appeared and the app had to end it.`,
        );
        enqueue.raise(
          { type: 'callkit.end', push: event.push, reason: 'reuse-ended' },
          { delay: params.foregroundEndAfter, id: `end:${event.push}` },
        );
      }
      if (cancelledAt !== undefined && push.deliveredAt !== undefined && cancelledAt <= push.deliveredAt) {
        journal.step(
          event.push,
          'CALL-1',
          `The caller had cancelled ${secs(push.deliveredAt - cancelledAt)} before the push reached the phone, yet the phone rang: the app cannot know until it hears from its server.`,
        );
        journal.fate(event.push, 'stale');
      } else if (ui === 'in-app') {
        // The app's handler explained it when it decided, unless its view of the foreground lagged then
        // (a fact the journal keeps, `PushFacts.inAppExplained`, which a resumed run compares).
        if (!push.inAppExplained) {
          journal.step(
            event.push,
            'EXEMPT-3',
            'The app was in the foreground, so CallKit showed no system UI; the app showed its own.',
          );
        }
        journal.fate(event.push, 'in-app');
      } else {
        journal.step(event.push, 'CALL-1', 'CallKit showed the system incoming-call screen.');
        journal.fate(event.push, 'rang');
      }
      journal.openInterval(
        `call:${event.push}`,
        'callkit',
        'call.ringing',
        `${event.push} ringing${ui === 'in-app' ? ' (in-app UI)' : ''}`,
        {
          push: event.push,
          call: event.uuid,
        },
      );
      enqueue.raise(
        { type: 'call.timeout', uuid: event.uuid },
        { delay: params.ringTimeout, id: `ring:${event.uuid}` },
      );
      enqueue.assign({ sessionValid, calls: [...context.calls.filter(isLive), call] });
    }),
    end: effects(({ context, enqueue }, event: EndEvent) => {
      const push =
        event.type === 'call.timeout'
          ? context.calls.find((c) => c.uuid === event.uuid && isLive(c))?.push
          : event.push;
      const call = context.calls.find((c) => c.push === push && isLive(c));
      if (!call || push === undefined) return;
      const { journal, params } = context.env;
      if (event.type === 'call.timeout' && call.status !== 'ringing') return;
      enqueue.cancel(`ring:${call.uuid}`);
      journal.closeInterval(`call:${push}`);
      journal.closeInterval(`audio:${push}`);
      const how =
        event.type === 'call.decline'
          ? 'The user declined the call.'
          : event.type === 'call.hangup'
            ? 'The call was hung up.'
            : event.type === 'call.timeout'
              ? `Nobody answered for ${secs(params.ringTimeout)} (an estimate); the app ended the call.`
              : event.type === 'callkit.end' && event.reason === 'cancelled'
                ? 'The app learned the caller had cancelled and ended the call.'
                : event.type === 'callkit.end' && event.reason === 'cancel-push'
                  ? 'The push was itself the cancellation: the app reported it as PushKit requires and ended that call at once.'
                  : event.type === 'callkit.end' && event.reason === 'report-then-end'
                    ? `The app ended the call ${secs(params.foregroundEndAfter)} after reporting it, as its foreground policy says.`
                    : 'The app ended the call it had to report.';
      if (event.type === 'call.timeout') {
        journal.step(
          push,
          'CALL-1',
          `Nobody answered for ${secs(params.ringTimeout)}: Ringside assumes an unanswered call rings that long before the app ends it (params.ringTimeout; the sources say only that it times out).`,
          'ring-timeout',
        );
      }
      if (event.type === 'callkit.end' && event.reason === 'cancel-push') {
        journal.step(
          push,
          'CALL-2',
          'The push was itself a cancellation: the app read its payload, reported it as a call (required before iOS 26.4) and ended that call at once, so it did not ring on.',
        );
      }
      if (event.type === 'callkit.end' && event.reason === 'cancelled') {
        journal.step(
          push,
          'CALL-2',
          'The app reported the call at once and ended it as soon as it learned it had been cancelled.',
        );
      }
      journal.log('callkit', `${push}: ${how}`, { push });
      // Ended calls leave the context (their outcome is in the journal), so it stays small.
      enqueue.assign({ calls: context.calls.filter((c) => c !== call && isLive(c)) });
    }),
    answer: effects(({ context, enqueue }, event: EventOf<CallKitEvent, 'call.answer'>) => {
      const call = context.calls.find((c) => c.push === event.push && c.status === 'ringing');
      if (!call) {
        context.env.journal.log('callkit', `Answer ignored: ${event.push} is not ringing.`, { push: event.push });
        return;
      }
      const { journal } = context.env;
      const app = context.env.scenario.app;
      let audio: AudioOutcome = 'two-way';
      if (!context.sessionValid && app.activatesAudioSession && call.ui === 'in-app') {
        // AUDIO-2: the app, in the foreground, activates its session itself: that masks the fault.
        journal.step(
          event.push,
          'AUDIO-2',
          'callservicesd held a null audio session ID, but the app, in the foreground, called AVAudioSession.setActive itself, which masks the fault: the call had audio (mixing direct activation with CallKit causes other failures).',
        );
      } else if (!context.sessionValid) {
        audio = 'none';
        journal.step(
          event.push,
          'AUDIO-1',
          'callservicesd held a null audio session ID for the app, so CallKit never called provider(_:didActivate:): the answered call had no audio.',
        );
      } else if (app.activatesAudioSession) {
        audio = 'one-way';
        journal.step(
          event.push,
          'AUDIO-5',
          'The app had activated its audio session itself before CallKit could, so didActivate never came: playback works but the microphone is blocked (one-way audio).',
        );
      }
      journal.audio(event.push, audio);
      enqueue.cancel(`ring:${call.uuid}`);
      journal.closeInterval(`call:${event.push}`);
      journal.openInterval(`call:${event.push}`, 'callkit', 'call.active', `${event.push} active`, {
        push: event.push,
        call: call.uuid,
      });
      journal.openInterval(`audio:${event.push}`, 'callkit', `audio.${audio}`, `audio: ${audio}`, {
        push: event.push,
        call: call.uuid,
      });
      enqueue.assign({
        calls: context.calls.map((c) => (c === call ? { ...c, status: 'active' as const, audio } : c)),
      });
    }),
    mediaserverdCrash: effects(({ context, enqueue }) => {
      const { journal } = context.env;
      journal.log(
        'callkit',
        'mediaserverd crashed: providerDidReset; callservicesd now holds a null audio session ID.',
        {
          rule: 'AUDIO-3',
        },
      );
      journal.openInterval('audio.session', 'callkit', 'audio.null-session', 'null audio session ID', {
        rule: 'AUDIO-1',
      });
      for (const call of context.calls.filter(isLive)) {
        journal.step(
          call.push,
          'AUDIO-3',
          'mediaserverd crashed; CallKit called providerDidReset and every call of the app was dropped.',
        );
        journal.closeInterval(`call:${call.push}`);
        journal.closeInterval(`audio:${call.push}`);
        enqueue.cancel(`ring:${call.uuid}`);
      }
      enqueue.assign({
        sessionValid: false,
        calls: [],
      });
    }),
    otherCall: effects(({ context, enqueue }) => {
      const { journal } = context.env;
      if ((context.env.scenario.app.callAudio ?? 'callkit') !== 'own') return;
      const calls = context.calls.map((call) => {
        if (call.status !== 'active' || call.audio === 'none') return call;
        journal.step(
          call.push,
          'AUDIO-4',
          'The app handles its call audio without CallKit, so the incoming call from elsewhere interrupted its audio at once.',
        );
        journal.audio(call.push, 'none');
        journal.openInterval(`audio:${call.push}`, 'callkit', 'audio.none', 'audio: interrupted', {
          push: call.push,
          rule: 'AUDIO-4',
        });
        return { ...call, audio: 'none' as const };
      });
      enqueue.assign({ calls });
    }),
    /** The app's process ended: its CXProvider is gone and so are its calls. */
    dropCalls: effects(({ context, enqueue }) => {
      const { journal } = context.env;
      for (const call of context.calls) {
        enqueue.cancel(`ring:${call.uuid}`);
        journal.closeInterval(`call:${call.push}`);
        journal.closeInterval(`audio:${call.push}`);
        journal.log('callkit', `${call.push}: the app's process ended, and its call with it.`, { push: call.push });
      }
      enqueue.assign({ calls: [] });
    }),
    /**
     * Tells the app and callservicesd which calls are live (they decide "on a call" from it). The app
     * hears of every change of which calls are live (not of an answer: `CallRef`); when the last one
     * ends it restarts its background grace (DEV-4: "when the call ends, normal rules return"). A list
     * it already has is not sent again: an action that changed no call (an answer with nothing ringing,
     * the end of a call already over) gives a backgrounded app no more time. callservicesd only needs
     * whether the app is on a call at all: it hears that one began with the report that began it
     * (`report`, one event for both), and that the last one ended `foregroundStateLag` late (EXEMPT-1),
     * unless one began meanwhile.
     */
    announce: effects(({ context, enqueue }, report: EventOf<CallKitEvent, 'callkit.reportIncoming'> | undefined) => {
      const live: CallRef[] = [];
      for (const c of context.calls) if (c.status !== 'ended') live.push({ push: c.push, uuid: c.uuid });
      const changed = !sameCalls(live, context.announced);
      if (changed) enqueue.sendTo(to(ACTOR.app), msg.app({ type: 'callkit.callsChanged', calls: live }));
      // Only a report makes a call live; a duplicate (EXEMPT-2) counts as reported too.
      const began = live.length > 0 && context.announced.length === 0;
      if (began) enqueue.cancel('oncall.clear');
      // callservicesd keeps only the checks of enforced deliveries (KILL-1): of another report it
      // would have nothing to forget, so it hears of it only when the report began a call.
      if (report && (report.checked || began)) {
        enqueue.sendTo(
          to(ACTOR.callServices),
          msg.callServices({ type: 'callkit.reported', push: report.push, onCall: began }),
        );
      }
      if (!changed) return;
      enqueue.assign({ announced: live });
      if (live.length === 0 && context.announced.length > 0) {
        enqueue.sendTo(to(ACTOR.callServices), msg.callServices({ type: 'oncall.clear' }), {
          delay: context.env.params.foregroundStateLag,
          id: 'oncall.clear',
        });
      }
    }),
  },
}).createMachine({
  id: 'callKit',
  context: ({ input }) => ({ env: input.env, calls: [], sessionValid: true, announced: [] }),
  on: {
    'callkit.reportIncoming': {
      actions: [
        { type: 'reportIncoming', params: eventParams },
        { type: 'announce', params: eventParams },
      ],
    },
    'callkit.end': { actions: [{ type: 'end', params: eventParams }, 'announce'] },
    'call.decline': { actions: [{ type: 'end', params: eventParams }, 'announce'] },
    'call.hangup': { actions: [{ type: 'end', params: eventParams }, 'announce'] },
    'call.timeout': { actions: [{ type: 'end', params: eventParams }, 'announce'] },
    'call.answer': { actions: [{ type: 'answer', params: eventParams }, 'announce'] },
    'mediaserverd.crash': { actions: ['mediaserverdCrash', 'announce'] },
    'call.other': { actions: 'otherCall' },
    'app.terminated': { actions: ['dropCalls', 'announce'] },
  },
});
