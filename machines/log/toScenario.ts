/*
 * Over 400 lines on purpose: one small function per kind of observation, all feeding one scenario
 * builder whose inferences must be said in the same notes.
 */
/**
 * Import: observations from a device log become a scenario. Timeline events for what the log shows the
 * device, the app and callservicesd doing, times relative to the log's first line; what the log shows
 * happening to each push becomes an `expect` entry marked `observed`, so running the scenario holds the
 * rules against reality. What the log cannot say (a push's send time, the app's report behaviour) is
 * inferred, and every inference is written into the scenario's notes.
 */
import { PARAMS } from '../scenario/params';
import type { ScenarioFile, TimelineEventFile } from '../scenario/schema';
import { SCENARIO_FORMAT, type Fate, type Network } from '../scenario/types';
import { formatTime, toDurationString } from '../engine/time';
import { LOG_PATTERNS } from './patterns';
import type { LogStats, Observation, UnrecognisedLine } from './types';

/** A recognised line and what the import made of it (the preview lists these). */
export interface ImportedLine {
  readonly line: number;
  readonly pattern: string;
  readonly rule: string;
  /** What it became: a timeline event, a push's fate, evidence only, or folded into an earlier line. */
  readonly became: string;
}

/** What an import produces: the scenario, the preview and the inferences. */
export interface ImportedLog {
  readonly scenario: ScenarioFile;
  readonly lines: readonly ImportedLine[];
  /** Each inference the import made, also written into `scenario.notes`. */
  readonly inferred: readonly string[];
  readonly stats: LogStats;
  readonly unrecognised: readonly UnrecognisedLine[];
}

export interface ImportOptions {
  /** The scenario's title (default: "Imported device log"). */
  readonly title?: string;
}

interface PushTrack {
  readonly id: string;
  readonly arrivedAt: number;
  readonly line: number;
  readonly network: Network;
  launched: boolean;
  reportedAt?: number;
  setConfiguration: boolean;
  outcome?: 'crashed' | 'killed' | 'throttled';
  answered: boolean;
  nullSession: boolean;
  audioActivated: boolean;
  sentAt?: number;
}

/** Within this gap, two lines about the same moment (apsd then callservicesd, CallKit then callservicesd) are one event. */
const SAME_MOMENT = 2000;
/** seed 002: "APNs delivers the push and the call is reported in ~77 ms" on Wi-Fi. */
const PUSH_TO_REPORT = 77;
/** How soon after a wake a push counts as one APNs held through the dead zone (DEV-1's reconnect, with slack). */
const AFTER_WAKE = 15_000;
const LATENCY: Record<Network, number> = {
  wifi: PARAMS.latencyWifi.default,
  cellular: PARAMS.latencyCellular.default,
  'cellular-poor': PARAMS.latencyCellular.default,
  offline: PARAMS.latencyCellular.default,
};
/** A timeline event without its time (distributes over the union, which a plain Omit would collapse). */
type EventBody = TimelineEventFile extends infer E ? (E extends unknown ? Omit<E, 'at'> : never) : never;

const MEANS = new Map(LOG_PATTERNS.map((p) => [p.id, p.means]));

/** Turns a log's observations into a scenario. Pure: the same observations give the same scenario. */
export function logToScenario(
  observations: readonly Observation[],
  stats: LogStats,
  unrecognised: readonly UnrecognisedLine[] = [],
  options: ImportOptions = {},
): ImportedLog {
  const t0 = stats.firstT ?? observations[0]?.t ?? 0;
  const rel = (t: number) => Math.round(t - t0);
  const events: { at: number; line: number; event: TimelineEventFile }[] = [];
  const lines: ImportedLine[] = [];
  const inferred: string[] = [];
  const pushes: PushTrack[] = [];
  let network: Network | undefined;
  let initialNetwork: Network | undefined;
  let locked: boolean | undefined;
  let initialLocked: boolean | undefined;
  let policy: 0 | 3 = 0;
  let policy3At: number | undefined;
  let lastWakeAt: number | undefined;
  let reachedSincePath = false;
  let lastPath: { at: number; line: number; index: number; said: number } | undefined;
  let setConfigAt: number | undefined;
  let lastFailure: { kind: string; at: number } | undefined;

  const emit = (at: number, line: number, event: EventBody): number => {
    events.push({
      at,
      line,
      event: { at: toDurationString(at), ...event, caption: `log line ${line}` },
    });
    return events.length - 1;
  };
  const became = (o: Observation, text: string) =>
    lines.push({ line: o.line, pattern: o.pattern, rule: o.rule, became: text });
  const evidence = (o: Observation) => became(o, `evidence only: ${MEANS.get(o.pattern) ?? o.pattern}`);
  const open = () => [...pushes].reverse().find((p) => p.outcome === undefined && p.reportedAt === undefined);
  const setNetwork = (at: number, o: Observation, to: Network): void => {
    if (network === undefined) {
      initialNetwork = to;
      network = to;
      became(o, `the phone starts on ${to}`);
      return;
    }
    if (network === to) {
      evidence(o);
      return;
    }
    network = to;
    emit(at, o.line, { do: 'network', to });
    became(o, `network → ${to} at ${formatTime(at)}`);
  };
  const newPush = (at: number, line: number, why?: string): PushTrack => {
    const p: PushTrack = {
      id: `call-${pushes.length + 1}`,
      arrivedAt: at,
      line,
      network: network ?? 'wifi',
      launched: false,
      setConfiguration: false,
      answered: false,
      nullSession: false,
      audioActivated: false,
    };
    pushes.push(p);
    if (why) inferred.push(`${p.id}: ${why}`);
    return p;
  };

  for (const o of observations) {
    const at = rel(o.t);
    switch (o.kind) {
      case 'context':
        // apsd receiving data shows its connection works (APNS-1).
        if (o.pattern === 'apsd.outstanding-data') reachedSincePath = true;
        if ((o.value === 'wifi' || o.value === 'cellular') && network === undefined) setNetwork(at, o, o.value);
        else evidence(o);
        break;
      case 'network': {
        const to = o.value === 'wifi' ? 'wifi' : 'cellular';
        reachedSincePath = false;
        if (network === undefined) initialNetwork = to;
        // A path change is when apsd starts reconnecting (DEV-1), even on the network it had.
        const index = emit(at, o.line, { do: 'network', to });
        network = to;
        became(o, `network → ${to} at ${formatTime(at)} (apsd reconnects)`);
        lastPath = { at, line: o.line, index, said: lines.length - 1 };
        break;
      }
      case 'apsd-lost':
        if (network === 'cellular' || network === undefined) {
          setNetwork(at, o, 'cellular-poor');
          inferred.push(
            `line ${o.line}: apsd's cellular connection closed with no Wi-Fi: read as a poor cellular network`,
          );
        } else evidence(o);
        break;
      case 'screen-off':
        if (o.value === true) {
          if (locked === undefined) {
            initialLocked = true;
            locked = true;
            became(o, 'the phone starts locked (display off)');
          } else evidence(o);
        } else if (policy === 3) {
          emit(at, o.line, { do: 'wake', by: 'screen' });
          lastWakeAt = at;
          became(o, `wake by the screen at ${formatTime(at)}`);
        } else evidence(o);
        break;
      case 'locked': {
        const now = o.value === true;
        if (locked === undefined) {
          initialLocked = now;
          became(o, `the phone starts ${now ? 'locked' : 'unlocked'}`);
        } else if (locked !== now) {
          emit(at, o.line, { do: now ? 'lock' : 'unlock' });
          became(o, `${now ? 'lock' : 'unlock'} at ${formatTime(at)}`);
        } else evidence(o);
        locked = now;
        break;
      }
      case 'power': {
        const p = o.value === 3 ? 3 : 0;
        if (p === policy) {
          became(o, `same as the policy already in force (${p})`);
          break;
        }
        policy = p;
        if (p === 3) {
          policy3At = at;
          if (lastPath && network === 'cellular' && !reachedSincePath) {
            // DEV-2 / seed 002: apsd never completed its handshake before powerd gave up on it.
            const ev = events[lastPath.index];
            if (ev) ev.event = { ...ev.event, to: 'cellular-poor' } as TimelineEventFile;
            const said = lines[lastPath.said];
            if (said)
              lines[lastPath.said] = {
                ...said,
                became: `network → cellular-poor at ${formatTime(lastPath.at)} (apsd reconnects, never completes)`,
              };
            network = 'cellular-poor';
            inferred.push(
              `line ${lastPath.line}: the network apsd reconnected on is read as poor cellular (cellular-poor): powerd's policy 3 came ${formatTime(at - lastPath.at)} later with no sign of a working connection in between (seed 002)`,
            );
          }
        }
        emit(at, o.line, { do: 'power', policy: p });
        became(o, `powerd policy ${p} at ${formatTime(at)}`);
        break;
      }
      case 'wake':
        if (network === 'cellular-poor' || network === 'offline') {
          emit(at, o.line, { do: 'network', to: 'cellular' });
          network = 'cellular';
          inferred.push(`line ${o.line}: a carrier call reached the phone, so cellular works again from then (DEV-2)`);
        }
        emit(at, o.line, { do: 'wake', by: 'cellular-call' });
        lastWakeAt = at;
        became(o, `wake by a carrier call at ${formatTime(at)}`);
        break;
      case 'push-arrived': {
        reachedSincePath = true;
        const last = pushes[pushes.length - 1];
        if (last && last.outcome === undefined && last.reportedAt === undefined && at - last.arrivedAt <= SAME_MOMENT) {
          became(o, `the same push as line ${last.line} (${last.id})`);
          break;
        }
        const p = newPush(at, o.line);
        became(o, `VoIP push ${p.id} reached the phone at ${formatTime(at)}`);
        break;
      }
      case 'app-launched':
      case 'payload-delivered': {
        const p = open();
        if (!p) {
          evidence(o);
          break;
        }
        if (o.kind === 'app-launched') p.launched = true;
        became(o, o.kind === 'app-launched' ? `the app was launched for ${p.id}` : `${p.id} handed to the app`);
        break;
      }
      case 'set-configuration':
        if (setConfigAt !== undefined && at - setConfigAt <= SAME_MOMENT) became(o, 'the same setConfiguration');
        else became(o, `setConfiguration at ${formatTime(at)}`);
        setConfigAt = at;
        break;
      case 'report': {
        const last = [...pushes].reverse().find((p) => p.reportedAt !== undefined);
        if (
          last?.reportedAt !== undefined &&
          at - last.reportedAt <= SAME_MOMENT &&
          last === pushes[pushes.length - 1]
        ) {
          became(o, `the same report as ${last.id}`);
          break;
        }
        const p =
          open() ??
          newPush(
            at - PUSH_TO_REPORT,
            o.line,
            `the log shows the call reported at ${formatTime(at)} but not the push: a VoIP push is inferred to have reached the phone ${PUSH_TO_REPORT} ms before (seed 002's Wi-Fi timing)`,
          );
        p.reportedAt = at;
        p.setConfiguration = setConfigAt !== undefined && at - setConfigAt <= SAME_MOMENT;
        became(o, `${p.id} reported: it rang`);
        break;
      }
      case 'crash':
      case 'kill':
      case 'throttled': {
        const outcome = o.kind === 'crash' ? 'crashed' : o.kind === 'kill' ? 'killed' : 'throttled';
        if (lastFailure && lastFailure.kind === outcome && at - lastFailure.at <= SAME_MOMENT) {
          became(o, `the same ${outcome === 'throttled' ? 'block' : outcome.replace('ed', '')} as before`);
          break;
        }
        lastFailure = { kind: outcome, at };
        const p =
          open() ??
          newPush(
            at - (outcome === 'killed' ? PARAMS.callservicesdDeadline.default : 0),
            o.line,
            outcome === 'throttled'
              ? `the throttle line is written when a VoIP push arrives for a blocked app (THROTTLE-1): a push is inferred at ${formatTime(at)}`
              : `the log shows the app ${outcome} but not the push: one is inferred`,
          );
        p.outcome = outcome;
        became(o, `${p.id} ${outcome}`);
        break;
      }
      case 'null-session':
      case 'audio-activated':
      case 'call-foreground': {
        const p = [...pushes].reverse().find((x) => x.reportedAt !== undefined);
        if (!p) {
          evidence(o);
          break;
        }
        if (o.kind === 'null-session') {
          p.nullSession = true;
          became(o, `callservicesd holds a null audio session for the app during ${p.id} (AUDIO-1)`);
        } else if (o.kind === 'audio-activated') {
          p.audioActivated = true;
          became(o, `the app activated audio itself during ${p.id} (AUDIO-5)`);
        } else if (!p.answered) {
          p.answered = true;
          emit(at, o.line, { do: 'answer', call: p.id });
          became(o, `${p.id} answered at ${formatTime(at)}`);
        } else evidence(o);
        break;
      }
    }
  }

  // Send times: the log shows when a push reached the phone, never when the provider sent it.
  for (const p of pushes) {
    if (
      policy3At !== undefined &&
      lastWakeAt !== undefined &&
      policy3At < lastWakeAt &&
      lastWakeAt <= p.arrivedAt &&
      p.arrivedAt - lastWakeAt <= AFTER_WAKE
    ) {
      p.sentAt = policy3At + 1000;
      inferred.push(
        `${p.id}: reached the phone ${formatTime(p.arrivedAt - lastWakeAt)} after the wake that ended apsd's dead zone, so APNs most likely held it (APNS-2): its send time is set 1 s after powerd's policy 3, at ${formatTime(p.sentAt)}`,
      );
    } else {
      p.sentAt = p.arrivedAt - LATENCY[p.network];
      inferred.push(
        `${p.id}: sent ${LATENCY[p.network]} ms before it reached the phone (PATH-4's ${p.network} latency); the log cannot show the send time`,
      );
    }
  }

  const app: Record<string, unknown> = {};
  const reported = pushes.filter((p) => p.reportedAt !== undefined);
  const crashed = pushes.filter((p) => p.outcome === 'crashed');
  const killed = pushes.filter((p) => p.outcome === 'killed');
  if (crashed.length > 0) {
    if (reported.length === 0) {
      app.report = 'never';
      inferred.push('app.report = "never": PushKit crashed the app and the log shows no call reported (PK-1)');
    } else
      inferred.push(
        'the app reported some calls and crashed on others: app.report stays "sync", so the model will not crash where the log shows a crash (a lead: what differed for those pushes?)',
      );
  }
  if (killed.length > 0 && crashed.length === 0) {
    if (killed.some((p) => p.launched)) {
      app.delegateAtLaunch = false;
      inferred.push(
        'app.delegateAtLaunch = false: callservicesd killed the app (0xbaadca11) after launching it for a push, the usual cause being a PushKit delegate not set at launch (LAUNCH-2, KILL-1)',
      );
    } else {
      app.blockMainThread = '8s';
      inferred.push(
        'app.blockMainThread = "8s": callservicesd killed the running app (0xbaadca11) with no PushKit crash, read as a handler blocking past the ~7 s check (KILL-1)',
      );
    }
  }
  if (reported.length > 0 && reported.every((p) => p.setConfiguration)) {
    app.setConfigurationBeforeReport = true;
    inferred.push(
      'app.setConfigurationBeforeReport = true: every report in the log follows a setConfiguration (AUDIO-2)',
    );
  }
  if (reported.length > 1) {
    // EXEMPT-2: "was asked to report" is logged for a new UUID and a reused one alike.
    app.onCall = 'report-new';
    inferred.push(
      'app.onCall = "report-new": the log shows every push reported as a call, and cannot show whether an active call\'s UUID was reused (EXEMPT-2)',
    );
  }
  if (pushes.some((p) => p.audioActivated)) {
    app.activatesAudioSession = true;
    inferred.push(
      'app.activatesAudioSession = true: the log shows the app activating its audio session itself (AUDIO-5)',
    );
  }

  const timeline: { at: number; line: number; event: TimelineEventFile }[] = [...events];
  for (const p of pushes)
    timeline.push({
      at: p.sentAt ?? p.arrivedAt,
      line: p.line,
      event: {
        at: toDurationString(p.sentAt ?? p.arrivedAt),
        do: 'push',
        id: p.id,
        kind: 'voip',
        caption: `log line ${p.line}`,
      },
    });
  const firstNull = pushes.find((p) => p.nullSession);
  if (firstNull) {
    const at = (firstNull.sentAt ?? firstNull.arrivedAt) - 1000;
    timeline.push({ at, line: 0, event: { at: toDurationString(at), do: 'mediaserverd-crash', caption: 'inferred' } });
    inferred.push(
      `a mediaserverd crash is placed 1 s before ${firstNull.id} was sent: the model's way to a null audio session (AUDIO-1); the log shows the null session, not its cause`,
    );
  }
  const firstThrottled = pushes.find((p) => p.outcome === 'throttled');
  if (firstThrottled) {
    const before = pushes.filter((p) => p !== firstThrottled && p.arrivedAt <= firstThrottled.arrivedAt);
    const strikes = before.filter((p) => p.outcome === 'crashed' || p.outcome === 'killed').length;
    const need = PARAMS.throttleFailures.default - strikes;
    if (need > 0) {
      for (let k = 0; k < need; k++) {
        const at = -(need - k) * 60_000;
        timeline.push({
          at,
          line: 0,
          event: { at: toDurationString(at), do: 'push', id: `earlier-${k + 1}`, kind: 'voip', caption: 'inferred' },
        });
      }
      if (reported.length === 0 && app.report === undefined && killed.length === 0) app.report = 'never';
      inferred.push(
        `the log starts with the app already throttled: THROTTLE-1 needs ${PARAMS.throttleFailures.default} failures within 24 h, so ${need} failing VoIP push${need === 1 ? '' : 'es'} (earlier-1…) are placed before the log${app.report === 'never' ? ', with app.report = "never" so that they fail' : ''}`,
      );
    }
  }
  timeline.sort((a, b) => a.at - b.at || a.line - b.line);

  const expect: Record<string, unknown>[] = [];
  for (const p of pushes) {
    const fate: Fate | undefined = p.outcome ?? (p.reportedAt !== undefined ? 'rang' : undefined);
    if (fate) expect.push({ push: p.id, fate, observed: true });
    else inferred.push(`${p.id}: the log shows it reach the phone but not what became of it; no fate is expected`);
    if (p.answered && p.nullSession && !p.audioActivated) expect.push({ audio: 'none', call: p.id, observed: true });
  }

  const last = stats.lastT === undefined ? 0 : rel(stats.lastT);
  const latest = Math.max(last, ...timeline.map((e) => e.at));
  const duration = Math.ceil((latest + 30_000) / 1000) * 1000;
  const device: Record<string, unknown> = {};
  if (initialNetwork) device.network = initialNetwork;
  if (initialLocked !== undefined) device.locked = initialLocked;
  if (pushes[0]?.launched) device.app = 'not-running';
  const header = `Imported from a device log: ${stats.lines} lines, ${stats.entries} entries, ${stats.recognised} recognised, ${stats.unrecognised} not recognised. Times are from its first line. Expectations marked "observed" are what the log shows; a failing one is where reality and the rules part. The iOS version is not in the log (default ${'18.5'}).`;
  const scenario: ScenarioFile = {
    format: SCENARIO_FORMAT,
    title: options.title ?? 'Imported device log',
    notes: [header, ...inferred.map((x) => `Inferred: ${x}.`)].join('\n'),
    duration: toDurationString(duration),
    ...(Object.keys(device).length ? { device: device } : {}),
    ...(Object.keys(app).length ? { app: app } : {}),
    timeline: timeline.map((e) => e.event),
    expect: expect as ScenarioFile['expect'],
  };
  return { scenario, lines, inferred, stats, unrecognised };
}
