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

/**
 * The time a chart oci-push packages is stamped with: `SOURCE_DATE_EPOCH` when set (the
 * reproducible-builds convention), else the commit's time, else the Unix epoch. Never the
 * clock, so packaging the same commit twice gives the same bytes.
 */
export async function sourceDate(env: NodeJS.ProcessEnv, cwd: string | undefined): Promise<Date> {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  if (env.SOURCE_DATE_EPOCH && Number.isSafeInteger(epoch)) return new Date(epoch * 1000);
  try {
    const output = await getExecOutput('git', ['log', '-1', '--format=%ct'], {
      cwd,
      silent: true,
      ignoreReturnCode: true,
    });
    const seconds = Number(output.stdout.trim());
    if (output.exitCode === 0 && Number.isSafeInteger(seconds) && seconds > 0)
      return new Date(seconds * 1000);
  } catch {
    // no git
  }
  return new Date(0);
}
