import { execFile } from 'node:child_process';
import { isStrictSemver } from '../oci/version.js';

/** Runs git in `cwd`; undefined when git is missing or the command fails (no repository, no tag). */
async function git(args: string[], cwd: string | undefined): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'utf8' }, (error, stdout) =>
      resolve(error ? undefined : stdout.trim()),
    );
  });
}

/**
 * The nearest release below HEAD, from `git describe`: the version of the closest tag
 * `<prefix>vX.Y.Z`. Undefined when there is no history or no such tag (a shallow checkout:
 * `actions/checkout` with `fetch-depth: 0` brings the tags).
 */
export async function nearestRelease(
  prefix: string,
  cwd: string | undefined,
): Promise<string | undefined> {
  const tag = await git(['describe', '--tags', '--abbrev=0', '--match', `${prefix}v[0-9]*`], cwd);
  if (tag === undefined) return undefined;
  const version = tag.slice(prefix.length + 1);
  return isStrictSemver(version) ? version : undefined;
}

/** HEAD's full sha, when `cwd` is a git checkout. */
export async function headSha(cwd: string | undefined): Promise<string | undefined> {
  return git(['rev-parse', 'HEAD'], cwd);
}

/**
 * When a commit was made (its committer date), if the checkout in `cwd` has it. Committer,
 * not author, date: a rebase or cherry-pick makes a new commit, later than those before it.
 */
export async function commitTime(
  commit: string,
  cwd: string | undefined,
): Promise<Date | undefined> {
  if (!/^([0-9a-f]{40}|HEAD)$/.test(commit)) return undefined;
  const seconds = Number(await git(['show', '-s', '--format=%ct', `${commit}^{commit}`], cwd));
  return Number.isSafeInteger(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
}

/** The tags pointing at HEAD, newest version first as git sorts them. */
export async function tagsAtHead(cwd: string | undefined): Promise<string[]> {
  const out = await git(['tag', '--points-at', 'HEAD', '--sort=-version:refname'], cwd);
  return out ? out.split('\n').filter(Boolean) : [];
}

/** The branch checked out, when there is one (not on a detached HEAD). */
export async function currentBranch(cwd: string | undefined): Promise<string | undefined> {
  const out = await git(['symbolic-ref', '--quiet', '--short', 'HEAD'], cwd);
  return out || undefined;
}

/** The repository name in the `origin` remote's URL (`…/oci-push.git` → `oci-push`). */
export async function originRepositoryName(cwd: string | undefined): Promise<string | undefined> {
  const url = await git(['remote', 'get-url', 'origin'], cwd);
  const name = url
    ?.replace(/\/+$/, '')
    .split(/[/:]/)
    .pop()
    ?.replace(/\.git$/, '');
  return name || undefined;
}

/**
 * The time a chart oci-push packages is stamped with: `SOURCE_DATE_EPOCH` when set (the
 * reproducible-builds convention), else the commit's time, else the Unix epoch. Never the
 * clock, so packaging the same commit twice gives the same bytes.
 */
export async function sourceDate(env: NodeJS.ProcessEnv, cwd: string | undefined): Promise<Date> {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  if (env.SOURCE_DATE_EPOCH && Number.isSafeInteger(epoch)) return new Date(epoch * 1000);
  const seconds = Number(await git(['log', '-1', '--format=%ct'], cwd));
  if (Number.isSafeInteger(seconds) && seconds > 0) return new Date(seconds * 1000);
  return new Date(0);
}
