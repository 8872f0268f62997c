import { DEFAULT_PARAMS, type FlagParamName, type ParamName } from '../scenario/params';
import type { PushResult, SimulationOutput, WorldState } from '../engine/result';
import type { AppBehaviour, DeviceSetup, Fate, ReportMode, Scenario, TimelineEvent } from '../scenario/types';
import { simulate } from '../engine/simulate';
import { parseDuration, type SimTime } from '../engine/time';

/** A number of ms or a duration string (`"5s"`); keyword values are listed beside it where allowed. */
export type Duration =
  | number
  | `${number}${'ms' | 's' | 'm' | 'h' | 'd'}`
  | `-${number}${'ms' | 's' | 'm' | 'h' | 'd'}`
  | `${number}h${number}m`;

/** Raw-ish event input for tests: `at` and the event's own fields. */
export type EventInput = { do: TimelineEvent['do'] } & Record<string, unknown>;

export interface Setup {
  duration?: Duration;
  device?: Partial<Omit<DeviceSetup, 'ios'>> & { ios?: string };
  app?: Partial<Omit<AppBehaviour, 'launch' | 'report' | 'blockMainThread' | 'learnsCancellation'>> & {
    launch?: Duration;
    report?: 'sync' | 'never' | Duration;
    blockMainThread?: Duration;
    learnsCancellation?: 'never' | Duration;
  };
  params?: Partial<Record<Exclude<ParamName, FlagParamName>, Duration> & Record<FlagParamName, boolean>>;
}

const ms = (d: Duration): SimTime => {
  const t = parseDuration(d);
  if (t === undefined) throw new Error(`harness: bad duration ${String(d)}`);
  return t;
};

function parseIos(raw: string): Scenario['device']['ios'] {
  const [major = 0, minor = 0] = raw.split('.').map(Number);
  return { raw, major, minor };
}

function report(r: 'sync' | 'never' | Duration | undefined): ReportMode {
  if (r === undefined || r === 'sync') return { mode: 'sync' };
  if (r === 'never') return { mode: 'never' };
  return { mode: 'after', delay: ms(r) };
}

/** Builds a normalized scenario from a compact description (defaults as in SCENARIO-FORMAT.md). */
export function scenario(setup: Setup, events: readonly [Duration, EventInput][]): Scenario {
  const app = setup.app ?? {};
  const params = { ...DEFAULT_PARAMS };
  for (const [k, v] of Object.entries(setup.params ?? {}))
    (params as Record<string, number | boolean>)[k] = typeof v === 'boolean' ? v : ms(v);
  const timeline = events
    .map(([at, e], index) => {
      const base: Record<string, unknown> = { ...e, index, at: ms(at) };
      if (e.do === 'push') {
        base.kind ??= 'voip';
        base.expiration = ms((e.expiration as Duration | undefined) ?? 0);
        base.priority ??= base.kind === 'background' ? 5 : 10;
      }
      if (e.do === 'cancel') {
        base.via ??= 'alert';
        base.id ??= `cancel-${String(e.call)}`;
        base.expiration = ms((e.expiration as Duration | undefined) ?? 0);
      }
      return base as unknown as TimelineEvent;
    })
    .sort((a, b) => a.at - b.at || a.index - b.index);
  return {
    format: 'ringside.scenario/v1',
    title: 'test',
    notes: '',
    duration: ms(setup.duration ?? '60s'),
    device: {
      ios: parseIos(setup.device?.ios ?? '18.5'),
      network: setup.device?.network ?? 'wifi',
      // A locked phone has no app in the foreground (EXEMPT-1; the loader refuses it).
      locked: setup.device?.locked ?? setup.device?.app !== 'foreground',
      app: setup.device?.app ?? 'suspended',
    },
    app: {
      delegateAtLaunch: app.delegateAtLaunch ?? true,
      launch: ms(app.launch ?? '1s'),
      report: report(app.report),
      blockMainThread: ms(app.blockMainThread ?? 0),
      foreground: app.foreground ?? 'report',
      onCall: app.onCall ?? 'reuse-uuid',
      checksMustReport: app.checksMustReport ?? false,
      setConfigurationBeforeReport: app.setConfigurationBeforeReport ?? false,
      activatesAudioSession: app.activatesAudioSession ?? false,
      learnsCancellation:
        app.learnsCancellation === undefined || app.learnsCancellation === 'never'
          ? 'never'
          : ms(app.learnsCancellation),
      debuggerAttached: app.debuggerAttached ?? false,
      ...(app.completion ? { completion: app.completion } : {}),
      ...(app.callAudio ? { callAudio: app.callAudio } : {}),
    },
    params,
    timeline,
    expect: [],
  };
}

/** A finished run with small readers, so tests say what they check and nothing else. */
export class Run {
  constructor(readonly output: SimulationOutput) {}

  push(id: string): PushResult {
    const p = this.output.result.pushes.find((x) => x.id === id);
    if (!p) throw new Error(`no push ${id}`);
    return p;
  }

  fate(id: string): Fate {
    return this.push(id).fate;
  }

  rules(id: string): readonly string[] {
    return this.push(id).rules;
  }

  strikes(): number {
    return this.output.result.strikes.length;
  }

  state(t: Duration): WorldState {
    return this.output.trace.stateAt(ms(t));
  }

  fates(): Record<string, Fate> {
    return Object.fromEntries(this.output.result.pushes.map((p) => [p.id, p.fate]));
  }
}

/** `given(setup).at('0s', push('call-1')).run()` */
export function given(setup: Setup = {}) {
  const events: [Duration, EventInput][] = [];
  const builder = {
    at(at: Duration, ...es: EventInput[]) {
      for (const e of es) events.push([at, e]);
      return builder;
    },
    scenario: () => scenario(setup, events),
    run: () => new Run(simulate(scenario(setup, events))),
  };
  return builder;
}

export const push = (id: string, extra: Record<string, unknown> = {}): EventInput => ({
  do: 'push',
  id,
  kind: 'voip',
  ...extra,
});
export const network = (to: string): EventInput => ({ do: 'network', to });
export const appAction = (action: string): EventInput => ({ do: 'app', action });
export const cancel = (call: string, via = 'alert', extra: Record<string, unknown> = {}): EventInput => ({
  do: 'cancel',
  call,
  via,
  ...extra,
});
export const answer = (call: string): EventInput => ({ do: 'answer', call });
