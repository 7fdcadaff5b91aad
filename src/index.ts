import { basename, dirname } from 'node:path';
import { run } from './main.js';

// Both actions run this one bundle, so they share its chunks: cleanup/action.yml starts
// dist/cleanup/index.js, one line that imports this file, and that path is how we know.
if (basename(dirname(process.argv[1] ?? '')) === 'cleanup') {
  const cleanup = await import('./cleanup/main.js');
  await cleanup.run();
} else {
  await run();
}
