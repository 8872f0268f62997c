import { describe, expect, it } from 'vitest';
import type { ExpectationResult, PushResult } from '../../machines';
import { describeExpectation } from '../../machines';
import { junitXml, pushOf, xmlEscape } from './junit';

const ok = (e: ExpectationResult['expect'], actual: ExpectationResult['actual']): ExpectationResult => ({
  expect: e,
  ok: true,
  actual,
});
const bad = (e: ExpectationResult['expect'], actual: ExpectationResult['actual']): ExpectationResult => ({
  expect: e,
  ok: false,
  actual,
});
const push = { id: 'call-1', why: 'PushKit crashed the app <at once> & counted a strike.' } as PushResult;

/** Rough well-formedness: every opened element is closed, in order. */
function balanced(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.replace(/<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
    const [, close, name, selfClosing] = m;
    if (selfClosing) continue;
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name ?? '');
  }
  return stack.length === 0;
}

describe('junitXml', () => {
  const xml = junitXml([
    {
      file: 'a.ringside.json',
      title: 'A "quoted" <title>',
      expectations: [ok({ push: 'call-1', fate: 'rang' }, 'rang'), bad({ strikes: 0 }, 1)],
    },
    {
      file: 'b.ringside.json',
      title: 'B',
      pushes: [push],
      expectations: [bad({ push: 'call-1', fate: 'rang' }, 'crashed')],
    },
    { file: 'c.json', title: 'c.json', expectations: [], error: ['c.json: the file is empty', 'second line'] },
    { file: 'd.ringside.json', title: 'D', expectations: [] },
  ]);

  it('is balanced XML with one testsuite per file and one testcase per expectation', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(balanced(xml)).toBe(true);
    expect(xml.match(/<testsuite /g)).toHaveLength(4);
    expect(xml.match(/<testcase /g)).toHaveLength(4);
  });

  it('counts tests, failures and errors consistently at both levels', () => {
    expect(xml).toContain('<testsuites name="ringside" tests="4" failures="2" errors="1">');
    expect(xml).toContain('<testsuite name="a.ringside.json" tests="2" failures="1" errors="0">');
    expect(xml).toContain('<testsuite name="c.json" tests="1" failures="0" errors="1">');
    expect(xml).toContain('<testsuite name="d.ringside.json" tests="0" failures="0" errors="0">');
  });

  it('escapes text and puts the why in the failure', () => {
    expect(xml).toContain('classname="A &quot;quoted&quot; &lt;title&gt;"');
    expect(xml).toContain(
      '<failure message="expected call-1 is rang, got crashed">PushKit crashed the app &lt;at once&gt; &amp; counted a strike.</failure>',
    );
    expect(xml).toContain('<error message="c.json: the file is empty">c.json: the file is empty\nsecond line</error>');
  });
});

describe('helpers', () => {
  it('xmlEscape drops characters XML 1.0 forbids', () => {
    expect(xmlEscape('a\u0000b\u001bc\td')).toBe('abc\td');
  });

  it('describeExpectation words every kind of expectation', () => {
    expect(describeExpectation({ push: 'call-1', fate: 'stale' })).toBe('call-1 is stale');
    expect(describeExpectation({ strikes: 5 })).toBe('strikes = 5');
    expect(describeExpectation({ throttled: true })).toBe('throttled = true');
    expect(describeExpectation({ audio: 'one-way', call: 'call-1' })).toBe('audio of call-1 is one-way');
  });

  it('pushOf finds the push of a fate or audio expectation', () => {
    expect(pushOf({ push: 'call-1', fate: 'rang' }, [push])).toBe(push);
    expect(pushOf({ audio: 'none', call: 'call-1' }, [push])).toBe(push);
    expect(pushOf({ strikes: 1 }, [push])).toBeUndefined();
  });
});
