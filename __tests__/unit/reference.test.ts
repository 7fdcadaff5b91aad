import {
  InvalidReferenceError,
  isRepository,
  parseSourceReference,
} from '../../src/oci/reference.js';

test.each([
  ['oci:./build/layout', { transport: 'oci', path: './build/layout' }],
  ['oci:/tmp/layout:app', { transport: 'oci', path: '/tmp/layout', ref: 'app' }],
  ['oci:layout:1.2.3', { transport: 'oci', path: 'layout', ref: '1.2.3' }],
])('parses the source %s', (input, expected) => {
  expect(parseSourceReference(input)).toEqual(expected);
});

test.each([
  ['./build/layout', /does not start with a known transport/],
  ['ftp:./x', /does not start with a known transport/],
  ['oci:', /has no directory/],
  ['oci:dir:', /no entry name/],
  ['docker://gsoci.azurecr.io/giantswarm/app:1.0.0', /not supported by this version/],
])('refuses the source %s, naming the input', (input, message) => {
  expect(() => parseSourceReference(input)).toThrow(InvalidReferenceError);
  expect(() => parseSourceReference(input)).toThrow(message);
  expect(() => parseSourceReference(input)).toThrow(/^image /);
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
