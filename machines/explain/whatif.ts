import type { Fate, Scenario } from '../scenario/types';
import { simulate } from '../engine/simulate';
import { parseDuration, Time } from '../engine/time';
import type { ScenarioFile } from '../scenario/schema';

/** A common change to a scenario, phrased the way a person would suggest it. */
export interface Change {
  readonly id: string;
  /** A short name for menus: "report before the handler returns". */
  readonly label: string;
  /** "had the app …": completes the sentence "had …, this call would have …". */
  readonly had: string;
  readonly apply: (s: Scenario) => Scenario | undefined;
  /**
   * The same change made to the file as people write it (the app's "Apply" edits the document with
   * it); loaded, it is the scenario `apply` makes.
   */
  readonly toFile: (f: ScenarioFile) => ScenarioFile;
}

const app = (s: Scenario, patch: Partial<Scenario['app']>): Scenario => ({ ...s, app: { ...s.app, ...patch } });
const appFile = (f: ScenarioFile, patch: ScenarioFile['app']): ScenarioFile => ({ ...f, app: { ...f.app, ...patch } });
/** A push sent with `apns-expiration: 0` (the default when a file does not say). */
const expiresAtOnce = (e: ScenarioFile['timeline'][number]) =>
  e.do === 'push' && parseDuration(e.expiration ?? 0) === 0;

/** The changes Ringside tries, smallest first. A change that would not change anything returns undefined. */
export const COMMON_CHANGES: readonly Change[] = [
  {
    id: 'report-sync',
    label: 'report before the handler returns',
    had: 'the app reported the call before returning from the PushKit handler',
    apply: (s) => (s.app.report.mode === 'sync' ? undefined : app(s, { report: { mode: 'sync' } })),
    toFile: (f) => appFile(f, { report: 'sync' }),
  },
  {
    id: 'no-main-thread-block',
    label: "don't block the main thread",
    had: 'the handler not blocked the main thread',
    apply: (s) => (s.app.blockMainThread === 0 ? undefined : app(s, { blockMainThread: Time.ZERO })),
    toFile: (f) => appFile(f, { blockMainThread: '0s' }),
  },
  {
    id: 'delegate-at-launch',
    label: 'set the PushKit delegate at launch',
    had: 'the app set its PKPushRegistry delegate during launch',
    apply: (s) => (s.app.delegateAtLaunch ? undefined : app(s, { delegateAtLaunch: true })),
    toFile: (f) => appFile(f, { delegateAtLaunch: true }),
  },
  {
    id: 'foreground-report',
    label: 'report in the foreground too',
    had: 'the app reported calls in the foreground too',
    apply: (s) => (s.app.foreground === 'report' ? undefined : app(s, { foreground: 'report' })),
    toFile: (f) => appFile(f, { foreground: 'report' }),
  },
  {
    id: 'set-configuration',
    label: 'setConfiguration before reporting',
    had: 'the app called setConfiguration before reporting',
    apply: (s) => (s.app.setConfigurationBeforeReport ? undefined : app(s, { setConfigurationBeforeReport: true })),
    toFile: (f) => appFile(f, { setConfigurationBeforeReport: true }),
  },
  {
    id: 'no-manual-audio',
    label: 'leave audio activation to CallKit',
    had: 'the app left audio session activation to CallKit',
    apply: (s) => (s.app.activatesAudioSession ? app(s, { activatesAudioSession: false }) : undefined),
    toFile: (f) => appFile(f, { activatesAudioSession: false }),
  },
  {
    id: 'learns-cancellation',
    label: 'check for cancellations after 3 s',
    had: 'the app checked with its server for cancellations right after reporting (3 s)',
    apply: (s) =>
      s.app.learnsCancellation !== 'never' && s.app.learnsCancellation <= 3_000
        ? undefined
        : app(s, { learnsCancellation: Time.seconds(3) }),
    toFile: (f) => appFile(f, { learnsCancellation: '3s' }),
  },
  {
    id: 'long-expiration',
    label: 'send with apns-expiration 1 h',
    had: 'the provider sent with apns-expiration 1 h',
    apply: (s) =>
      s.timeline.some((e) => e.do === 'push' && e.expiration === 0)
        ? {
            ...s,
            timeline: s.timeline.map((e) =>
              e.do === 'push' && e.expiration === 0 ? { ...e, expiration: Time.seconds(3600) } : e,
            ),
          }
        : undefined,
    toFile: (f) => ({
      ...f,
      timeline: f.timeline.map((e) => (e.do === 'push' && expiresAtOnce(e) ? { ...e, expiration: '1h' } : e)),
    }),
  },
  {
    id: 'ios-26.4-delegate',
    label: 'iOS 26.4 with the must-report delegate',
    had: 'the phone run iOS 26.4 and the app adopted the new must-report delegate',
    apply: (s) =>
      s.app.checksMustReport && s.device.ios.major * 100 + s.device.ios.minor >= 2604
        ? undefined
        : { ...app(s, { checksMustReport: true }), device: { ...s.device, ios: { raw: '26.4', major: 26, minor: 4 } } },
    toFile: (f) => ({ ...appFile(f, { checksMustReport: true }), device: { ...f.device, ios: '26.4' } }),
  },
];

/** Fates that mean the push did what it should (or was rightly not rung). */
export const GOOD_FATES: ReadonlySet<Fate> = new Set(['rang', 'in-app', 'duplicate', 'exempt', 'missed', 'delivered']);

export interface WhatIf {
  readonly change: Change;
  readonly fate: Fate;
  /** "had the app …, this call would have rung" */
  readonly sentence: string;
}

const VERB: Partial<Record<Fate, string>> = {
  rang: 'rung',
  'in-app': 'shown the app’s own call screen',
  duplicate: 'been absorbed as a harmless duplicate',
  exempt: 'needed no report',
  missed: 'become a missed-call notification instead of a stale ring',
  delivered: 'been delivered',
};

/**
 * For a push that ended badly (crashed, killed, throttled, expired, stale, …), tries each common
 * change alone and returns those that would have saved it, in the order of COMMON_CHANGES.
 */
export function whatWouldHaveSaved(scenario: Scenario, push: string): WhatIf[] {
  const out: WhatIf[] = [];
  const now = simulate(scenario).result.pushes.find((p) => p.id === push)?.fate;
  if (!now || GOOD_FATES.has(now)) return out;
  for (const change of COMMON_CHANGES) {
    const variant = change.apply(scenario);
    if (!variant) continue;
    const fate = simulate(variant).result.pushes.find((p) => p.id === push)?.fate;
    if (fate && GOOD_FATES.has(fate)) {
      out.push({ change, fate, sentence: `Had ${change.had}, this call would have ${VERB[fate] ?? fate}.` });
    }
  }
  return out;
}
