import { higherRelease, releaseOfTag } from '../../src/engine/floating-tags.js';

test.each([
  // version, tags, suffix, the higher release (or none)
  ['1.4.8', ['2.0.0', '1.4.7', 'latest'], '', '2.0.0'],
  ['2.0.0', ['2.0.0', '1.4.7', 'latest'], '', undefined],
  ['2.0.1', ['2.0.0', '1.4.7', 'latest'], '', undefined],
  ['1.4.8', ['1.4.7', '1.4.9-dev.20250314093015.g0123456789ab'], '', undefined],
  ['1.4.8', ['1.4.9-dev.main.2025-03-14.09-30-15.h0123456'], '', undefined],
  ['1.4.8', ['2.0.0-rc.1'], '', '2.0.0-rc.1'],
  ['1.4.8', ['1.4.8_build.2', 'sha256-abc.sig', 'main'], '', undefined],
  ['1.4.8', ['1.10.0', '1.9.0'], '', '1.10.0'],
  // A flavour compares with its own tags only.
  ['3.20.1', ['3.21.0', '3.20.1-python'], '-python', undefined],
  ['3.20.1', ['3.21.0-python', '3.20.1-python'], '-python', '3.21.0'],
])('%s among %j (suffix "%s"): %s', (version, tags, suffix, expected) => {
  expect(higherRelease(version, tags, suffix)).toBe(expected);
});

test('a tag names a release only as a strict semver version with the suffix', () => {
  expect(releaseOfTag('1.2.3-python', '-python')).toBe('1.2.3');
  expect(releaseOfTag('1.2.3_b.1', '')).toBe('1.2.3+b.1');
  expect(releaseOfTag('v1.2.3', '')).toBeUndefined();
  expect(releaseOfTag('1.2', '')).toBeUndefined();
  expect(releaseOfTag('latest-python', '-python')).toBeUndefined();
});
