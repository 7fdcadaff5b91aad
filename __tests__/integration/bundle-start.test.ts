import { join } from 'node:path';
import { runCommand } from '../harness/processes.js';
import { ROOT } from '../harness/tools.js';

/**
 * Every face starts by importing dist/lib/index.js. undici (0.9 MB, pulled in by
 * `@actions/http-client` and `@actions/github`) is built apart and loaded on its first use
 * (src/undici-on-demand.cjs): starting must not run it. undici, when it runs, sets its global
 * dispatcher (`Symbol.for('undici.globalDispatcher.1')`), which Node's own fetch sets only
 * on a first fetch. That it still loads and works when used is shown by the GitHub API
 * visibility tests in action.test.ts, whose octokit fetches through it.
 */
test('importing the bundle does not run undici', async () => {
  const bundle = JSON.stringify(join(ROOT, 'dist', 'lib', 'index.js'));
  const script =
    `const faces = await import(${bundle});` +
    "const undici = globalThis[Symbol.for('undici.globalDispatcher.1')] !== undefined;" +
    'console.log(JSON.stringify({ faces: Object.keys(faces).sort(), undici }));';
  const run = await runCommand(process.execPath, ['--input-type=module', '-e', script]);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({
    faces: ['runCleanupAction', 'runCli', 'runPushAction', 'runSyncAction'],
    undici: false,
  });
});
