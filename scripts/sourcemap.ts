// Source maps for the benches' CPU profiles: which source file a profiled position of a bundle is in.
import { TraceMap, originalPositionFor, type SourceMapInput } from '@jridgewell/trace-mapping';

export type { SourceMapInput };

/** The source file of a generated position (0-based line and column, as CPU profiles give them). */
export function sourceLookup(map: SourceMapInput): (line: number, column: number) => string {
  const traced = new TraceMap(map);
  return (line, column) => originalPositionFor(traced, { line: line + 1, column }).source ?? '';
}
