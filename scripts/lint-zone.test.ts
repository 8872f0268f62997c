/** Proves the machines/ lint zone: each forbidden thing is an error there, and clean core code passes. */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The zone's rules are syntactic; the fixture is virtual text, so type-aware rules are turned off for it.
const eslint = new ESLint({
  overrideConfig: [
    { files: ['**/zone-fixture.ts', '**/zone-fixture.test.ts'], ...tseslint.configs.disableTypeChecked },
  ],
});

async function errorsFor(code: string, filePath = 'machines/zone-fixture.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('machines/ lint zone', () => {
  it.each([
    ["import React from 'react';\nexport const x = React;", 'no-restricted-imports'],
    ["import { app } from 'electron';\nexport const x = app;", 'no-restricted-imports'],
    ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'no-restricted-imports'],
    ["import { join } from 'path';\nexport const x = join;", 'no-restricted-imports'],
    ["import { App } from '../renderer/App';\nexport const x = App;", 'no-restricted-imports'],
    ['export const t = setTimeout(() => undefined, 1);', 'no-restricted-globals'],
    ['export const t = setInterval(() => undefined, 1);', 'no-restricted-globals'],
    ['export const now = Date.now();', 'no-restricted-globals'],
    ['export const now = performance.now();', 'no-restricted-globals'],
    ['export const r = Math.random();', 'no-restricted-properties'],
  ])('rejects %s', async (code, rule) => {
    const errors = await errorsFor(code);
    expect(
      errors.some((e) => e.startsWith(rule)),
      errors.join('\n'),
    ).toBe(true);
  });

  it('accepts pure core code', async () => {
    expect(await errorsFor("import { Time } from './time';\nexport const later = Time.add(Time.ZERO, 5);\n")).toEqual(
      [],
    );
  });

  it('does not apply outside machines/', async () => {
    const errors = await errorsFor('export const now = Date.now();\n', 'scripts/zone-fixture.ts');
    expect(errors).toEqual([]);
  });
});

describe('layers above the core', () => {
  it.each([
    ['renderer/zone-fixture.ts', "import { Time } from '../machines/engine/time';\nexport const x = Time;", 'its door'],
    ['renderer/state/zone-fixture.ts', "import { x } from '../../machines/scenario';\nexport const y = x;", 'its door'],
    ['renderer/zone-fixture.ts', "import { app } from 'electron';\nexport const x = app;", 'window.ringside'],
    ['renderer/zone-fixture.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'web page'],
    ['renderer/zone-fixture.ts', "import { main } from '../cli/main';\nexport const x = main;", 'may not import'],
    [
      'renderer/zone-fixture.test.ts',
      "import { Time } from '../machines/engine/time';\nexport const x = Time;",
      'its door',
    ],
    [
      'cli/zone-fixture.ts',
      "import { simulate } from '../machines/engine/simulate';\nexport const x = simulate;",
      'its door',
    ],
    ['cli/zone-fixture.ts', "import { App } from '../renderer/App';\nexport const x = App;", 'may not import'],
    ['cli/zone-fixture.ts', "import React from 'react';\nexport const x = React;", 'no React'],
    ['machines/zone-fixture.test.ts', "import { x } from '../scripts/gen-schema';\nexport const y = x;", 'scripts/'],
    [
      'electron/zone-fixture.ts',
      "import { desktop } from '../renderer/state/bridges/desktop';\nexport const x = desktop;",
      'ipc/',
    ],
    ['electron/zone-fixture.ts', "import { simulate } from '../machines';\nexport const x = simulate;", 'ipc/'],
    [
      'renderer/state/zone-fixture.ts',
      "import { x } from '../../electron/main';\nexport const y = x;",
      'may not import',
    ],
  ])('%s rejects %s', async (filePath, code, message) => {
    const errors = await errorsFor(code, filePath);
    expect(
      errors.some((e) => e.startsWith('no-restricted-imports') && e.includes(message)),
      errors.join('\n'),
    ).toBe(true);
  });

  it.each([
    ['renderer/zone-fixture.ts', "import { simulate } from '../machines';\nexport const x = simulate;"],
    ['cli/commands/zone-fixture.ts', "import { simulate } from '../../machines';\nexport const x = simulate;"],
  ])('%s accepts the door', async (filePath, code) => {
    expect(await errorsFor(code, filePath)).toEqual([]);
  });
});
