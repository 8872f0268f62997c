/**
 * The engine bench's CPU profiles (`bench-engine.ts`): where the time of some work goes, by kind of work
 * (xstate's interpreter, garbage collection, the engine's parts through the bundle's source map) and by
 * function. Bundled into the bench (`build-bench.mjs`), so `import.meta.url` is the bundle's.
 */
import { Session } from 'node:inspector/promises';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourceLookup, type SourceMapInput } from './sourcemap';
import { engineKind, profileLine, timeByKind } from './bench-profile';

const fmt = (n: number) => `${n.toFixed(2)} ms`;

/** Where the time of some work went: ms by kind of work, and by function (self time). */
export interface Profile {
  readonly kinds: Map<string, number>;
  readonly functions: Map<string, number>;
  /** Each function's kind of work. */
  readonly kindOfFunction: Map<string, string | undefined>;
}

/**
 * Where the time goes while `work` runs, by a CPU profile of this process (V8's sampling profiler,
 * 100 µs): by kind, xstate's interpreter (its package), garbage collection, and the engine's own code
 * by part (through the bundle's source map); by function, each function's self time with its file.
 */
export async function profileOf(work: () => void): Promise<Profile> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  work();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const bundle = fileURLToPath(import.meta.url);
  const source = sourceLookup(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as SourceMapInput);
  const kindOf = new Map<number, string | undefined>();
  const functionOf = new Map<number, string | undefined>();
  const kindOfFunction = new Map<string, string | undefined>();
  for (const node of profile.nodes) {
    const { url, functionName, lineNumber, columnNumber } = node.callFrame;
    const file = url === import.meta.url ? source(lineNumber, columnNumber) : url;
    kindOf.set(
      node.id,
      functionName === '(idle)'
        ? undefined
        : functionName === '(garbage collector)'
          ? 'garbage collection'
          : url.includes('/node_modules/xstate/')
            ? "xstate's interpreter"
            : url === import.meta.url
              ? engineKind(file)
              : 'other',
    );
    const where =
      functionName === '(idle)'
        ? undefined
        : `${functionName || '(anonymous)'} ${file.replace(/^.*?(?=machines\/|node_modules\/)/, '')}`.trim();
    functionOf.set(node.id, where);
    if (where !== undefined) kindOfFunction.set(where, kindOf.get(node.id));
  }
  return {
    kinds: timeByKind(profile, (id) => kindOf.get(id)),
    functions: timeByKind(profile, (id) => functionOf.get(id)),
    kindOfFunction,
  };
}

/** The function of `kind` with the most self time in `p`. */
export function topOf(p: Profile, kind: string): string {
  const top = [...p.functions].filter(([where]) => p.kindOfFunction.get(where) === kind).sort((x, y) => y[1] - x[1])[0];
  return top ? top[0] : 'none';
}

/** A profile as a row prints it: by kind, then the functions with the most self time. */
export function profileText(p: Profile, per: number, unit: string): string {
  const top = [...p.functions]
    .sort((x, y) => y[1] - x[1])
    .slice(0, 4)
    .map(([where, ms]) => `${where} ${fmt(ms / per)}`);
  return `${profileLine(p.kinds, per, unit)}; the top functions by self time: ${top.join(', ')}`;
}
