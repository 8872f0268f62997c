import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { CHANNELS, dirtyOf, ipcTitle, MAX_TITLE, MENU_CHANNEL, MenuCommand, validate } from './contract';

const { name, request } = CHANNELS.documentState;

describe('document state: a long title never hides unsaved edits', () => {
  it('shortens a title over the limit to one the channel accepts', () => {
    const long = 'A scenario with a very long title '.repeat(100);
    const title = ipcTitle(long);
    expect(title.length).toBeLessThanOrEqual(MAX_TITLE);
    expect(title.endsWith('…')).toBe(true);
    expect(long.startsWith(title.slice(0, -1))).toBe(true);
    expect(validate(name, request, { dirty: true, title })).toEqual({ ok: true, value: { dirty: true, title } });
  });
  it('keeps titles within the limit as they are', () => {
    expect(ipcTitle('x'.repeat(MAX_TITLE))).toBe('x'.repeat(MAX_TITLE));
    expect(ipcTitle('Untitled')).toBe('Untitled');
  });
  it('never cuts a surrogate pair in half', () => {
    const title = ipcTitle('😀'.repeat(MAX_TITLE));
    expect(title.length).toBeLessThanOrEqual(MAX_TITLE);
    expect(title).toBe(`${'😀'.repeat((title.length - 1) / 2)}…`);
  });
  it('reads the dirty flag of a state refused for another field', () => {
    const tooLong = { dirty: true, title: 'x'.repeat(MAX_TITLE + 1) };
    expect(validate(name, request, tooLong).ok).toBe(false);
    expect(dirtyOf(tooLong)).toBe(true);
    expect(dirtyOf({ dirty: false, path: 42 })).toBe(false);
    expect(dirtyOf({ dirty: 'yes' })).toBeUndefined();
    expect(dirtyOf(null)).toBeUndefined();
  });
});

describe('ipc/ lint zone: neutral ground between the shell and the renderer', () => {
  const eslint = new ESLint({
    overrideConfig: [{ files: ['**/zone-fixture.ts'], ...tseslint.configs.disableTypeChecked }],
  });
  const errors = async (code: string) => {
    const [result] = await eslint.lintText(code, { filePath: 'ipc/zone-fixture.ts' });
    return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId);
  };
  it.each([
    "import { app } from 'electron';\nexport const x = app;",
    "import { readFile } from 'node:fs/promises';\nexport const x = readFile;",
    "import { desktop } from '../renderer/state/bridges/desktop';\nexport const x = desktop;",
    "import { atomicWrite } from '../electron/files';\nexport const x = atomicWrite;",
  ])('rejects %s', async (code) => expect(await errors(code)).toContain('no-restricted-imports'));
  it('accepts zod', async () => expect(await errors("import { z } from 'zod';\nexport const x = z;")).toEqual([]));
});

describe('menu commands', () => {
  const check = (payload: unknown) => validate(MENU_CHANNEL, MenuCommand, payload);
  it('accepts File → Import Device Log… as a bare command (#26)', () => {
    expect(check({ command: 'import-log' })).toEqual({ ok: true, value: { command: 'import-log' } });
  });
  it.each([
    { command: 'import-logs' },
    { command: 'Import-Log' },
    { command: 'import-log', path: '/etc/passwd' },
    { command: 'import-log', text: 'a log' },
    { command: 'rm -rf' },
    { command: 42 },
    'import-log',
    null,
  ])('rejects %j', (payload) => {
    const answer = check(payload);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error).toMatch(/^ringside:menu: invalid payload/);
  });
});
