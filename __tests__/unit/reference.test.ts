import {
  apiHost,
  formatSourceReference,
  InvalidReferenceError,
  isRepository,
  parseImageName,
  parseSourceReference,
  type SourceReference,
} from '../../src/oci/reference.js';

const DIGEST = `sha256:${'ab'.repeat(32)}` as const;

test.each<[string, SourceReference]>([
  ['oci:./build/layout', { transport: 'oci', path: './build/layout' }],
  ['oci:/tmp/layout:app', { transport: 'oci', path: '/tmp/layout', ref: 'app' }],
  ['oci:layout:1.2.3', { transport: 'oci', path: 'layout', ref: '1.2.3' }],
  ['oci-archive:image.tar', { transport: 'oci-archive', path: 'image.tar' }],
  ['oci-archive:out/image.tar:v1', { transport: 'oci-archive', path: 'out/image.tar', ref: 'v1' }],
  ['docker-archive:img.tar', { transport: 'docker-archive', path: 'img.tar' }],
  [
    'docker-archive:img.tar:app:1.0',
    { transport: 'docker-archive', path: 'img.tar', name: 'app:1.0' },
  ],
  // Untagged means latest, written out so the match is exact.
  [
    'docker-archive:img.tar:app',
    { transport: 'docker-archive', path: 'img.tar', name: 'app:latest' },
  ],
  // The path ends at the first colon; the rest may hold a host with a port.
  [
    'docker-archive:img.tar:localhost:5000/team/app:2',
    { transport: 'docker-archive', path: 'img.tar', name: 'localhost:5000/team/app:2' },
  ],
  [
    'docker-archive:img.tar:localhost:5000/team/app',
    { transport: 'docker-archive', path: 'img.tar', name: 'localhost:5000/team/app:latest' },
  ],
  ['docker-archive:img.tar:@0', { transport: 'docker-archive', path: 'img.tar', index: 0 }],
  ['docker-archive:img.tar:@12', { transport: 'docker-archive', path: 'img.tar', index: 12 }],
  ['docker-daemon:app:1.0', { transport: 'docker-daemon', name: 'app:1.0' }],
  ['docker-daemon:busybox', { transport: 'docker-daemon', name: 'busybox:latest' }],
  [
    'docker-daemon:ghcr.io/org/app:1.0',
    { transport: 'docker-daemon', name: 'ghcr.io/org/app:1.0' },
  ],
  [`docker-daemon:app@${DIGEST}`, { transport: 'docker-daemon', name: `app@${DIGEST}` }],
  // An image ID, which `docker save` accepts too.
  [`docker-daemon:${DIGEST}`, { transport: 'docker-daemon', name: DIGEST }],
  [
    'docker://gsoci.azurecr.io/giantswarm/app:1.0.0',
    { transport: 'docker', host: 'gsoci.azurecr.io', repository: 'giantswarm/app', tag: '1.0.0' },
  ],
  [
    `docker://gsoci.azurecr.io/giantswarm/app@${DIGEST}`,
    { transport: 'docker', host: 'gsoci.azurecr.io', repository: 'giantswarm/app', digest: DIGEST },
  ],
  [
    'docker://gsoci.azurecr.io/giantswarm/app',
    { transport: 'docker', host: 'gsoci.azurecr.io', repository: 'giantswarm/app', tag: 'latest' },
  ],
  [
    'docker://127.0.0.1:5000/app:dev',
    { transport: 'docker', host: '127.0.0.1:5000', repository: 'app', tag: 'dev' },
  ],
  [
    'docker://localhost/app',
    { transport: 'docker', host: 'localhost', repository: 'app', tag: 'latest' },
  ],
  [
    'docker://[::1]:5000/a/b:c',
    { transport: 'docker', host: '[::1]:5000', repository: 'a/b', tag: 'c' },
  ],
  // Docker Hub: a first component without `.`, `:` or `localhost` is not a host.
  [
    'docker://busybox',
    { transport: 'docker', host: 'docker.io', repository: 'library/busybox', tag: 'latest' },
  ],
  [
    'docker://giantswarm/app:1',
    { transport: 'docker', host: 'docker.io', repository: 'giantswarm/app', tag: '1' },
  ],
  [
    'docker://docker.io/busybox:1.36',
    { transport: 'docker', host: 'docker.io', repository: 'library/busybox', tag: '1.36' },
  ],
  [
    'docker://index.docker.io/library/busybox',
    { transport: 'docker', host: 'docker.io', repository: 'library/busybox', tag: 'latest' },
  ],
])('parses the source %s', (input, expected) => {
  expect(parseSourceReference(input)).toEqual(expected);
});

test.each([
  ['./build/layout', /does not start with a known transport .*write one of oci:DIR/],
  ['ftp:./x', /does not start with a known transport \(oci:, oci-archive:, docker-archive:/],
  [
    'ghcr.io/org/app:1.0',
    /does not start with a known transport.*write docker:\/\/ghcr\.io\/org\/app:1\.0/,
  ],
  ['oci:', /has no directory after "oci:"/],
  ['oci:dir:', /no entry name/],
  ['oci-archive:', /has no file after "oci-archive:"/],
  ['oci-archive:x.tar:', /no entry name/],
  ['docker-archive:', /has no file after "docker-archive:"/],
  ['docker-archive:x.tar:@', /an index into the archive is @ and a number/],
  ['docker-archive:x.tar:@-1', /an index into the archive is @ and a number/],
  ['docker-archive:x.tar:@1x', /an index into the archive is @ and a number/],
  ['docker-archive:x.tar:App:1', /"App" is not a valid repository path/],
  ['docker-archive:x.tar:app:bad tag', /"bad tag" is not a valid tag/],
  [`docker-archive:x.tar:app@${DIGEST}`, /name the image by NAME:TAG here, not by digest/],
  ['docker-archive:x.tar::1', /has no image name/],
  ['docker-daemon:', /has no image after "docker-daemon:"/],
  ['docker-daemon:app:1:2', /"1:2" is not a valid tag/],
  ['docker:gsoci.azurecr.io/app', /is missing "\/\/" after "docker:"/],
  ['docker://', /has no image name/],
  ['docker://gsoci.azurecr.io/app:1@' + DIGEST, /has both a tag and a digest/],
  [
    'docker://gsoci.azurecr.io/app@sha256:abc',
    /"sha256:abc" is not sha256: and 64 lower-case hex digits/,
  ],
  ['docker://gsoci.azurecr.io/Giant/app', /"Giant\/app" is not a valid repository path/],
  ['docker://gsoci.azurecr.io/app:-x', /"-x" is not a valid tag/],
  ['docker://bad_host.io:99999999/app', /"bad_host.io:99999999" is not a registry host name/],
  ['docker://gsoci.azurecr.io/', /"" is not a valid repository path/],
  [
    `docker://gsoci.azurecr.io/app@${DIGEST.toUpperCase().replace('SHA256', 'sha256')}`,
    /has upper-case hex; OCI digests are lower case/,
  ],
  ['docker://gsoci.azurecr.io/app@md5:abc', /is not sha256 \(only sha256 digests are supported\)/],
])('refuses the source %s, naming the input', (input, message) => {
  expect(() => parseSourceReference(input)).toThrow(InvalidReferenceError);
  expect(() => parseSourceReference(input)).toThrow(message);
  expect(() => parseSourceReference(input)).toThrow(new RegExp(`^image "${escape(input)}"`));
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test.each([
  'oci:./build/layout',
  'oci:/tmp/layout:app',
  'oci-archive:out/image.tar:v1',
  'docker-archive:img.tar:app:1.0',
  'docker-archive:img.tar:@3',
  'docker-daemon:app:1.0',
  'docker://gsoci.azurecr.io/giantswarm/app:1.0.0',
  `docker://docker.io/library/busybox@${DIGEST}`,
])('%s formats back to itself', (input) => {
  expect(formatSourceReference(parseSourceReference(input))).toBe(input);
});

test.each([
  ['docker.io', 'registry-1.docker.io'],
  ['gsoci.azurecr.io', 'gsoci.azurecr.io'],
  ['localhost:5000', 'localhost:5000'],
])('the registry API for %s is at %s', (host, api) => {
  expect(apiHost(host)).toBe(api);
});

test('image names compare as docker compares them', () => {
  const canonical = { host: 'docker.io', repository: 'library/app', tag: '1' };
  for (const name of ['app:1', 'docker.io/app:1', 'docker.io/library/app:1', 'library/app:1']) {
    expect(parseImageName(name, name)).toEqual(canonical);
  }
});

test.each([
  ['giantswarm/app', true],
  ['charts/giantswarm/my-chart', true],
  ['a__b/c.d/e--f', true],
  ['Giantswarm/app', false],
  ['giantswarm//app', false],
  ['-app', false],
  ['app/', false],
])('repository %s valid: %s', (name, valid) => {
  expect(isRepository(name)).toBe(valid);
});
