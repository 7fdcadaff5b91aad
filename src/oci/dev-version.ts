import parseSemver from 'semver/functions/parse.js';

/**
 * The version of a dev build: `X.Y.(Z+1)-dev.<commit time>.g<sha12>` above the nearest
 * release `X.Y.Z`, e.g. `1.4.9-dev.20250314093015.g0123456789ab`. The one owner of the
 * format: the planner makes it here, and what recognises a dev version asks `isDevVersion`.
 *
 * Why this shape (semver 2.0.0 §9–§11, which helm, Flux and npm's semver all follow):
 * - `X.Y.(Z+1)-…` is a pre-release of the next patch, so it sorts above the release it
 *   follows and below the next one; the old `<release>-<40 hex>` sorted *below* its release.
 * - the commit time is one numeric identifier, UTC `YYYYMMDDHHMMSS`: numeric identifiers
 *   compare as numbers, so successive commits sort by time, and a year never starts with 0
 *   (§9 forbids leading zeros in numeric identifiers, which a `HHMMSS` alone could have).
 * - `g<sha12>` (as `git describe` writes it) names the commit; the `g` keeps it alphanumeric,
 *   so a sha of digits with a leading 0 can't make the version invalid.
 * - no `+build` part: a tag can't hold `+`, and helm would turn it into `_`.
 * The result is a valid tag (`[A-Za-z0-9_.-]`, under 128) and a valid chart version.
 */
export function devVersion(
  nearestRelease: string | undefined,
  commitTime: Date,
  sha: string,
): string {
  const stamp = commitTime.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const build = `dev.${stamp}.g${sha.slice(0, 12).toLowerCase()}`;
  const base = parseSemver(nearestRelease ?? '0.0.0');
  if (!base) throw new Error(`"${nearestRelease}" is not a semver version`);
  // After a pre-release (1.2.0-rc.1) the next patch would jump over the release it leads to;
  // appending keeps it between 1.2.0-rc.1 and 1.2.0 (a longer pre-release sorts higher, §11).
  if (base.prerelease.length > 0) {
    return `${base.major}.${base.minor}.${base.patch}-${base.prerelease.join('.')}.${build}`;
  }
  return `${base.major}.${base.minor}.${base.patch + 1}-${build}`;
}

/**
 * A dev build's version: a semver pre-release with a `dev` identifier. This covers ours and
 * the orb's (gitsemver's `X.Y.(Z+1)-dev.<branch>.<date>.<time>.h<sha>`), both of which may be
 * tags in a repository; neither is a release.
 */
export function isDevVersion(version: string): boolean {
  return parseSemver(version)?.prerelease.includes('dev') ?? false;
}
