import { readFile } from 'node:fs/promises';
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

/**
 * Each face is a chunk of its own, loaded when its entry calls it (src/bundle.ts). The push
 * action is the one that runs on every build, so what its start loads is kept small: the
 * sync's and cleanup's parsers (yaml, re2js) and the signing libraries come with the faces
 * and steps that use them. Read from the built bundle: the chunks `runPushAction` loads, and
 * the packages their source maps name.
 */
test("the push action's start loads neither yaml, re2js nor the Sigstore libraries", async () => {
  const lib = join(ROOT, 'dist', 'lib');
  const index = await readFile(join(lib, 'index.js'), 'utf8');
  const body = /async function runPushAction\([^)]*\) \{([^}]*)\}/.exec(index)?.[1] ?? '';
  const chunks = [...body.matchAll(/__nccwpck_require__\.e\((\d+)\)/g)].map((m) => m[1]);
  expect(chunks.length).toBeGreaterThan(0);
  const packages = new Set<string>();
  for (const chunk of chunks) {
    const map = JSON.parse(await readFile(join(lib, `${chunk}.index.js.map`), 'utf8')) as {
      sources: string[];
    };
    for (const source of map.sources) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
      if (match?.[1]) packages.add(match[1]);
    }
  }
  // The check reads real package names (the control): @actions/core is loaded at start.
  expect(packages).toContain('@actions/core');
  for (const later of ['yaml', 're2js', '@sigstore/sign', '@sigstore/verify', 'tar']) {
    expect([...packages]).not.toContain(later);
  }
});
