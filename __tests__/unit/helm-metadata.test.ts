import { ChartError, parseChartYaml } from '../../src/helm/chart-archive.js';
import {
  chartMetadata,
  goJson,
  helmAnnotations,
  helmConfigBytes,
  sanitize,
} from '../../src/helm/metadata.js';

const yaml = (text: string): Record<string, unknown> =>
  parseChartYaml(Buffer.from(text), 'Chart.yaml');

test('the config is Go json.Marshal of helm Metadata: struct order, omitempty, HTML escaped', () => {
  const metadata = chartMetadata(
    yaml(`
type: application
appVersion: "1.10"
version: 1.2.3
name: app
apiVersion: v2
description: Apps <for> you & me
keywords: [a, b]
icon: ""
deprecated: false
annotations:
  z: last
  a: first
dependencies:
  - name: dep
    repository: oci://x
    import-values: [{parent: p, child: c}, plain]
maintainers:
  - email: m@x.io
    name: M
`),
    'Chart.yaml',
  );
  expect(helmConfigBytes(metadata).toString()).toBe(
    '{"name":"app","version":"1.2.3","description":"Apps \\u003cfor\\u003e you \\u0026 me","keywords":["a","b"],' +
      '"maintainers":[{"name":"M","email":"m@x.io"}],"apiVersion":"v2","appVersion":"1.10",' +
      '"annotations":{"a":"first","z":"last"},' +
      '"dependencies":[{"name":"dep","repository":"oci://x","import-values":[{"child":"c","parent":"p"},"plain"]}],' +
      '"type":"application"}',
  );
});

test('a v1 chart without apiVersion is v1, as helm assumes, and requirements.yaml merges in', () => {
  const metadata = chartMetadata(
    yaml('name: old\nversion: 0.1.0\n'),
    'Chart.yaml',
    yaml('dependencies:\n  - name: d\n    repository: https://r\n    version: 1.x\n'),
  );
  expect(metadata.apiVersion).toBe('v1');
  expect(helmConfigBytes(metadata).toString()).toBe(
    '{"name":"old","version":"0.1.0","apiVersion":"v1","dependencies":[{"name":"d","version":"1.x","repository":"https://r"}]}',
  );
});

test('strings are sanitized as helm does: whitespace becomes a space, unprintables go', () => {
  expect(sanitize('line one\nline two\t\u0007end\u00a0')).toBe('line one line two end ');
  const metadata = chartMetadata(
    yaml('name: a\nversion: 1.0.0\ndescription: >\n  folded\n  text\n'),
    'Chart.yaml',
  );
  expect(metadata.description).toBe('folded text ');
});

test('YAML scalars keep their text: 1.10 is not 1.1', () => {
  expect(chartMetadata(yaml('name: a\nversion: 1.0.0\nappVersion: 1.10\n'), 'C').appVersion).toBe(
    '1.10',
  );
});

test.each([
  ['version: 1.0.0\n', /has no name/],
  ['name: a\n', /has no version/],
  ['name: a\nversion: v1.0.0\n', /"v1\.0\.0" is not semver/],
  ['name: a\nversion: 1.0\n', /"1\.0" is not semver/],
  ['name: ../a\nversion: 1.0.0\n', /chart name "\.\.\/a" is not allowed/],
  ['name: a\nversion: 1.0.0\ntype: plugin\n', /type must be application or library/],
  ['name: a\nversion: 1.0.0\nmaintainers: nobody\n', /"maintainers" must be a list of mappings/],
])('refuses %j', (text, message) => {
  expect(() => chartMetadata(yaml(text), 'Chart.yaml')).toThrow(ChartError);
  expect(() => chartMetadata(yaml(text), 'Chart.yaml')).toThrow(message);
});

test('bad YAML names the file', () => {
  expect(() => yaml('name: [unclosed\n')).toThrow(/^Chart\.yaml is not valid YAML/);
});

test("helm's annotations: authors, source, created; the chart's own may not replace title or version", () => {
  const metadata = chartMetadata(
    yaml(`name: app
version: 1.0.0
home: https://h
sources: [https://s1, https://s2]
maintainers: [{name: A, email: a@x}, {name: B}]
annotations:
  org.opencontainers.image.title: spoofed
  org.opencontainers.image.description: from annotations
  custom: yes
`),
    'C',
  );
  expect(helmAnnotations(metadata, '2024-01-02T03:04:05Z')).toEqual({
    'org.opencontainers.image.title': 'app',
    'org.opencontainers.image.version': '1.0.0',
    'org.opencontainers.image.url': 'https://h',
    'org.opencontainers.image.created': '2024-01-02T03:04:05Z',
    'org.opencontainers.image.source': 'https://s1',
    'org.opencontainers.image.authors': 'A (a@x), B',
    'org.opencontainers.image.description': 'from annotations',
    custom: 'yes',
  });
});

test('goJson sorts map keys when asked and escapes as Go does', () => {
  expect(goJson({ b: 1, a: { d: '<', c: '\u2028' } }, true)).toBe(
    '{"a":{"c":"\\u2028","d":"\\u003c"},"b":1}',
  );
});
