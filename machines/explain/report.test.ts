import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeHtml, FATE_SYMBOL, htmlReport, markdownReport, reportModel } from './report';
import type { Result } from '../engine/result';
import { ruleById } from './rules';
import { parseScenarioText } from '../scenario';
import type { Scenario } from '../scenario/types';
import { simulate } from '../engine/simulate';
import { scenario } from '../test/harness';

const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PRESETS = readdirSync(resolve(__dirname, '../../scenarios')).filter((f) => f.endsWith('.ringside.json'));

function load(preset: string): { scenario: Scenario; result: Result } {
  const r = parseScenarioText(readFileSync(resolve(__dirname, '../../scenarios', preset), 'utf8'));
  if (!r.ok) throw new Error('preset invalid');
  return { scenario: r.scenario, result: simulate(r.scenario).result };
}

function report(preset: string): { md: string; pushes: { id: string; fate: string }[] } {
  const { scenario: s, result } = load(preset);
  return { md: markdownReport(s, result), pushes: result.pushes.map((p) => ({ id: p.id, fate: p.fate })) };
}

/** A short fixed scenario that takes every branch: notes, a changed number, a cancel, audio, an undelivered push, a `|`. */
const SHORT: Scenario = {
  ...scenario({ duration: '1m', app: { report: 'sync' }, params: { callservicesdDeadline: '5s' } }, [
    [0, { do: 'push', id: 'call-1' }],
    ['2s', { do: 'answer', call: 'call-1' }],
    ['4s', { do: 'cancel', call: 'call-1', via: 'alert', id: 'cancel-1' }],
    ['10s', { do: 'network', to: 'offline' }],
    ['20s', { do: 'push', id: 'call|2' }],
  ]),
  title: 'A short fixed scenario',
  notes: 'Two calls | one answered, one never arrives.',
};

describe('markdown report', () => {
  it('contains every push, its fate and its why-chain', () => {
    const { md, pushes } = report('five-strikes-then-reinstall.ringside.json');
    for (const p of pushes) {
      expect(md).toContain(`| ${p.id} |`);
      expect(md).toContain(`### ${p.id}: ${p.fate}`);
    }
    expect(md).toContain('**THROTTLE-1**');
    expect(md).toContain('6 reporting failure(s)');
    expect(md).toContain('VoIP delivery to the app was blocked from 40 min 1.1 s');
  });
  it('opens with a summary a manager reads in 20 seconds; five strikes: the reinstall lifted the block', () => {
    const { md } = report('five-strikes-then-reinstall.ringside.json');
    const summary = md.slice(md.indexOf('## Summary'), md.indexOf('\n\n', md.indexOf('## Summary') + 12));
    expect(md.indexOf('## Summary')).toBeLessThan(md.indexOf('**Device:**'));
    expect(summary.split('\n').slice(2)).toEqual([
      '- Calls sent: 8. Rang or shown: 0. Did not ring: 8.',
      '- call-1, call-2, call-3, call-4, call-5 and call-8: Did not ring: the app crashed because it waited 2 seconds before telling iOS about the call; iOS requires it at once.',
      '- call-6 and call-7: Did not ring: iOS had stopped giving this app calls after 5 crashes in 24 hours.',
      '- Strikes (failures iOS counts against the app): 6 (6 crashed).',
      "- iOS blocked the app's calls from 40 min 1.1 s (THROTTLE-1) until 2 h, lifted by deleting and reinstalling the app (THROTTLE-2; by itself it would have lasted until 24 h 100 ms).",
    ]);
    // The detail says the same: the block did not run out, a reinstall ended it.
    expect(md).toContain('until 2 h, lifted by deleting and reinstalling the app (THROTTLE-2');
  });
  it('says a block that ran its 24 h course lifted by itself (THROTTLE-2)', () => {
    const { md } = report('throttle-24h-window.ringside.json');
    expect(md).toContain('until 24 h 100 ms, lifted by itself, 24 hours after the oldest failure (THROTTLE-2).');
  });
  it('describes the scenario and its timeline', () => {
    const { md } = report('flight-mode-cancelled.ringside.json');
    expect(md.startsWith('# Cancelled while in flight mode\n')).toBe(true);
    expect(md).toContain('**Device:** iOS 18.5, wifi, locked, app not-running');
    expect(md).toContain('| −30 s | network → offline |');
    // It rang 27 s after it was sent, past lateAfter (20 s): marked late in the table (CALL-1).
    expect(md).toContain('| call-1 | voip | 0 s | 27 s | **stale** (late) |');
    expect(md).toContain('1. **APNS-2** at 0 s: The phone had lost its connection');
  });
  it('is the same text as before the report model (written by the previous markdownReport)', () => {
    expect(markdownReport(SHORT, simulate(SHORT).result)).toBe(
      [
        '# A short fixed scenario',
        '',
        '## Summary',
        '',
        '- Calls sent: 2. Rang or shown: 1. Did not ring: 1. Other notifications: 1.',
        "- call|2: Did not ring: it had not reached the phone by the end of the scenario: the phone had lost its connection, and Apple's push service (APNs) was still holding it for when the phone reconnects.",
        '- Strikes: none.',
        "- iOS never blocked the app's calls.",
        '',
        'Two calls | one answered, one never arrives.',
        '',
        '**Device:** iOS 18.5, wifi, locked, app suspended at the start. **Duration:** 1 min.',
        '',
        '**App:** reports sync; blocks the main thread 0 s; delegate set at launch; launch 1 s; in the foreground: report; on a call: reuse-uuid.',
        '',
        '**Changed numbers:** callservicesdDeadline = 5000 ms.',
        '',
        '## Timeline',
        '',
        '| time | what |',
        '|---:|---|',
        '| 0 s | voip push **call-1** (apns-expiration 0) |',
        '| 2 s | user: answer call-1 |',
        '| 4 s | caller cancels **call-1** (sent as alert push cancel-1) |',
        '| 10 s | network → offline |',
        '| 20 s | voip push **call\\|2** (apns-expiration 0) |',
        '',
        '## Pushes',
        '',
        '| push | kind | sent | reached the phone | fate | rules |',
        '|---|---|---:|---:|---|---|',
        '| call-1 | voip | 0 s | 100 ms | **rang** | APNS-1, PATH-4, PK-1, CALL-1 |',
        '| cancel-1 | alert | 4 s | 4.1 s | **delivered** | APNS-1, PATH-4, PATH-2 |',
        // A | in a push id is escaped, or the row would gain a column (#19).
        '| call\\|2 | voip | 20 s | — | **undelivered** | APNS-2 |',
        '',
        '### call-1: rang (audio two-way)',
        '',
        '_Rang: the phone showed the incoming call and the answered call had sound both ways._',
        '',
        '1. **APNS-1** at 0 s: APNs saw the phone connected and forwarded the push at once. _(source: seed 002)_',
        '2. **PATH-4** at 0 s: It crossed the network in 0.1 s (Wi-Fi latency, an estimate). _(source: seed 002)_',
        '3. **PK-1** at 100 ms: The app reported the call before its PushKit handler returned, as PushKit requires. _(source: seed 000, 001)_',
        '4. **CALL-1** at 100 ms: CallKit showed the system incoming-call screen. _(source: seed 001)_',
        '',
        '### cancel-1: delivered',
        '',
        '_Delivered: the cancellation of call-1 reached the phone._',
        '',
        '1. **APNS-1** at 4 s: APNs saw the phone connected and forwarded the push at once. _(source: seed 002)_',
        '2. **PATH-4** at 4 s: It crossed the network in 0.1 s (Wi-Fi latency, an estimate). _(source: seed 002)_',
        '3. **PATH-2** at 4.1 s: The alert push reached the phone; alerts travel with the same priority as VoIP pushes. _(source: seed 000)_',
        '',
        '### call|2: undelivered',
        '',
        "_Did not ring: it had not reached the phone by the end of the scenario: the phone had lost its connection, and Apple's push service (APNs) was still holding it for when the phone reconnects._",
        '',
        '1. **APNS-2** at 20 s: The phone had lost its connection but APNs had not noticed yet (dead-peer detection takes 300 s, an estimate), so it held the push for the reconnect, whatever its expiration. _(source: seed 001, 002)_',
        '2. (APNS-2) When the scenario ended the push was still waiting in APNs (or behind a disconnected apsd).',
        '',
        '## Strikes and throttling',
        '',
        'No reporting failures.',
        'VoIP delivery was never blocked.',
        '',
        '---',
        '',
        '_Simulated by Ringside from public Apple DTS explanations. Numbers marked "estimate" are not documented by Apple._',
        '',
      ].join('\n'),
    );
  });
});

describe('report model', () => {
  it('is plain data: every push with its fate, symbol, steps, rule titles and sources', () => {
    const { scenario: s, result } = load('report-after-fetch.ringside.json');
    const m = reportModel(s, result);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    expect(m.pushes.map((p) => [p.id, p.fate, p.symbol, p.tone])).toEqual([['call-1', 'crashed', '✕', 'bad']]);
    expect(m.pushes[0]?.steps.map((x) => [x.n, x.rule, x.at, x.title, x.sources])).toEqual(
      ['APNS-1', 'PATH-4', 'PK-1'].map((id, i) => [
        i + 1,
        id,
        i < 2 ? '2 s' : '2.1 s',
        ruleById(id)?.title,
        ruleById(id)?.sources,
      ]),
    );
    expect(m.expectations).toEqual({ hold: 2, fail: 0 });
  });
});

describe('html report', () => {
  it('escapes &, <, >, and both quotes', () => {
    expect(escapeHtml(`<script>alert("x" + 'y')</script> & &amp;`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39;)&lt;/script&gt; &amp; &amp;amp;',
    );
    expect(escapeHtml('plain — text ✓')).toBe('plain — text ✓');
  });

  it.each(PRESETS)('%s: every push with its fate word and symbol, and its rule IDs in order', (preset) => {
    const { scenario: s, result } = load(preset);
    const html = htmlReport(s, result);
    expect(html.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(html).toContain(`<title>${escapeHtml(s.title)} — Ringside report</title>`);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    // One section per push, in the result's order, each with its why-chain.
    const sections = html.split('<section class="push"').slice(1);
    expect(sections).toHaveLength(result.pushes.length);
    result.pushes.forEach((p, i) => {
      const section = sections[i] ?? '';
      expect(section).toContain(`<h3><span>${escapeHtml(p.id)}:</span> `);
      expect(section).toContain(`<span class="sym" aria-hidden="true">${FATE_SYMBOL[p.fate]}</span> ${p.fate}</span>`);
      let from = 0;
      for (const step of p.steps) {
        const at = section.indexOf(`<span class="rule">${escapeHtml(step.rule)}</span>`, from);
        expect(at, `${p.id}: ${step.rule} after position ${from}`).toBeGreaterThanOrEqual(from);
        const title = ruleById(step.rule)?.title;
        if (title) expect(section.slice(at)).toContain(`Rule: ${escapeHtml(title)}`);
        from = at + 1;
      }
      // The push table names it too, with the same fate, and marks it late exactly when the result does.
      const late = p.late ? ' <span class="late">late</span>' : '';
      expect(html).toMatch(
        new RegExp(`<td><strong>${reEscape(escapeHtml(p.id))}</strong></td>.*> ${p.fate}</span>${late}</td>`),
      );
    });
    expect(html).toContain(
      'Simulated by Ringside from public Apple DTS explanations. Numbers marked &quot;estimate&quot; are not documented by Apple.',
    );
    // Standalone: no scripts, no external resources, no links out.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|href=|url\(|@import|https?:/i);
  });

  it('escapes every text from the scenario: title, notes and push IDs', () => {
    const evil = `<script>alert("pwned")</script> & 'quoted'`;
    const s: Scenario = {
      ...scenario({ app: { report: '2s' } }, [
        [0, { do: 'push', id: `<b id="x">call</b>&'` }],
        ['1s', { do: 'network', to: 'offline' }],
      ]),
      title: evil,
      notes: `<img src=x onerror="alert(1)">\nsecond line & more`,
    };
    const html = htmlReport(s, simulate(s).result);
    expect(html).not.toMatch(/<script|<img|<b /i);
    expect(html).toContain(`<title>${escapeHtml(evil)} — Ringside report</title>`);
    expect(html).toContain(`<h1>&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;</h1>`);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;\nsecond line &amp; more');
    expect(html).toContain('<h3><span>&lt;b id=&quot;x&quot;&gt;call&lt;/b&gt;&amp;&#39;:</span>');
    expect(html).toContain('<strong>&lt;b id=&quot;x&quot;&gt;call&lt;/b&gt;&amp;&#39;</strong>');
  });

  it('is deterministic and carries the same content as the Markdown', () => {
    const result = simulate(SHORT).result;
    const html = htmlReport(SHORT, result);
    expect(htmlReport(SHORT, simulate(SHORT).result)).toBe(html);
    expect(html).not.toMatch(/\b20\d\d-\d\d-\d\d|GMT|UTC/);
    const m = reportModel(SHORT, result);
    for (const text of [
      m.device,
      m.duration,
      m.app,
      m.strikes,
      m.throttle,
      'callservicesdDeadline</code> = 5000 ms',
      '(audio two-way)',
      '<td class="num">—</td>',
      '(APNS-2) When the scenario ended the push was still waiting in APNs',
      'Generated by Ringside (ringside.result/v1)',
    ]) {
      expect(html).toContain(text);
    }
    for (const p of m.pushes) for (const s of p.steps) expect(html).toContain(escapeHtml(s.why));
  });
});

describe('late pushes (CALL-1, params.lateAfter: an estimate)', () => {
  const NAT = load('broken-nat.ringside.json');
  const SENTENCE =
    "rang 4 min 2 s after it was sent; the caller had most likely given up (Ringside's estimate: later than 20 s is late)";

  it('the summary and the push detail say how late, and that the threshold is our estimate', () => {
    const md = markdownReport(NAT.scenario, NAT.result);
    const summary = md.slice(md.indexOf('## Summary'), md.indexOf('**Device:**'));
    expect(summary).toContain(`- Late: call-1 ${SENTENCE}.`);
    expect(md).toContain('| call-1 | voip | 1 min | 5 min 2 s | **rang** (late) |');
    expect(md).toContain(`**Late:** R${SENTENCE.slice(1)}.`);
    const html = htmlReport(NAT.scenario, NAT.result);
    expect(html).toContain(`<li>Late: call-1 ${escapeHtml(SENTENCE)}.</li>`);
    expect(html).toContain(`<p class="late-note"><strong>Late:</strong> R${escapeHtml(SENTENCE.slice(1))}.</p>`);
    expect(html).toMatch(/<td><strong>call-1<\/strong><\/td>.*> rang<\/span> <span class="late">late<\/span><\/td>/);
  });

  it('says nothing of lateness when the call rang within lateAfter', () => {
    const patient = { ...NAT.scenario, params: { ...NAT.scenario.params, lateAfter: 5 * 60_000 } };
    const result = simulate(patient).result;
    expect(result.pushes[0]?.fate).toBe('rang');
    for (const text of [markdownReport(patient, result), htmlReport(patient, result)]) {
      expect(text).not.toMatch(/most likely given up|\(late\)|class="late|Late:/);
    }
  });
});
