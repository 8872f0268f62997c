import { describe, expect, it } from 'vitest';
import { RULES } from './rules';
import { GLOSSARY, lookupTerm, markTerms } from './glossary';

describe('glossary', () => {
  it('defines every term of art the issue names, in plain words', () => {
    for (const name of [
      'apsd',
      'callservicesd',
      'PushKit handler',
      'CallKit',
      'powerd',
      'APNs',
      'strike',
      'throttle',
      'VoIP push',
    ]) {
      const t = lookupTerm(name);
      expect(t, name).toBeDefined();
      // A definition is not a restatement of the term in other jargon.
      expect(t!.definition).not.toMatch(/\b(apsd|callservicesd|powerd)\b/);
    }
    expect(lookupTerm('voip-push')?.term).toBe('VoIP push');
    expect(lookupTerm('no such term')).toBeUndefined();
  });

  it('cites only rules that exist', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const t of GLOSSARY) for (const r of t.rules) expect(ids.has(r), `${t.term}: ${r}`).toBe(true);
  });

  it('marks terms in a why, longest first, plurals included, and leaves plain words alone', () => {
    const pieces = markTerms(
      'The PushKit handler returned, so PushKit crashed it; VoIP pushes and strikes, callservicesd.',
    );
    const marked = pieces.flatMap((p) => (typeof p === 'string' ? [] : [`${p.text}=${p.term.term}`]));
    expect(marked).toEqual([
      'PushKit handler=PushKit handler',
      'PushKit=PushKit',
      'VoIP pushes=VoIP push',
      'strikes=strike',
      'callservicesd=callservicesd',
    ]);
    expect(pieces.map((p) => (typeof p === 'string' ? p : p.text)).join('')).toBe(
      'The PushKit handler returned, so PushKit crashed it; VoIP pushes and strikes, callservicesd.',
    );
    expect(markTerms('the app reported the alert')).toEqual(['the app reported the alert']);
  });
});
