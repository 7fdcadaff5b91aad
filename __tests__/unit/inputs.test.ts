import { getPushInputs as getInputs } from '../../src/action/inputs.js';
import { InputError } from '../../src/jobs/inputs.js';
import { parseCredentials } from '../../src/jobs/credentials-input.js';
import { defaultRepository, parseRegistryLines } from '../../src/jobs/push-inputs.js';

describe('credentials', () => {
  test.each([
    ['gsoci.azurecr.io=user:pass', 'gsoci.azurecr.io', { username: 'user', password: 'pass' }],
    ['h:5000=user:pa:ss=word', 'h:5000', { username: 'user', password: 'pa:ss=word' }],
    [
      '  gsoci.azurecr.io=00000000-0000-0000-0000-000000000000:eyJ==  ',
      'gsoci.azurecr.io',
      { username: '00000000-0000-0000-0000-000000000000', password: 'eyJ==' },
    ],
    // Whitespace around the separators is not part of a value; inside the password it is.
    ['h.io = user : pa ss  ', 'h.io', { username: 'user', password: 'pa ss' }],
    ['h.io=\tuser\t:\tpa=ss', 'h.io', { username: 'user', password: 'pa=ss' }],
  ])('%s', (text, host, credential) => {
    expect(parseCredentials(text).get(host)).toEqual(credential);
  });

  test('one per line, blank lines ignored', () => {
    expect([...parseCredentials('a.io=u:p\n\nb.io=v:q\n').keys()]).toEqual(['a.io', 'b.io']);
  });

  test.each([
    ['gsoci.azurecr.io:user:s3cret-value'],
    ['gsoci.azurecr.io=user-without-password-s3cret-value'],
    ['=user:s3cret-value'],
    ['gsoci.azurecr.io=:s3cret-value'],
    ['gsoci.azurecr.io = : s3cret-value'],
    ['https://user:s3cret-value@gsoci.azurecr.io=user:s3cret-value'],
    ['gsoci.azurecr.io user:s3cret-value=x'],
    ['gsoci.azurecr.io:user:s3cret-value=x:y'],
  ])('a malformed line is refused without echoing the secret: %s', (text) => {
    expect(() => parseCredentials(text)).toThrow(InputError);
    expect(() => parseCredentials(text)).toThrow(/credentials line 1/);
    try {
      parseCredentials(text);
    } catch (error) {
      expect(String(error)).not.toContain('s3cret-value');
    }
  });

  test('a second credential for the same host is refused', () => {
    expect(() => parseCredentials('a.io=u:p\na.io=v:q')).toThrow(/a\.io has a second credential/);
  });
});

describe('registries', () => {
  test.each([
    ['gsoci.azurecr.io dev', [{ host: 'gsoci.azurecr.io', dev: true, insecure: false, acr: true }]],
    [
      'gsociprivate.azurecr.io private dev',
      [
        {
          host: 'gsociprivate.azurecr.io',
          dev: true,
          insecure: false,
          acr: true,
          visibility: 'private',
        },
      ],
    ],
    [
      'registry.lan:5000 insecure public # the lab',
      [{ host: 'registry.lan:5000', dev: false, insecure: true, acr: false, visibility: 'public' }],
    ],
    [
      'acr.lan:8443 acr\nregistry.azurecr.cn',
      [
        { host: 'acr.lan:8443', dev: false, insecure: false, acr: true },
        { host: 'registry.azurecr.cn', dev: false, insecure: false, acr: true },
      ],
    ],
    [
      'a.io public/private dev\nb.io private/public',
      [
        { host: 'a.io', dev: true, insecure: false, acr: false, visibility: 'public/private' },
        { host: 'b.io', dev: false, insecure: false, acr: false, visibility: 'public/private' },
      ],
    ],
    [
      'a.io dev\n\n  b.io  ',
      [
        { host: 'a.io', dev: true, insecure: false, acr: false },
        { host: 'b.io', dev: false, insecure: false, acr: false },
      ],
    ],
  ])('%j', (text, expected) => {
    expect(parseRegistryLines(text, 'registries')).toEqual(expected);
  });

  test.each([
    ['gsoci.azurecr.io devv', /registries line 1: unknown flag "devv"/],
    ['a.io public private', /both public and private.*marked public\/private/],
    ['a.io public/private private', /both public and private/],
    ['a.io\na.io dev', /registries line 2: a\.io is listed twice/],
    ['https://a.io', /registries line 1.*not a registry host/],
    [
      '127.0.0.1:99999 dev',
      /^registries line 1 "127\.0\.0\.1:99999" has the port 99999, and a port is a number from 1 to 65535$/,
    ],
  ])('refuses %j', (text, message) => {
    expect(() => parseRegistryLines(text, 'registries')).toThrow(message);
  });
});

test('the default repository is giantswarm/<repository name>, lowercased', () => {
  expect(defaultRepository({ GITHUB_REPOSITORY: 'giantswarm/Cluster-AWS' })).toBe(
    'giantswarm/cluster-aws',
  );
  expect(() => defaultRepository({})).toThrow(/set `repository`/);
});

describe('getInputs reads INPUT_* as the runner sets them', () => {
  const saved = { ...process.env };
  afterEach(() => {
    // Put the environment back as it was: no INPUT_* left over for the next test.
    for (const key of Object.keys(process.env)) Reflect.deleteProperty(process.env, key);
    Object.assign(process.env, saved);
  });
  const set = (inputs: Record<string, string>): void => {
    for (const [name, value] of Object.entries(inputs))
      process.env[`INPUT_${name.toUpperCase()}`] = value;
  };

  test.each([
    [
      { image: 'oci:build/image' },
      {
        image: { transport: 'oci', path: 'build/image' },
        build: 'auto',
        dryRun: false,
        overwrite: false,
        chartRepository: 'charts/giantswarm',
      },
    ],
    [
      { chart: 'helm/app', 'mirror-charts': 'true' },
      { chart: 'helm/app', mirrorCharts: true },
    ],
    [
      {
        image: 'oci:x',
        build: 'release',
        version: '1.2.3',
        'tag-prefix': 'app/',
        tags: 'latest\n\n stable ',
      },
      { build: 'release', version: '1.2.3', tagPrefix: 'app/', tags: ['latest', 'stable'] },
    ],
    [
      { image: 'oci:x', 'dry-run': 'True', overwrite: 'FALSE', visibility: 'private' },
      { dryRun: true, overwrite: false, visibility: 'private', lock: false, devUntag: false },
    ],
    [
      {
        image: 'oci:x',
        'azure-client-id': '00000000-1111-2222-3333-444444444444',
        'azure-tenant-id': 'contoso.onmicrosoft.com',
        lock: 'true',
        'dev-untag': 'true',
      },
      {
        azure: {
          clientId: '00000000-1111-2222-3333-444444444444',
          tenantId: 'contoso.onmicrosoft.com',
          audience: 'api://AzureADTokenExchange',
        },
        lock: true,
        devUntag: true,
      },
    ],
    [
      {
        image: 'oci:x',
        'azure-client-id': '00000000-1111-2222-3333-444444444444',
        'azure-tenant-id': 'contoso.onmicrosoft.com',
        'azure-authority-host': 'https://login.chinacloudapi.cn',
        'azure-audience': 'api://AzureADTokenExchangeChina',
      },
      {
        azure: {
          clientId: '00000000-1111-2222-3333-444444444444',
          tenantId: 'contoso.onmicrosoft.com',
          authorityHost: 'https://login.chinacloudapi.cn',
          audience: 'api://AzureADTokenExchangeChina',
        },
      },
    ],
  ])('%j', (inputs, expected) => {
    set({ ...inputs });
    process.env.GITHUB_REPOSITORY = 'giantswarm/App';
    const parsed = getInputs(process.env);
    expect(parsed).toMatchObject(expected);
    expect(parsed.repository).toBe('giantswarm/app');
    expect(parsed.registries.map((r) => [r.host, r.dev, r.visibility])).toEqual([
      ['gsoci.azurecr.io', true, 'public'],
      ['gsociprivate.azurecr.io', true, 'private'],
      ['giantswarm.azurecr.io', false, 'public'],
    ]);
  });

  test.each([
    [{}, /^image, chart: nothing to push/],
    [{ image: 'oci:x', build: 'nightly' }, /^build: "nightly" is not one of auto, dev, release/],
    [{ image: 'oci:x', 'dry-run': 'yes' }, /^dry-run: "yes" is not true or false/],
    [
      { image: 'oci:x', 'azure-client-id': '00000000-1111-2222-3333-444444444444' },
      /^azure-tenant-id: required with `azure-client-id`; keyless Azure login needs both/,
    ],
    [
      {
        image: 'oci:x',
        'azure-client-id': '00000000-1111-2222-3333-444444444444',
        'azure-tenant-id': 'contoso.onmicrosoft.com',
        'azure-authority-host': 'login.x',
      },
      /^azure-authority-host: "login.x" is not an https URL of a host/,
    ],
    [
      { image: 'oci:x', visibility: 'internal' },
      /^visibility: "internal" is not one of auto, public, private/,
    ],
    [
      { image: 'oci:x', mirrors: 'aliyun.example dev nope' },
      /^mirrors line 1: unknown flag "nope"/,
    ],
    // Given blank, as an unset variable expands: not the defaults (action.yml has them).
    [{ image: 'oci:x', registries: '' }, /^registries: given, but empty/],
    [{ image: 'oci:x', registries: ' \n ' }, /^registries: given, but empty/],
  ])('refuses %j, naming the input', (inputs, message) => {
    set(inputs);
    process.env.GITHUB_REPOSITORY = 'giantswarm/app';
    expect(() => getInputs(process.env)).toThrow(message);
  });
});
