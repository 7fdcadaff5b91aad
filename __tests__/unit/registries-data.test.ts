import { DEFAULT_REGISTRIES, parsePushInputs } from '../../src/jobs/push-inputs.js';
import { parseRegistriesData } from '../../src/jobs/registries-data.js';

/** The orb's registries data as Giant Swarm's CircleCI contexts hold it (FACTS.md). */
const DATA = [
  'private gsociprivate.azurecr.io ACR_GSOCIPRIVATE_USERNAME ACR_GSOCIPRIVATE_PASSWORD true',
  'public gsoci.azurecr.io ACR_GSOCI_USERNAME ACR_GSOCI_PASSWORD true',
  'public giantswarm-registry.cn-shanghai.cr.aliyuncs.com ALIYUN_USERNAME ALIYUN_PASSWORD false',
].join('\n');
const ENV = {
  ACR_GSOCIPRIVATE_USERNAME: 'private-user',
  ACR_GSOCIPRIVATE_PASSWORD: 'private-pass',
  ACR_GSOCI_USERNAME: 'gsoci-user',
  ACR_GSOCI_PASSWORD: 'gsoci-pass',
  ALIYUN_USERNAME: 'aliyun-user',
  ALIYUN_PASSWORD: 'aliyun-pass',
};
const base64 = (text: string): string => Buffer.from(text).toString('base64');

test.each([
  ['as written', DATA],
  ['base64, as REGISTRIES_DATA_BASE64 holds it', base64(DATA)],
  ['base64 wrapped at 76 columns, as `base64` writes it', base64(DATA).replace(/.{76}/g, '$&\n')],
])('%s: hosts, markers, the dev flag, Aliyun as a mirror, credentials', (_, text) => {
  const masked: string[] = [];
  const data = parseRegistriesData(text, ENV, (s) => masked.push(s));
  expect(data.registries).toEqual([
    {
      host: 'gsociprivate.azurecr.io',
      dev: true,
      visibility: 'private',
      insecure: false,
      acr: true,
    },
    { host: 'gsoci.azurecr.io', dev: true, visibility: 'public', insecure: false, acr: true },
  ]);
  expect(data.mirrors).toEqual([
    {
      host: 'giantswarm-registry.cn-shanghai.cr.aliyuncs.com',
      dev: false,
      visibility: 'public',
      insecure: false,
      acr: false,
    },
  ]);
  expect(Object.fromEntries(data.credentials)).toEqual({
    'gsociprivate.azurecr.io': { username: 'private-user', password: 'private-pass' },
    'gsoci.azurecr.io': { username: 'gsoci-user', password: 'gsoci-pass' },
    'giantswarm-registry.cn-shanghai.cr.aliyuncs.com': {
      username: 'aliyun-user',
      password: 'aliyun-pass',
    },
  });
  // Every username and password is masked before anything could print it.
  expect(masked.sort()).toEqual(Object.values(ENV).sort());
  expect(data.warnings).toEqual([]);
});

test('public/private is one marker; a variable that is not set is a warning, not a credential', () => {
  const data = parseRegistriesData('public/private r.example U P false', { U: 'u' }, () => {});
  expect(data.registries).toEqual([
    { host: 'r.example', dev: false, visibility: 'public/private', insecure: false, acr: false },
  ]);
  expect(data.credentials.size).toBe(0);
  expect(data.warnings).toEqual([
    expect.stringMatching(/line 1: P is not set, so r\.example gets no credential/),
  ]);
});

test.each([
  [
    'public r.example U P',
    /line 1 has 4 fields; a line is VISIBILITY HOST USER_ENV PASS_ENV PUSH_DEV/,
  ],
  [
    'internal r.example U P true',
    /line 1: the first field is not public, private or public\/private/,
  ],
  ['public https://r.example U P true', /line 1: the second field is not a registry host/],
  [
    'public r.example alice hunter2-secret! true',
    /the fourth field is not the name of an environment variable/,
  ],
  ['public r.example U P yes', /PUSH_DEV: "yes" is not true or false/],
  ['public r.example U P true\nprivate r.example V Q true', /line 2: r\.example is listed twice/],
  ['public a.cn-shanghai.cr.aliyuncs.com U P false', /no registry lines \(only Aliyun mirrors/],
  ['bm90IGxpbmVzAAE=', /the value \(not shown\) is neither registry lines/],
])('%j is refused: %s', (text, message) => {
  expect(() => parseRegistriesData(text, {}, () => {})).toThrow(message);
  // A field that failed its check is never echoed: it may be a secret in the wrong place.
  try {
    parseRegistriesData(text, {}, () => {});
  } catch (error) {
    expect(String(error)).not.toContain('hunter2-secret!');
  }
});

describe('registries-data among the push inputs', () => {
  const parse = (values: Record<string, string>, env: NodeJS.ProcessEnv = ENV) =>
    parsePushInputs(
      (name) => values[name] ?? '',
      env,
      () => {},
    );

  test('it replaces registries at their default (the action always has one), and adds mirrors', () => {
    const inputs = parse({
      image: 'oci:x',
      repository: 'a/b',
      registries: DEFAULT_REGISTRIES.replace(/\n/g, '\n  '),
      'registries-data': base64(DATA),
      mirrors: 'mirror.example public',
    });
    expect(inputs.registries.map((l) => l.host)).toEqual([
      'gsociprivate.azurecr.io',
      'gsoci.azurecr.io',
    ]);
    expect(inputs.mirrors.map((l) => l.host)).toEqual([
      'mirror.example',
      'giantswarm-registry.cn-shanghai.cr.aliyuncs.com',
    ]);
    expect(inputs.credentials.get('gsoci.azurecr.io')).toEqual({
      username: 'gsoci-user',
      password: 'gsoci-pass',
    });
  });

  test.each([
    [{ registries: 'r.example dev' }, /^registries, registries-data: both are set/],
    [
      { credentials: 'gsoci.azurecr.io=a:b' },
      /^credentials, registries-data: gsoci\.azurecr\.io has a credential in both/,
    ],
    [
      { mirrors: 'giantswarm-registry.cn-shanghai.cr.aliyuncs.com' },
      /^mirrors, registries-data: giantswarm-registry\.cn-shanghai\.cr\.aliyuncs\.com is in both/,
    ],
  ])('%j with registries-data is an input error', (extra, message) => {
    expect(() =>
      parse({ image: 'oci:x', repository: 'a/b', 'registries-data': DATA, ...extra }),
    ).toThrow(message);
  });
});

describe('the tag inputs', () => {
  const parse = (values: Record<string, string>) =>
    parsePushInputs(
      (name) => ({ image: 'oci:x', repository: 'a/b', ...values })[name] ?? '',
      {},
      () => {},
    );

  test('tag-suffix, dev-tags, branch-tags, floating-tags', () => {
    expect(
      parse({
        'tag-suffix': ' -python\n',
        'dev-tags': 'true',
        'branch-tags': 'main=latest\n# a comment\nrelease/v2 = v2-latest',
        'floating-tags': 'always',
      }),
    ).toMatchObject({
      tagSuffix: '-python',
      devTags: true,
      branchTags: new Map([
        ['main', 'latest'],
        ['release/v2', 'v2-latest'],
      ]),
      floatingTags: 'always',
    });
    expect(parse({})).toMatchObject({ tagSuffix: '', devTags: false, floatingTags: 'forward' });
  });

  test.each([
    [{ 'tag-suffix': '+python' }, /^tag-suffix: "\+python" can't be part of a tag/],
    [{ 'branch-tags': 'main' }, /^branch-tags line 1: "main" is not BRANCH=TAG/],
    [{ 'branch-tags': 'main=la test' }, /^branch-tags line 1/],
    [{ 'branch-tags': 'main=a\nmain=b' }, /^branch-tags line 2: the branch main has a second tag/],
    [{ 'floating-tags': 'backward' }, /^floating-tags: "backward" is not one of forward, always/],
    [{ 'dev-untag': 'true', 'dev-tags': 'true' }, /^dev-untag, dev-tags: /],
    [{ 'dev-untag': 'true', 'branch-tags': 'main=latest' }, /^dev-untag, branch-tags: /],
  ])('%j is refused', (values, message) => {
    expect(() => parse(values)).toThrow(message);
  });
});
