/**
 * The end of `npm run bench`: issue #25's table as this run measured it, with the machine's load (the
 * machine is shared: only the ratios to the floors measured in the same run compare between runs).
 */
import { loadavg, cpus } from 'node:os';
import { missedLines, rows } from './bench-rows';

const all = rows();
const width = Math.max(...all.map((r) => r.measure.length), 7);
console.log(
  `\nIssue #25's table, this run (load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(', ')} on ${cpus().length} cores):`,
);
console.log(`${'measure'.padEnd(width)}  ok?   figure  (target)`);
for (const r of all)
  console.log(`${r.measure.padEnd(width)}  ${r.ok ? 'ok  ' : 'MISS'}  ${r.figure}  (target ${r.target})`);
const missed = all.filter((r) => !r.ok).length;
console.log(`${all.length - missed} of ${all.length} rows meet their target; ${missed} MISS.`);
if (missed > 0) {
  console.log("\nWhere each missed row's time goes (measured in this run) and what would close it:");
  for (const line of missedLines(all)) console.log(line);
}
