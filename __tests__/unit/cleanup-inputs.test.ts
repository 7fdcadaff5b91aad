import { globToRegExp, selectRepositories } from '../../src/oci/repository-glob.js';
import { getCleanupInputs } from '../../src/action/cleanup.js';
import {
  cleanupRules,
  parseCleanupInputs,
  parseOlderThan,
  parseTagPattern,
  RELEASE_TAG_PROBES,
} from '../../src/jobs/cleanup-inputs.js';
import { InputError } from '../../src/jobs/inputs.js';

const MINIMAL = {
  registry: 'gsoci.azurecr.io',
  repositories: 'giantswarm/*',
  'older-than': '7d',
};
const getter =
  (inputs: Record<string, string>) =>
  (name: string): string =>
    inputs[name] ?? '';
const parse = (inputs: Record<string, string>) =>
  parseCleanupInputs(getter({ ...MINIMAL, ...inputs }));

describe('older-than', () => {
  test.each([
    ['30m', 30 * 60_000],
    ['36h', 36 * 3_600_000],
    ['7d', 7 * 86_400_000],
    ['2w', 14 * 86_400_000],
  ])('%s', (text, ms) => {
    expect(parseOlderThan(text)).toEqual({ text, ms });
  });

  test.each([
    ['', /^older-than: required/],
    ['0d', /^older-than: "0d" is zero/],
    ['0', /^older-than: "0" has no unit/],
    ['-1d', /^older-than: "-1d" is negative/],
    ['7', /^older-than: "7" has no unit; write 7d for days/],
    ['1.5d', /^older-than: "1.5d" is not a whole number and a unit/],
    ['7D', /^older-than: "7D" is not/],
    ['7 days', /^older-than: "7 days" is not/],
    ['1d12h', /^older-than: "1d12h" is not/],
    ['99999999999999999w', /^older-than: .* is too large/],
  ])('refuses %j', (text, message) => {
    expect(() => parseOlderThan(text)).toThrow(InputError);
    expect(() => parseOlderThan(text)).toThrow(message);
  });

  test('under an hour is accepted with a warning about pushes in progress', () => {
    expect(parse({ 'older-than': '30m' }).warnings).toEqual([
      expect.stringMatching(/^older-than: 30m is under an hour.*mid-push/),
    ]);
    expect(parse({ 'older-than': '1h' }).warnings).toEqual([]);
  });
});

describe('repository globs: * within a segment, ** across segments', () => {
  test.each([
    ['giantswarm/*', 'giantswarm/app', true],
    ['giantswarm/*', 'giantswarm/charts/app', false],
    ['giantswarm/*', 'giantswarm', false],
    ['giantswarm/*', 'giantswarmx/app', false],
    ['giantswarm/**', 'giantswarm/app', true],
    ['giantswarm/**', 'giantswarm/charts/app', true],
    ['giantswarm/**', 'giantswarm', false],
    ['**/app', 'app', true],
    ['**/app', 'x/y/app', true],
    ['**/app', 'x/myapp', false],
    ['charts/**/app', 'charts/app', true],
    ['charts/**/app', 'charts/giantswarm/app', true],
    ['**', 'anything/at/all', true],
    ['giantswarm/app-?', 'giantswarm/app-1', true],
    ['giantswarm/app-?', 'giantswarm/app-12', false],
    ['giantswarm/app.v2', 'giantswarm/appxv2', false],
    ['giantswarm/*-dev', 'giantswarm/cluster-aws-dev', true],
  ])('%s on %s → %s', (glob, name, expected) => {
    expect(globToRegExp(glob).test(name)).toBe(expected);
  });

  test.each([
    ['Giantswarm/*', /lowercase letters/],
    ['giantswarm/[ab]', /lowercase letters/],
    ['giantswarm/{a,b}', /lowercase letters/],
    ['giantswarm/app**', /\*\* must be a whole path segment/],
    ['/giantswarm/*', /empty path segment/],
    ['giantswarm//app', /empty path segment/],
  ])('refuses %s, naming the line', (glob, message) => {
    expect(() => parse({ repositories: `giantswarm/ok\n${glob}` })).toThrow(
      /^repositories line 2: /,
    );
    expect(() => parse({ repositories: glob })).toThrow(message);
  });

  test('one per line, comments and blank lines ignored, duplicates dropped; none is an error', () => {
    expect(
      parse({ repositories: '# images\ngiantswarm/*\n\n  charts/** # charts\ngiantswarm/*\n' })
        .repositories,
    ).toEqual(['giantswarm/*', 'charts/**']);
    expect(() => parse({ repositories: '# nothing\n' })).toThrow(
      /^repositories: required, one glob per line.*\*\*/,
    );
  });

  test('selecting repositories reports globs that matched nothing', () => {
    expect(
      selectRepositories(
        ['giantswarm/b', 'giantswarm/a', 'charts/giantswarm/c', 'other/x', 'giantswarm/a'],
        ['giantswarm/*', 'charts/**', 'typo/*'],
      ),
    ).toEqual({
      selected: ['charts/giantswarm/c', 'giantswarm/a', 'giantswarm/b'],
      unmatched: ['typo/*'],
    });
  });
});

describe('tag-pattern', () => {
  test.each([['dev-.+'], ['^\\d+\\.\\d+\\.\\d+-[0-9a-f]{40}$'], ['pr-\\d+'], ['.*-dev']])(
    '%s is accepted as written',
    (text) => {
      expect(parseTagPattern(text).source).toBe(new RegExp(text).source);
    },
  );

  test.each([
    ['.*', '1.2.3'],
    ['\\d+\\.\\d+\\.\\d+.*', '1.2.3'],
    ['v?\\d+\\.\\d+\\.\\d+', '1.2.3'],
    ['\\d+\\.\\d+\\.\\d+-.+', '1.2.3-rc.1'],
    ['latest|dev-.*', 'latest'],
    ['[^-]+_build\\.\\d+', '1.2.3_build.5'],
  ])('%s is refused: it matches the release tag %s', (text, release) => {
    expect(() => parseTagPattern(text)).toThrow(InputError);
    expect(() => parseTagPattern(text)).toThrow(
      new RegExp(`^tag-pattern: ".*" matches the release tag "${release.replace(/\./g, '\\.')}"`),
    );
  });

  test('the release probes are release tags and the dev tags we expect pass them', () => {
    expect(RELEASE_TAG_PROBES).toContain('1.2.3');
    // The old dev format <release>-<sha> is semver too, but not a release: a pattern for it passes.
    expect(() => parseTagPattern('\\d+\\.\\d+\\.\\d+-[0-9a-f]{40}')).not.toThrow();
  });

  test('a pattern that does not compile names the input', () => {
    expect(() => parseTagPattern('dev-(')).toThrow(
      /^tag-pattern: "dev-\(" is not a valid regular expression \(RE2 syntax/,
    );
  });
});

describe('the whole input set', () => {
  test('defaults: untagged on, no tag-pattern, keep 0, not a dry run, no Azure login yet', () => {
    expect(parse({})).toEqual({
      registry: 'gsoci.azurecr.io',
      repositories: ['giantswarm/*'],
      olderThan: { text: '7d', ms: 7 * 86_400_000 },
      untagged: true,
      keep: 0,
      dryRun: false,
      sku: 'basic',
      warnings: [],
    });
  });

  test('registry-sku: the tier the cleanup paces itself to; anything else is refused', () => {
    expect(parse({ 'registry-sku': 'Premium' }).sku).toBe('premium');
    expect(() => parse({ 'registry-sku': 'gold' })).toThrow(/registry-sku/);
  });

  test('everything set', () => {
    const inputs = parse({
      'older-than': ' 36h ',
      untagged: 'False',
      'tag-pattern': 'dev-.+',
      keep: '3',
      'dry-run': 'TRUE',
      'azure-client-id': '00000000-1111-2222-3333-444444444444',
      'azure-tenant-id': 'contoso.onmicrosoft.com',
      'azure-authority-host': 'https://login.microsoftonline.us',
      'azure-audience': 'api://custom',
    });
    expect(inputs).toMatchObject({
      olderThan: { text: '36h', ms: 36 * 3_600_000 },
      untagged: false,
      keep: 3,
      dryRun: true,
      azure: {
        clientId: '00000000-1111-2222-3333-444444444444',
        tenantId: 'contoso.onmicrosoft.com',
        authorityHost: 'https://login.microsoftonline.us',
        audience: 'api://custom',
      },
    });
    expect(inputs.tagPattern?.source).toBe('dev-.+');
    const now = new Date('2025-01-01T00:00:00Z');
    expect(cleanupRules(inputs, now)).toEqual({
      now,
      olderThanMs: 36 * 3_600_000,
      untagged: false,
      tagPattern: inputs.tagPattern,
      keep: 3,
    });
  });

  test.each([
    [{ registry: '' }, /^registry: required/],
    [
      { registry: 'https://gsoci.azurecr.io' },
      /^registry "https:\/\/gsoci\.azurecr\.io" is not a registry host/,
    ],
    [{ untagged: 'yes' }, /^untagged: "yes" is not true or false/],
    [{ 'dry-run': '1' }, /^dry-run: "1" is not true or false/],
    [{ keep: '-1' }, /^keep: "-1" is not a whole number of 0 or more/],
    [{ keep: '2.5' }, /^keep: "2.5" is not a whole number/],
    [{ keep: 'all' }, /^keep: "all" is not a whole number/],
    [
      { untagged: 'false' },
      /^untagged, tag-pattern: with `untagged: false` and no `tag-pattern` nothing can be deleted/,
    ],
    [
      { 'azure-client-id': '00000000-1111-2222-3333-444444444444' },
      /^azure-tenant-id: required with `azure-client-id`/,
    ],
    [
      { 'azure-tenant-id': 'contoso.onmicrosoft.com' },
      /^azure-client-id: required with `azure-tenant-id`/,
    ],
    [
      { 'azure-client-id': 'my-app', 'azure-tenant-id': 'contoso.onmicrosoft.com' },
      /^azure-client-id: "my-app" is not a GUID/,
    ],
    [
      {
        'azure-client-id': '00000000-1111-2222-3333-444444444444',
        'azure-tenant-id': 'contoso',
      },
      /^azure-tenant-id: "contoso" is not a tenant GUID or domain/,
    ],
    [
      { 'azure-authority-host': 'http://login.example' },
      /^azure-authority-host: .* is not an https URL/,
    ],
    [{ 'azure-authority-host': 'login.example' }, /^azure-authority-host: .* is not an https URL/],
  ])('refuses %j, naming the input', (inputs, message) => {
    expect(() => parse(inputs)).toThrow(InputError);
    expect(() => parse(inputs)).toThrow(message);
  });
});

describe('getCleanupInputs reads INPUT_* as the runner sets them', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) Reflect.deleteProperty(process.env, key);
    Object.assign(process.env, saved);
  });

  test('through @actions/core, with names as action.yml spells them', () => {
    process.env.INPUT_REGISTRY = 'gsoci.azurecr.io';
    process.env.INPUT_REPOSITORIES = 'giantswarm/*\ncharts/giantswarm/*';
    process.env['INPUT_OLDER-THAN'] = '2w';
    process.env['INPUT_TAG-PATTERN'] = 'dev-.+';
    process.env['INPUT_DRY-RUN'] = 'true';
    const inputs = getCleanupInputs();
    expect(inputs).toMatchObject({
      registry: 'gsoci.azurecr.io',
      repositories: ['giantswarm/*', 'charts/giantswarm/*'],
      olderThan: { ms: 14 * 86_400_000 },
      dryRun: true,
    });
    expect(inputs.tagPattern?.source).toBe('dev-.+');
  });
});
