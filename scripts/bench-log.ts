/**
 * Log import speed (`npm run bench`): a synthetic 200 MB `log show` log, generated on the fly (never
 * written to disk), streamed through the same path as `ringside import` (node stream → TextDecoder →
 * the core's LogImporter). Prints MB/s and RSS: the target is ≥ 50 MB/s with memory that does not grow
 * with the file. It never fails a build on timing.
 */
import { Readable } from 'node:stream';
import { LogImporter } from '../machines';

const TOTAL = 200 * 1024 * 1024;
const TARGET_MBPS = 50;

/** One ~1 MB block: mostly lines the reader does not know, a few it does (a push, a report, powerd). */
function block(): Buffer {
  const lines: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < 1024 * 1024; i++) {
    const s = String(i % 60).padStart(2, '0');
    const head = `2026-03-02 09:14:${s}.${String(i % 1_000_000).padStart(6, '0')}+0100`;
    const line =
      i % 5000 === 0
        ? `${head} callservicesd: [com.apple.calls.callservicesd:Default] Received incoming APS message from application with bundle identifier <private> and topic <private>`
        : i % 5000 === 1
          ? `${head} <app>: (CallKit) [com.apple.calls.callkit:Default] Provider <private> was asked to report a new incoming call with UUID: <private> update: <private>`
          : i % 997 === 0
            ? `${head} powerd: Sending com.apple.powerd.assertionpolicy ${i % 2 ? 3 : 0}`
            : i % 3 === 0
              ? `${head} 0x5b0e     Default     0x0                  98     0    symptomsd: L2 Metrics on ifname en0: rssi: -50 (txFrames/txReTx/txFail) 0/0/0 -> (was/is) 0/0`
              : `${head} SpringBoard: (FrontBoard) [com.apple.FrontBoard:Common] Scene lifecycle state change for <private>: foreground ${i}`;
    lines.push(line);
    bytes += line.length + 1;
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const chunk = block();
  const count = Math.ceil(TOTAL / chunk.length);
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < count; i++) yield chunk;
    })(),
  );
  const rss: number[] = [];
  let peak = 0;
  const decoder = new TextDecoder('utf-8');
  const importer = new LogImporter({ title: 'bench' });
  const start = performance.now();
  const cpu = process.cpuUsage();
  let read = 0;
  for await (const part of source) {
    importer.push(decoder.decode(part as Buffer, { stream: true }));
    read += (part as Buffer).length;
    const now = process.memoryUsage().rss;
    peak = Math.max(peak, now);
    if (rss.length < Math.floor((read / TOTAL) * 4)) rss.push(now);
  }
  importer.push(decoder.decode());
  const out = importer.end();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const mb = read / 1024 / 1024;
  const mbps = mb / seconds;
  const fmt = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const cpuMbps = mb / cpuSeconds;
  // On a shared machine the wall clock measures the other processes too; CPU time is this process's own.
  console.log(
    `log import: ${mb.toFixed(0)} MB in ${seconds.toFixed(2)} s wall = ${mbps.toFixed(0)} MB/s; ${cpuSeconds.toFixed(2)} s CPU = ${cpuMbps.toFixed(0)} MB/s of CPU (target ≥ ${TARGET_MBPS}) ${mbps >= TARGET_MBPS ? 'ok' : cpuMbps >= TARGET_MBPS ? 'ok by CPU time only (the machine is busy)' : 'MISSED'}`,
  );
  console.log(
    `  ${out.stats.lines} lines, ${out.stats.recognised} recognised, ${out.stats.unrecognised} not; ${out.scenario.timeline.length} timeline events`,
  );
  console.log(`  RSS at 25/50/75/100 %: ${rss.map(fmt).join(' / ')}; peak ${fmt(peak)} (the file is ${fmt(read)})`);
}

await main();
