import {
  blobUrl,
  isLoopbackHost,
  manifestUrl,
  registryBaseUrl,
  resolveLocation,
  uploadCompleteUrl,
} from '../../src/registry/endpoints.js';

const digest = `sha256:${'a'.repeat(64)}` as const;

test.each([
  ['localhost:5000', true],
  ['127.0.0.1:5000', true],
  ['127.3.4.5', true],
  ['[::1]:5000', true],
  ['gsoci.azurecr.io', false],
  ['127.0.0.1.nip.io', false],
  ['10.0.0.1:5000', false],
])('loopback(%s) is %s', (host, expected) => {
  expect(isLoopbackHost(host)).toBe(expected);
});

test('plain HTTP only for loopback or a registry marked insecure', () => {
  expect(registryBaseUrl({ host: '127.0.0.1:5000' }).href).toBe('http://127.0.0.1:5000/v2/');
  expect(registryBaseUrl({ host: 'gsoci.azurecr.io' }).href).toBe('https://gsoci.azurecr.io/v2/');
  expect(registryBaseUrl({ host: 'registry.lan:5000', insecure: true }).href).toBe(
    'http://registry.lan:5000/v2/',
  );
  // An ACR is HTTPS wherever it is, loopback included (the tests' local ACR).
  expect(registryBaseUrl({ host: '127.0.0.1:8443', https: true }).href).toBe(
    'https://127.0.0.1:8443/v2/',
  );
});

test('endpoint URLs follow the distribution spec', () => {
  const ep = { host: 'gsoci.azurecr.io' };
  expect(blobUrl(ep, 'giantswarm/app', digest).href).toBe(
    `https://gsoci.azurecr.io/v2/giantswarm/app/blobs/${digest}`,
  );
  expect(manifestUrl(ep, 'giantswarm/app', '1.2.3').href).toBe(
    'https://gsoci.azurecr.io/v2/giantswarm/app/manifests/1.2.3',
  );
});

test('an upload Location may be relative or absolute, and keeps its query parameters', () => {
  const request = new URL('https://gsoci.azurecr.io/v2/giantswarm/app/blobs/uploads/');
  const relative = resolveLocation(
    '/v2/giantswarm/app/blobs/uploads/u-1?_state=abc&sig=x',
    request,
  );
  expect(relative.href).toBe(
    'https://gsoci.azurecr.io/v2/giantswarm/app/blobs/uploads/u-1?_state=abc&sig=x',
  );
  const absolute = resolveLocation('https://storage.example/upload/u-2?token=t', request);
  expect(absolute.href).toBe('https://storage.example/upload/u-2?token=t');
  const complete = uploadCompleteUrl(relative, digest);
  expect(complete.searchParams.get('_state')).toBe('abc');
  expect(complete.searchParams.get('sig')).toBe('x');
  expect(complete.searchParams.get('digest')).toBe(digest);
});

test('loopback is recognised whatever the case of the host name', () => {
  expect(isLoopbackHost('LOCALHOST:5000')).toBe(true);
  expect(isLoopbackHost('LocalHost')).toBe(true);
});
