import fc from 'fast-check';

/**
 * The very cases `fc.assert` runs for these arbitraries, `numRuns` and `seed` (fc.sample draws them the
 * same way), cut into `parts` slices. Each slice, asserted as a test of its own with {@link sliceOptions},
 * runs exactly its cases, so together they prove what the one long assertion proved, while each test
 * does a fraction of the work: a loaded machine can no longer push a test past its timeout (issue #21).
 */
export function slices<Ts extends [unknown, ...unknown[]]>(
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  numRuns: number,
  seed: number,
  parts: number,
): Ts[][] {
  const cases = fc.sample(fc.tuple(...arbitraries), { numRuns, seed }) as Ts[];
  const size = Math.ceil(cases.length / parts);
  return Array.from({ length: parts }, (_, i) => cases.slice(i * size, (i + 1) * size)).filter((s) => s.length);
}

/** fc.assert options that run one slice's cases and nothing else (a failure is still shrunk and printed). */
export function sliceOptions<Ts extends [unknown, ...unknown[]]>(slice: Ts[]): fc.Parameters<Ts> {
  return { examples: slice, numRuns: slice.length };
}
