import type { Expectation } from '../scenario/types';

/**
 * An expectation in words: `call-1 is stale`, `strikes = 5`, `audio of call-1 is two-way`. The CLI's
 * `check` and the app's Expectations panel both word them here, so that a line in one is found in the other.
 */
export const describeExpectation = (e: Expectation): string =>
  'fate' in e
    ? `${e.push} is ${e.fate}`
    : 'strikes' in e
      ? `strikes = ${e.strikes}`
      : 'throttled' in e
        ? `throttled = ${e.throttled}`
        : `audio of ${e.call} is ${e.audio}`;

/**
 * What an expectation is about: a push's fate, a call's audio, the strike count or the throttle. A
 * scenario holds one expectation per subject (two would contradict each other or say the same twice).
 */
export const expectationSubject = (
  e:
    | { readonly push: string }
    | { readonly call: string }
    | { readonly strikes: number }
    | { readonly throttled: boolean },
): string =>
  'push' in e ? `fate:${e.push}` : 'call' in e ? `audio:${e.call}` : 'strikes' in e ? 'strikes' : 'throttled';
