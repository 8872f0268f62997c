/**
 * The hostile corpus (scenarios/hostile/manifest.json) as texts: its files, and the cases too big to
 * keep in the repository, built here. Used by cli/hostile.test.ts, e2e/hostile.spec.ts and
 * scripts/fuzz-loader.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the corpus lives. */
export const HOSTILE_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'scenarios', 'hostile');

/** One case of the manifest, with its text. */
export interface HostileCase {
  /** The file's name, or `make:<kind>`. */
  readonly name: string;
  readonly text: string;
  /** `ringside check`'s exit code: 0, 1 or 2. */
  readonly exit: 0 | 1 | 2;
  /** A fragment of the CLI's output. */
  readonly message: string;
  /** A fragment of what the web app says for the case as a share link (default: `message`). */
  readonly linkMessage?: string;
}

interface Entry {
  readonly file?: string;
  readonly make?: string;
  readonly exit: 0 | 1 | 2;
  readonly message: string;
  readonly linkMessage?: string;
}

const HEAD = '"format":"ringside.scenario/v1","title":"Hostile","duration":"30d"';

/** Texts too big for the repository, by `make`. */
const MAKERS: Record<string, () => string> = {
  // ~10k deep: overflowed JSON.parse's stack (exit 3) and froze Chromium as a 3 KB link.
  deep: () => `{${HEAD},"timeline":[],"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
  // 300,000 events in ~7 MB, under the 10 MB limit: froze the tab for over two minutes.
  'many-events': () =>
    `{${HEAD},"timeline":[${Array.from({ length: 300_000 }, (_, i) => `{"at":${i},"do":"${i % 2 ? 'lock' : 'unlock'}"}`).join(',')}]}`,
  'many-pushes': () =>
    `{${HEAD},"timeline":[${Array.from({ length: 13_000 }, (_, i) => `{"at":${i},"do":"push","id":"p${i}"}`).join(',')}]}`,
  // 11 MB of spaces: over the file limit; as a link, ~11 KB that used to inflate whole.
  bomb: () => `{${HEAD},"timeline":[],"notes":"${' '.repeat(11 * 1024 * 1024)}"}`,
  // A 200 KB key: messages used to echo it whole.
  'long-key': () => `{${HEAD},"timeline":[],"${'k'.repeat(200_000)}":1}`,
};

/** Every case of the manifest. */
export function hostileCases(): HostileCase[] {
  const manifest = JSON.parse(readFileSync(join(HOSTILE_DIR, 'manifest.json'), 'utf8')) as { cases: Entry[] };
  return manifest.cases.map((entry) => {
    const { file, make, ...expected } = entry;
    if (file) return { name: file, text: readFileSync(join(HOSTILE_DIR, file), 'utf8'), ...expected };
    const maker = make === undefined ? undefined : MAKERS[make];
    if (!maker)
      throw new Error(`manifest.json: a case needs "file" or a known "make" (${Object.keys(MAKERS).join(', ')})`);
    return { name: `make:${make}`, text: maker(), ...expected };
  });
}
