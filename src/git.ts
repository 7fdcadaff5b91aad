import { getExecOutput } from '@actions/exec';
import { isStrictSemver } from './plan.js';

/**
 * The nearest release below HEAD, from `git describe`: the version of the closest tag
 * `<prefix>vX.Y.Z`. Undefined when there is no history or no such tag (a shallow checkout:
 * `actions/checkout` with `fetch-depth: 0` brings the tags).
 */
export async function nearestRelease(
  prefix: string,
  cwd: string | undefined,
): Promise<string | undefined> {
  let output: { exitCode: number; stdout: string };
  try {
    output = await getExecOutput(
      'git',
      ['describe', '--tags', '--abbrev=0', '--match', `${prefix}v[0-9]*`],
      {
        cwd,
        silent: true,
        ignoreReturnCode: true,
      },
    );
  } catch {
    return undefined; // git itself is missing
  }
  if (output.exitCode !== 0) return undefined;
  const version = output.stdout.trim().slice(prefix.length + 1);
  return isStrictSemver(version) ? version : undefined;
}
