/*
 * Over 400 lines on purpose: the Markdown and the HTML report are written from one model here, side by
 * side, so that a section added to one is added to the other.
 */
import { PARAMS, PARAM_NAMES } from '../scenario/params';
import { RESULT_FORMAT, type Result, type TraceData } from '../engine/result';
import { simulate } from '../engine/simulate';
import { escapeXml } from './escape';
import { timelineImage } from './timelineImage';
import { ruleById } from './rules';
import type { Fate, Scenario, TimelineEvent } from '../scenario/types';
import { formatTime } from '../engine/time';
import { FATE_SYMBOL, fateTone, type FateTone } from './fates';
import { LATE_MARK, lateSentence } from './late';
import { throttleLifts, type ThrottleLift } from './remedies';
import { clockTime, verdicts, type Verdict } from './verdict';

export { FATE_SYMBOL, type FateTone } from './fates';

// ---------------------------------------------------------------------------------------------------
// The model: everything a report says, as plain data. Markdown and HTML only lay it out.
// ---------------------------------------------------------------------------------------------------

/** A piece of inline text; `strong` pieces are names (push IDs) that a format may emphasise. */
export type ReportText = readonly (string | { readonly strong: string })[];

export interface ReportStep {
  /** 1-based, as printed. */
  readonly n: number;
  readonly rule: string;
  /** The rule's title from RULES.md; absent when the ID is not a known rule. */
  readonly title?: string;
  /** The rule's source documents (seed numbers); absent when the ID is not a known rule. */
  readonly sources?: readonly string[];
  /** Formatted simulated time. */
  readonly at: string;
  readonly why: string;
}

export interface ReportPush {
  readonly id: string;
  readonly kind: string;
  readonly sent: string;
  /** When it reached the phone; absent when it never did. */
  readonly delivered?: string;
  readonly fate: Fate;
  readonly symbol: string;
  readonly tone: FateTone;
  readonly audio?: string;
  readonly rules: readonly string[];
  /** The verdict sentence (verdict.ts): what happened, in plain words. */
  readonly verdict: string;
  /** For a push that rang later than `params.lateAfter` (late.ts): how late, with the estimate labelled. */
  readonly late?: string;
  readonly steps: readonly ReportStep[];
  /** For an undelivered push: the last sentence (why it never arrived), after the steps. */
  readonly tail?: string;
}

export interface ReportModel {
  readonly title: string;
  /** What a manager reads in 20 seconds: calls sent, rang, what failed and why, strikes, the block. */
  readonly summary: readonly string[];
  readonly notes?: string;
  /** "iOS 18.5, wifi, locked, app suspended at the start" */
  readonly device: string;
  readonly duration: string;
  /** "reports 1.5 s after the push; blocks the main thread 0 s; …" */
  readonly app: string;
  /** Params that differ from their defaults, the value with its unit. */
  readonly changed: readonly { readonly name: string; readonly value: string }[];
  readonly timeline: readonly { readonly at: string; readonly what: ReportText }[];
  readonly pushes: readonly ReportPush[];
  readonly strikes: string;
  readonly throttle: string;
  /** Absent when the scenario has no expectations. */
  readonly expectations?: { readonly hold: number; readonly fail: number };
  readonly footer: string;
}

export const REPORT_FOOTER =
  'Simulated by Ringside from public Apple DTS explanations. Numbers marked "estimate" are not documented by Apple.';

function describeEvent(e: TimelineEvent): ReportText {
  switch (e.do) {
    case 'push':
      return [
        `${e.kind} push `,
        { strong: e.id },
        ` (apns-expiration ${e.expiration === 0 ? '0' : formatTime(e.expiration)})`,
      ];
    case 'cancel':
      return [`caller cancels `, { strong: e.call }, `${e.via === 'none' ? '' : ` (sent as ${e.via} push ${e.id})`}`];
    case 'network':
      return [`network → ${e.to}`];
    case 'app':
      return [`app: ${e.action}`];
    case 'power':
      return [`powerd policy ${e.policy}`];
    case 'wake':
      return [`phone woken by ${e.by}`];
    case 'answer':
    case 'decline':
    case 'hangup':
      return [`user: ${e.do} ${e.call}`];
    default:
      return [e.do];
  }
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "call-1, call-2 and call-3" */
const listed = (ids: readonly string[]) =>
  ids.length <= 1 ? (ids[0] ?? '') : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;

/** A throttle window with the rule that started it and what lifted it (THROTTLE-2). */
function blockSentence(l: ThrottleLift): string {
  const lasted = `from ${clockTime(l.from)} (THROTTLE-1) until ${clockTime(l.until)}`;
  if (l.by === 'end') return `${lasted}, still in force when the scenario ended`;
  const sooner =
    l.byItself !== undefined && l.byItself > l.until
      ? `; by itself it would have lasted until ${clockTime(l.byItself)}`
      : '';
  return `${lasted}, lifted by ${l.what} (THROTTLE-2${sooner})`;
}

/** The summary's lines: counts first, then one line per distinct verdict that is not a plain ring or delivery. */
function summaryOf(
  result: Result,
  vs: readonly Verdict[],
  lifts: readonly ThrottleLift[],
  lateAfter: number,
): string[] {
  const calls = result.pushes.filter((p) => p.kind === 'voip' && !p.cancels);
  const isCall = new Set(calls.map((p) => p.id));
  const shown = calls.filter((p) => p.fate === 'rang' || p.fate === 'stale' || p.fate === 'in-app').length;
  const bad = calls.filter(
    (p) => fateTone(p.fate) === 'bad' || ['expired', 'superseded', 'undelivered'].includes(p.fate),
  ).length;
  const others = result.pushes.length - calls.length;
  const out = [
    `Calls sent: ${calls.length}. Rang or shown: ${shown}. Did not ring: ${bad}.${calls.length - shown - bad ? ` Not shown, as intended: ${calls.length - shown - bad}.` : ''}${others ? ` Other notifications: ${others}.` : ''}`,
  ];
  const groups = new Map<string, string[]>();
  for (const v of vs) {
    if (v.headline === 'Rang' || v.headline === 'Delivered') continue;
    groups.set(v.sentence, [...(groups.get(v.sentence) ?? []), v.push]);
  }
  for (const [sentence, ids] of groups)
    out.push(`${isCall.has(ids[0]!) ? '' : 'Notification '}${listed(ids)}: ${sentence}`);
  // A call that rang too late to be picked up is a failure a manager counts, though its fate is "rang".
  for (const p of result.pushes) {
    const late = lateSentence(p, lateAfter);
    if (late) out.push(`Late: ${p.id} ${late}.`);
  }
  const crashes = result.strikes.filter((x) => x.cause === 'crashed').length;
  const kills = result.strikes.length - crashes;
  out.push(
    result.strikes.length
      ? `Strikes (failures iOS counts against the app): ${result.strikes.length} (${[crashes ? `${crashes} crashed` : '', kills ? `${kills} killed` : ''].filter(Boolean).join(', ')}).`
      : 'Strikes: none.',
  );
  out.push(
    lifts.length
      ? `iOS blocked the app's calls ${lifts.map(blockSentence).join('; and ')}.`
      : "iOS never blocked the app's calls.",
  );
  return out;
}

/** What a report says about a scenario and its result, as plain data; {@link markdownReport} and {@link htmlReport} lay it out. */
export function reportModel(scenario: Scenario, result: Result): ReportModel {
  const app = scenario.app;
  const d = scenario.device;
  const changed = PARAM_NAMES.filter((n) => scenario.params[n] !== PARAMS[n].default);
  const failed = result.expectations.filter((e) => !e.ok).length;
  const vs = verdicts(scenario, result);
  const lifts = throttleLifts(scenario, result);
  return {
    title: scenario.title,
    summary: summaryOf(result, vs, lifts, scenario.params.lateAfter),
    ...(scenario.notes ? { notes: scenario.notes } : {}),
    device: `iOS ${d.ios.raw}, ${d.network}, ${d.locked ? 'locked' : 'unlocked'}, app ${d.app} at the start`,
    duration: formatTime(scenario.duration),
    app: `reports ${app.report.mode === 'after' ? `${formatTime(app.report.delay)} after the push` : app.report.mode}; blocks the main thread ${formatTime(app.blockMainThread)}; delegate ${app.delegateAtLaunch ? 'set' : 'not set'} at launch; launch ${formatTime(app.launch)}; in the foreground: ${app.foreground}; on a call: ${app.onCall}${app.checksMustReport ? '; uses the iOS 26.4 must-report delegate' : ''}${app.setConfigurationBeforeReport ? '; calls setConfiguration before reporting' : ''}${app.activatesAudioSession ? '; activates its audio session itself' : ''}${app.debuggerAttached ? '; debugger attached' : ''}`,
    changed: changed.map((n) => ({ name: n, value: `${scenario.params[n]}${PARAMS[n].unit === 'ms' ? ' ms' : ''}` })),
    timeline: scenario.timeline.map((e) => ({ at: formatTime(e.at), what: describeEvent(e) })),
    pushes: result.pushes.map((p, i): ReportPush => {
      const steps = p.steps.map((s, i): ReportStep => {
        const rule = ruleById(s.rule);
        return {
          n: i + 1,
          rule: s.rule,
          ...(rule ? { title: rule.title, sources: rule.sources } : {}),
          at: formatTime(s.at),
          why: s.why,
        };
      });
      return {
        id: p.id,
        kind: p.kind,
        sent: formatTime(p.sentAt),
        ...(p.deliveredAt === undefined ? {} : { delivered: formatTime(p.deliveredAt) }),
        fate: p.fate,
        symbol: FATE_SYMBOL[p.fate],
        tone: fateTone(p.fate),
        ...(p.audio ? { audio: p.audio } : {}),
        rules: p.rules,
        verdict: vs[i]!.sentence,
        ...(p.late ? { late: capitalised(lateSentence(p, scenario.params.lateAfter)!) } : {}),
        steps,
        ...(p.fate === 'undelivered' ? { tail: p.why.split(/(?<=\.) /).pop() ?? '' } : {}),
      };
    }),
    strikes: result.strikes.length
      ? `${result.strikes.length} reporting failure(s): ${result.strikes.map((s) => `${s.push} ${s.cause} at ${formatTime(s.at)}`).join('; ')}.`
      : 'No reporting failures.',
    throttle: lifts.length
      ? `VoIP delivery to the app was blocked ${lifts.map(blockSentence).join('; and ')}. APNs still answered the provider with HTTP 200.`
      : 'VoIP delivery was never blocked.',
    ...(result.expectations.length
      ? { expectations: { hold: result.expectations.length - failed, fail: failed } }
      : {}),
    footer: REPORT_FOOTER,
  };
}

const expectationsSentence = (e: { hold: number; fail: number }) => `Expectations: ${e.hold} hold, ${e.fail} fail.`;

// ---------------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------------

// Text from the scenario file (title, notes, ids) is the user's, and a report is pasted where Markdown
// renders: backslash-escape what would open HTML (`<`, `>`, `&` entities), and `\` itself so that
// `\<b>` cannot un-escape; in a table cell also `|`, which would split the row. CommonMark renders each
// escape as the plain character.
const md = (s: string) => s.replace(/[\\<>&]/g, '\\$&');
const oneLine = (s: string) => s.replace(/\r?\n/g, ' ');
const cell = (s: string) => oneLine(s.replace(/\|/g, '\\|'));
const mdText = (t: ReportText) =>
  t.map((part) => (typeof part === 'string' ? md(part) : `**${md(part.strong)}**`)).join('');

/**
 * The report a support person pastes into a ticket: the scenario, its timeline, every push's fate with
 * its why-chain and rule IDs, strikes and throttling. Pure text; the UI and CLI both use it.
 */
export function markdownReport(scenario: Scenario, result: Result): string {
  const m = reportModel(scenario, result);
  const out: string[] = [];
  out.push(`# ${oneLine(md(m.title))}`, '');
  out.push('## Summary', '', ...m.summary.map((line) => `- ${md(line)}`), '');
  if (m.notes) out.push(md(m.notes), '');
  out.push(`**Device:** ${md(m.device)}. **Duration:** ${m.duration}.`, '', `**App:** ${md(m.app)}.`, '');
  if (m.changed.length) {
    out.push(`**Changed numbers:** ${m.changed.map((c) => `${c.name} = ${md(c.value)}`).join(', ')}.`, '');
  }
  out.push('## Timeline', '', '| time | what |', '|---:|---|');
  for (const e of m.timeline) out.push(`| ${e.at} | ${cell(mdText(e.what))} |`);
  out.push(
    '',
    '## Pushes',
    '',
    '| push | kind | sent | reached the phone | fate | rules |',
    '|---|---|---:|---:|---|---|',
  );
  for (const p of m.pushes) {
    out.push(
      `| ${cell(md(p.id))} | ${p.kind} | ${p.sent} | ${p.delivered ?? '—'} | **${p.fate}**${p.late ? ` (${LATE_MARK})` : ''} | ${p.rules.join(', ')} |`,
    );
  }
  for (const p of m.pushes) {
    out.push(
      '',
      `### ${oneLine(md(p.id))}: ${p.fate}${p.audio ? ` (audio ${p.audio})` : ''}`,
      '',
      `_${md(p.verdict)}_`,
      '',
      ...(p.late ? [`**${capitalised(LATE_MARK)}:** ${md(p.late)}.`, ''] : []),
    );
    for (const s of p.steps) {
      out.push(
        `${s.n}. **${s.rule}** at ${s.at}: ${md(s.why)}${s.sources ? ` _(source: seed ${s.sources.join(', ')})_` : ''}`,
      );
    }
    if (p.tail !== undefined) out.push(`${p.steps.length + 1}. ${md(p.tail)}`);
  }
  out.push('', '## Strikes and throttling', '', md(m.strikes), md(m.throttle));
  if (m.expectations) out.push('', expectationsSentence(m.expectations));
  out.push('', '---', '', `_${m.footer}_`, '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------------

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = escapeXml;

const h = escapeHtml;
const htmlText = (t: ReportText) =>
  t.map((part) => (typeof part === 'string' ? h(part) : `<strong>${h(part.strong)}</strong>`)).join('');
const fateBadge = (p: ReportPush) =>
  `<span class="fate ${p.tone}"><span class="sym" aria-hidden="true">${h(p.symbol)}</span> ${h(p.fate)}</span>` +
  (p.late ? ` <span class="late">${LATE_MARK}</span>` : '');

const STYLE = `
:root { color-scheme: light; --ink: #1d232a; --muted: #5b6570; --line: #d5dae0; --soft: #f4f6f8;
  --good: #1f6f3f; --warn: #8a5a00; --bad: #a32020; }
* { box-sizing: border-box; }
html { font-size: 15px; -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: var(--ink);
  font: 1rem/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 2.5rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 0 0 .5rem; }
p { margin: .5rem 0; }
.kicker { margin: 0 0 .75rem; color: var(--muted); font-size: .8rem; letter-spacing: .06em; text-transform: uppercase; }
.notes { white-space: pre-line; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: 1.25rem 0 0;
  padding: .75rem 1rem; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { width: 100%; border-collapse: collapse; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid var(--line); }
th { font-weight: 600; color: var(--muted); border-bottom: 1.5px solid var(--muted); }
.timeline td.num, .timeline th.num { width: 1%; }
.timeline-figure { margin: 0 0 1rem; overflow-x: auto; }
.timeline-figure svg { max-width: 100%; height: auto; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
code, .rule { font: .85em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.rules code { white-space: nowrap; }
.fate { display: inline-block; white-space: nowrap; font-weight: 600; padding: 0 .45em; border: 1px solid currentColor;
  border-radius: 999px; line-height: 1.5; }
.fate.good { color: var(--good); }
.fate.warn { color: var(--warn); }
.fate.bad { color: var(--bad); }
.late { display: inline-block; white-space: nowrap; font-weight: 600; color: var(--warn); }
.late-note { margin: 0 0 .4rem; color: var(--warn); }
.push { margin: 1.25rem 0; padding: .9rem 1rem .4rem; border: 1px solid var(--line); border-radius: 6px;
  break-inside: avoid; page-break-inside: avoid; }
.push h3 { display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
.push h3 .audio { font-weight: 400; color: var(--muted); }
ol.why { margin: .25rem 0 .5rem; padding-left: 1.6rem; }
ol.why li { margin: 0 0 .6rem; padding-left: .25rem; }
.step-head { margin: 0; }
.step-head .at { color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
.step-head .rule { font-weight: 700; }
.step-why { margin: .1rem 0 0; }
.summary ul { margin: .25rem 0 0; padding-left: 1.2rem; }
.summary li { margin: .15rem 0; }
.verdict { margin: 0 0 .4rem; font-weight: 600; }
.src { margin: .1rem 0 0; color: var(--muted); font-size: .8rem; }
footer { margin-top: 2.5rem; padding-top: .75rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .8rem; }
footer p { margin: .2rem 0; }
@page { margin: 16mm 14mm 18mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt Arial, Helvetica, sans-serif; color: #5b6570; }
  @bottom-left { content: "Ringside report"; font: 8pt Arial, Helvetica, sans-serif; color: #5b6570; } }
@media print {
  html { font-size: 10pt; }
  body { line-height: 1.4; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  dl.facts, .push { background: none; }
  .push { border-color: #999; }
  .strikes { break-inside: avoid; page-break-inside: avoid; }
  footer { margin-top: 1.25rem; break-before: avoid; page-break-before: avoid; break-inside: avoid; }
  table, .push, dl.facts { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
`
  .trim()
  .replace(/\n\s*/g, '\n');

const GENERATED_BY = `Generated by Ringside (${RESULT_FORMAT}). A simulation, not a measurement: the same scenario always gives this same report.`;

/**
 * The same report as {@link markdownReport}, as a complete, printable HTML page: inline style only, no
 * scripts or external resources (it works offline and under a strict Content-Security-Policy), every
 * text escaped, and the timeline as an inline SVG image drawn from `trace` (simulated again from the
 * scenario when not given: the same scenario always gives the same trace). Deterministic: no date or
 * time is written.
 */
export function htmlReport(scenario: Scenario, result: Result, trace?: TraceData): string {
  const m = reportModel(scenario, result);
  const image = timelineImage(scenario, result, trace ?? simulate(scenario).trace);
  const o: string[] = [];
  o.push(
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Ringside">',
    `<title>${h(m.title)} — Ringside report</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<header>',
    '<p class="kicker">Ringside report</p>',
    `<h1>${h(m.title)}</h1>`,
    '<section class="summary" aria-label="Summary">',
    '<h2>Summary</h2>',
    '<ul>',
    ...m.summary.map((line) => `<li>${h(line)}</li>`),
    '</ul>',
    '</section>',
  );
  if (m.notes) o.push(`<p class="notes">${h(m.notes)}</p>`);
  o.push(
    '<dl class="facts">',
    `<dt>Device</dt><dd>${h(m.device)}</dd>`,
    `<dt>Duration</dt><dd>${h(m.duration)}</dd>`,
    `<dt>App</dt><dd>${h(m.app)}</dd>`,
  );
  if (m.changed.length) {
    o.push(
      `<dt>Changed numbers</dt><dd>${m.changed.map((c) => `<code>${h(c.name)}</code> = ${h(c.value)}`).join(', ')}</dd>`,
    );
  }
  o.push('</dl>', '</header>');

  o.push(
    '<section class="timeline">',
    '<h2>Timeline</h2>',
    '<figure class="timeline-figure">',
    image,
    '</figure>',
    '<table>',
    '<thead><tr><th class="num" scope="col">time</th><th scope="col">what</th></tr></thead>',
    '<tbody>',
  );
  for (const e of m.timeline) o.push(`<tr><td class="num">${h(e.at)}</td><td>${htmlText(e.what)}</td></tr>`);
  o.push('</tbody>', '</table>', '</section>');

  o.push(
    '<section class="pushes">',
    '<h2>Pushes</h2>',
    '<table>',
    '<thead><tr><th scope="col">push</th><th scope="col">kind</th><th class="num" scope="col">sent</th>' +
      '<th class="num" scope="col">reached the phone</th><th scope="col">fate</th><th scope="col">rules</th></tr></thead>',
    '<tbody>',
  );
  for (const p of m.pushes) {
    o.push(
      `<tr><td><strong>${h(p.id)}</strong></td><td>${h(p.kind)}</td><td class="num">${h(p.sent)}</td>` +
        `<td class="num">${p.delivered === undefined ? '—' : h(p.delivered)}</td><td>${fateBadge(p)}</td>` +
        `<td class="rules">${p.rules.map((r) => `<code>${h(r)}</code>`).join(', ')}</td></tr>`,
    );
  }
  o.push('</tbody>', '</table>');
  for (const p of m.pushes) {
    o.push(
      `<section class="push" id="push-${h(p.id)}">`,
      `<h3><span>${h(p.id)}:</span> ${fateBadge(p)}${p.audio ? ` <span class="audio">(audio ${h(p.audio)})</span>` : ''}</h3>`,
      `<p class="verdict">${h(p.verdict)}</p>`,
      ...(p.late ? [`<p class="late-note"><strong>${capitalised(LATE_MARK)}:</strong> ${h(p.late)}.</p>`] : []),
      '<ol class="why">',
    );
    for (const s of p.steps) {
      o.push(
        '<li>',
        `<p class="step-head"><span class="rule">${h(s.rule)}</span> <span class="at">at ${h(s.at)}</span></p>`,
        `<p class="step-why">${h(s.why)}</p>`,
      );
      if (s.title !== undefined || s.sources) {
        const cite = [
          ...(s.title !== undefined ? [`Rule: ${h(s.title)}`] : []),
          ...(s.sources ? [`source: seed ${h(s.sources.join(', '))}`] : []),
        ];
        o.push(`<p class="src">${cite.join(' · ')}</p>`);
      }
      o.push('</li>');
    }
    if (p.tail !== undefined) o.push(`<li><p class="step-why">${h(p.tail)}</p></li>`);
    o.push('</ol>', '</section>');
  }
  o.push('</section>');

  o.push(
    '<section class="strikes">',
    '<h2>Strikes and throttling</h2>',
    `<p>${h(m.strikes)}</p>`,
    `<p>${h(m.throttle)}</p>`,
  );
  if (m.expectations) o.push(`<p>${h(expectationsSentence(m.expectations))}</p>`);
  o.push('</section>');

  o.push(
    '<footer>',
    `<p>${h(m.footer)}</p>`,
    `<p>${h(GENERATED_BY)}</p>`,
    '</footer>',
    '</main>',
    '</body>',
    '</html>',
    '',
  );
  return o.join('\n');
}
