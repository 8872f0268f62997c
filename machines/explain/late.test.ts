import { describe, expect, it } from 'vitest';
import { lateSentence, rangAfter } from './late';
import { given, network, push } from '../test/harness';

describe('lateSentence (CALL-1, params.lateAfter: an estimate)', () => {
  const late = given({ duration: '10m' })
    .at('-30s', network('offline'))
    .at('0s', push('c', { expiration: '1h' }))
    .at('4m', network('wifi'))
    .run()
    .push('c');

  it('says how long after it was sent the call rang, and labels the threshold as our estimate', () => {
    expect(rangAfter(late)).toBe(242_000);
    expect(lateSentence(late, 20_000)).toBe(
      "rang 4 min 2 s after it was sent; the caller had most likely given up (Ringside's estimate: later than 20 s is late)",
    );
    expect(lateSentence(late)).toBe(
      "rang 4 min 2 s after it was sent; the caller had most likely given up (Ringside's estimate)",
    );
  });

  it('says nothing of a call that was not late', () => {
    const prompt = given().at('0s', push('c')).run().push('c');
    expect(lateSentence(prompt, 20_000)).toBeUndefined();
  });
});
