import { describe, expect, it } from 'vitest';
import { barLabelForms, deadlineForms, endedForms, longestThatFits } from './labelForms';

/** 7 px a character: a monospaced stand-in for the page's font. */
const measure = (text: string) => text.length * 7;

/** What a bar `px` wide shows of `forms`, 5 px in from each side as the timeline draws it. */
const shown = (forms: readonly string[], px: number) => longestThatFits(forms, px - 10, measure);

describe("a timeline bar's label: the longest wording that fits whole, else none", () => {
  it('goes from the whole label down to the state in a word as the bar narrows', () => {
    const forms = barLabelForms('call-1 ringing (in-app UI)', 'call.ringing', 'call-1');
    expect(forms).toEqual(['call-1 ringing (in-app UI)', 'call-1 ringing', 'ringing']);
    expect(shown(forms, 400)).toBe('call-1 ringing (in-app UI)');
    expect(shown(forms, 120)).toBe('call-1 ringing');
    expect(shown(forms, 70)).toBe('ringing');
    expect(shown(forms, 40)).toBe('');
  });

  it('drops the actor the lane names, then says the state in its last words', () => {
    expect(barLabelForms('apsd gave up: nothing is delivered until the phone wakes', 'apsd.gave-up')).toEqual([
      'apsd gave up: nothing is delivered until the phone wakes',
      'gave up: nothing is delivered until the phone wakes',
      'gave up',
    ]);
    expect(barLabelForms('VoIP delivery blocked (5 failures in 24 h)', 'throttle')).toEqual([
      'VoIP delivery blocked (5 failures in 24 h)',
      'VoIP delivery blocked',
      'VoIP blocked',
      'blocked',
    ]);
    expect(barLabelForms('audio: none', 'audio.none').at(-1)).toBe('no audio');
    expect(barLabelForms('APNs: connected', 'apns.connected')).toEqual(['APNs: connected', 'connected']);
  });

  it('lists each wording shorter than the one before it, so a longer one is never passed over for a cut one', () => {
    for (const [label, kind, push] of [
      ['apsd reconnecting (TLS handshake)', 'apsd.connecting', undefined],
      ['Poor cellular (handshake cannot complete)', 'network.cellular-poor', undefined],
      ['PushKit handler for call-1', 'handler', 'call-1'],
      ['Not running', 'app.not-running', undefined],
    ] as const) {
      const forms = barLabelForms(label, kind, push);
      expect(forms[0]).toBe(label);
      forms.forEach((f, i) => i > 0 && expect(f.length).toBeLessThan(forms[i - 1]!.length));
    }
  });

  it("a deadline's window says as much as fits of what it is waiting for, and never ends in an ellipsis", () => {
    const open = deadlineForms('call-1', { open: true, by: '9.1 s' });
    const spare = deadlineForms('call-1', { spare: '1.2 s' });
    const missed = deadlineForms('call-1', { check: '7 s' });
    expect(shown(open, 300)).toBe('call-1: must report before 9.1 s');
    expect(shown(open, 120)).toBe('report by 9.1 s');
    expect(shown(open, 70)).toBe('by 9.1 s');
    expect(shown(spare, 200)).toBe('reported, 1.2 s to spare');
    expect(shown(spare, 170)).toBe('reported, 1.2 s early');
    expect(shown(spare, 70)).toBe('reported');
    expect(shown(spare, 60)).toBe('✓');
    expect(shown(spare, 10)).toBe('');
    expect(shown(missed, 110)).toBe('not reported');
    for (const forms of [open, spare, missed, endedForms('call-1', 'PK-1').forms])
      for (let px = 0; px < 400; px += 3) expect(shown(forms, px)).not.toMatch(/…$/);
  });

  it('whatever the room, the label shown is one of its wordings whole, or nothing', () => {
    const forms = barLabelForms('call-1 waiting in APNs (held)', 'push.waiting', 'call-1');
    for (let px = 0; px < 300; px++) {
      const text = shown(forms, px);
      expect(text === '' || forms.includes(text)).toBe(true);
      expect(measure(text)).toBeLessThanOrEqual(Math.max(0, px - 10));
    }
  });
});
