/**
 * Where iOS versions change the rules. The engine reads its version checks from here (env.ts), so the
 * rule library's "what changes between two iOS versions" is the engine's own list, not a copy.
 */
import type { IosVersion } from './types';

export interface IosThreshold {
  readonly major: number;
  readonly minor: number;
}

/** From iOS 13, every VoIP push must be reported as a call (PK-1, KILL-1). */
export const IOS_REPORTING_REQUIRED: IosThreshold = { major: 13, minor: 0 };
/** From iOS 14, PushKit's crash message is the one quoted in PK-1 (iOS 13 worded it differently). */
export const IOS_PK1_MESSAGE: IosThreshold = { major: 14, minor: 0 };
/** From iOS 26.4, the must-report delegate exists (MUST-1) for apps that adopt it. */
export const IOS_MUST_REPORT: IosThreshold = { major: 26, minor: 4 };

/** A change of behaviour at an iOS version, with the rules it touches, in plain words. */
export interface IosChange {
  readonly since: IosThreshold;
  readonly rules: readonly string[];
  readonly what: string;
  /** Set when the change only matters for apps that opt in (the scenario's app setting that enables it). */
  readonly onlyIf?: 'checksMustReport';
}

export const IOS_CHANGES: readonly IosChange[] = [
  {
    since: IOS_REPORTING_REQUIRED,
    rules: ['PK-1', 'KILL-1', 'THROTTLE-1'],
    what: 'Every VoIP push must be reported to CallKit as a call. Before iOS 13 an app could use a VoIP push for anything and not reporting it was allowed (fate exempt, no strike).',
  },
  {
    since: IOS_PK1_MESSAGE,
    rules: ['PK-1'],
    what: 'PushKit\'s crash message reads "Killing app because it never posted an incoming call to the system after receiving a PushKit VoIP push."; iOS 13 asked apps to post the call "in the same run loop".',
  },
  {
    since: IOS_MUST_REPORT,
    rules: ['MUST-1', 'EXEMPT-1', 'EXEMPT-2', 'CALL-2'],
    what: 'A new PushKit delegate tells an app that adopts it whether it must report a push: pushes that arrive too late become missed-call notifications, and the foreground / on-call race goes away. Apps that do not adopt it keep the old rules.',
    onlyIf: 'checksMustReport',
  },
];

/** True when `v` is at least `t`. */
export function atLeast(v: Pick<IosVersion, 'major' | 'minor'>, t: IosThreshold): boolean {
  return v.major > t.major || (v.major === t.major && v.minor >= t.minor);
}

/** Parses "18", "18.5", "26.4.1" (the patch is ignored, as the rules never depend on it). */
export function parseIos(text: string): IosVersion | undefined {
  const m = /^\s*(\d{1,2})(?:\.(\d{1,2}))?(?:\.\d{1,2})?\s*$/.exec(text);
  if (!m) return undefined;
  return { raw: text.trim(), major: Number(m[1]), minor: Number(m[2] ?? 0) };
}

/** The changes that lie between two versions (in either order), oldest first. */
export function iosChangesBetween(
  a: Pick<IosVersion, 'major' | 'minor'>,
  b: Pick<IosVersion, 'major' | 'minor'>,
): readonly IosChange[] {
  return IOS_CHANGES.filter((c) => atLeast(a, c.since) !== atLeast(b, c.since));
}

/** Versions worth offering in pickers: one either side of every change, and the newest. */
export const IOS_PICKS: readonly string[] = ['12.5', '13.0', '14.0', '18.5', '26.0', '26.4'];

/** "13", "26.4": a threshold as people write it. */
export const thresholdText = (t: IosThreshold): string => (t.minor === 0 ? `${t.major}` : `${t.major}.${t.minor}`);

/** The same scenario on another iOS version (nothing else changes). */
export function onIos<S extends { readonly device: { readonly ios: IosVersion } }>(scenario: S, ios: IosVersion): S {
  return { ...scenario, device: { ...scenario.device, ios } };
}
