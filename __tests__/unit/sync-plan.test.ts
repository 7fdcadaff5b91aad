import {
  expandDiscovery,
  findWriteConflicts,
  needsListing,
  parseShard,
  type PlannedWrite,
  selectTags,
  shardImages,
  type SyncImage,
  type TagFilter,
  targetTagOf,
} from '../../src/engine/sync-plan.js';
import { compilePattern } from '../../src/oci/pattern.js';
import { parseRange } from '../../src/oci/semver-rules.js';

const filter = (f: Partial<TagFilter>): TagFilter => ({ allow: [], deny: [], ...f });

/** 12 releases on three minor lines, dev builds (`<release>-<sha>`), a pre-release, `latest`. */
const BACKFILL_TAGS = [
  ...['1.0.0', '1.0.1', '1.0.2', '1.0.3'],
  ...['1.1.0', '1.1.1', '1.1.2', '1.1.3'],
  ...['1.2.0', '1.2.1', '1.2.2', '1.2.10'],
  `1.2.10-${'a'.repeat(40)}`,
  `1.1.3-${'b'.repeat(40)}`,
  '1.3.0-rc.1',
  'latest',
  'main',
];

describe('selectTags', () => {
  test('no filter takes every tag, once', () => {
    expect(selectTags(['a', 'b', 'a'], filter({}))).toEqual({
      selected: ['a', 'b'],
      filteredOut: [],
    });
  });

  test('allow keeps tags any regex is found in; deny drops them; regexes search the whole tag', () => {
    const tags = ['3.18.4', '3.19.0', '3.19.0-rc1', 'edge', 'v3.19.0', '3.20'];
    const picked = selectTags(tags, filter({ allow: [/^3\.\d+\.\d+/], deny: [/-rc/] })).selected;
    expect(picked).toEqual(['3.18.4', '3.19.0']);
  });

  test('semver keeps versions in the range; pre-releases and non-versions never pass', () => {
    const { selected, filteredOut } = selectTags(
      BACKFILL_TAGS,
      filter({ semver: parseRange('>=1.1.0', 'masterminds') }),
    );
    expect(selected).toEqual([
      '1.1.0',
      '1.1.1',
      '1.1.2',
      '1.1.3',
      '1.2.0',
      '1.2.1',
      '1.2.2',
      '1.2.10',
    ]);
    expect(filteredOut).toContain('1.3.0-rc.1');
    expect(filteredOut).toContain(`1.2.10-${'a'.repeat(40)}`);
    expect(filteredOut).toContain('latest');
  });

  test('newest 2 per minor: the two highest of each line by precedence (1.2.10 > 1.2.2)', () => {
    const { selected, filteredOut } = selectTags(
      BACKFILL_TAGS,
      filter({ semver: parseRange('>=1.0.0', 'masterminds'), newest: 2, per: 'minor' }),
    );
    expect(selected).toEqual(['1.2.10', '1.2.2', '1.1.3', '1.1.2', '1.0.3', '1.0.2']);
    expect(selected.length + filteredOut.length).toBe(BACKFILL_TAGS.length);
  });

  test('newest per major, and overall', () => {
    const tags = ['1.0.0', '1.9.0', '2.0.0', '2.1.0', '2.1.1', '3.0.0-beta.1'];
    expect(selectTags(tags, filter({ newest: 1, per: 'major' })).selected).toEqual([
      '3.0.0-beta.1',
      '2.1.1',
      '1.9.0',
    ]);
    expect(selectTags(tags, filter({ newest: 2 })).selected).toEqual(['3.0.0-beta.1', '2.1.1']);
  });
});

describe('shards', () => {
  const image = (index: number, host: string, repository: string): SyncImage => ({
    index,
    source: { host, repository },
    repository,
    to: ['a'],
    tags: filter({}),
    overwrite: false,
  });
  const images = [
    ...Array.from({ length: 10 }, (_, i) => image(i, 'docker.io', `library/app${i}`)),
    image(10, 'quay.io', 'org/x'),
    // The same source twice (to another path): one shard takes both.
    image(11, 'docker.io', 'library/app3'),
  ];

  test('1/3, 2/3 and 3/3 together take every image exactly once', () => {
    const taken = [1, 2, 3].flatMap((index) =>
      shardImages(images, { index, count: 3 }).map((i) => i.index),
    );
    expect(taken.sort((a, b) => a - b)).toEqual(images.map((i) => i.index));
  });

  test('one source repository stays in one shard, and shares differ by at most one repository', () => {
    const shards = [1, 2, 3].map((index) => shardImages(images, { index, count: 3 }));
    const holding = shards.filter((s) => s.some((i) => i.source.repository === 'library/app3'));
    expect(holding).toHaveLength(1);
    expect(holding[0]?.filter((i) => i.source.repository === 'library/app3')).toHaveLength(2);
    const repos = shards.map((s) => new Set(s.map((i) => i.source.repository)).size);
    expect(Math.max(...repos) - Math.min(...repos)).toBeLessThanOrEqual(1);
  });

  test('the split depends on the config, not on its order', () => {
    const reversed = [...images].reverse();
    for (const index of [1, 2, 3]) {
      const a = shardImages(images, { index, count: 3 })
        .map((i) => i.index)
        .sort();
      const b = shardImages(reversed, { index, count: 3 })
        .map((i) => i.index)
        .sort();
      expect(b).toEqual(a);
    }
  });

  test.each(['0/3', '4/3', '1/0', 'a/b', '2', ''])('shard "%s" is refused with the fix', (text) => {
    expect(() => parseShard(text, 'shard')).toThrow(/shard: .* write I\/N/);
  });
  test('shard 2/3 parses', () => {
    expect(parseShard(' 2/3 ', 'shard')).toEqual({ index: 2, count: 3 });
  });
});

describe('issue #21: target tags, discovery, two writers, shards by target', () => {
  const rules = 'masterminds' as const;
  test('a suffix is appended, strip-v drops a leading v, an invalid result is undefined', () => {
    expect(targetTagOf('3.5.9-0', { suffix: '-k8s', stripV: false })).toBe('3.5.9-0-k8s');
    expect(targetTagOf('v1.2.3', { suffix: '', stripV: true })).toBe('1.2.3');
    expect(targetTagOf('v', { suffix: '', stripV: true })).toBeUndefined();
    expect(targetTagOf('a'.repeat(127), { suffix: '-xx', stripV: false })).toBeUndefined();
  });

  test('a capture group is the version the range and newest read; tags it misses drop', () => {
    const version = compilePattern('^stable-(.*)$');
    const tags = ['stable-2.12.0', 'stable-2.13.4', 'stable-2.14.0', 'edge-24.1.1', 'stable-x'];
    const picked = selectTags(
      tags,
      filter({ version, semver: parseRange('>= 2.13.4', rules), newest: 1 }),
      rules,
    );
    expect(picked.selected).toEqual(['stable-2.14.0']);
  });

  test('exact tags and pins are taken by name; alone they need no listing', () => {
    const pin = new Map([['2.7.35', `sha256:${'a'.repeat(64)}` as const]]);
    expect(needsListing(filter({ exact: ['1.0'] }))).toBe(false);
    expect(needsListing(filter({ pin }))).toBe(false);
    expect(needsListing(filter({ exact: ['1.0'], allow: [/x/] }))).toBe(true);
    expect(selectTags([], filter({ exact: ['1.0', '2.0'], pin })).selected).toEqual([
      '1.0',
      '2.0',
      '2.7.35',
    ]);
  });

  test('discovery keeps glob matches, applies allow/deny, maps paths, sorts', () => {
    const entry: SyncImage = {
      index: 4,
      source: { host: 'old.example', repository: 'team/*' },
      repository: '',
      to: ['t'],
      tags: filter({}),
      overwrite: false,
      discover: {
        glob: 'team/*',
        allow: [],
        deny: [/skip/],
        path: { strip: 'team/', prefix: 'mirror/' },
      },
    };
    const glob = /^team\/[^/]+$/;
    const found = expandDiscovery(
      entry,
      ['team/b', 'team/a', 'team/skip', 'team/x/y', 'other/a'],
      (p) => glob.test(p),
    );
    expect(found.map((i) => [i.source.repository, i.repository, i.index])).toEqual([
      ['team/a', 'mirror/a', 4],
      ['team/b', 'mirror/b', 4],
    ]);
    expect(found.every((i) => i.discover === undefined)).toBe(true);
  });

  test('two entries writing one target tag from different origins conflict; the same origin does not', () => {
    const w = (index: number, source: string, from: string) =>
      ({ target: 't', repository: 'gs/x', tag: '1.0.0', index, source, from }) as PlannedWrite;
    expect(findWriteConflicts([w(0, 'a/x', '1.0.0'), w(1, 'a/x', '1.0.0')]).betweenEntries).toEqual(
      [],
    );
    expect(
      findWriteConflicts([w(0, 'a/x', '1.0.0'), w(1, 'b/x', '1.0.0')]).betweenEntries,
    ).toHaveLength(1);
    const within = findWriteConflicts([w(0, 'a/x', 'v1.0.0'), w(0, 'a/x', '1.0.0')]);
    expect(within.betweenEntries).toEqual([]);
    expect([...within.withinImage.values()][0]?.[0]).toMatch(
      /v1\.0\.0 and 1\.0\.0 of a\/x both become/,
    );
  });

  test('images writing one target repository share a shard, whatever their sources', () => {
    const img = (index: number, repository: string, target: string): SyncImage => ({
      index,
      source: { host: 'h', repository },
      repository: target,
      to: ['t'],
      tags: filter({}),
      overwrite: false,
    });
    const images = [img(0, 'a', 'same'), img(1, 'b', 'same'), img(2, 'c', 'c'), img(3, 'd', 'd')];
    for (const index of [1, 2, 3]) {
      const mine = shardImages(images, { index, count: 3 }).map((i) => i.index);
      expect(mine.includes(0)).toBe(mine.includes(1));
    }
  });
});
