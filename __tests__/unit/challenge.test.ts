import { parseChallenge } from '../../src/registry/challenge.js';

test.each([
  [
    'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
    {
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:library/alpine:pull',
      },
    },
  ],
  [
    'Bearer realm="https://gsoci.azurecr.io/oauth2/token",service="gsoci.azurecr.io"',
    {
      scheme: 'bearer',
      params: { realm: 'https://gsoci.azurecr.io/oauth2/token', service: 'gsoci.azurecr.io' },
    },
  ],
  ['Basic realm="Registry Realm"', { scheme: 'basic', params: { realm: 'Registry Realm' } }],
  ['basic realm=unquoted', { scheme: 'basic', params: { realm: 'unquoted' } }],
  [
    'Bearer realm="r", error="insufficient_scope", scope="repository:a/b:pull,push repository:c:pull"',
    {
      scheme: 'bearer',
      params: {
        realm: 'r',
        error: 'insufficient_scope',
        scope: 'repository:a/b:pull,push repository:c:pull',
      },
    },
  ],
  [
    'Bearer realm="a \\"quoted\\" realm"',
    { scheme: 'bearer', params: { realm: 'a "quoted" realm' } },
  ],
  ['Negotiate', { scheme: 'other', params: {} }],
])('parses %s', (header, expected) => {
  expect(parseChallenge(header)).toEqual(expected);
});

test('no header, no challenge', () => {
  expect(parseChallenge(undefined)).toBeUndefined();
  expect(parseChallenge('')).toBeUndefined();
});
