/**
 * Where the CLI reads and writes. The binary uses the process's own streams; behaviour tests run
 * main() in-process with their own (no subprocess per test, so a loaded machine cannot time them out).
 */
export interface Streams {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
  readonly stderr: { write(text: string): unknown };
  readonly stdin: AsyncIterable<string | Uint8Array> & { destroy?(): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The process's own streams and environment. */
export const processStreams = (): Streams => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});

let current: Streams | undefined;

/** The streams of the run in progress (the process's outside of one). */
export const streams = (): Streams => current ?? processStreams();

/**
 * Runs `run` with `s` as the CLI's streams. One run at a time per process: the streams are module
 * state, so a second run while one is in progress would write into the first one's streams.
 */
export async function withStreams<T>(s: Streams, run: () => Promise<T>): Promise<T> {
  if (current) throw new Error('ringside: one CLI run at a time in a process');
  current = s;
  try {
    return await run();
  } finally {
    current = undefined;
  }
}

/** Writes text to the run's stdout / stderr as given (no newline added). */
export const toStdout = (text: string): void => void streams().stdout.write(text);
export const toStderr = (text: string): void => void streams().stderr.write(text);
