import { describeExpectation, type ExpectationResult, type Expectation, type PushResult } from '../../machines';

/** One scenario file's outcome for the JUnit report: its expectations, or why it could not run. */
export interface SuiteResult {
  readonly file: string;
  readonly title: string;
  readonly expectations: readonly ExpectationResult[];
  readonly pushes?: readonly PushResult[];
  /** The file could not be loaded: its messages. */
  readonly error?: readonly string[];
}

/** Text for XML attributes and content; characters XML 1.0 forbids (control codes) are dropped. */
export const xmlEscape = (s: string): string =>
  s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** The push an expectation is about (by push id, or the call id for audio), for its why. */
export function pushOf(e: Expectation, pushes: readonly PushResult[]): PushResult | undefined {
  const id = 'fate' in e ? e.push : 'audio' in e ? e.call : undefined;
  return id === undefined ? undefined : pushes.find((p) => p.id === id);
}

/**
 * JUnit XML for CI: one testsuite per scenario file, one testcase per expectation. A file that could
 * not be loaded is one testcase with an `<error>`. No timestamps, so the same run gives the same bytes.
 */
export function junitXml(suites: readonly SuiteResult[]): string {
  const casesOf = (s: SuiteResult) => (s.error ? 1 : s.expectations.length);
  const failuresOf = (s: SuiteResult) => s.expectations.filter((e) => !e.ok).length;
  const sum = (f: (s: SuiteResult) => number) => suites.reduce((n, s) => n + f(s), 0);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(
    `<testsuites name="ringside" tests="${sum(casesOf)}" failures="${sum(failuresOf)}" errors="${sum((s) => (s.error ? 1 : 0))}">`,
  );
  for (const s of suites) {
    lines.push(
      `  <testsuite name="${xmlEscape(s.file)}" tests="${casesOf(s)}" failures="${failuresOf(s)}" errors="${s.error ? 1 : 0}">`,
    );
    if (s.error) {
      lines.push(
        `    <testcase name="load" classname="${xmlEscape(s.file)}">`,
        `      <error message="${xmlEscape(s.error[0] ?? '')}">${xmlEscape(s.error.join('\n'))}</error>`,
        '    </testcase>',
      );
    }
    for (const e of s.expectations) {
      const name = xmlEscape(describeExpectation(e.expect));
      const open = `    <testcase name="${name}" classname="${xmlEscape(s.title)}"`;
      if (e.ok) {
        lines.push(`${open}/>`);
        continue;
      }
      const why = pushOf(e.expect, s.pushes ?? [])?.why;
      lines.push(
        `${open}>`,
        `      <failure message="expected ${name}, got ${xmlEscape(String(e.actual))}">${why ? xmlEscape(why) : ''}</failure>`,
        '    </testcase>',
      );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
