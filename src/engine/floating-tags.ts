import semverCompare from 'semver/functions/compare.js';
import { isDevVersion } from '../oci/dev-version.js';
import { isStrictSemver } from '../oci/version.js';

/**
 * Floating tags move forward only: an extra release tag such as `latest` follows a release
 * only when that release is the highest version in the repository. A patch to an old line
 * (1.4.8 after 2.0.0) leaves `latest` on 2.0.0. Pure: the caller reads the tags.
 */

/** A floating tag this run left where it was, and why. */
export interface HeldTag {
  tag: string;
  reason: string;
}

/**
 * The version a tag names, when it is one of this flavour's releases: the tag ends with the
 * `tag-suffix` and the rest is a strict semver version (`_` back to `+`, as tags spell build
 * metadata). Dev builds' versions (ours and the orb's) are not releases and never count.
 */
export function releaseOfTag(tag: string, suffix: string): string | undefined {
  if (!tag.endsWith(suffix)) return undefined;
  const version = tag.slice(0, tag.length - suffix.length).replace(/_/g, '+');
  return isStrictSemver(version) && !isDevVersion(version) ? version : undefined;
}

/**
 * The highest release among the repository's tags above `version`, by semver precedence
 * (build metadata ignored; pre-releases count, as they are versions too); undefined when
 * `version` is the highest (or equal to it).
 */
export function higherRelease(
  version: string,
  tags: readonly string[],
  suffix: string,
): string | undefined {
  let highest: string | undefined;
  for (const tag of tags) {
    const release = releaseOfTag(tag, suffix);
    if (release === undefined || semverCompare(release, version) <= 0) continue;
    if (highest === undefined || semverCompare(release, highest) > 0) highest = release;
  }
  return highest;
}
