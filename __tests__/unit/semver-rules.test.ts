import semver from 'semver';
import { compilePattern, wholeMatcher } from '../../src/oci/pattern.js';
import { parseRange, parseTagVersion } from '../../src/oci/semver-rules.js';

/** The expected results are written from Masterminds/semver v3.2's documented rules. */
const passes = (range: string, tag: string): boolean => {
  const version = parseTagVersion(tag, 'masterminds');
  return version !== null && parseRange(range, 'masterminds').test(version);
};

describe('masterminds versions', () => {
  test.each([
    ['v1.2.3', '1.2.3'],
    ['3.10', '3.10.0'],
    ['3', '3.0.0'],
    ['01.02.03', '1.2.3'],
    ['3.5.9-0', '3.5.9-0'],
    ['v1.2-rc.1+build.5', '1.2.0-rc.1+build.5'],
  ])('%s is read as %s', (tag, version) => {
    expect(parseTagVersion(tag, 'masterminds')?.format()).toBe(semver.parse(version)?.format());
  });
  test.each(['latest', 'stable-2.13.4', '1.2.3.4', 'v', '1.2.3-01', 'x1.2', '1.2.3-'])(
    '%s is no version',
    (tag) => expect(parseTagVersion(tag, 'masterminds')).toBeNull(),
  );
  test('npm rules stay npm: 3.10 is no version there', () => {
    expect(parseTagVersion('3.10', 'npm')).toBeNull();
    expect(parseTagVersion('1.2.3', 'npm')?.version).toBe('1.2.3');
  });
});

describe('masterminds constraints', () => {
  test.each([
    // A pre-release passes only a constraint naming one, and then any pre-release may.
    ['>= v3.5.4-0', '3.5.9-0', true],
    ['>= 3.5.4', '3.5.9-0', false],
    ['>= v3.5.4-0', '3.4.13-0', false],
    ['>= 3.1', '3.10', true],
    ['>= 3.1', '3.0.9', false],
    ['>= 3.1', '3.10-rc.1', false],
    ['> 1.2', '1.2.9', false],
    ['> 1.2', '1.3.0', true],
    ['<= 1.2', '1.2.9', true],
    ['<= 1.2', '1.3.0', false],
    ['~1.2.3', '1.2.9', true],
    ['~1.2.3', '1.3.0', false],
    ['~1', '1.9.0', true],
    ['^1.2.3', '1.9.0', true],
    ['^1.2.3', '2.0.0', false],
    ['^0.2.3', '0.2.9', true],
    ['^0.2.3', '0.3.0', false],
    ['1.2.x', '1.2.7', true],
    ['1.2.x', '1.3.0', false],
    ['*', '9.9.9', true],
    ['!= 1.2.3', '1.2.4', true],
    ['!= 1.2.3', '1.2.3', false],
    ['1.2 - 1.4.5', '1.4.5', true],
    ['1.2 - 1.4.5', '1.4.6', false],
    ['>= 1.2, < 2', '1.9.9', true],
    ['>= 1.2 < 2', '2.0.0', false],
    ['>= 0.12.0 < 1.0.0', '0.13.1', true],
    ['< 1 || >= 3', '2.0.0', false],
    ['< 1 || >= 3', '3.1.0', true],
    ['=> 2', '2.0.0', true],
    ['=< 2', '2.5.0', true],
    ['~> 1.2', '1.2.5', true],
  ])('%s with %s: %s', (range, tag, expected) => {
    expect(passes(range, tag)).toBe(expected);
  });
  test.each(['>>1', '>= banana', '', '1.2 ||', `>= ${'1'.repeat(300)}`])(
    '"%s" is refused',
    (range) => expect(() => parseRange(range, 'masterminds')).toThrow(/is /),
  );
});

describe('RE2 patterns', () => {
  test('(a+)+$ is linear: a 41-character tag that defeats backtracking is answered', () => {
    expect(compilePattern('(a+)+$').test(`${'a'.repeat(40)}-`)).toBe(false);
    expect(compilePattern('(a+)+$').test('aaa')).toBe(true);
  });
  test('lookaround and backreferences are refused, saying it is RE2', () => {
    expect(() => compilePattern('a(?=b)')).toThrow(/RE2 syntax/);
    expect(() => compilePattern('(a)\\1')).toThrow(/RE2 syntax/);
  });
  test('the first capture group is the version; a whole matcher keeps alternations inside', () => {
    expect(compilePattern('^stable-(.*)$').firstGroup('stable-2.13.4')).toBe('2.13.4');
    expect(compilePattern('^stable-(.*)$').firstGroup('edge-1')).toBeUndefined();
    const whole = wholeMatcher(compilePattern('a|b'));
    expect([whole('a'), whole('ab'), whole('b')]).toEqual([true, false, true]);
  });
});
