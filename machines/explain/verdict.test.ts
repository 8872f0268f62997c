import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate';
import { parseScenarioText } from '../scenario';
import { markTerms } from './glossary';
import { verdicts } from './verdict';

const DIR = resolve(__dirname, '../../scenarios');
const PRESETS = readdirSync(DIR)
  .filter((f) => f.endsWith('.ringside.json'))
  .sort();

function presetVerdicts(file: string) {
  const r = parseScenarioText(readFileSync(resolve(DIR, file), 'utf8'));
  if (!r.ok) throw new Error(`${file} invalid`);
  return verdicts(r.scenario, simulate(r.scenario).result);
}

const ALL = PRESETS.flatMap((file) =>
  presetVerdicts(file).map((v) => ({ preset: file.replace('.ringside.json', ''), ...v })),
);

/**
 * Every preset's pushes and the verdict a support person reads, with the rule that decided it. Reviewed
 * by hand: a change to a rule, a preset or the wording shows up here as a failing row to re-read.
 */
const TABLE: readonly (readonly [preset: string, push: string, verdict: string, rule: string])[] = [
  [
    'apns-knows-offline',
    'call-1',
    "Did not ring: the phone was offline and the call was sent as now-or-never, so Apple's push service (APNs) threw it away.",
    'APNS-3',
  ],
  [
    'apns-knows-offline',
    'call-2',
    "Did not ring: while the phone was offline a newer call (call-3) replaced it in Apple's push service (APNs), which keeps only the latest one waiting.",
    'APNS-4',
  ],
  [
    'apns-knows-offline',
    'call-3',
    "Rang 52 seconds late: the phone was offline and Apple's push service (APNs) kept the call until it was back.",
    'APNS-3',
  ],
  ['background-push-cancel-ignored', 'call-1', 'Rang: the phone showed the incoming call as expected.', 'CALL-1'],
  [
    'background-push-cancel-ignored',
    'cancel-call-1',
    'Never reached the app: a silent background notification (the cancellation of call-1) is best-effort and is not delivered to an app that is not open on screen.',
    'PATH-3',
  ],
  [
    'backgrounding-race',
    'call-1',
    'Did not ring: the app crashed because it thought it was still open on screen and so did not tell iOS about the call; iOS had already seen it leave the screen.',
    'PK-1',
  ],
  ['backgrounding-race', 'call-2', 'Rang: the phone showed the incoming call as expected.', 'CALL-1'],
  [
    'broken-nat',
    'call-1',
    "Rang 4 min 2 s late: a faulty router cut the phone's connection without either side noticing, so Apple's push service (APNs) held the call until the phone reconnected.",
    'DEV-3',
  ],
  [
    'debugger-attached',
    'call-1',
    "Did not ring, unpunished only in testing: a developer's testing tool (debugger) was attached, which switches off iOS's checks; on a customer's phone the app would have been shut down.",
    'DBG-1',
  ],
  ['debugger-attached', 'call-2', 'Did not ring: the app crashed because it never told iOS about the call.', 'PK-1'],
  [
    'delegate-not-set-at-launch',
    'call-1',
    'Did not ring: iOS closed the app after 7 seconds because the app was not set up to receive calls as it started, so the call was lost inside it.',
    'KILL-1',
  ],
  [
    'delegate-not-set-at-launch',
    'call-2',
    'Did not ring: iOS closed the app after 7 seconds because the app was not set up to receive calls as it started, so the call was lost inside it.',
    'KILL-1',
  ],
  [
    'five-strikes-then-reinstall',
    'call-1',
    'Did not ring: the app crashed because it waited 2 seconds before telling iOS about the call; iOS requires it at once.',
    'PK-1',
  ],
  [
    'five-strikes-then-reinstall',
    'call-2',
    'Did not ring: the app crashed because it waited 2 seconds before telling iOS about the call; iOS requires it at once.',
    'PK-1',
  ],
  [
    'five-strikes-then-reinstall',
    'call-3',
    'Did not ring: the app crashed because it waited 2 seconds before telling iOS about the call; iOS requires it at once.',
    'PK-1',
  ],
  [
    'five-strikes-then-reinstall',
    'call-4',
    'Did not ring: the app crashed because it waited 2 seconds before telling iOS about the call; iOS requires it at once.',
    'PK-1',
  ],
  [
    'five-strikes-then-reinstall',
    'call-5',
    'Did not ring: the app crashed because it waited 2 seconds before telling iOS about the call; iOS requires it at once.',
    'PK-1',
  ],
  [
    'five-strikes-then-reinstall',
    'call-6',
    'Did not ring: iOS had stopped giving this app calls after 5 crashes in 24 hours.',
    'THROTTLE-1',
  ],
  [
    'five-strikes-then-reinstall',
    'call-7',
    'Did not ring: iOS had stopped giving this app calls after 5 crashes in 24 hours.',
    'THROTTLE-1',
  ],
  [
    'five-strikes-then-reinstall',
    'call-8',
    'Did not ring: the app crashed because it waited 2 seconds before telling iOS about the call; iOS requires it at once.',
    'PK-1',
  ],
  [
    'flight-mode-cancelled-ios26',
    'call-1',
    'Did not ring, as intended: the call reached the phone 27 seconds after it was sent, too late to ring, so iOS 26.4 let the app show a missed-call notice instead.',
    'MUST-1',
  ],
  [
    'flight-mode-cancelled-ios26',
    'cancel-call-1',
    "Delivered 22 seconds late: the phone had lost its connection and Apple's push service (APNs) held the cancellation of call-1 until it was back.",
    'APNS-2',
  ],
  [
    'flight-mode-cancelled',
    'call-1',
    'Rang for 8 seconds after the caller had hung up: the caller cancelled 22 seconds before it reached the phone; the app only learns of a cancellation from its own server.',
    'CALL-1',
  ],
  [
    'flight-mode-cancelled',
    'cancel-call-1',
    "Delivered 22 seconds late: the phone had lost its connection and Apple's push service (APNs) held the cancellation of call-1 until it was back.",
    'APNS-2',
  ],
  [
    'foreground-report-then-end',
    'call-1',
    "Shown in the app's own call screen: the app was open on screen, so iOS left it to the app to show the call.",
    'EXEMPT-3',
  ],
  [
    'foreground-skip',
    'call-1',
    'Did not ring, which is allowed: the app was open on screen, so it need not show the call.',
    'EXEMPT-1',
  ],
  [
    'main-thread-blocked',
    'call-1',
    'Did not ring: iOS closed the app because it was busy for 8 seconds and did not show the call within 7 seconds.',
    'KILL-1',
  ],
  [
    'manual-audio-activation',
    'call-1',
    'Rang, but the sound went one way only: the app switched the sound on itself before iOS could, so the person could hear the caller but the microphone stayed off.',
    'AUDIO-5',
  ],
  [
    'null-audio-session-setconfiguration',
    'call-1',
    'Rang: the phone showed the incoming call and the answered call had sound both ways.',
    'CALL-1',
  ],
  [
    'null-audio-session',
    'call-1',
    "Rang, but the answered call had no sound: iOS never switched the call's sound on for the app, a fault left behind when the phone's sound service crashed.",
    'AUDIO-1',
  ],
  [
    'on-call-reuse-uuid',
    'call-1',
    'Rang: the phone showed the incoming call and the answered call had sound both ways.',
    'CALL-1',
  ],
  [
    'on-call-reuse-uuid',
    'call-2',
    'Not shown, harmlessly: the app reported it as part of the call already in progress, which iOS turns down without counting it against the app.',
    'EXEMPT-2',
  ],
  [
    'powerd-dead-zone',
    'call-1',
    "Rang 2 min 4 s late: the phone had stopped trying to reach Apple's push service (APNs) to save battery, and nothing got through until something woke it.",
    'DEV-2',
  ],
  [
    'report-after-fetch',
    'call-1',
    'Did not ring: the app crashed because it waited 1.5 s before telling iOS about the call; iOS requires it at once.',
    'PK-1',
  ],
  [
    'slow-cold-launch-watchdog',
    'call-1',
    'Did not ring: the app took 25 seconds to start, longer than the 20 seconds iOS allows, so iOS stopped it.',
    'LAUNCH-3',
  ],
  ['slow-cold-launch', 'call-1', 'Rang 15.1 s late: the app took 15 seconds to start.', 'LAUNCH-1'],
  ['throttle-24h-window', 'call-1', 'Did not ring: the app crashed because it never told iOS about the call.', 'PK-1'],
  ['throttle-24h-window', 'call-2', 'Did not ring: the app crashed because it never told iOS about the call.', 'PK-1'],
  ['throttle-24h-window', 'call-3', 'Did not ring: the app crashed because it never told iOS about the call.', 'PK-1'],
  ['throttle-24h-window', 'call-4', 'Did not ring: the app crashed because it never told iOS about the call.', 'PK-1'],
  ['throttle-24h-window', 'call-5', 'Did not ring: the app crashed because it never told iOS about the call.', 'PK-1'],
  [
    'throttle-24h-window',
    'call-23h',
    'Did not ring: iOS had stopped giving this app calls after 5 crashes in 24 hours.',
    'THROTTLE-1',
  ],
  [
    'throttle-24h-window',
    'call-25h',
    'Did not ring: the app crashed because it never told iOS about the call.',
    'PK-1',
  ],
  [
    'voip-and-alert-cancel',
    'call-1',
    'Rang for 3 seconds after the caller had hung up: the caller cancelled 30 seconds before it reached the phone; the app only learns of a cancellation from its own server.',
    'CALL-1',
  ],
  [
    'voip-and-alert-cancel',
    'cancel-call-1',
    "Delivered 30 seconds late: the phone had lost its connection and Apple's push service (APNs) held the cancellation of call-1 until it was back.",
    'APNS-2',
  ],
  ['voip-cancellation', 'call-1', 'Rang: the phone showed the incoming call as expected.', 'CALL-1'],
  [
    'voip-cancellation',
    'cancel-call-1',
    'Not shown, as intended: it was the cancellation of call-1; the app reported it as part of that call, which iOS turns down without counting it against the app.',
    'EXEMPT-2',
  ],
];

describe('verdicts', () => {
  it('every push of every preset has its reviewed verdict and decisive rule', () => {
    expect(ALL.map((v) => [v.preset, v.push, v.sentence, v.rule])).toEqual(TABLE);
  });

  it('contain no rule ID, and no process name or term of art without its plain-word gloss', () => {
    for (const v of ALL) {
      expect(v.sentence, v.sentence).not.toMatch(/\b[A-Z]+-\d\b/);
      for (const piece of markTerms(v.sentence)) {
        if (typeof piece === 'string') continue;
        expect(v.sentence, `${v.preset} ${v.push}: "${piece.text}" without "${piece.term.gloss}"`).toContain(
          piece.term.gloss,
        );
      }
      for (const name of ['apsd', 'callservicesd', 'PushKit', 'CallKit', 'powerd', 'mediaserverd', 'HTTP', 'PK-1'])
        expect(v.sentence).not.toContain(name);
    }
  });

  it('mark the decisive step, and fold only routine steps that did not decide the fate', () => {
    const throttled = ALL.find((v) => v.preset === 'five-strikes-then-reinstall' && v.push === 'call-6')!;
    expect(throttled.rule).toBe('THROTTLE-1');
    expect(throttled.routine).toEqual([0, 1]);
    expect(throttled.routine).not.toContain(throttled.decisive);
    const late = ALL.find((v) => v.preset === 'slow-cold-launch')!;
    expect(late.rule).toBe('LAUNCH-1');
    expect(late.routine).not.toContain(late.decisive);
  });

  it("give Apple's Push Notifications Console statuses and the device-log line the rules quote", () => {
    const at = (preset: string, push: string) => ALL.find((v) => v.preset === preset && v.push === push)!;
    expect(at('apns-knows-offline', 'call-1').console).toEqual(['Received by APNs', 'Discarded – Expired']);
    expect(at('apns-knows-offline', 'call-2').console).toEqual(['Received by APNs', 'Stored – Device Offline']);
    expect(at('apns-knows-offline', 'call-3').console.at(-1)).toBe('Delivered to Device (From Storage)');
    // Throttled on the phone, yet APNs delivered it: the Console cannot show the block.
    expect(at('five-strikes-then-reinstall', 'call-6').console.at(-1)).toBe('Delivered to Device');
    expect(at('five-strikes-then-reinstall', 'call-6').deviceLog).toMatch(
      /will not be launched because it failed to report/,
    );
    expect(at('main-thread-blocked', 'call-1').deviceLog).toContain('0xbaadca11');
    expect(at('report-after-fetch', 'call-1').deviceLog).toMatch(
      /^Killing app because it never posted an incoming call/,
    );
    expect(at('slow-cold-launch-watchdog', 'call-1').deviceLog).toBeUndefined();
  });
});

describe('a throttled call counts the failures in the window the throttle used', () => {
  // Four failures in the first 24 h, then five in a row after it: eight within the last 24 h, but a
  // fixed window (opened by the fifth failure, at 24 h 10 min) holds only the five that blocked.
  // Rolling, the same failures block at c5 already.
  const text = (rolls: boolean) =>
    JSON.stringify({
      format: 'ringside.scenario/v1',
      title: 'Failures either side of a fixed window',
      duration: '26h',
      device: { ios: '17.0' },
      app: { report: 'never' },
      params: { throttleWindowRolls: rolls },
      timeline: [
        ...['0s', '21h', '22h', '23h', '24h10m', '24h20m', '24h30m', '24h40m', '24h50m'].map((at, i) => ({
          at,
          do: 'push',
          id: `c${i}`,
          kind: 'voip',
        })),
        { at: '25h', do: 'push', id: 'probe', kind: 'voip' },
      ],
    });
  const probe = (rolls: boolean) => {
    const r = parseScenarioText(text(rolls));
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
    return verdicts(r.scenario, simulate(r.scenario).result).find((v) => v.push === 'probe')?.sentence;
  };

  it('fixed: the five of its window, not every failure of the last 24 hours', () => {
    expect(probe(false)).toBe('Did not ring: iOS had stopped giving this app calls after 5 crashes in 24 hours.');
    // Rolling: the block came at c5, the fifth of the last 24 h, and no failure came after it.
    expect(probe(true)).toBe('Did not ring: iOS had stopped giving this app calls after 5 crashes in 24 hours.');
  });
});
