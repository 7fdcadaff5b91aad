import { parse } from 'yaml';
import { chartsIn } from '../../src/engine/chart-catalog.js';
import { parseUpdateTag, updateTag } from '../../src/engine/chart-index-store.js';
import {
  addEntry,
  compareChartVersions,
  emptyIndex,
  type IndexEntry,
  IndexEntryError,
  indexEntry,
  IndexFormatError,
  parseIndexYaml,
  renderIndexYaml,
  sortedVersions,
} from '../../src/helm/chart-index.js';

const DIGEST = 'a'.repeat(64);
const CREATED = '2025-01-02T03:04:05Z';
const facts = { digest: DIGEST, created: CREATED };

function entry(version: string, extra: Record<string, unknown> = {}): IndexEntry {
  return indexEntry({ name: 'app', version, apiVersion: 'v2', ...extra }, facts, 'test');
}

test('versions sort newest first by semver precedence, as helm (Masterminds) sorts them', () => {
  const newestFirst = [
    '10.0.0',
    '2.0.0',
    '2.0.0-rc.10',
    '2.0.0-rc.2',
    '2.0.0-beta',
    '2.0.0-alpha.1',
    '2.0.0-alpha',
    '2.0.0-1',
    '1.10.0',
    '1.9.0',
    'v1.2',
    '1.0.0',
    '0.10.0',
    '0.9.0',
  ];
  const shuffled = [...newestFirst].sort().map((v) => entry(v));
  expect(sortedVersions(shuffled).map((e) => e.version)).toEqual(newestFirst);
  // Build metadata never counts.
  expect(compareChartVersions('1.0.0+b', '1.0.0+a')).toBe(0);
  // Equal precedence: ordered by text, so the order never depends on how they were found.
  expect(sortedVersions([entry('1.0.0+b'), entry('1.0.0+a')]).map((e) => e.version)).toEqual([
    '1.0.0+a',
    '1.0.0+b',
  ]);
});

test("an entry keeps helm's fields only, checked for their types and sanitized", () => {
  const made = indexEntry(
    {
      name: 'app',
      version: '1.2.3',
      description: 'tab\there\u0007bell',
      keywords: ['yes', 'on'],
      maintainers: [{ name: 'M', email: 'm@x.io', extra: 1 }],
      dependencies: [{ name: 'dep', version: '1.x', repository: 'oci://x', alias: 'd_1' }],
      annotations: { b: '2', a: '1' },
      deprecated: true,
      someFutureField: { nested: true },
    },
    facts,
    'test',
  );
  expect(made.metadata).toEqual({
    name: 'app',
    version: '1.2.3',
    apiVersion: 'v1',
    description: 'tab herebell',
    keywords: ['yes', 'on'],
    maintainers: [{ email: 'm@x.io', name: 'M' }],
    dependencies: [{ alias: 'd_1', name: 'dep', repository: 'oci://x', version: '1.x' }],
    annotations: { a: '1', b: '2' },
    deprecated: true,
  });
});

test.each([
  [{ keywords: 'one' }, /"keywords" is not a list of strings/],
  [{ deprecated: 'yes' }, /"deprecated" is not true or false/],
  [{ annotations: { a: 1 } }, /"annotations" is not a map of strings/],
  [{ maintainers: [{ name: 7 }] }, /"maintainers\[0\]\.name" is not a string/],
  [{ dependencies: [{ name: 'd', alias: 'a b' }] }, /alias" has characters/],
  [{ version: '1.2.3.4' }, /not a version helm can read/],
  [{ name: '../up' }, /"name" "..\/up" is not allowed/],
  [{ type: 'plugin' }, /"type" "plugin" is not application or library/],
])('an entry whose metadata has %j is refused', (extra, message) => {
  expect(() => entry('1.0.0', extra)).toThrow(IndexEntryError);
  expect(() => entry('1.0.0', extra)).toThrow(message);
});

test('an entry needs a sha256 hex digest and an RFC 3339 time', () => {
  expect(() =>
    indexEntry({ name: 'a', version: '1.0.0' }, { ...facts, digest: 'sha256:x' }, 't'),
  ).toThrow(/not sha256 hex/);
  expect(() =>
    indexEntry({ name: 'a', version: '1.0.0' }, { ...facts, created: 'today' }, 't'),
  ).toThrow(/not RFC 3339/);
});

test('the YAML quotes what YAML 1.1 (helm) would read as another type, and reads back the same', () => {
  const index = emptyIndex();
  addEntry(index, entry('1.0', { keywords: ['yes', 'no', '1.0'], annotations: { on: 'off' } }));
  addEntry(index, entry('2.0.0'));
  const text = renderIndexYaml(index, {
    host: 'gsoci.azurecr.io',
    namespace: 'charts/giantswarm',
    generated: CREATED,
  });
  // As a YAML 1.1 reader sees it: every value a string where helm wants one.
  const read = parse(text, { version: '1.1' }) as {
    entries: { app: Record<string, unknown>[] };
    generated: unknown;
  };
  expect(read.generated).toBe(CREATED);
  expect(read.entries.app.map((e) => e.version)).toEqual(['2.0.0', '1.0']);
  expect(read.entries.app[1]).toMatchObject({
    keywords: ['yes', 'no', '1.0'],
    annotations: { on: 'off' },
    created: CREATED,
    digest: DIGEST,
    urls: ['oci://gsoci.azurecr.io/charts/giantswarm/app:1.0'],
  });
  const back = parseIndexYaml(text, 'index');
  expect(back.dropped).toEqual([]);
  expect(back.index.get('app')?.get('1.0')).toEqual(index.get('app')?.get('1.0'));
});

test('reading an index back checks every entry again and never keeps a stored URL', () => {
  const text = `apiVersion: v1
generated: "${CREATED}"
entries:
  app:
    - name: app
      version: 1.0.0
      digest: ${DIGEST}
      created: "${CREATED}"
      urls: ["https://evil.example/app-1.0.0.tgz"]
    - name: other
      version: 2.0.0
      digest: ${DIGEST}
      created: "${CREATED}"
    - name: app
      version: 3.0.0
      keywords: notalist
      digest: ${DIGEST}
      created: "${CREATED}"
  broken: notalist
`;
  const read = parseIndexYaml(text, 'stored');
  expect([...(read.index.get('app')?.keys() ?? [])]).toEqual(['1.0.0']);
  expect(read.dropped).toEqual([
    'stored: entries."app"[1]: the chart is named "other", not "app"',
    'stored: entries."app"[2]: "keywords" is not a list of strings',
    'stored: entries."broken" is not a list, so none of its versions is read',
  ]);
  const rendered = renderIndexYaml(read.index, {
    host: 'mirror.example',
    namespace: 'c',
    generated: CREATED,
  });
  expect(rendered).toContain('"oci://mirror.example/c/app:1.0.0"');
  expect(rendered).not.toContain('evil.example');
});

test('a file that is not an index, or that expands without bound, is refused', () => {
  expect(() => parseIndexYaml('apiVersion: v2\nentries: {}\n', 'x')).toThrow(IndexFormatError);
  const bomb = [
    'apiVersion: v1',
    'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
    ...Array.from({ length: 12 }, (_, i) => {
      const from = i === 0 ? 'a' : `a${i}`;
      return `a${i + 1}: &a${i + 1} [*${from},*${from},*${from},*${from},*${from},*${from},*${from},*${from},*${from},*${from}]`;
    }),
    'entries: {}',
  ].join('\n');
  expect(() => parseIndexYaml(bomb, 'bomb')).toThrow(IndexFormatError);
});

test('update tags sort by time, carry their kind, and read back', () => {
  const time = new Date('2025-03-04T05:06:07.089Z');
  const tag = updateTag(time, 'add', Buffer.from([1, 2, 3, 4]));
  expect(tag).toBe('update-20250304T050607089Z-add-01020304');
  expect(tag.length).toBeLessThanOrEqual(128);
  expect(parseUpdateTag(tag)).toEqual({ time: time.getTime(), kind: 'add' });
  expect(parseUpdateTag('latest')).toBeUndefined();
  expect(parseUpdateTag('update-20251304T050607089Z-add-01020304')).toBeUndefined();
});

test("a namespace's charts are the repositories one level below it", () => {
  expect(
    chartsIn(
      [
        'charts/giantswarm',
        'charts/giantswarm/a',
        'charts/giantswarm/b/c',
        'charts/giantswarmx/d',
        'x/y',
      ],
      'charts/giantswarm',
    ),
  ).toEqual(['a']);
});
