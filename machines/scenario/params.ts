/** Whether a number comes from the sources or is Ringside's own default. */
export type Provenance = 'documented' | 'estimate';

/** One tunable number (or yes/no choice, unit `flag`) of the model, with where it comes from. */
export interface ParamSpec {
  readonly default: number | boolean;
  readonly unit: 'ms' | 'count' | 'flag';
  readonly provenance: Provenance;
  /** Rule IDs that use it. */
  readonly rules: readonly string[];
  /** Seed documents (`000`…`004`) it comes from, where any. */
  readonly sources: readonly string[];
  /** One sentence for people: what it is and where the number comes from. */
  readonly about: string;
}

const S = 1_000;
const MIN = 60 * S;
const H = 60 * MIN;

/**
 * Every default number of RULES.md in one place. A scenario's `params` overrides any of them.
 * Estimates are not published by Apple; the UI labels them so.
 */
export const PARAMS = {
  callservicesdDeadline: {
    default: 7 * S,
    unit: 'ms',
    provenance: 'documented',
    rules: ['KILL-1'],
    sources: ['000'],
    about: 'callservicesd checks ~7 s after delivering a VoIP push that a call was reported (DTS: "~7s").',
  },
  throttleFailures: {
    default: 5,
    unit: 'count',
    provenance: 'documented',
    rules: ['THROTTLE-1'],
    sources: ['000'],
    about: 'Reporting failures inside the window that stop VoIP delivery (DTS: "~5"; public reports say 3–5).',
  },
  throttleWindow: {
    default: 24 * H,
    unit: 'ms',
    provenance: 'documented',
    rules: ['THROTTLE-1', 'THROTTLE-2'],
    sources: ['000'],
    about:
      'How long the window in which failures count lasts (DTS: "~24 hours"); its shape is params.throttleWindowRolls.',
  },
  mustReportLatency: {
    default: 20 * S,
    unit: 'ms',
    provenance: 'estimate',
    rules: ['MUST-1'],
    sources: ['000', '002'],
    about:
      'Delivery latency above which iOS 26.4+ tells the app it need not report (documented only as "well below 60 s").',
  },
  apnsDeadPeerDetection: {
    default: 300 * S,
    unit: 'ms',
    provenance: 'estimate',
    rules: ['APNS-2', 'DEV-3'],
    sources: ['002'],
    about: 'How long APNs takes to notice that a device connection died.',
  },
  apsdReconnect: {
    default: 2 * S,
    unit: 'ms',
    provenance: 'estimate',
    rules: ['DEV-1'],
    sources: ['001', '002'],
    about: 'TLS handshake time for apsd to reconnect on Wi-Fi.',
  },
  apsdReconnectCellular: {
    default: 4 * S,
    unit: 'ms',
    provenance: 'estimate',
    rules: ['DEV-1'],
    sources: ['002'],
    about: 'TLS handshake time for apsd to reconnect on good cellular ("longer on poor cellular").',
  },
  apsdAttemptTimeout: {
    default: 60 * S,
    unit: 'ms',
    provenance: 'estimate',
    rules: ['DEV-1'],
    sources: ['002'],
    about:
      'How long one apsd connection attempt on a network that cannot carry it (poor cellular, dropped NAT) lasts before it fails.',
  },
  apsdBackoff: {
    default: 756 * S,
    unit: 'ms',
    provenance: 'estimate',
    rules: ['DEV-1'],
    sources: ['002'],
    about: 'apsd retry timer after repeated failures (~12.6 min seen in a public log).',
  },
  apsdBackoffAfter: {
    default: 2,
    unit: 'count',
    provenance: 'estimate',
    rules: ['DEV-1'],
    sources: ['002'],
    about: 'Failed connection attempts in a row after which apsd waits for its retry timer.',
  },
  apsdGiveUp: {
    default: 160 * S,
    unit: 'ms',
    provenance: 'estimate',
    rules: ['DEV-2'],
    sources: ['002'],
    about:
      'How long a locked, idle device keeps apsd reconnecting before powerd sends assertion policy 3 (2 min 40 s in 002).',
  },
  apsdKeepalive: {
    default: 300 * S,
    unit: 'ms',
    provenance: 'estimate',
    rules: ['DEV-3'],
    sources: ['002'],
    about: 'How long apsd takes to notice its connection is dead behind a broken NAT (keep-alive interval).',
  },
  latencyWifi: {
    default: 100,
    unit: 'ms',
    provenance: 'estimate',
    rules: ['PATH-4'],
    sources: ['002'],
    about: 'Network latency from APNs to a connected device on Wi-Fi (~77 ms push-to-report seen in 002).',
  },
  latencyCellular: {
    default: 300,
    unit: 'ms',
    provenance: 'estimate',
    rules: ['PATH-4'],
    sources: ['002'],
    about: 'Network latency from APNs to a connected device on cellular.',
  },
  backgroundGrace: {
    default: 30 * S,
    unit: 'ms',
    provenance: 'documented',
    rules: ['DEV-4'],
    sources: ['004'],
    about: 'Time a backgrounded or push-woken app runs before it is suspended ("30 seconds"; 27 s measured in 2016).',
  },
  foregroundStateLag: {
    default: 300,
    unit: 'ms',
    provenance: 'estimate',
    rules: ['EXEMPT-1'],
    sources: ['000'],
    about: "How long the app's own idea of foreground/background lags callservicesd's (transitions are asynchronous).",
  },
  launchWatchdog: {
    default: 20 * S,
    unit: 'ms',
    provenance: 'estimate',
    rules: ['LAUNCH-3'],
    sources: ['000'],
    about: 'The general launch watchdog, tighter than any CallKit timing.',
  },
  foregroundEndAfter: {
    default: 500,
    unit: 'ms',
    provenance: 'documented',
    rules: ['EXEMPT-3'],
    sources: ['000'],
    about: 'With foreground policy report-then-end, how long after reporting the app ends the call (0.5 s in 000).',
  },
  ringTimeout: {
    default: 60 * S,
    unit: 'ms',
    provenance: 'estimate',
    rules: ['CALL-1'],
    // No source states it: 001 says only that the call stays "until the app ends it or it times out".
    sources: [],
    about:
      "Ringside's own choice, not from the sources: how long an unanswered incoming call rings before the app gives up and ends it.",
  },
  lateAfter: {
    default: 20 * S,
    unit: 'ms',
    provenance: 'estimate',
    rules: ['CALL-1'],
    sources: [],
    about:
      "Ringside's estimate, not from the sources: a VoIP push that rings later than this after it was sent is marked late (the caller has most likely given up).",
  },
  // Ringside's own choices where the sources are silent (machines/explain/modelChoices.ts): yes/no params.
  queuedInSendOrder: {
    default: true,
    unit: 'flag',
    provenance: 'estimate',
    rules: ['APNS-4'],
    sources: [],
    about:
      "Ringside's own choice: pushes waiting in APNs reach the phone in the order they were sent (false: newest first); APNS-4 says the order is not promised.",
  },
  throttleWindowRolls: {
    default: true,
    unit: 'flag',
    provenance: 'estimate',
    rules: ['THROTTLE-1', 'THROTTLE-2'],
    sources: ['000'],
    about:
      "Ringside's own choice: failures count in a rolling window, so ones that come during a block keep it standing (false: a fixed window that opens at the first failure and starts again when it expires); DTS says only that the block lifts after ~24 h.",
  },
  updateResetsStrikes: {
    default: true,
    unit: 'flag',
    provenance: 'estimate',
    rules: ['THROTTLE-2'],
    sources: ['000'],
    about:
      'An app update resets the failure count and lifts a block, as reinstalling does: DTS believes so ("probably"), but does not document it.',
  },
  endedProcessStrikes: {
    default: true,
    unit: 'flag',
    provenance: 'estimate',
    rules: ['KILL-1'],
    sources: [],
    about:
      "Ringside's own choice: a report check whose process had already ended (crashed, killed, closed by the user) still counts a strike; the sources do not say.",
  },
} as const satisfies Record<string, ParamSpec>;

export type ParamName = keyof typeof PARAMS;

/**
 * Times that must be above 0, and why (issue 19): at 0 a loop of the model would run at one instant
 * forever. apsd's failed attempt re-arms the next at once (DEV-1): with `apsdBackoffAfter` attempts
 * per backoff and a 0 backoff that never ends; the loader refuses it, naming the param.
 */
export const PARAM_MINIMUMS: Partial<Record<ParamName, { readonly min: number; readonly why: string }>> = {
  apsdAttemptTimeout: {
    min: 1,
    why: 'a failed apsd attempt would start the next at the same instant, forever (DEV-1)',
  },
};

/** The params that are yes/no choices rather than numbers. */
export type FlagParamName = { [K in ParamName]: (typeof PARAMS)[K]['unit'] extends 'flag' ? K : never }[ParamName];

/** Resolved params: every number has a number, every flag a boolean. Durations are milliseconds (SimTime). */
export type Params = { readonly [K in ParamName]: K extends FlagParamName ? boolean : number };

export const PARAM_NAMES = Object.keys(PARAMS) as ParamName[];

/** The defaults, as a {@link Params} object. */
export const DEFAULT_PARAMS: Params = Object.fromEntries(
  PARAM_NAMES.map((name) => [name, PARAMS[name].default]),
) as Params;

/** Fills the defaults in, keeping the scenario's overrides. */
export function resolveParams(overrides: Partial<Params>): Params {
  return { ...DEFAULT_PARAMS, ...overrides };
}
