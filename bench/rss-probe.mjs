// Preloaded into the action's process (`node --import`): when it exits, writes its peak
// resident set size (getrusage ru_maxrss, in KiB) to the file named by BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
}
