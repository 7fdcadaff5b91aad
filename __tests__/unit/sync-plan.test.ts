import {
  parseShard,
  selectTags,
  shardImages,
  type SyncImage,
  type TagFilter,
} from '../../src/engine/sync-plan.js';
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
