import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyGraph, loadGraph } from '../../src/engine/copy.js';
import { OciLayoutSource } from '../../src/source/oci-layout.js';
import { runAction } from '../harness/action.js';
import { makeOciLayout } from '../harness/fixtures.js';
import { ownClient } from '../harness/own-client.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';

/**
 * A push that stops before any registry row exists (bad inputs, no plan, an unreadable
 * source) is as loud as one that fails at a registry: a job summary, an error and a `result`
 * output saying what failed and that nothing was pushed. Run through the built action.
 */
let target: TestRegistry;
let locked: TestRegistry;
let work: string;
beforeAll(async () => {
  [target, locked] = await Promise.all([startRegistry('anonymous'), startRegistry('basic')]);
  work = await mkdtemp(join(tmpdir(), 'oci-push-early-'));
  // An image on a registry that needs a credential the run below does not have.
  const layout = await makeOciLayout(join(work, 'src'));
  const source = new OciLayoutSource(layout.dir);
  const [pushed] = await copyGraph(
    source,
    await loadGraph(source),
    [{ client: ownClient(locked), repository: 'private/app' }],
    { tags: ['1.0.0'] },
  );
  if (pushed?.error) throw pushed.error;
});
afterAll(async () => {
  await Promise.all([target?.stop(), locked?.stop()]);
  await rm(work, { recursive: true, force: true });
});

const cases: [
  string,
  () => Record<string, string>,
  Record<string, string>,
  () => RegExp,
  string,
][] = [
  [
    'a bad image path',
    () => ({ image: `oci:${join(work, 'no-such-layout')}`, registries: `${target.host} dev` }),
    {},
    () => /no-such-layout/,
    'source',
  ],
  [
    'a missing credential for a docker:// source',
    () => ({
      image: `docker://${locked.host}/private/app:1.0.0`,
      registries: `${target.host} dev`,
    }),
    {},
    () => new RegExp(`${locked.host.replace(/\./g, '\\.')} requires authentication`),
    'source',
  ],
  [
    'a release tag that is not semver (v1.2)',
    () => ({ image: `oci:${join(work, 'src')}`, registries: `${target.host} dev` }),
    { GITHUB_REF: 'refs/tags/v1.2' },
    () => /The tag v1\.2 looks like a release/,
    'plan',
  ],
  [
    'a bad registries line',
    () => ({ image: `oci:${join(work, 'src')}`, registries: `${target.host} devv` }),
    {},
    () => /registries line 1: unknown flag "devv"/,
    'inputs',
  ],
];

test.each(cases)(
  '%s: a summary, an error and a result, and nothing pushed',
  async (_name, inputs, env, messageOf, stage) => {
    const message = messageOf();
    const run = await runAction({ repository: 'early/app', ...inputs() }, env);
    // An unreadable source exits 1; wrong inputs and a plan that can't be made, 2.
    expect(run.code).toBe(stage === 'source' ? 1 : 2);
    expect(run.stdout).toMatch(/::error::/);
    expect(run.summary).toContain('oci-push: failed before pushing');
    expect(run.summary).toMatch(message);
    expect(run.summary).toContain('What was pushed:** nothing');
    const result = JSON.parse(run.outputs.result ?? 'null') as {
      status: string;
      stage: string;
      error: string;
      pushed: unknown[];
    }[];
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ status: 'failed', stage, pushed: [] });
    expect(result[0]?.error).toMatch(message);
    // Nothing reached the target registry.
    const tags = await fetch(`${target.url}/v2/early/app/tags/list`);
    expect(tags.status).toBe(404);
  },
);

test('a tag without its v (1.2.3) is a dev build, with a warning that names the release tag', async () => {
  const run = await runAction(
    {
      image: `oci:${join(work, 'src')}`,
      repository: 'early/untagged',
      registries: `${target.host} dev`,
    },
    { GITHUB_REF: 'refs/tags/1.2.3' },
  );
  expect(run.code).toBe(0);
  expect(run.outputs.build).toBe('dev');
  expect(run.stdout).toMatch(
    /::warning title=oci-push%3A not a release tag::The tag 1\.2\.3 looks like a release/,
  );
  expect(run.stdout).toContain('tag v1.2.3');
});
