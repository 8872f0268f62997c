/**
 * Test helper for the kill-mid-save test: saves two large, different documents over one file, in turn,
 * forever (until killed). Prints "ready" after the first save.
 */
import { atomicWrite } from '../files';

/** The documents the test expects to find whole: `{"title":"A","pad":"aaa…"}`. */
function document(title: 'A' | 'B', size: number): string {
  return JSON.stringify({ title, pad: title.toLowerCase().repeat(size) });
}

const [path, size] = process.argv.slice(2) as [string, string];
const a = document('A', Number(size));
const b = document('B', Number(size));
let n = 0;
for (;;) {
  await atomicWrite(path, n % 2 === 0 ? a : b);
  if (n === 0) process.stdout.write('ready\n');
  n++;
}
