/**
 * A verdict per push: one sentence a support person can read to a customer, leading with the rule that
 * decided the push's fate. Built only from the result (fate, rule IDs, times), the scenario (what the app
 * does, the numbers) and RULES.md, never from the whys' wording, so rewording a why changes no verdict.
 */
import { strikesInWindow } from '../actors/callServices/throttle';
import type { PushResult, Result } from '../engine/result';
import { formatTime } from '../engine/time';
import type { Fate, Scenario } from '../scenario/types';
import { fateTone, type FateTone } from './fates';

export interface Verdict {
  readonly push: string;
  readonly fate: Fate;
  readonly tone: FateTone;
  /** The sentence's lead, e.g. "Did not ring", "Rang 2 min 4 s late". */
  readonly headline: string;
  /** The whole sentence: headline, a colon, the decisive reason in plain words. */
  readonly sentence: string;
  /** The rule that decided it (its ID), absent for a push with no steps. */
  readonly rule?: string;
  /** Index in `push.steps` of the decisive step, -1 when none. */
  readonly decisive: number;
  /** Indexes of the routine steps (forwarded, crossed the network, launched …) a reader can fold away. */
  readonly routine: readonly number[];
  /** What Apple's Push Notifications Console shows for this push, in order; empty when nothing applies. */
  readonly console: readonly string[];
  /** The line a real phone would print in its device log or crash report, where the rules give one. */
  readonly deviceLog?: string;
}

/** Steps that happen to almost every push; shown under "all steps" unless one of them decided the fate. */
const ROUTINE: ReadonlySet<string> = new Set(['APNS-1', 'PATH-4', 'PATH-2', 'DEV-1', 'LAUNCH-1', 'PK-1', 'CALL-1']);

/** A push delivered this much later than sent, or rung this much later, is "late" to a person waiting. */
const LATE_MS = 5_000;

/** Rules that hold a push up, most specific first: one of them decides a push that rang or arrived late. */
const LATE_RULES = ['DEV-2', 'DEV-3', 'APNS-2', 'APNS-3', 'LAUNCH-1'];

/** For each fate, the rules that can decide it, most specific first (late pushes: see decisiveIndex). */
const DECIDERS: Readonly<Record<Fate, readonly string[]>> = {
  rang: ['AUDIO-1', 'AUDIO-5', 'CALL-1'],
  'in-app': ['EXEMPT-3'],
  stale: ['CALL-1'],
  duplicate: ['EXEMPT-2'],
  exempt: ['DBG-1', 'MUST-1', 'EXEMPT-1'],
  missed: ['MUST-1'],
  crashed: ['PK-1'],
  killed: ['KILL-1', 'LAUNCH-3'],
  throttled: ['THROTTLE-1'],
  expired: ['APNS-3'],
  superseded: ['APNS-4'],
  undelivered: ['DEV-2', 'DEV-3', 'APNS-2', 'APNS-3', 'DEV-1'],
  delivered: ['PATH-3', 'PATH-2'],
  ignored: ['PATH-3'],
};

/** A duration in words a non-engineer reads at a glance: "24 hours", "7 seconds", "2 min 4 s". */
export function plainDuration(ms: number): string {
  if (ms > 0 && ms % 3_600_000 === 0) return `${ms / 3_600_000} hour${ms === 3_600_000 ? '' : 's'}`;
  if (ms > 0 && ms < 60_000 && ms % 1_000 === 0) return `${ms / 1_000} second${ms === 1_000 ? '' : 's'}`;
  return formatTime(ms);
}

/** A scenario time, past a day still to the second ("24 h 100 ms"): formatTime rounds days to hours. */
export function clockTime(t: number): string {
  if (t < 86_400_000) return formatTime(t);
  const h = Math.floor(t / 3_600_000);
  const rest = t - h * 3_600_000;
  return rest ? `${h} h ${formatTime(rest)}` : `${h} h`;
}

const has = (p: PushResult, rule: string) => p.rules.includes(rule);
const stepAt = (p: PushResult, rule: string) => p.steps.find((s) => s.rule === rule)?.at;

/** The index of the step that decided the fate: the most specific decider present, at its last step. */
function decisiveIndex(p: PushResult): number {
  const audio = p.fate === 'rang' && (p.audio === 'none' || p.audio === 'one-way');
  const late = (p.fate === 'rang' || p.fate === 'delivered') && !audio && lateness(p) >= LATE_MS;
  for (const rule of [...(late ? LATE_RULES : []), ...DECIDERS[p.fate]]) {
    // A ring that timed out (Ringside's choice) ends the call; it does not decide the push's fate.
    for (let i = p.steps.length - 1; i >= 0; i--)
      if (p.steps[i]!.rule === rule && p.steps[i]!.assumption !== 'ring-timeout') return i;
  }
  return p.steps.length - 1;
}

/** How long after it was sent the call rang (or reached the phone, when it never rang). */
function lateness(p: PushResult): number {
  const rang = stepAt(p, 'CALL-1') ?? stepAt(p, 'EXEMPT-3') ?? p.deliveredAt;
  return rang === undefined ? 0 : rang - p.sentAt;
}

/** The strikes inside the throttle window just before `t`, counted by cause. */
function strikesBefore(scenario: Scenario, result: Result, t: number): string {
  // The failures the throttle counted, in the window's shape (THROTTLE-1; rolling or fixed, a model choice).
  const inWindow = strikesInWindow(
    result.strikes.filter((s) => s.at <= t),
    t,
    scenario.params,
  );
  const crashes = inWindow.filter((s) => s.cause === 'crashed').length;
  const kills = inWindow.length - crashes;
  const parts = [
    ...(crashes ? [`${crashes} crash${crashes === 1 ? '' : 'es'}`] : []),
    ...(kills ? [`${kills} time${kills === 1 ? '' : 's'} it was closed for not showing a call`] : []),
  ];
  return parts.join(' and ') || `${scenario.params.throttleFailures} failures`;
}

/** The cancellation of this call, if the scenario has one: when the caller hung up. */
const cancelOf = (scenario: Scenario, push: string) =>
  scenario.timeline.find((e) => e.do === 'cancel' && e.call === push);

/** Why it arrived late (or not yet), by the rule that held it; `it` names the push ("the call"). */
function whyLate(p: PushResult, scenario: Scenario, it: string): string {
  if (has(p, 'DEV-2'))
    return `the phone had stopped trying to reach Apple's push service (APNs) to save battery, and nothing got through until something woke it`;
  if (has(p, 'DEV-3'))
    return `a faulty router cut the phone's connection without either side noticing, so Apple's push service (APNs) held ${it} until the phone reconnected`;
  if (has(p, 'APNS-2'))
    return `the phone had lost its connection and Apple's push service (APNs) held ${it} until it was back`;
  if (has(p, 'APNS-3')) return `the phone was offline and Apple's push service (APNs) kept ${it} until it was back`;
  if (has(p, 'LAUNCH-1')) return `the app took ${plainDuration(scenario.app.launch)} to start`;
  return 'it took that long to arrive';
}

/** The headline and the reason, without the decisive step's bookkeeping. */
function words(p: PushResult, scenario: Scenario, result: Result): { headline: string; reason: string } {
  const deadline = plainDuration(scenario.params.callservicesdDeadline);
  const cancelled = p.cancels ? ` (the cancellation of ${p.cancels})` : '';
  switch (p.fate) {
    case 'throttled':
      return {
        headline: 'Did not ring',
        reason: `iOS had stopped giving this app calls after ${strikesBefore(scenario, result, p.deliveredAt ?? p.sentAt)} in ${plainDuration(scenario.params.throttleWindow)}`,
      };
    case 'crashed': {
      const app = scenario.app;
      const reason = has(p, 'EXEMPT-1')
        ? 'the app crashed because it thought it was still open on screen and so did not tell iOS about the call; iOS had already seen it leave the screen'
        : app.report.mode === 'after'
          ? `the app crashed because it waited ${plainDuration(app.report.delay)} before telling iOS about the call; iOS requires it at once`
          : app.report.mode === 'never'
            ? 'the app crashed because it never told iOS about the call'
            : 'the app crashed because it did not tell iOS about the call at once';
      return { headline: 'Did not ring', reason };
    }
    case 'killed':
      if (has(p, 'LAUNCH-3') && !has(p, 'KILL-1'))
        return {
          headline: 'Did not ring',
          reason: `the app took ${plainDuration(scenario.app.launch)} to start, longer than the ${plainDuration(scenario.params.launchWatchdog)} iOS allows, so iOS stopped it`,
        };
      return {
        headline: 'Did not ring',
        reason: has(p, 'LAUNCH-2')
          ? `iOS closed the app after ${deadline} because the app was not set up to receive calls as it started, so the call was lost inside it`
          : scenario.app.blockMainThread >= scenario.params.callservicesdDeadline
            ? `iOS closed the app because it was busy for ${plainDuration(scenario.app.blockMainThread)} and did not show the call within ${deadline}`
            : `iOS closed the app because it did not show the call within ${deadline}`,
      };
    case 'expired':
      return {
        headline: 'Did not ring',
        reason:
          "the phone was offline and the call was sent as now-or-never, so Apple's push service (APNs) threw it away",
      };
    case 'superseded': {
      const topic = p.kind === 'voip';
      const newer = result.pushes.find((q) => q.sentAt > p.sentAt && (q.kind === 'voip') === topic);
      return {
        headline: 'Did not ring',
        reason: `while the phone was offline a newer ${topic ? 'call' : 'notification'}${newer ? ` (${newer.id})` : ''} replaced it in Apple's push service (APNs), which keeps only the latest one waiting`,
      };
    }
    case 'undelivered': {
      const still = has(p, 'DEV-2')
        ? "the phone had stopped trying to reach Apple's push service (APNs) to save battery, and nothing gets through until something wakes it"
        : has(p, 'APNS-3')
          ? "the phone was offline, and Apple's push service (APNs) was keeping it until the phone is back or it expires"
          : has(p, 'APNS-2') || has(p, 'DEV-3')
            ? "the phone had lost its connection, and Apple's push service (APNs) was still holding it for when the phone reconnects"
            : 'the phone was still reconnecting';
      return {
        headline: p.kind === 'voip' ? 'Did not ring' : 'Not delivered',
        reason: `it had not reached the phone by the end of the scenario: ${still}`,
      };
    }
    case 'stale': {
      const cancel = cancelOf(scenario, p.id);
      const rangAt = stepAt(p, 'CALL-1');
      const endedAt = stepAt(p, 'CALL-2');
      const rangFor = rangAt !== undefined && endedAt !== undefined ? ` for ${plainDuration(endedAt - rangAt)}` : '';
      const before =
        cancel && p.deliveredAt !== undefined
          ? ` ${plainDuration(p.deliveredAt - cancel.at)} before it reached the phone`
          : '';
      return {
        headline: `Rang${rangFor} after the caller had hung up`,
        reason: `the caller cancelled${before}; the app only learns of a cancellation from its own server`,
      };
    }
    case 'missed':
      return {
        headline: 'Did not ring, as intended',
        reason: `the call reached the phone ${plainDuration((p.deliveredAt ?? p.sentAt) - p.sentAt)} after it was sent, too late to ring, so iOS 26.4 let the app show a missed-call notice instead`,
      };
    case 'exempt':
      if (has(p, 'DBG-1'))
        return {
          headline: 'Did not ring, unpunished only in testing',
          reason:
            "a developer's testing tool (debugger) was attached, which switches off iOS's checks; on a customer's phone the app would have been shut down",
        };
      if (has(p, 'MUST-1'))
        return {
          headline: 'Did not ring, as intended',
          reason:
            'iOS told the app it need not show this call, because the app was open on screen or already on a call',
        };
      return {
        headline: 'Did not ring, which is allowed',
        reason:
          scenario.app.onCall === 'skip' && scenario.app.foreground !== 'skip'
            ? 'the app was already on a call, so it need not show a new one'
            : scenario.app.foreground === 'skip' && scenario.app.onCall !== 'skip'
              ? 'the app was open on screen, so it need not show the call'
              : 'the app was open on screen or on a call, so it need not show the call',
      };
    case 'duplicate':
      return p.cancels
        ? {
            headline: 'Not shown, as intended',
            reason: `it was the cancellation of ${p.cancels}; the app reported it as part of that call, which iOS turns down without counting it against the app`,
          }
        : {
            headline: 'Not shown, harmlessly',
            reason:
              'the app reported it as part of the call already in progress, which iOS turns down without counting it against the app',
          };
    case 'in-app':
      return {
        headline: "Shown in the app's own call screen",
        reason: 'the app was open on screen, so iOS left it to the app to show the call',
      };
    case 'ignored':
      return {
        headline: 'Never reached the app',
        reason: `a silent background notification${cancelled} is best-effort and is not delivered to an app that is not open on screen`,
      };
    case 'delivered': {
      const late = (p.deliveredAt ?? p.sentAt) - p.sentAt;
      const it = p.cancels ? `the cancellation of ${p.cancels}` : 'the notification';
      return late >= LATE_MS
        ? { headline: `Delivered ${plainDuration(late)} late`, reason: whyLate(p, scenario, it) }
        : { headline: 'Delivered', reason: `${it} reached the phone` };
    }
    case 'rang': {
      if (p.audio === 'none' || has(p, 'AUDIO-1'))
        return {
          headline: 'Rang, but the answered call had no sound',
          reason:
            "iOS never switched the call's sound on for the app, a fault left behind when the phone's sound service crashed",
        };
      if (p.audio === 'one-way' || has(p, 'AUDIO-5'))
        return {
          headline: 'Rang, but the sound went one way only',
          reason:
            'the app switched the sound on itself before iOS could, so the person could hear the caller but the microphone stayed off',
        };
      const late = lateness(p);
      if (late >= LATE_MS)
        return { headline: `Rang ${plainDuration(late)} late`, reason: whyLate(p, scenario, 'the call') };
      return {
        headline: 'Rang',
        reason: `the phone showed the incoming call ${p.audio === 'two-way' ? 'and the answered call had sound both ways' : 'as expected'}`,
      };
    }
  }
}

const PK1_MESSAGE =
  'Killing app because it never posted an incoming call to the system after receiving a PushKit VoIP push.';
const PK1_MESSAGE_IOS13 =
  'Apps receiving VoIP pushes must post an incoming call (via CallKit or IncomingCallNotifications) in the same run loop as pushRegistry:didReceiveIncomingPushWithPayload:forType:[withCompletionHandler:] without delay.';

/** The device-log line RULES.md quotes for this fate (PK-1, KILL-1, THROTTLE-1, PATH-3), if any. */
function deviceLogOf(p: PushResult, scenario: Scenario, bundle: string): string | undefined {
  switch (p.fate) {
    case 'crashed':
      return scenario.device.ios.major === 13 ? PK1_MESSAGE_IOS13 : PK1_MESSAGE;
    case 'killed':
      return has(p, 'KILL-1') ? 'Exception code 0xbaadca11' : undefined;
    case 'throttled':
      return `Application ${bundle} will not be launched because it failed to report an incoming call too many times (or repeatedly crashed.)`;
    case 'ignored':
      return 'pushDisallowed';
    default:
      return undefined;
  }
}

/**
 * Apple's Push Notifications Console statuses for the push, as Apple words them: stored when APNs knew
 * the phone was offline (APNS-3), discarded when it expired there, delivered once it reached the phone.
 */
function consoleOf(p: PushResult, scenario: Scenario): string[] {
  const out = ['Received by APNs'];
  // apns-expiration 0 to a phone APNs knows is offline: discarded at once, never stored (APNS-3).
  const sent = scenario.timeline.find((e) => (e.do === 'push' || e.do === 'cancel') && e.id === p.id);
  const nowOrNever = sent !== undefined && 'expiration' in sent && sent.expiration === 0;
  const stored = has(p, 'APNS-3') && !(p.fate === 'expired' && nowOrNever);
  if (stored) out.push('Stored – Device Offline');
  if (p.fate === 'expired') out.push('Discarded – Expired');
  else if (p.deliveredAt !== undefined) out.push(stored ? 'Delivered to Device (From Storage)' : 'Delivered to Device');
  return out;
}

/** The bundle ID used in device-log lines; scenarios do not name one, so the engine's own. */
const BUNDLE = 'com.example.voip';

/** The verdict on one push of a result. */
export function verdictOf(scenario: Scenario, result: Result, p: PushResult): Verdict {
  const { headline, reason } = words(p, scenario, result);
  const decisive = p.steps.length ? decisiveIndex(p) : -1;
  const log = deviceLogOf(p, scenario, BUNDLE);
  return {
    push: p.id,
    fate: p.fate,
    tone: fateTone(p.fate),
    headline,
    sentence: `${headline}: ${reason}.`,
    ...(decisive >= 0 ? { rule: p.steps[decisive]!.rule } : {}),
    decisive,
    routine: p.steps.flatMap((s, i) => (i !== decisive && ROUTINE.has(s.rule) ? [i] : [])),
    console: consoleOf(p, scenario),
    ...(log ? { deviceLog: log } : {}),
  };
}

/** Every push's verdict, in the result's order. */
export function verdicts(scenario: Scenario, result: Result): Verdict[] {
  return result.pushes.map((p) => verdictOf(scenario, result, p));
}
