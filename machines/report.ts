import { PARAMS, PARAM_NAMES } from './params';
import type { Result } from './result';
import { ruleById } from './rules';
import type { Scenario, TimelineEvent } from './scenario/types';
import { formatTime } from './time';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function describeEvent(e: TimelineEvent): string {
  switch (e.do) {
    case 'push':
      return `${e.kind} push **${e.id}** (apns-expiration ${e.expiration === 0 ? '0' : formatTime(e.expiration)})`;
    case 'cancel':
      return `caller cancels **${e.call}**${e.via === 'none' ? '' : ` (sent as ${e.via} push ${e.id})`}`;
    case 'network':
      return `network → ${e.to}`;
    case 'app':
      return `app: ${e.action}`;
    case 'power':
      return `powerd policy ${e.policy}`;
    case 'wake':
      return `phone woken by ${e.by}`;
    case 'answer':
    case 'decline':
    case 'hangup':
      return `user: ${e.do} ${e.call}`;
    default:
      return e.do;
  }
}

/**
 * The report a support person pastes into a ticket: the scenario, its timeline, every push's fate with
 * its why-chain and rule IDs, strikes and throttling. Pure text; the UI and CLI both use it.
 */
export function markdownReport(scenario: Scenario, result: Result): string {
  const out: string[] = [];
  out.push(`# ${scenario.title}`, '');
  if (scenario.notes) out.push(scenario.notes, '');
  const app = scenario.app;
  out.push(
    `**Device:** iOS ${scenario.device.ios.raw}, ${scenario.device.network}, ${scenario.device.locked ? 'locked' : 'unlocked'}, app ${scenario.device.app} at the start. **Duration:** ${formatTime(scenario.duration)}.`,
    '',
    `**App:** reports ${app.report.mode === 'after' ? `${formatTime(app.report.delay)} after the push` : app.report.mode}; blocks the main thread ${formatTime(app.blockMainThread)}; delegate ${app.delegateAtLaunch ? 'set' : 'not set'} at launch; launch ${formatTime(app.launch)}; in the foreground: ${app.foreground}; on a call: ${app.onCall}${app.checksMustReport ? '; uses the iOS 26.4 must-report delegate' : ''}${app.setConfigurationBeforeReport ? '; calls setConfiguration before reporting' : ''}${app.activatesAudioSession ? '; activates its audio session itself' : ''}${app.debuggerAttached ? '; debugger attached' : ''}.`,
    '',
  );
  const changed = PARAM_NAMES.filter((n) => scenario.params[n] !== PARAMS[n].default);
  if (changed.length) {
    out.push(
      `**Changed numbers:** ${changed.map((n) => `${n} = ${scenario.params[n]}${PARAMS[n].unit === 'ms' ? ' ms' : ''}`).join(', ')}.`,
      '',
    );
  }
  out.push('## Timeline', '', '| time | what |', '|---:|---|');
  for (const e of scenario.timeline) out.push(`| ${formatTime(e.at)} | ${cell(describeEvent(e))} |`);
  out.push(
    '',
    '## Pushes',
    '',
    '| push | kind | sent | reached the phone | fate | rules |',
    '|---|---|---:|---:|---|---|',
  );
  for (const p of result.pushes) {
    out.push(
      `| ${p.id} | ${p.kind} | ${formatTime(p.sentAt)} | ${p.deliveredAt === undefined ? '—' : formatTime(p.deliveredAt)} | **${p.fate}** | ${p.rules.join(', ')} |`,
    );
  }
  for (const p of result.pushes) {
    out.push('', `### ${p.id}: ${p.fate}${p.audio ? ` (audio ${p.audio})` : ''}`, '');
    p.steps.forEach((s, i) => {
      const rule = ruleById(s.rule);
      out.push(
        `${i + 1}. **${s.rule}** at ${formatTime(s.at)}: ${s.why}${rule ? ` _(source: seed ${rule.sources.join(', ')})_` : ''}`,
      );
    });
    if (p.fate === 'undelivered') out.push(`${p.steps.length + 1}. ${p.why.split(/(?<=\.) /).pop() ?? ''}`);
  }
  out.push('', '## Strikes and throttling', '');
  out.push(
    result.strikes.length
      ? `${result.strikes.length} reporting failure(s): ${result.strikes.map((s) => `${s.push} ${s.cause} at ${formatTime(s.at)}`).join('; ')}.`
      : 'No reporting failures.',
  );
  out.push(
    result.throttled.length
      ? `VoIP delivery to the app was blocked ${result.throttled.map((w) => `from ${formatTime(w.from)} until ${formatTime(w.until)}`).join(' and ')} (THROTTLE-1); APNs still answered the provider with HTTP 200.`
      : 'VoIP delivery was never blocked.',
  );
  if (result.expectations.length) {
    const failed = result.expectations.filter((e) => !e.ok);
    out.push('', `Expectations: ${result.expectations.length - failed.length} hold, ${failed.length} fail.`);
  }
  out.push(
    '',
    '---',
    '',
    '_Simulated by Ringside from public Apple DTS explanations. Numbers marked "estimate" are not documented by Apple._',
    '',
  );
  return out.join('\n');
}
