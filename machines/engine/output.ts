import { strikeBudget, strikesInWindow } from '../actors/callServices/throttle';
import { natInPath } from '../actors/device/deviceMachine';
import { idleBackoffAt } from '../actors/device/idleRetries';
import type { Histories } from './history';
import type { PushRecord } from './journal';
import type { Params } from '../scenario/params';
import type { ExpectationResult, PushResult, WorldState } from './result';
import type { Expectation } from '../scenario/types';

/** The result and trace pieces built from a finished run's journal and histories. */

/** When a VoIP push rang: its first CALL-1 step, for a fate that rang (`rang`, `stale`). */
function rangAt(record: PushRecord): number | undefined {
  if (record.kind !== 'voip' || (record.fate !== 'rang' && record.fate !== 'stale')) return undefined;
  return record.steps.find((s) => s.rule === 'CALL-1')?.at;
}

/** Whether the push rang more than `lateAfter` after it was sent (an estimate: CALL-1). */
function isLate(record: PushRecord, lateAfter: number): boolean {
  const at = rangAt(record);
  return at !== undefined && at - record.sentAt > lateAfter;
}

/** `90 s`, `4 min`, `2 h`: a delay for sentences. */
function roughly(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 2 * 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}

export function toPushResult(record: PushRecord, lateAfter: number): PushResult {
  let fate = record.fate;
  // A copy: a later re-simulation may roll the journal back.
  const steps = record.steps.slice();
  let note = '';
  if (fate === undefined) {
    fate = 'undelivered';
    note =
      record.deliveredAt === undefined
        ? 'When the scenario ended the push was still waiting in APNs (or behind a disconnected apsd).'
        : 'The scenario ended before the app had finished handling the push.';
  }
  const rules: string[] = [];
  const why: string[] = [];
  for (const s of steps) {
    if (!rules.includes(s.rule)) rules.push(s.rule);
    why.push(`${s.why} (${s.rule})`);
  }
  if (note) why.push(note);
  const late = isLate(record, lateAfter);
  if (late) {
    why.push(
      `It rang ${roughly(rangAt(record)! - record.sentAt)} after it was sent; the caller had most likely given up (Ringside's estimate: later than ${roughly(lateAfter)} is late).`,
    );
  }
  // Optional fields only when set, in the result's key order.
  const out: { -readonly [K in keyof PushResult]?: PushResult[K] } = {
    id: record.id,
    kind: record.kind,
    sentAt: record.sentAt,
  };
  if (record.deliveredAt !== undefined) {
    out.deliveredAt = record.deliveredAt;
    out.delay = record.deliveredAt - record.sentAt;
  }
  if (late) out.late = true;
  out.fate = fate;
  out.rules = rules;
  out.why = why.join(' ');
  out.steps = steps;
  if (record.audio) out.audio = record.audio;
  if (record.cancels) out.cancels = record.cancels;
  if (record.call) out.call = record.call;
  return out as PushResult;
}

/**
 * Whether `toPushResult(record)` would give what `result` holds: the same fields, and the very same
 * step objects in the same order (the journal's steps never change once made). A re-simulation hands
 * out the earlier result again for such a push instead of building an equal one.
 */
export function madeFrom(result: PushResult, record: PushRecord, lateAfter: number): boolean {
  if (
    (result.late === true) !== isLate(record, lateAfter) ||
    result.id !== record.id ||
    result.kind !== record.kind ||
    result.sentAt !== record.sentAt ||
    result.deliveredAt !== record.deliveredAt ||
    result.fate !== (record.fate ?? 'undelivered') ||
    result.audio !== (record.audio || undefined) ||
    result.cancels !== (record.cancels || undefined) ||
    result.call !== (record.call || undefined)
  )
    return false;
  const a = result.steps;
  const b = record.steps;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function checkExpectation(
  expect: Expectation,
  pushes: readonly PushResult[],
  strikes: number,
  throttled: boolean,
): ExpectationResult {
  if ('fate' in expect) {
    const actual = pushes.find((p) => p.id === expect.push)?.fate ?? null;
    return { expect, ok: actual === expect.fate, actual };
  }
  if ('strikes' in expect) return { expect, ok: strikes === expect.strikes, actual: strikes };
  if ('throttled' in expect) return { expect, ok: throttled === expect.throttled, actual: throttled };
  const actual = pushes.find((p) => p.id === expect.call)?.audio ?? null;
  return { expect, ok: actual === expect.audio, actual };
}

function valueString(value: unknown): string {
  if (typeof value === 'string') return value;
  const [k, v] = Object.entries(value as Record<string, unknown>)[0] ?? ['', ''];
  return `${k}.${valueString(v)}`;
}

export function worldAt(t: number, h: Histories, params: Params): WorldState {
  const apns = h.apns.at(t);
  const device = h.device.at(t);
  const cs = h.callServices.at(t);
  const app = h.app.at(t);
  const ck = h.callKit.at(t);
  const deviceState = valueString(device.value);
  const apsd: WorldState['device']['apsd'] = deviceState.startsWith('connected')
    ? 'connected'
    : deviceState === 'trying.backoff' ||
        (deviceState === 'trying.retrying' && idleBackoffAt(device.context, params, t))
      ? 'backoff'
      : deviceState.startsWith('trying')
        ? 'connecting'
        : deviceState === 'gaveUp'
          ? 'gave-up'
          : 'waiting-for-network';
  const appState = valueString(app.value);
  // In the order of an object keyed by push id, as `pending` once was (integer-like ids first).
  const deadlines = Object.values(Object.fromEntries(cs.context.pending))
    .filter((d) => d.enforced && d.handedAt !== undefined)
    .map((d) => ({ push: d.push, due: (d.handedAt ?? 0) + params.callservicesdDeadline }))
    .filter((d) => d.due > t);
  return {
    t,
    apns: { believesConnected: apns.value !== 'offline', waiting: apns.context.waiting },
    device: {
      network: device.context.network,
      locked: device.context.locked,
      apsd,
      powerPolicy: device.context.powerPolicy,
      natDropped: natInPath(device.context),
    },
    callServices: {
      seesForeground: cs.context.seesForeground,
      seesOnCall: cs.context.seesOnCall,
      strikesInWindow: strikesInWindow(cs.context.strikes, t, params).length,
      throttleFailures: params.throttleFailures,
      strikeBudget: strikeBudget(cs.context.strikes, t, params),
      throttleWindow: params.throttleWindow,
      throttled: cs.value === 'throttled',
      deadlines,
    },
    app: {
      state:
        appState === 'notRunning' || appState === 'starting'
          ? 'not-running'
          : appState === 'launching'
            ? 'launching'
            : (appState.replace('running.', '') as 'foreground' | 'background' | 'suspended'),
      believesForeground: app.context.believesForeground,
      believesOnCall: app.context.calls.length > 0,
      debuggerAttached: app.context.debuggerAttached,
      ...(app.context.handling ? { handling: app.context.handling.delivery.push } : {}),
    },
    callKit: { calls: ck.context.calls, audioSession: ck.context.sessionValid ? 'valid' : 'null' },
  };
}
