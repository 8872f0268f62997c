import type { ExpectationResult } from '../machines';

export interface SuiteResult {
  readonly file: string;
  readonly title: string;
  readonly expectations: readonly ExpectationResult[];
  readonly error?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const describeExpectation = (e: ExpectationResult['expect']): string =>
  'fate' in e
    ? `${e.push} is ${e.fate}`
    : 'strikes' in e
      ? `strikes = ${e.strikes}`
      : 'throttled' in e
        ? `throttled = ${e.throttled}`
        : `audio of ${e.call} is ${e.audio}`;

/** JUnit XML: one testsuite per scenario file, one testcase per expectation. */
export function junitXml(suites: readonly SuiteResult[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = suites.reduce((n, s) => n + Math.max(1, s.expectations.length), 0);
  const failures = suites.reduce((n, s) => n + s.expectations.filter((e) => !e.ok).length, 0);
  const errors = suites.filter((s) => s.error).length;
  lines.push(`<testsuites name="ringside" tests="${total}" failures="${failures}" errors="${errors}">`);
  for (const s of suites) {
    const failed = s.expectations.filter((e) => !e.ok).length;
    lines.push(
      `  <testsuite name="${esc(s.file)}" tests="${Math.max(1, s.expectations.length)}" failures="${failed}" errors="${s.error ? 1 : 0}">`,
    );
    if (s.error) {
      lines.push(
        `    <testcase name="load" classname="${esc(s.file)}"><error message="${esc(s.error.split('\n')[0] ?? '')}">${esc(s.error)}</error></testcase>`,
      );
    }
    for (const e of s.expectations) {
      const name = esc(describeExpectation(e.expect));
      if (e.ok) lines.push(`    <testcase name="${name}" classname="${esc(s.title)}"/>`);
      else
        lines.push(
          `    <testcase name="${name}" classname="${esc(s.title)}"><failure message="expected ${name}, got ${esc(String(e.actual))}"/></testcase>`,
        );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
