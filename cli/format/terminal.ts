/** What `ringside run`, `diff` and `--at` print to a terminal: header, push table, why-chains, state. */
import type { PushResult, Result, Scenario, WorldState } from '../../machines';
import { describeExpectation, formatTime, LATE_MARK, lateSentence } from '../../machines';
import { table, wrapText, type Style } from './style';

const timeOrDash = (t: number | undefined) => (t === undefined ? '—' : formatTime(t));

/** A push's fate as a table shows it: `rang (late)` when it rang past `params.lateAfter` (CALL-1, an estimate). */
const fateCell = (p: PushResult, s: Style) => s.fate(p.fate) + (p.late ? ` ${s.yellow(`(${LATE_MARK})`)}` : '');

/** The header: title, then iOS, network, the app's state and the scenario's length. */
export function header(scenario: Scenario, s: Style): string[] {
  const d = scenario.device;
  return [
    s.bold(scenario.title),
    s.dim(
      `iOS ${d.ios.raw} · ${d.network} · ${d.locked ? 'locked' : 'unlocked'} · app ${d.app} · ${formatTime(scenario.duration)}`,
    ),
  ];
}

/** The event log, time-ordered (as the engine gives it), one line per event: time, lane, what (rule). */
export function eventLog(result: Result, s: Style): string[] {
  if (result.events.length === 0) return [`  ${s.dim('(nothing happened)')}`];
  return table(
    result.events.map((e) => [s.dim(formatTime(e.at)), s.cyan(e.lane), e.what + (e.rule ? s.dim(` (${e.rule})`) : '')]),
  ).map((l) => `  ${l}`);
}

/** The table of pushes: id, kind, sent, delivered, fate, rules. */
export function pushTable(result: Result, s: Style): string[] {
  if (result.pushes.length === 0) return [`  ${s.dim('(no pushes)')}`];
  return table([
    ['id', 'kind', 'sent', 'delivered', 'fate', 'rules'].map((h) => s.dim(h)),
    ...result.pushes.map((p) => [
      p.id,
      p.kind,
      formatTime(p.sentAt),
      timeOrDash(p.deliveredAt),
      fateCell(p, s),
      p.rules.join(' '),
    ]),
  ]).map((l) => `  ${l}`);
}

/**
 * Every push's why, one line per rule step: time, rule, sentence. Columns line up across all pushes;
 * with `width` > 0 the sentences wrap under themselves. A late push ends with how late it rang, against
 * `lateAfter` (the scenario's param) when given.
 */
export function whyChains(pushes: readonly PushResult[], s: Style, width = 0, lateAfter?: number): string[] {
  const steps = pushes.flatMap((p) => p.steps);
  const timeWidth = Math.max(0, ...steps.map((x) => formatTime(x.at).length));
  const ruleWidth = Math.max(0, ...steps.map((x) => x.rule.length));
  const indent = 4 + timeWidth + 2 + ruleWidth + 2;
  const out: string[] = [];
  for (const p of pushes) {
    out.push('', `  ${s.bold(p.id)} ${fateCell(p, s)}${p.audio ? s.dim(` · audio ${p.audio}`) : ''}`);
    if (p.steps.length === 0 && p.why) out.push(...wrapText(`    ${p.why}`, width, 4));
    for (const step of p.steps) {
      const [first = '', ...rest] = wrapText(step.why, width > indent + 20 ? width - indent : 0);
      out.push(
        `    ${s.dim(formatTime(step.at).padStart(timeWidth))}  ${s.cyan(step.rule.padEnd(ruleWidth))}  ${first}`,
        ...rest.map((line) => `${' '.repeat(indent)}${line}`),
      );
    }
    const late = lateSentence(p, lateAfter);
    if (late) {
      const [first = '', ...rest] = wrapText(`Late: ${late}.`, width > 24 ? width - 4 : 0);
      out.push(`    ${s.yellow(first)}`, ...rest.map((line) => `    ${s.yellow(line)}`));
    }
  }
  return out;
}

/**
 * A throttle window with its length: past a day the times are rounded to the hour, so a 20-minute
 * block would read "1 d → 1 d" without it.
 */
const span = (w: { from: number; until: number }): string =>
  `${formatTime(w.from)} → ${formatTime(w.until)} (${formatTime(w.until - w.from)})`;

/** Strikes, throttle windows and expectations: the lines under the pushes. */
export function summary(result: Result, s: Style): string[] {
  const strikes = result.strikes.map((x) => `${x.push} ${x.cause} at ${formatTime(x.at)}`).join(', ');
  const throttled = result.throttled.map(span).join(', ');
  const out = [
    `${s.bold('Strikes')} ${result.strikes.length}${strikes ? s.dim(` (${strikes})`) : ''}`,
    `${s.bold('Throttled')} ${throttled ? s.red(throttled) : 'never'}`,
  ];
  if (result.expectations.length) {
    const failed = result.expectations.filter((e) => !e.ok).length;
    out.push(
      `${s.bold('Expectations')} ${result.expectations.length - failed} hold, ${failed ? s.red(`${failed} fail`) : '0 fail'}`,
      ...result.expectations
        .filter((e) => !e.ok)
        .map((e) => `  ${s.fail} expected ${describeExpectation(e.expect)}, got ${String(e.actual)}`),
    );
  }
  return out;
}

/** The readable `ringside run` report: header, event log by lane, pushes with their why, strikes. */
export function runReport(scenario: Scenario, result: Result, s: Style, width = 0): string[] {
  return [
    ...header(scenario, s),
    '',
    s.bold('Events'),
    ...eventLog(result, s),
    '',
    s.bold('Pushes'),
    ...pushTable(result, s),
    ...whyChains(result.pushes, s, width, scenario.params.lateAfter),
    '',
    ...summary(result, s),
  ];
}

const list = (items: readonly string[]) => items.join(', ') || 'none';

/** `ringside run --at`: every actor's state at one moment, one line per actor. */
export function stateReport(w: WorldState, s: Style, end?: number): string[] {
  const cs = w.callServices;
  const note =
    end !== undefined && (w.t > end || w.t < 0)
      ? s.dim(` (${w.t > end ? `after the scenario ends at ${formatTime(end)}` : 'before the scenario window'})`)
      : '';
  const rows: [string, string][] = [
    [
      'APNs',
      `thinks the phone is ${w.apns.believesConnected ? 'connected' : 'offline'}; waiting: ${list(w.apns.waiting.map((q) => `${q.id} (${q.how})`))}`,
    ],
    [
      'phone',
      `network ${w.device.network}, apsd ${w.device.apsd}, powerd policy ${w.device.powerPolicy}, ${w.device.locked ? 'locked' : 'unlocked'}${w.device.natDropped ? ', NAT dropped' : ''}`,
    ],
    [
      'callservicesd',
      `sees the app ${cs.seesForeground ? 'in the foreground' : 'not in the foreground'}${cs.seesOnCall ? ', on a call' : ''}; ${cs.strikeBudget}${cs.throttled ? `, ${s.red('THROTTLED')}` : ''}; deadlines: ${list(cs.deadlines.map((d) => `${d.push} due ${formatTime(d.due)}`))}`,
    ],
    [
      'app',
      `${w.app.state}; believes ${w.app.believesForeground ? 'foreground' : 'background'}${w.app.believesOnCall ? ', on a call' : ''}${w.app.handling ? `; handling ${w.app.handling}` : ''}${w.app.debuggerAttached ? '; debugger attached' : ''}`,
    ],
    [
      'CallKit',
      `calls: ${list(w.callKit.calls.map((c) => `${c.push} ${c.status}${c.audio ? ` (${c.audio})` : ''}`))}; audio session ${w.callKit.audioSession}`,
    ],
  ];
  return [
    s.bold(`State at ${formatTime(w.t)}`) + note,
    ...table(rows.map(([k, v]) => [s.cyan(k), v])).map((l) => `  ${l}`),
  ];
}

const throttleText = (r: Result) => (r.throttled.length ? r.throttled.map(span).join(', ') : 'never');

/**
 * Two results side by side: per push, fate A | fate B, with pushes whose fate (or lateness) differs
 * marked `≠` (and in yellow), then strikes and throttling in each.
 */
export function diffReport(
  a: { label: string; result: Result },
  b: { label: string; result: Result },
  s: Style,
): { lines: string[]; differ: number } {
  const ids = [...new Set([...a.result.pushes.map((p) => p.id), ...b.result.pushes.map((p) => p.id)])];
  let differ = 0;
  const rows = ids.map((id) => {
    const pa = a.result.pushes.find((p) => p.id === id);
    const pb = b.result.pushes.find((p) => p.id === id);
    // Rang on time and rang too late for the caller are different answers, though both fates are `rang`.
    const changed = pa?.fate !== pb?.fate || pa?.late !== pb?.late;
    if (changed) differ++;
    const mark = (text: string) => (changed ? s.yellow(text) : text);
    return [
      changed ? s.yellow('≠') : ' ',
      mark(id),
      pa ? fateCell(pa, s) : '—',
      pb ? fateCell(pb, s) : '—',
      changed ? s.dim(`${pa?.rules.join(' ') ?? '—'} → ${pb?.rules.join(' ') ?? '—'}`) : '',
    ];
  });
  const strikesChanged = a.result.strikes.length !== b.result.strikes.length;
  const throttleChanged = throttleText(a.result) !== throttleText(b.result);
  const lines = table([
    [' ', s.dim('push'), s.dim(a.label), s.dim(b.label), ''],
    ...rows,
    ['', '', '', '', ''],
    [
      strikesChanged ? s.yellow('≠') : ' ',
      s.dim('strikes'),
      String(a.result.strikes.length),
      String(b.result.strikes.length),
    ],
    [throttleChanged ? s.yellow('≠') : ' ', s.dim('throttled'), throttleText(a.result), throttleText(b.result)],
  ]);
  lines.push('', `${differ} of ${ids.length} pushes differ`);
  return { lines, differ };
}
