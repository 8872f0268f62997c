import type { AudioOutcome, Expectation, Fate, PushKind } from '../scenario/types';
import type { SimTime } from './time';

export const RESULT_FORMAT = 'ringside.result/v1';

/** Lanes of the timeline, one per actor. */
export type LaneId = 'provider' | 'apns' | 'network' | 'callservicesd' | 'app' | 'callkit';
export const LANES: readonly LaneId[] = ['provider', 'apns', 'network', 'callservicesd', 'app', 'callkit'];

/** Ringside's own choices where the sources are silent (machines/explain/modelChoices.ts describes each). */
export type ModelChoiceId =
  | 'queued-order'
  | 'apsd-backoff'
  | 'cellular-poor'
  | 'ring-timeout'
  | 'rolling-window'
  | 'update-resets-strikes'
  | 'ended-process-strike';

/** One rule applied to a push, in order, with the time it applied and a plain sentence. */
export interface RuleStep {
  readonly rule: string;
  readonly at: number;
  readonly why: string;
  /** Present when one of Ringside's own choices, not the sources, decided this step ("Ringside assumes …"). */
  readonly assumption?: ModelChoiceId;
}

export interface PushResult {
  readonly id: string;
  readonly kind: PushKind;
  readonly sentAt: number;
  /** When the push reached the phone (apsd); absent when it never did. */
  readonly deliveredAt?: number;
  /** How long after it was sent it reached the phone (`deliveredAt - sentAt`); absent when it never did. */
  readonly delay?: number;
  /**
   * A VoIP push that rang more than `params.lateAfter` after it was sent (Ringside's estimate: the
   * caller had most likely given up by then).
   */
  readonly late?: true;
  readonly fate: Fate;
  /** Rule IDs in the order they applied. */
  readonly rules: readonly string[];
  /** One sentence per rule, joined. */
  readonly why: string;
  /** The same, step by step with times (for the UI's why-chain). */
  readonly steps: readonly RuleStep[];
  /** Present on a push whose call was answered. */
  readonly audio?: AudioOutcome;
  /** For a cancellation push: the call it cancels. */
  readonly cancels?: string;
  /** The CallKit call UUID (simulated) this push was reported with, if any. */
  readonly call?: string;
}

export interface Strike {
  readonly at: number;
  readonly push: string;
  readonly cause: 'crashed' | 'killed';
}

export interface ThrottleWindow {
  readonly from: number;
  readonly until: number;
}

export interface LogEvent {
  readonly at: number;
  readonly lane: LaneId;
  readonly what: string;
  readonly rule?: string;
  readonly push?: string;
}

export interface ExpectationResult {
  readonly expect: Expectation;
  readonly ok: boolean;
  /** What actually happened, in the expectation's own terms (e.g. `"crashed"`, `3`). */
  readonly actual: string | number | boolean | null;
}

/** The public result contract (SCENARIO-FORMAT.md). Same scenario → byte-identical JSON. */
export interface Result {
  readonly format: typeof RESULT_FORMAT;
  readonly scenario: string;
  readonly pushes: readonly PushResult[];
  readonly strikes: readonly Strike[];
  readonly throttled: readonly ThrottleWindow[];
  readonly events: readonly LogEvent[];
  readonly expectations: readonly ExpectationResult[];
}

/** An interval on a lane (app foreground, apsd reconnecting, a 7 s deadline running …). */
export interface LaneInterval {
  readonly lane: LaneId;
  /** Machine-readable kind, e.g. `app.foreground`, `apsd.connecting`, `deadline`, `call.ringing`. */
  readonly kind: string;
  readonly from: SimTime;
  /** End; the scenario end when it was still open. */
  readonly to: SimTime;
  /** True when it was still open at the scenario end. */
  readonly open: boolean;
  readonly label: string;
  readonly push?: string;
  readonly call?: string;
  readonly rule?: string;
  /** For a deadline: when it would fire (the interval ends earlier when the call is reported). */
  readonly due?: number;
  /**
   * For a deadline cut short by the app's end, not by a report: the rule that crashed or killed the app
   * (`PK-1`, `KILL-1`), or the user's action that closed it (`force-quit`, `reinstall`, `update`).
   */
  readonly endedBy?: string;
}

/** A point on a lane: a push sent or delivered, a crash, a kill, a strike. */
export interface LaneMarker {
  readonly lane: LaneId;
  readonly kind: string;
  readonly at: SimTime;
  readonly label: string;
  readonly push?: string;
  readonly rule?: string;
}

export interface QueuedPush {
  readonly id: string;
  readonly kind: PushKind;
  readonly topic: string;
  readonly sentAt: number;
  /** `held`: APNs thinks the device is connected but it is not (APNS-2); `stored`: APNs knows it is offline (APNS-3). */
  readonly how: 'held' | 'stored';
  readonly expiresAt?: number;
}

export interface CallView {
  readonly uuid: string;
  readonly push: string;
  readonly status: 'ringing' | 'active' | 'ended';
  readonly ui: 'system' | 'in-app';
  readonly audio?: AudioOutcome;
}

/** Every actor's state at one moment, for the "state at t" panel and `ringside run --at`. */
export interface WorldState {
  readonly t: number;
  readonly apns: {
    readonly believesConnected: boolean;
    readonly waiting: readonly QueuedPush[];
  };
  readonly device: {
    readonly network: string;
    readonly locked: boolean;
    readonly apsd: 'connected' | 'connecting' | 'waiting-for-network' | 'backoff' | 'gave-up';
    readonly powerPolicy: 0 | 3;
    readonly natDropped: boolean;
  };
  readonly callServices: {
    readonly seesForeground: boolean;
    readonly seesOnCall: boolean;
    readonly strikesInWindow: number;
    readonly throttleFailures: number;
    /** `strikesInWindow` of `throttleFailures` in words, with the window's shape ("3 of 5 failures in the last 24 h"). */
    readonly strikeBudget: string;
    /** The rolling window the strikes are counted in (ms). */
    readonly throttleWindow: number;
    readonly throttled: boolean;
    readonly deadlines: readonly { readonly push: string; readonly due: number }[];
  };
  readonly app: {
    readonly state: 'not-running' | 'launching' | 'foreground' | 'background' | 'suspended';
    readonly believesForeground: boolean;
    readonly believesOnCall: boolean;
    readonly debuggerAttached: boolean;
    readonly handling?: string;
  };
  readonly callKit: {
    readonly calls: readonly CallView[];
    readonly audioSession: 'valid' | 'null';
  };
}

/** What the UI needs beyond the result: lanes, markers and state at any time. */
export interface Trace {
  readonly start: SimTime;
  readonly end: SimTime;
  readonly intervals: readonly LaneInterval[];
  readonly markers: readonly LaneMarker[];
  /** Sorted, unique times at which something happened (for stepping). */
  readonly eventTimes: readonly SimTime[];
  /** The state of every actor at `t` (binary search over recorded snapshots). */
  stateAt(t: number): WorldState;
}

export interface SimulationOutput {
  readonly result: Result;
  readonly trace: Trace;
}

/** A trace without its query: plain data, so it can cross a worker's boundary by structured clone. */
export type TraceData = Omit<Trace, 'stateAt'>;

/** What a view paints: a `SimulationOutput` is one, and so is what a worker sends back of it. */
export interface PaintedOutput {
  readonly result: Result;
  readonly trace: TraceData;
}
