import { referrersTag } from '../../src/oci/referrers.js';
import { faults, startFaultProxy } from '../harness/fault-proxy.js';
import { ownClient } from '../harness/own-client.js';
import { cosignSignature, putReferrer } from '../harness/referrers.js';
import { inspectRaw, listTags } from '../harness/skopeo.js';
import { syncTestbed } from '../harness/sync-testbed.js';

/**
 * The sync items of issue #25 and the re-run repair of #21, through the built CLI and the
 * built sync action: config patterns with RE2 semantics, bounded configs, an alias bomb as an
 * input error, two entries writing one target tag caught at plan time, one broken image that
 * never stops the run, and a referrer that failed once copied by the next run.
 */
const bed = syncTestbed('oci-push-sync25-');
beforeAll(bed.open);
afterAll(bed.close);
const { registry, seed, cliSync } = bed;

test('a config pattern is RE2: (a+)+$ against a 41-character tag does not hold the run; lookahead is refused (exit 2)', async () => {
  const source = await registry();
  const target = await registry();
  await seed(source, 'up/redos', [`${'a'.repeat(40)}-`, 'aaa', 'b']);
  // A JavaScript RegExp backtracks exponentially here (2^40 ways to split the a's); RE2 is
  // linear. The test's own timeout is the bound: the run must finish to pass at all.
  const run = await cliSync(
    `targets:\n  t:\n    registry: ${target.host}\nimages:\n  - source: ${source.host}/up/redos\n` +
      `    tags: { allow: ['(a+)+$'] }\n`,
  );
  expect(run.code).toBe(0);
  expect(await listTags(target, 'up/redos')).toEqual(['aaa']);

  const lookahead = await cliSync(
    `targets:\n  t:\n    registry: ${target.host}\nimages:\n  - source: ${source.host}/up/redos\n` +
      `    tags: { allow: ['^a(?=a)'] }\n`,
  );
  expect(lookahead.code).toBe(2);
  expect(lookahead.stderr).toMatch(
    /images\[0\]\.tags\.allow\[0\]: "\^a\(\?=a\)" is not a valid regular expression \(RE2 syntax/,
  );
}, 60_000);

test('configs are bounded: 10 MB, /dev/zero and a deep nesting are refused as input errors (exit 2) before they are parsed', async () => {
  const target = await registry();
  const head = `targets:\n  t:\n    registry: ${target.host}\nimages:\n`;
  const big = head + '  - source: docker.io/library/alpine\n'.repeat(300_000);
  expect(big.length).toBeGreaterThan(10_000_000);
  const tooBig = await cliSync(big);
  expect(tooBig.code).toBe(2);
  expect(tooBig.stderr).toMatch(
    /config: the file .*sync\.yaml: more than 1 MiB: a sync config is at most 1048576 bytes/,
  );

  const zero = await cliSync('', [], '/dev/zero');
  expect(zero.code).toBe(2);
  expect(zero.stderr).toMatch(/config: the file \/dev\/zero: more than 1 MiB/);

  const deep = await cliSync(`${head}  - source: ${'['.repeat(100_000)}\n`);
  expect(deep.code).toBe(2);
  expect(deep.stderr).toMatch(/nested more than 64 deep/);
});

test('a YAML alias bomb is an input error: exit 2 from the CLI and from the action', async () => {
  const target = await registry();
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const bomb = `${levels.join('\n')}\ntargets:\n  t:\n    registry: ${target.host}\nimages: *i\n`;
  const cli = await cliSync(bomb);
  expect(cli.code).toBe(2);
  expect(cli.stderr).toMatch(/refused: .*alias.*at most 100 times/i);

  const action = await bed.actionSync(bomb);
  expect(action.code).toBe(2);
});

test('two entries from different sources writing one target tag are refused when the plan is made (exit 2), nothing copied', async () => {
  const a = await registry();
  const b = await registry();
  const target = await registry();
  await seed(a, 'up/tool', ['1.0.0', '1.1.0']);
  await seed(b, 'fork/tool', ['1.0.0', '2.0.0']);
  const run = await cliSync(
    `targets:\n  t:\n    registry: ${target.host}\nimages:\n` +
      `  - source: ${a.host}/up/tool\n    target: gs/tool\n` +
      `  - source: ${b.host}/fork/tool\n    target: gs/tool\n`,
  );
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(
    /gs\/tool:1\.0\.0 at target t would be written by images\[0\] \(.*up\/tool:1\.0\.0\) and by images\[1\] \(.*fork\/tool:1\.0\.0\)/,
  );
  expect(await listTags(target, 'gs/tool')).toEqual([]);

  // The action says the same, with the same exit code.
  const action = await bed.actionSync(
    `targets:\n  t:\n    registry: ${target.host}\nimages:\n` +
      `  - source: ${a.host}/up/tool\n    target: gs/tool\n` +
      `  - source: ${b.host}/fork/tool\n    target: gs/tool\n`,
  );
  expect(action.code).toBe(2);
  expect(await listTags(target, 'gs/tool')).toEqual([]);
});

test('one broken image never stops a sync: its referrers listing answers 500, the images after it are synced, and the JSON is written', async () => {
  const source = await registry();
  const target = await registry();
  await seed(source, 'up/broken', ['1.0.0']);
  await seed(source, 'up/after', ['1.0.0']);
  const proxy = await startFaultProxy(source.host, {
    plan: faults.on((r) => r.kind === 'referrers' && r.path.startsWith('/v2/up/broken/'), {
      status: 500,
    }),
  });
  try {
    const run = await cliSync(
      `parallel: 1\ntargets:\n  t:\n    registry: ${target.host}\nimages:\n` +
        `  - source: ${proxy.host}/up/broken\n  - source: ${proxy.host}/up/after\n`,
    );
    expect(proxy.requests.some((r) => r.kind === 'referrers' && r.status === 500)).toBe(true);
    expect(run.code).toBe(1);
    expect(run.json).toBeDefined();
    const [broken, after] = run.result.images;
    expect(broken?.tags[0]?.targets[0]?.status).toBe('failed');
    expect(broken?.tags[0]?.targets[0]?.error).toMatch(/referrers/);
    expect(after?.tags[0]?.targets[0]?.status).toBe('copied');
    expect(await listTags(target, 'up/after')).toEqual(['1.0.0']);
    expect(run.stderr).toMatch(/\| up\/broken|up\/broken → up\/broken/);
  } finally {
    await proxy.close();
  }
});

test('re-runs repair: a signature a strict mirror refused once is found missing from the listing and copied on the next run', async () => {
  const source = await registry();
  const target = await registry();
  const digest = await seed(source, 'org/signed', ['3.0.0']);
  const signature = cosignSignature(digest, `${source.host}/org/signed`);
  const sigTag = `${referrersTag(digest)}.sig`;
  await putReferrer(ownClient(source), 'org/signed', signature, sigTag);
  // The mirror refuses the signature's tag (403), as a strict mirror refusing unknown types.
  const mirror = await startFaultProxy(target.host, {
    plan: faults.on((r) => r.method === 'PUT' && r.path.endsWith(`/manifests/${sigTag}`), {
      status: 403,
    }),
  });
  try {
    const config = `targets:\n  t:\n    registry: ${mirror.host}\nimages:\n  - source: ${source.host}/org/signed\n`;
    const first = await cliSync(config);
    expect(first.code).toBe(1);
    expect(await listTags(target, 'org/signed')).toEqual(['3.0.0']);

    mirror.setPlan(faults.none());
    mirror.reset();
    const again = await cliSync(config);
    expect(again.code).toBe(0);
    // The image itself was trusted from the listing; only the missing signature travelled.
    expect(again.result.images[0]?.tags[0]?.targets[0]?.status).toBe('trusted');
    expect(again.result.images[0]?.repairs?.[0]).toMatchObject({ status: 'copied', copied: 1 });
    expect(sorted(await listTags(target, 'org/signed'))).toEqual(sorted(['3.0.0', sigTag]));
    expect(
      (await inspectRaw(target, `org/signed:${sigTag}`)).equals(signature.manifest.bytes),
    ).toBe(true);

    // A third run finds nothing missing and asks nothing but the listings (and a HEAD of the
    // signed tag at the source, to know its digest).
    mirror.reset();
    const third = await cliSync(config);
    expect(third.code).toBe(0);
    expect(third.result.images[0]?.repairs).toBeUndefined();
    expect(mirror.requests.map((r) => `${r.method} ${r.kind}`)).toEqual(['GET ping', 'GET tags']);
  } finally {
    await mirror.close();
  }
});

const sorted = (list: string[]): string[] => [...list].sort();
