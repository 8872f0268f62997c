// The wordings of the timeline's bar labels, longest first, and which one a bar shows. No React, no DOM.

/**
 * The last words of a state, by interval kind, for a bar too narrow for any wording made from its
 * label: what tells the state, not the actor the lane already names ("blocked", not "VoIP delivery
 * blocked (…)"; "no audio", not "audio: none").
 */
const LAST_WORDS: Readonly<Record<string, readonly string[]>> = {
  'apns.holding': ['holding pushes', 'holding'],
  'apns.offline': ['offline (storing)', 'storing'],
  'apsd.backoff': ['backing off'],
  'apsd.connecting': ['reconnecting'],
  'apsd.dead': ['NAT dropped', 'dead'],
  'apsd.waiting-for-network': ['no network'],
  'apsd.gave-up': ['gave up'],
  'audio.none': ['no audio'],
  'audio.one-way': ['one-way'],
  'audio.two-way': ['two-way'],
  'audio.null-session': ['null session'],
  'network.cellular-poor': ['poor'],
  'powerd.restricted': ['restricted'],
  'push.waiting': ['waiting'],
  handler: ['handler'],
  throttle: ['VoIP blocked', 'blocked'],
};

/** Drops forms not shorter than one before them: a longer one could never be the one that fits. */
function shortening(forms: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of forms) if (f !== '' && (out.length === 0 || f.length < out.at(-1)!.length)) out.push(f);
  return out;
}

/**
 * A bar's label, then shorter wordings for a narrower bar, longest first: without what is in brackets
 * ("Poor cellular (handshake cannot complete)" → "Poor cellular"), then also without the actor the
 * lane already names ("APNs: connected" → "connected", "apsd reconnecting" → "reconnecting"), then
 * also without the push the bar is about ("call-1 ringing" → "ringing"; its tooltip names it), then
 * the state's last words (`LAST_WORDS`: "gave up", "no audio").
 */
export function barLabelForms(label: string, kind: string, push?: string): string[] {
  const bare = label.replace(/\s*\([^)]*\)$/, '');
  const unnamed = bare.replace(/^(APNs|apsd|powerd):?\s+/, '');
  const anonymous = push && unnamed.startsWith(`${push} `) ? unnamed.slice(push.length + 1) : unnamed;
  return shortening([label, bare, unnamed, anonymous, ...(LAST_WORDS[kind] ?? [])]);
}

/**
 * What a deadline's window says (KILL-1: callservicesd checks that the call was reported), longest
 * first: open, the time it must be reported by; reported, the time to spare; not reported, so.
 * `who` is the push, `by` and `spare` times as shown, `check` the check's length.
 */
export function deadlineForms(
  who: string,
  state: { open: true; by: string } | { spare: string } | { check: string },
): string[] {
  if ('open' in state)
    return shortening([
      `${who}: must report before ${state.by}`,
      `must report before ${state.by}`,
      `report by ${state.by}`,
      `by ${state.by}`,
    ]);
  if ('spare' in state)
    return shortening([
      `${who}: reported, ${state.spare} to spare`,
      `reported, ${state.spare} to spare`,
      `reported, ${state.spare} early`,
      'reported',
      // A check mark in a window too narrow for the word: the window's tooltip says it.
      '✓',
    ]);
  return shortening([
    `${who}: ${state.check} check — nothing reported`,
    `${who}: nothing reported`,
    'nothing reported',
    'not reported',
    'missed',
  ]);
}

/** What a bar whose app ended before callservicesd's check says (`LaneInterval.endedBy`), longest first. */
export function endedForms(who: string, endedBy: string): { long: string; forms: string[] } {
  const [long, short, word] =
    endedBy === 'PK-1'
      ? ['the app crashed', 'app crashed', 'crashed']
      : endedBy === 'KILL-1'
        ? ['the app was killed', 'app killed', 'killed']
        : endedBy === 'force-quit'
          ? ['the user force-quit the app', 'force-quit', 'quit']
          : endedBy === 'reinstall'
            ? ['the app was reinstalled', 'reinstalled', 'gone']
            : endedBy === 'update'
              ? ['the app was updated', 'updated', 'gone']
              : [`the app ended (${endedBy})`, 'app ended', 'ended'];
  return { long, forms: shortening([`${who}: ${long} first`, short, word]) };
}

/**
 * The first of `forms` (longest first) whose width (`measure`, px) fits in `room` px whole, or ''
 * when none does: a label is never cut short, and its bar's tooltip and accessible name keep it whole.
 */
export function longestThatFits(forms: readonly string[], room: number, measure: (text: string) => number): string {
  return forms.find((f) => measure(f) <= room) ?? '';
}
