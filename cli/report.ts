import type { Result, Scenario, WorldState } from '../machines';
import { formatTime } from '../machines/time';
import { table, type Style } from './style';

/** The readable `ringside run` report: header, event log by lane, pushes with their why. */
export function runReport(scenario: Scenario, result: Result, s: Style): string[] {
  const out: string[] = [];
  out.push(s.bold(scenario.title));
  out.push(
    s.dim(
      `iOS ${scenario.device.ios.raw} · ${scenario.device.network} · app ${scenario.device.app} · ${formatTime(scenario.duration)}`,
    ),
  );
  out.push('');
  out.push(s.bold('Events'));
  out.push(
    ...table(
      result.events.map((e) => [
        s.dim(formatTime(e.at)),
        s.cyan(e.lane),
        e.what + (e.rule ? s.dim(` (${e.rule})`) : ''),
      ]),
    ).map((l) => `  ${l}`),
  );
  out.push('');
  out.push(s.bold('Pushes'));
  out.push(
    ...table([
      ['id', 'kind', 'sent', 'delivered', 'fate', 'rules'].map((h) => s.dim(h)),
      ...result.pushes.map((p) => [
        p.id,
        p.kind,
        formatTime(p.sentAt),
        p.deliveredAt === undefined ? '—' : formatTime(p.deliveredAt),
        s.fate(p.fate),
        p.rules.join(' '),
      ]),
    ]).map((l) => `  ${l}`),
  );
  for (const p of result.pushes) {
    out.push('');
    out.push(`  ${s.bold(p.id)} ${s.fate(p.fate)}${p.audio ? s.dim(` · audio ${p.audio}`) : ''}`);
    for (const step of p.steps)
      out.push(`    ${s.dim(formatTime(step.at).padStart(9))}  ${s.cyan(step.rule.padEnd(10))} ${step.why}`);
    if (p.fate === 'undelivered')
      out.push(`    ${' '.repeat(9)}  ${''.padEnd(10)} ${p.why.split(/(?<=\.) /).pop() ?? ''}`);
  }
  out.push('');
  const throttled = result.throttled.map((w) => `${formatTime(w.from)} → ${formatTime(w.until)}`).join(', ');
  out.push(
    `${s.bold('Strikes')} ${result.strikes.length}${result.strikes.length ? s.dim(` (${result.strikes.map((x) => `${x.push} ${x.cause} at ${formatTime(x.at)}`).join(', ')})`) : ''}`,
  );
  out.push(`${s.bold('Throttled')} ${throttled || 'never'}`);
  if (result.expectations.length) {
    const failed = result.expectations.filter((e) => !e.ok).length;
    out.push(
      `${s.bold('Expectations')} ${result.expectations.length - failed} hold, ${failed ? s.red(`${failed} fail`) : '0 fail'}`,
    );
  }
  return out;
}

/** `ringside run --at`: every actor's state at one moment. */
export function stateReport(w: WorldState, s: Style): string[] {
  const cs = w.callServices;
  return [
    s.bold(`State at ${formatTime(w.t)}`),
    `  ${s.cyan('APNs'.padEnd(14))} thinks the phone is ${w.apns.believesConnected ? 'connected' : 'offline'}; waiting: ${w.apns.waiting.map((q) => `${q.id} (${q.how})`).join(', ') || 'nothing'}`,
    `  ${s.cyan('phone'.padEnd(14))} network ${w.device.network}, apsd ${w.device.apsd}, powerd policy ${w.device.powerPolicy}, ${w.device.locked ? 'locked' : 'unlocked'}${w.device.natDropped ? ', NAT dropped' : ''}`,
    `  ${s.cyan('callservicesd'.padEnd(14))} sees the app ${cs.seesForeground ? 'in the foreground' : 'not in the foreground'}${cs.seesOnCall ? ', on a call' : ''}; ${cs.strikesInWindow} of ${cs.throttleFailures} failures in 24 h${cs.throttled ? ', THROTTLED' : ''}; deadlines: ${cs.deadlines.map((d) => `${d.push} due ${formatTime(d.due)}`).join(', ') || 'none'}`,
    `  ${s.cyan('app'.padEnd(14))} ${w.app.state}; believes ${w.app.believesForeground ? 'foreground' : 'background'}${w.app.believesOnCall ? ', on a call' : ''}${w.app.handling ? `; handling ${w.app.handling}` : ''}${w.app.debuggerAttached ? '; debugger attached' : ''}`,
    `  ${s.cyan('CallKit'.padEnd(14))} calls: ${w.callKit.calls.map((c) => `${c.push} ${c.status}${c.audio ? ` (${c.audio})` : ''}`).join(', ') || 'none'}; audio session ${w.callKit.audioSession}`,
  ];
}

/** Two results side by side; pushes whose fate differs are marked. */
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
    const changed = pa?.fate !== pb?.fate;
    if (changed) differ++;
    return [
      changed ? s.yellow('≠') : ' ',
      id,
      pa ? s.fate(pa.fate) : '—',
      pb ? s.fate(pb.fate) : '—',
      changed ? s.dim(`${pa?.rules.join(' ') ?? ''} → ${pb?.rules.join(' ') ?? ''}`) : '',
    ];
  });
  const lines = table([[' ', s.dim('push'), s.dim(a.label), s.dim(b.label), ''], ...rows]);
  lines.push('');
  lines.push(
    `strikes ${a.result.strikes.length} → ${b.result.strikes.length}; throttled ${a.result.throttled.length > 0 ? 'yes' : 'no'} → ${b.result.throttled.length > 0 ? 'yes' : 'no'}`,
  );
  lines.push(`${differ} of ${ids.length} pushes differ`);
  return { lines, differ };
}
