import type { Params } from './params';
import type { SimTime } from '../engine/time';

/** The current scenario format tag. Older tags are migrated on load. */
export const SCENARIO_FORMAT = 'ringside.scenario/v1';

export type Network = 'wifi' | 'cellular' | 'cellular-poor' | 'offline';
export type AppInitialState = 'not-running' | 'foreground' | 'background' | 'suspended';
export type PushKind = 'voip' | 'alert' | 'background';
export type CancelVia = 'alert' | 'voip' | 'background' | 'none';
export type AppAction =
  'foreground' | 'background' | 'force-quit' | 'reinstall' | 'update' | 'debugger-attach' | 'debugger-detach';
export type WakeBy = 'screen' | 'unlock' | 'cellular-call' | 'network-change';
export type ForegroundPolicy = 'report' | 'skip' | 'report-then-end';
export type OnCallPolicy = 'report-new' | 'reuse-uuid' | 'skip';

/** When the handler reports the call: before it returns, some time after the push, or never. */
export type ReportMode =
  { readonly mode: 'sync' } | { readonly mode: 'after'; readonly delay: SimTime } | { readonly mode: 'never' };

/** An iOS version, parsed. */
export interface IosVersion {
  readonly raw: string;
  readonly major: number;
  readonly minor: number;
}

export interface DeviceSetup {
  readonly ios: IosVersion;
  readonly network: Network;
  readonly locked: boolean;
  readonly app: AppInitialState;
}

/** How the app under test behaves (SCENARIO-FORMAT.md, `app`). */
export interface AppBehaviour {
  readonly delegateAtLaunch: boolean;
  readonly launch: SimTime;
  readonly report: ReportMode;
  readonly blockMainThread: SimTime;
  readonly foreground: ForegroundPolicy;
  readonly onCall: OnCallPolicy;
  readonly checksMustReport: boolean;
  readonly setConfigurationBeforeReport: boolean;
  readonly activatesAudioSession: boolean;
  readonly learnsCancellation: SimTime | 'never';
  readonly debuggerAttached: boolean;
  /** When the handler calls PushKit's completion handler (PK-2: it changes nothing). Default sync. */
  readonly completion?: ReportMode;
  /** Who manages the audio of the app's calls: CallKit, or the app itself (AUDIO-4). Default callkit. */
  readonly callAudio?: 'callkit' | 'own';
}

interface EventBase {
  /** Position in the file's `timeline` array (for errors and the UI). */
  readonly index: number;
  readonly at: SimTime;
  /** Optional caption for present mode. */
  readonly caption?: string;
}

export type TimelineEvent = EventBase &
  (
    | {
        readonly do: 'push';
        readonly id: string;
        readonly kind: PushKind;
        /** `0` = deliver now or discard; otherwise how long after sending APNs may store it. */
        readonly expiration: SimTime;
        readonly priority: 5 | 10;
        /** Present mode: the question put to the room before this push's fate is revealed. */
        readonly question?: string;
      }
    | {
        readonly do: 'cancel';
        readonly call: string;
        readonly via: CancelVia;
        /** Id of the cancellation push (when `via` is not `none`); default `cancel-<call>`. */
        readonly id: string;
        readonly expiration: SimTime;
      }
    | { readonly do: 'network'; readonly to: Network }
    | { readonly do: 'lock' }
    | { readonly do: 'unlock' }
    | { readonly do: 'app'; readonly action: AppAction }
    | { readonly do: 'power'; readonly policy: 0 | 3 }
    | { readonly do: 'wake'; readonly by: WakeBy }
    | { readonly do: 'nat-drop' }
    | { readonly do: 'nat-restore' }
    | { readonly do: 'mediaserverd-crash' }
    /** An incoming call from another app or the carrier, while ours may be in progress (AUDIO-4). */
    | { readonly do: 'other-call' }
    | { readonly do: 'answer' | 'decline' | 'hangup'; readonly call: string }
  );

export type Fate =
  | 'rang'
  | 'in-app'
  | 'stale'
  | 'duplicate'
  | 'exempt'
  | 'missed'
  | 'crashed'
  | 'killed'
  | 'throttled'
  | 'expired'
  | 'superseded'
  | 'undelivered'
  | 'delivered'
  | 'ignored';

export const FATES: readonly Fate[] = [
  'rang',
  'in-app',
  'stale',
  'duplicate',
  'exempt',
  'missed',
  'crashed',
  'killed',
  'throttled',
  'expired',
  'superseded',
  'undelivered',
  'delivered',
  'ignored',
];

export type AudioOutcome = 'two-way' | 'one-way' | 'none';

export type Expectation =
  | { readonly push: string; readonly fate: Fate; readonly observed?: boolean }
  | { readonly strikes: number }
  | { readonly throttled: boolean }
  | { readonly audio: AudioOutcome; readonly call: string; readonly observed?: boolean };

/** A scenario after loading: defaults filled, durations in milliseconds, events sorted stably by time. */
export interface Scenario {
  readonly format: typeof SCENARIO_FORMAT;
  readonly title: string;
  readonly notes: string;
  readonly duration: SimTime;
  readonly device: DeviceSetup;
  readonly app: AppBehaviour;
  readonly params: Params;
  readonly timeline: readonly TimelineEvent[];
  readonly expect: readonly Expectation[];
}
