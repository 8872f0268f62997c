/**
 * Rule search by meaning: what a support person types ("didn't ring", "no sound", "late", "crash",
 * "blocked") finds the rules that explain it, through a table of plain phrases and a small typo allowance
 * (fastest-levenshtein), after the rules whose ID or text contain the words as typed.
 */
import { distance } from 'fastest-levenshtein';
import { RULES, type Rule } from './rules';

/** Plain phrases → the rules they mean, most telling rule first. Phrases are written normalized (see `norm`). */
export const RULE_SYNONYMS: readonly { readonly phrases: readonly string[]; readonly rules: readonly string[] }[] = [
  {
    phrases: [
      'didnt ring',
      'did not ring',
      'doesnt ring',
      'not ringing',
      'never rang',
      'no ring',
      'no call',
      'call not shown',
    ],
    rules: ['THROTTLE-1', 'PK-1', 'KILL-1', 'LAUNCH-2', 'APNS-3', 'APNS-4', 'DEV-2', 'MUST-1', 'LAUNCH-3'],
  },
  {
    phrases: ['no sound', 'no audio', 'silent call', 'one way', 'cant hear', 'cannot hear', 'mute', 'microphone'],
    rules: ['AUDIO-1', 'AUDIO-2', 'AUDIO-5', 'AUDIO-3', 'AUDIO-4'],
  },
  {
    phrases: ['late', 'delay', 'delayed', 'slow', 'minutes later', 'hours later', 'took long'],
    rules: ['APNS-2', 'DEV-2', 'DEV-1', 'DEV-3', 'LAUNCH-1', 'MUST-1', 'PATH-4'],
  },
  {
    phrases: ['crash', 'crashed', 'crashes', 'killed', 'kill', 'terminated', 'closed the app'],
    rules: ['PK-1', 'KILL-1', 'LAUNCH-2', 'LAUNCH-3', 'DBG-1', 'EXEMPT-1'],
  },
  {
    phrases: [
      'blocked',
      'block',
      'throttle',
      'throttled',
      'no more calls',
      'stopped getting calls',
      'strikes',
      'banned',
    ],
    rules: ['THROTTLE-1', 'THROTTLE-2'],
  },
  { phrases: ['reinstall', 'unblock', 'lifted', 'reset', 'update the app'], rules: ['THROTTLE-2'] },
  {
    phrases: ['cancelled', 'canceled', 'hung up', 'rang after', 'ghost call', 'stale'],
    rules: ['CALL-1', 'CALL-2', 'PATH-3', 'APNS-4'],
  },
  {
    phrases: ['offline', 'flight mode', 'airplane mode', 'no network', 'no signal', 'lost connection'],
    rules: ['APNS-2', 'APNS-3', 'DEV-1', 'DEV-3'],
  },
  { phrases: ['battery', 'asleep', 'sleeping', 'power saving', 'locked phone'], rules: ['DEV-2'] },
  { phrases: ['works in xcode', 'debugger', 'only in testing'], rules: ['DBG-1'] },
];

/** Lower case, apostrophes dropped ("didn't" → "didnt"), punctuation and runs of space to one space. */
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9.-]+/g, ' ')
    .trim();

/** A typo allowance by length: none under 4 letters, one under 7, two from 7. */
const near = (a: string, b: string) => a.length >= 4 && distance(a, b) <= (b.length >= 7 ? 2 : b.length >= 4 ? 1 : 0);

function meansGroup(q: string, phrases: readonly string[]): boolean {
  const words = q.split(' ');
  return phrases.some((p) => q.includes(p) || near(q, p) || (!p.includes(' ') && words.some((w) => near(w, p))));
}

/** The rules a query finds: those whose ID, section or text contain it as typed, then those it means. */
export function searchRules(query: string): Rule[] {
  const raw = query.trim().toLowerCase();
  if (!raw) return [...RULES];
  const literal = RULES.filter(
    (r) =>
      r.id.toLowerCase().includes(raw) || r.text.toLowerCase().includes(raw) || r.section.toLowerCase().includes(raw),
  );
  const q = norm(query);
  const meant = RULE_SYNONYMS.filter((g) => meansGroup(q, g.phrases)).flatMap((g) => g.rules);
  const ids = [...new Set([...literal.map((r) => r.id), ...meant])];
  return ids.flatMap((id) => RULES.filter((r) => r.id === id));
}
