/**
 * What can be done about a push, split by who can do it: the person with the phone, the app's developers,
 * the app's server. Each remedy comes from a rule the push's steps cite (THROTTLE-2, DEV-2, PATH-3,
 * AUDIO-1/2/5, LAUNCH-3, DBG-1) or from the counterfactual search (whatif.ts: a change that, alone, would
 * have saved this push), never from a list per preset.
 */
import type { PushResult, Result } from '../engine/result';
import { simulate } from '../engine/simulate';
import type { Scenario } from '../scenario/types';
import { clockTime, plainDuration } from './verdict';
import { whatWouldHaveSaved, type WhatIf } from './whatif';

export type Who = 'phone' | 'developers' | 'server';

/** Who can act, in the order a support person reads them. */
export const WHO: readonly Who[] = ['phone', 'developers', 'server'];

export const WHO_LABEL: Readonly<Record<Who, string>> = {
  phone: 'The person with the phone',
  developers: "The app's developers",
  server: "The app's server",
};

export interface Remedy {
  readonly who: Who;
  readonly text: string;
  /** The rule it rests on, when it comes from a rule. */
  readonly rule?: string;
  /** The what-if change that proves it, when it comes from the counterfactual search. */
  readonly change?: string;
}

/** What each what-if change asks of whom (COMMON_CHANGES ids). */
const BY_CHANGE: Readonly<Record<string, readonly Omit<Remedy, 'change'>[]>> = {
  'report-sync': [
    {
      who: 'developers',
      text: 'Report the call to CallKit before the PushKit handler returns, not after a fetch or a delay.',
    },
  ],
  'no-main-thread-block': [
    { who: 'developers', text: 'Keep the main thread free while a call notification is handled: report first.' },
  ],
  'delegate-at-launch': [
    { who: 'developers', text: 'Set the PKPushRegistry delegate at launch, in didFinishLaunchingWithOptions.' },
  ],
  'foreground-report': [
    {
      who: 'developers',
      text: "Report calls in the foreground too: the app's own idea of being on screen lags behind iOS's.",
    },
  ],
  'set-configuration': [
    { who: 'developers', text: 'Call setConfiguration on the CXProvider just before each report.', rule: 'AUDIO-2' },
  ],
  'no-manual-audio': [
    { who: 'developers', text: 'Leave switching the audio session on to CallKit; do not activate it yourself.' },
  ],
  'learns-cancellation': [
    { who: 'developers', text: 'Ask the server about cancellations right after reporting, and end a cancelled call.' },
  ],
  'long-expiration': [
    {
      who: 'server',
      text: 'Send calls with an apns-expiration of a minute or more, not 0, so APNs keeps them while the phone is offline.',
    },
  ],
  'ios-26.4-delegate': [
    { who: 'phone', text: 'Update the phone to iOS 26.4 or later.', rule: 'MUST-1' },
    { who: 'developers', text: "Adopt iOS 26.4's must-report delegate.", rule: 'MUST-1' },
  ],
};

/** How a throttle window ended: a reinstall or update (THROTTLE-2), the rolling window, or not in view. */
export interface ThrottleLift {
  readonly from: number;
  readonly until: number;
  readonly by: 'reinstall' | 'update' | 'window' | 'end';
  /** When the rolling window alone would have lifted it (THROTTLE-2), if that differs from `until`. */
  readonly byItself?: number;
  /** "a reinstall of the app", in words for a summary. */
  readonly what: string;
}

/** When the block standing at `t` would lift by itself: the oldest of the failures that keep it up leaves the window. */
function liftsByItself(scenario: Scenario, result: Result, t: number): number {
  const { throttleFailures, throttleWindow } = scenario.params;
  const inWindow = result.strikes.filter((s) => s.at <= t && s.at > t - throttleWindow).map((s) => s.at);
  const oldest = inWindow[inWindow.length - throttleFailures] ?? inWindow[0] ?? t;
  return oldest + throttleWindow;
}

/** Each throttle window of the result and what lifted it (THROTTLE-2). */
export function throttleLifts(scenario: Scenario, result: Result): ThrottleLift[] {
  return result.throttled.map((w) => {
    const reset = scenario.timeline.find(
      (e) => e.do === 'app' && (e.action === 'reinstall' || e.action === 'update') && e.at === w.until,
    );
    const byItself = liftsByItself(scenario, result, w.from);
    const by =
      reset?.do === 'app' && (reset.action === 'reinstall' || reset.action === 'update')
        ? reset.action
        : w.until >= scenario.duration && byItself > w.until
          ? 'end'
          : 'window';
    const what =
      by === 'window'
        ? `itself, ${plainDuration(scenario.params.throttleWindow)} after the oldest failure`
        : by === 'end'
          ? 'nothing yet: it still stood when the scenario ended'
          : `${by === 'reinstall' ? 'deleting and reinstalling' : 'updating'} the app`;
    return { from: w.from, until: w.until, by, ...(byItself !== w.until ? { byItself } : {}), what };
  });
}

function fromRules(scenario: Scenario, result: Result, p: PushResult): Remedy[] {
  const out: Remedy[] = [];
  if (p.fate === 'throttled') {
    const t = p.deliveredAt ?? p.sentAt;
    out.push(
      { who: 'phone', text: 'Delete and reinstall the app: that lifts the block at once.', rule: 'THROTTLE-2' },
      { who: 'phone', text: 'Update the app: that probably lifts the block too.', rule: 'THROTTLE-2' },
      {
        who: 'phone',
        text: `Or wait: the block lifts by itself at ${clockTime(liftsByItself(scenario, result, t))} (scenario time), ${plainDuration(scenario.params.throttleWindow)} after the oldest of the failures that caused it.`,
        rule: 'THROTTLE-2',
      },
      {
        who: 'server',
        text: 'Nothing shows on the server: APNs still answers HTTP 200 while the block stands, so watch for calls that never connect.',
        rule: 'THROTTLE-1',
      },
    );
  }
  if (p.fate === 'expired') out.push({ ...BY_CHANGE['long-expiration']![0]!, rule: 'APNS-3' });
  if (p.rules.includes('DEV-2'))
    out.push({
      who: 'phone',
      text: 'Turn the screen on (unlocking is not needed): a sleeping phone that gave up reconnecting tries again only when woken.',
      rule: 'DEV-2',
    });
  if (p.fate === 'ignored' && p.cancels)
    out.push({
      who: 'server',
      text: 'Do not cancel a call with a background push: send the cancellation as an alert or a VoIP push.',
      rule: 'PATH-3',
    });
  if (p.rules.includes('AUDIO-1')) out.push({ ...BY_CHANGE['set-configuration']![0]!, rule: 'AUDIO-2' });
  if (p.rules.includes('AUDIO-5')) out.push({ ...BY_CHANGE['no-manual-audio']![0]!, rule: 'AUDIO-5' });
  if (p.rules.includes('LAUNCH-3'))
    out.push({
      who: 'developers',
      text: `Make the app finish launching well within ${plainDuration(scenario.params.launchWatchdog)}.`,
      rule: 'LAUNCH-3',
    });
  if (p.rules.includes('DBG-1'))
    out.push({
      who: 'developers',
      text: "Test with the debugger detached: it hides the crash that customers' phones will see.",
      rule: 'DBG-1',
    });
  return out;
}

/**
 * What can be done about one push, by who can do it (in WHO order), from its rules and from `saves`, the
 * common changes that alone would have saved it (whatWouldHaveSaved). Empty for a push that went well.
 */
export function remedies(scenario: Scenario, result: Result, push: string, saves: readonly WhatIf[]): Remedy[] {
  const p = result.pushes.find((x) => x.id === push);
  if (!p) return [];
  const all = [
    ...fromRules(scenario, result, p),
    ...saves.flatMap((s) => (BY_CHANGE[s.change.id] ?? []).map((r) => ({ ...r, change: s.change.id }))),
  ];
  const seen = new Set<string>();
  const unique = all.filter((r) => !seen.has(r.text) && seen.add(r.text));
  return WHO.flatMap((who) => unique.filter((r) => r.who === who));
}

/** {@link remedies} with the counterfactual search run here: one simulation per common change. */
export function whatCanBeDone(scenario: Scenario, push: string): Remedy[] {
  return remedies(scenario, simulate(scenario).result, push, whatWouldHaveSaved(scenario, push));
}
