// Runs independent steps at once and prints each one's output whole, in the order given, as it finishes:
// `npm run check` on two cores takes as long as its longest step rather than the sum of them (issue #21).
// A step is an npm script's name or, with a space in it, a command. Exits non-zero if any step failed,
// after every step has finished, so one failure never hides another's.
// (No dependency: npm-run-all2 and concurrently interleave or prefix lines rather than group them.)
import { spawn } from 'node:child_process';

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

const runs = steps.map(run);
let failed = 0;
// Printed in the order given, each as soon as it and those before it are done.
for (const [i, step] of steps.entries()) {
  const { code, output, seconds } = await runs[i];
  const mark = code === 0 ? 'ok' : `FAILED (exit ${code})`;
  process.stdout.write(`\n── ${step}: ${mark} in ${seconds.toFixed(1)} s ──\n${output}`);
  if (code !== 0) failed++;
}
if (failed > 0) console.error(`\n${failed} of ${steps.length} steps failed.`);
process.exitCode = failed > 0 ? 1 : 0;
