/**
 * `node --import bench/rss-probe.mjs build/bench/sync-plan-probe.js CONFIG`: plans the sync
 * config (discovery, every listing, the selection; nothing copied) in a process of its own,
 * so its peak RSS is the plan's, and prints `{ ms, images, tags, failed }` as JSON.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { planSync } from '../src/engine/sync.js';
import { parseSyncConfigText } from '../src/jobs/sync-config.js';

const file = process.argv[2];
if (!file) throw new Error('usage: sync-plan-probe.js CONFIG');
const started = performance.now();
const config = await parseSyncConfigText(await readFile(file, 'utf8'), file);
const summary = await planSync(
  config,
  { dryRun: true },
  {
    userAgent: 'oci-push-bench',
    log: { debug: () => undefined, info: () => undefined, warning: (m) => console.error(m) },
    onSecret: () => undefined,
    credentialFor: () => undefined,
    pageSize: 100,
  },
);
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, ...summary })}\n`);
