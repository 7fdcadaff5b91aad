import semverCompare from 'semver/functions/compare.js';
import semverSort from 'semver/functions/sort.js';
import semverValid from 'semver/functions/valid.js';
import { devVersion, isDevVersion } from '../../src/oci/dev-version.js';
import { isTag } from '../../src/oci/reference.js';

/**
 * Dev versions sort: above the release they follow, below the next, and by commit time
 * between them, whatever their shas. The real-helm check of the same order is in
 * __tests__/integration/dev-versions.test.ts.
 */
const at = (iso: string): Date => new Date(iso);
// The later commit has the lexically smaller sha: order must come from the time alone.
const EARLY_SHA = 'f'.repeat(40);
const LATE_SHA = '0'.repeat(40);

test('the format: X.Y.(Z+1)-dev.<UTC commit time>.g<sha12>', () => {
  expect(devVersion('1.4.8', at('2025-03-14T09:30:15Z'), 'abcdef0123456789'.repeat(3))).toBe(
    '1.4.9-dev.20250314093015.gabcdef012345',
  );
  expect(devVersion(undefined, at('2025-03-14T09:30:15Z'), EARLY_SHA)).toBe(
    '0.0.1-dev.20250314093015.gffffffffffff',
  );
  // Build metadata of the nearest release is dropped: a tag can't hold `+`.
  expect(devVersion('1.4.8+build.5', at('2025-03-14T09:30:15Z'), EARLY_SHA)).toBe(
    '1.4.9-dev.20250314093015.gffffffffffff',
  );
});

test('release < dev(earlier commit) < dev(later commit) < next patch, by semver', () => {
  const early = devVersion('1.4.8', at('2025-03-14T09:30:15Z'), EARLY_SHA);
  const late = devVersion('1.4.8', at('2025-03-14T10:00:00Z'), LATE_SHA);
  expect(semverSort(['1.4.9', late, '1.4.8', early])).toEqual(['1.4.8', early, late, '1.4.9']);
  // Across a day, a month and a year boundary, numerically.
  const times = [
    '2024-12-31T23:59:59Z',
    '2025-01-01T00:00:00Z',
    '2025-01-09T09:09:09Z',
    '2025-01-10T00:00:00Z',
  ];
  const versions = times.map((t, i) => devVersion('2.0.0', at(t), `${i}`.repeat(40)));
  expect([...versions].reverse().sort(semverCompare)).toEqual(versions);
});

test('after a pre-release, the dev version stays below the release it leads to', () => {
  const version = devVersion('2.0.0-rc.1', at('2025-03-14T09:30:15Z'), EARLY_SHA);
  expect(version).toBe('2.0.0-rc.1.dev.20250314093015.gffffffffffff');
  expect(semverSort(['2.0.0', version, '2.0.0-rc.2', '2.0.0-rc.1'])).toEqual([
    '2.0.0-rc.1',
    version,
    '2.0.0-rc.2',
    '2.0.0',
  ]);
});

test.each([
  // A time whose hour starts with 0, and shas of digits with leading zeros: still valid.
  ['2025-01-02T03:04:05Z', '0123456789'.repeat(4)],
  ['1999-12-31T23:59:59Z', '0000000000'.repeat(4)],
  ['2099-01-01T00:00:00Z', 'abcdef'.repeat(7).slice(0, 40)],
])('valid semver, tag and chart version for %s, %s', (time, sha) => {
  const version = devVersion('10.20.30', at(time), sha);
  expect(semverValid(version)).toBe(version);
  expect(isTag(version)).toBe(true);
  // No numeric identifier with a leading zero (semver §9); helm (Masterminds) refuses those.
  for (const part of version.split('-').slice(1).join('-').split('.')) {
    if (/^\d+$/.test(part)) expect(part).not.toMatch(/^0\d/);
  }
});

test.each([
  ['1.4.9-dev.20250314093015.g0123456789ab', true],
  ['1.4.9-dev.main.2025-03-14.09-30-15.h0123456', true], // the orb's gitsemver format
  ['2.0.0-rc.1.dev.20250314093015.g0123456789ab', true],
  ['1.4.8', false],
  ['2.0.0-rc.1', false],
  ['1.4.8-python', false],
  ['1.4.8-0123456789abcdef0123456789abcdef01234567', false],
  ['latest', false],
])('isDevVersion(%s) is %s', (version, expected) => {
  expect(isDevVersion(version)).toBe(expected);
});

describe("the cleanup's tag-pattern for tagged dev builds (cleanup/README.md)", () => {
  // As the README writes it; with a tag-suffix, the suffix follows (here -python).
  const PATTERN = String.raw`\d+\.\d+\.\d+-(.+\.)?dev\.\d{14}\.g[0-9a-f]{12}(-python)?`;

  test('is accepted (it matches no release tag) and matches every dev version', async () => {
    const { parseTagPattern } = await import('../../src/jobs/cleanup-inputs.js');
    const { wholeMatcher } = await import('../../src/oci/pattern.js');
    const matches = wholeMatcher(parseTagPattern(PATTERN));
    const sha = 'abcdef0123456789'.repeat(3);
    for (const base of ['1.4.8', '2.0.0-rc.1', undefined]) {
      const version = devVersion(base, at('2025-03-14T09:30:15Z'), sha);
      expect([version, matches(version), matches(`${version}-python`)]).toEqual([
        version,
        true,
        true,
      ]);
    }
    for (const release of ['1.4.8', '1.4.8-python', '2.0.0-rc.1', 'latest', 'main-latest']) {
      expect([release, matches(release)]).toEqual([release, false]);
    }
  });

  test("the orb's dev tags have a pattern of their own, accepted too", async () => {
    const { parseTagPattern } = await import('../../src/jobs/cleanup-inputs.js');
    const { wholeMatcher } = await import('../../src/oci/pattern.js');
    const matches = wholeMatcher(parseTagPattern(String.raw`\d+\.\d+\.\d+-dev\..+`));
    expect(matches('1.4.9-dev.main.2025-03-14.09-30-15.h0123456')).toBe(true);
    expect(matches('1.4.8')).toBe(false);
  });

  test('a pattern that would delete a flavour release (tag-suffix) is refused', async () => {
    const { parseTagPattern } = await import('../../src/jobs/cleanup-inputs.js');
    expect(() => parseTagPattern(String.raw`\d+\.\d+\.\d+-python`)).toThrow(
      /matches the release tag "1\.2\.3-python"/,
    );
  });
});
