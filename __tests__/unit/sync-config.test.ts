import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// ajv 6 (draft-07) is here only as ESLint's dependency: a test-only check of the shipped
// schema, so the bundle carries no validator.
import Ajv from 'ajv';
import { parse } from 'yaml';
import {
  parseSyncConfig,
  parseSyncConfigText,
  SyncConfigError,
} from '../../src/jobs/sync-config.js';

const schema = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../sync/schema.json'), 'utf8'),
) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);

/** The config of issue 15, as written there. */
const ISSUE_EXAMPLE = `
targets:
  gsoci:
    registry: gsoci.azurecr.io        # a line as in \`registries\` (flags like insecure, acr)
  aliyun:
    registry: giantswarm-registry.cn-shanghai.cr.aliyuncs.com
    mirror: true                      # best effort: its failures warn, never fail the run
images:
  - source: docker.io/library/alpine  # any registry; docker's name normalization
    target: giantswarm/alpine         # path on the targets; default: the source's path
    to: [gsoci, aliyun]               # default: every target
    tags:
      allow: ['^3\\.\\d+\\.\\d+$']        # regexes matched against whole tags; default: every tag
      deny: ['-rc']
      semver: '>=3.18.0'              # a semver range; tags that are not semver don't pass it
      newest: 3                       # after the filters, the newest N by semver precedence
      per: minor                      # with newest: N per major or per minor line
    overwrite: false                  # a target tag holding another digest: false = drift, reported, not moved
`;

test("the issue's example is valid to the schema and to the parser, and means what it says", async () => {
  expect(validate(parse(ISSUE_EXAMPLE))).toBe(true);
  const config = await parseSyncConfigText(ISSUE_EXAMPLE, 'config');
  expect(config.parallel).toBe(4);
  expect(config.targets).toEqual([
    { name: 'gsoci', host: 'gsoci.azurecr.io', insecure: false, acr: true, mirror: false },
    {
      name: 'aliyun',
      host: 'giantswarm-registry.cn-shanghai.cr.aliyuncs.com',
      insecure: false,
      acr: false,
      mirror: true,
    },
  ]);
  const [image] = config.images;
  expect(image?.source).toEqual({ host: 'docker.io', repository: 'library/alpine' });
  expect(image?.repository).toBe('giantswarm/alpine');
  expect(image?.to).toEqual(['gsoci', 'aliyun']);
  expect(image?.tags.allow.map((p) => p.source)).toEqual(['^3\\.\\d+\\.\\d+$']);
  expect(image?.tags.semver?.text).toBe('>=3.18.0');
  expect(image?.tags).toMatchObject({ newest: 3, per: 'minor' });
  expect(image?.overwrite).toBe(false);
});

test('defaults: every target, the source path, every tag; docker names normalize', () => {
  const config = parseSyncConfig({
    targets: { a: { registry: '127.0.0.1:5000' }, b: { registry: 'example.com insecure' } },
    images: [{ source: 'alpine' }, { source: 'quay.io/org/app' }],
    parallel: 2,
  });
  expect(config.parallel).toBe(2);
  expect(config.images.map((i) => [i.source.host, i.repository, i.to])).toEqual([
    ['docker.io', 'library/alpine', ['a', 'b']],
    ['quay.io', 'org/app', ['a', 'b']],
  ]);
  expect(config.targets[1]?.insecure).toBe(true);
});

const base = (): Record<string, unknown> => ({
  targets: { gsoci: { registry: 'gsoci.azurecr.io' } },
  images: [
    { source: 'docker.io/library/alpine' },
    { source: 'docker.io/library/busybox' },
    { source: 'quay.io/org/app', tags: {} as Record<string, unknown> },
  ],
});
const withImage = (change: (image: Record<string, unknown>) => void) => {
  const config = base();
  change((config.images as Record<string, unknown>[])[2] as Record<string, unknown>);
  return config;
};

/**
 * Each bad config: the path the parser names, and whether the schema can tell (a semver
 * range and a target's name are beyond what a JSON Schema checks; the parser checks them).
 */
const BAD: [string, Record<string, unknown>, RegExp, 'schema too' | 'parser only'][] = [
  [
    'an unknown key',
    withImage((i) => (i.tag = { allow: ['x'] })),
    /images\[2\]\.tag: unknown key; the keys here are source, target, to, tags, target-tag, overwrite, may-be-empty, repositories/,
    'schema too',
  ],
  ['an unknown top-level key', { ...base(), paralel: 2 }, /paralel: unknown key/, 'schema too'],
  [
    'a bad regex',
    withImage((i) => (i.tags = { allow: ['^1\\.', '(unclosed'] })),
    /images\[2\]\.tags\.allow\[1\]: "\(unclosed" is not a valid regular expression/,
    'schema too',
  ],
  [
    'a bad range',
    withImage((i) => (i.tags = { semver: '>=banana' })),
    /images\[2\]\.tags\.semver: ">=banana" is not a semver constraint/,
    'parser only',
  ],
  [
    'an unknown target name',
    withImage((i) => (i.to = ['gsoci', 'aliyun'])),
    /images\[2\]\.to\[1\]: "aliyun" is not a target; the targets are gsoci/,
    'parser only',
  ],
  [
    'a missing source',
    withImage((i) => delete i.source),
    /images\[2\]\.source: required/,
    'schema too',
  ],
  [
    'a source with a tag',
    withImage((i) => (i.source = 'quay.io/org/app:1.0')),
    /images\[2\]\.source: "quay.io\/org\/app:1.0" names a tag/,
    'schema too',
  ],
  [
    'per without newest',
    withImage((i) => (i.tags = { per: 'minor' })),
    /images\[2\]\.tags\.per: needs `newest`/,
    'schema too',
  ],
  [
    'a bad target path',
    withImage((i) => (i.target = 'Giantswarm/App')),
    /images\[2\]\.target: "Giantswarm\/App" is not a repository path/,
    'schema too',
  ],
  [
    'an unknown registry flag',
    { ...base(), targets: { gsoci: { registry: 'gsoci.azurecr.io dev' } } },
    /targets\.gsoci\.registry: unknown flag "dev"/,
    'schema too',
  ],
  ['no targets', { images: base().images }, /targets: required/, 'schema too'],
  [
    'parallel 0',
    { ...base(), parallel: 0 },
    /parallel: must be a whole number from 1/,
    'schema too',
  ],
];

test.each(BAD)('%s: an error naming its path', (_name, config, message, schemaSees) => {
  expect(() => parseSyncConfig(config)).toThrow(SyncConfigError);
  expect(() => parseSyncConfig(config)).toThrow(message);
  // The shipped schema agrees wherever a schema can see the problem.
  expect(validate(config)).toBe(schemaSees === 'parser only');
});

test('every problem is reported at once, each with its path', () => {
  const config = withImage((i) => {
    i.tags = { semver: 'nope', newest: 0 };
    i.overwrite = 'yes';
  });
  (config.images as Record<string, unknown>[])[0] = { target: 'x' };
  expect(() => parseSyncConfig(config)).toThrow(
    /4 problems:\n- images\[0\]\.source: required.*\n- images\[2\]\.tags\.semver: .*\n- images\[2\]\.tags\.newest: .*\n- images\[2\]\.overwrite: must be true or false/,
  );
});

test('YAML that does not parse is named, with its line', async () => {
  await expect(parseSyncConfigText('targets:\n  a: [\n', 'sync.yaml')).rejects.toThrow(
    /^sync\.yaml: not valid YAML/,
  );
  await expect(
    parseSyncConfigText('targets: {}\ntargets: {}\nimages: []\n', 'sync.yaml'),
  ).rejects.toThrow(/sync\.yaml: not valid YAML: Map keys must be unique/);
});
