import { parseDockerAuths, resolveCredential } from '../../src/jobs/credentials.js';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

test('reads auths as docker/login-action writes them, by host', () => {
  const auths = parseDockerAuths({
    auths: {
      'gsoci.azurecr.io': { auth: b64('user:pa:ss') },
      'https://giantswarm.azurecr.io/v1/': { username: 'u2', password: 'p2' },
      'https://index.docker.io/v1/': { auth: b64('hub:token') },
      'acr.azurecr.io': {
        auth: b64('00000000-0000-0000-0000-000000000000:'),
        identitytoken: 'refresh',
      },
      'empty.example': {},
    },
  });
  expect(Object.fromEntries(auths)).toEqual({
    'gsoci.azurecr.io': { kind: 'basic', username: 'user', password: 'pa:ss' },
    'giantswarm.azurecr.io': { kind: 'basic', username: 'u2', password: 'p2' },
    'docker.io': { kind: 'basic', username: 'hub', password: 'token' },
    'acr.azurecr.io': {
      kind: 'identity-token',
      token: 'refresh',
      username: '00000000-0000-0000-0000-000000000000',
    },
  });
});

test('a config without auths has none; a broken auth is an error that hides its value', () => {
  expect(parseDockerAuths({ credsStore: 'desktop' }).size).toBe(0);
  expect(() => parseDockerAuths({ auths: { 'a.io': { auth: b64('no-colon-secret') } } })).toThrow(
    /"auth" of a\.io is not base64 of user:password/,
  );
  try {
    parseDockerAuths({ auths: { 'a.io': { auth: b64('no-colon-secret') } } });
  } catch (error) {
    expect(String(error)).not.toContain('no-colon-secret');
  }
});

test('the credentials input wins over the docker config; Docker Hub hosts share one entry', () => {
  const docker = parseDockerAuths({
    auths: {
      'a.io': { auth: b64('docker:pw') },
      'https://index.docker.io/v1/': { auth: b64('hub:pw') },
    },
  });
  const input = new Map([['a.io', { username: 'input', password: 'pw' }]]);
  expect(resolveCredential('a.io', input, docker, '/cfg')).toEqual({
    credential: { kind: 'basic', username: 'input', password: 'pw' },
    source: 'the `credentials` input',
  });
  expect(resolveCredential('registry-1.docker.io', new Map(), docker, '/cfg')?.source).toBe('/cfg');
  expect(resolveCredential('b.io', input, docker, '/cfg')).toBeUndefined();
});
