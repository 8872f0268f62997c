// Runs independent steps at once and prints each one's output whole as it finishes:
// `npm run check` on two cores takes as long as its longest step rather than the sum of them (issue #21).
// A step is an npm script's name or, with a space in it, a command. Exits non-zero if any step failed,
// after every step has finished, so one failure never hides another's.
// (No dependency: npm-run-all2 and concurrently interleave or prefix lines rather than group them.)
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const steps = process.argv.slice(2);
if (steps.length === 0) {
  console.error('usage: node scripts/parallel.mjs <npm script | "command"> ...');
  process.exit(2);
}

/** Runs one step with its output captured; resolves with its exit code, output and seconds taken. */
function run(step) {
  const command = step.includes(' ') ? step : `npm run --silent ${step}`;
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('close', (code, signal) =>
      resolve({
        code: code ?? (signal ? 1 : 0),
        output: Buffer.concat(chunks).toString(),
        seconds: (Date.now() - started) / 1000,
      }),
    );
  });
}

// As many steps at a time as there are cores (PARALLEL overrides): more would only slow each one down
// and stretch the unit tests' timeouts. Steps start in the order given: the longest first.
const limit = Number(process.env.PARALLEL) || availableParallelism();
const queue = [...steps];
let failed = 0;
// Each step's output is printed whole as soon as it finishes.
async function lane() {
  for (let step = queue.shift(); step !== undefined; step = queue.shift()) {
    const { code, output, seconds } = await run(step);
    const mark = code === 0 ? 'ok' : `FAILED (exit ${code})`;
    process.stdout.write(`\n── ${step}: ${mark} in ${seconds.toFixed(1)} s ──\n${output}`);
    if (code !== 0) failed++;
  }
}
await Promise.all(Array.from({ length: Math.min(limit, steps.length) }, lane));
if (failed > 0) console.error(`\n${failed} of ${steps.length} steps failed.`);
process.exitCode = failed > 0 ? 1 : 0;
