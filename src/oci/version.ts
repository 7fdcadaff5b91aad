import parseSemver from 'semver/functions/parse.js';

/** Semver exactly as written: no `v`, no spaces; build metadata is kept, not stripped. */
export function isStrictSemver(value: string): boolean {
  return /^\d/.test(value) && !/\s/.test(value) && parseSemver(value) !== null;
}

/** A version as an OCI tag: `+` is not allowed in tags, so it becomes `_` (as helm does). */
export function versionTag(version: string): string {
  return version.replace(/\+/g, '_');
}
