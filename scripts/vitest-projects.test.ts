/**
 * Issue 21: the shell's tests share one module graph (vite.config.ts, isolate: false), where a module
 * replaced with vi.mock would leak into the files after it. Every file that mocks one must be listed in
 * the config's MOCKING project, which keeps a graph of its own per file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');

describe('vitest projects', () => {
  it('runs every test file that mocks a module in the isolated project', () => {
    const config = readFileSync(join(ROOT, 'vite.config.ts'), 'utf8');
    const listed = /const MOCKING = \[([^\]]*)\]/.exec(config)?.[1] ?? '';
    const mocking = globSync(['{cli,electron,ipc,renderer,scripts}/**/*.test.{ts,tsx}'], { cwd: ROOT }).filter((f) =>
      /\bvi\.(do)?[mM]ock\(/.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(mocking.length).toBeGreaterThan(0);
    expect(mocking.filter((f) => !listed.includes(`'${f}'`))).toEqual([]);
  });
});
