/** Issue 21: no source file over 400 lines without a sentence at its top saying why. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const LIMIT = 400;

describe('file size', () => {
  it(`every source file over ${LIMIT} lines says at its top why it is`, () => {
    const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.mjs'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f && !f.includes('.generated.'));
    const unexplained = files.filter((f) => {
      const text = readFileSync(join(ROOT, f), 'utf8');
      const lines = text.trimEnd().split('\n');
      return lines.length > LIMIT && !/Over 400 lines on purpose/.test(lines.slice(0, 8).join('\n'));
    });
    expect(unexplained).toEqual([]);
  });
});
