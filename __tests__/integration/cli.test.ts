import { chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../harness/action.js';
import { runCli, type CliRun } from '../harness/cli.js';
import { makeOciLayout, type OciLayoutFixture } from '../harness/fixtures.js';
import { freePort } from '../harness/ports.js';
import { runCommand } from '../harness/processes.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { holds, inspectRaw, listTags } from '../harness/skopeo.js';
import { ROOT } from '../harness/tools.js';

/**
 * The built CLI (`node dist/cli.js`) against real registries, checked with skopeo: facts from
 * a real git checkout and from CircleCI's variables, credentials from a docker credential
 * helper and from stdin, each exit code produced for real, --json, --dry-run, the packed and
 * installed `oci-push`, and the same `result` JSON as the action.
 */
let anon: TestRegistry;
let basic: TestRegistry;
let work: string;
let image: OciLayoutFixture;

beforeAll(async () => {
  [anon, basic] = await Promise.all([startRegistry('anonymous'), startRegistry('basic')]);
  work = await mkdtemp(join(tmpdir(), 'oci-push-cli-'));
  image = await makeOciLayout(join(work, 'image'));
});
afterAll(async () => {
  await Promise.all([anon, basic].map((r) => r?.stop()));
  await rm(work, { recursive: true, force: true });
});

interface ResultRow {
  registry: string;
  role: string;
  repository?: string;
  status: string;
  refs?: string[];
  seconds?: number;
  error?: string;
}

/** `--json -`: stdout holds the result JSON and nothing else. */
function jsonRows(run: CliRun): ResultRow[] {
  return JSON.parse(run.stdout) as ResultRow[];
}

/** git in a test checkout, with an identity of its own and no user config. */
async function git(cwd: string, ...args: string[]): Promise<string> {
  const result = await runCommand('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'oci-push test',
      GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'oci-push test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
    },
  });
  if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** A real checkout on `main` with one commit; returns its HEAD. */
async function checkout(name: string): Promise<{ dir: string; sha: string }> {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  await git(dir, 'init', '--quiet', '--initial-branch=main');
  await writeFile(join(dir, 'README'), `${name}\n`);
  await git(dir, 'add', 'README');
  await git(dir, 'commit', '--quiet', '-m', 'first');
  return { dir, sha: await git(dir, 'rev-parse', 'HEAD') };
}

const push = (registries: string, repository: string, ...more: string[]): string[] =>
  pushImage(image, registries, repository, ...more);
const pushImage = (
  fixture: OciLayoutFixture,
  registries: string,
  repository: string,
  ...more: string[]
): string[] => [
  'push',
  '--image',
  `oci:${fixture.dir}`,
  '--registries',
  registries,
  '--repository',
  repository,
  ...more,
];

describe('from a git checkout, with no GITHUB_* or CIRCLE_* variable', () => {
  test('a commit after the release v1.0.0 is a dev build 1.0.1-dev.<commit time>.g<sha12>, by digest only', async () => {
    const { dir } = await checkout('git-dev');
    await git(dir, 'tag', 'v1.0.0');
    await writeFile(join(dir, 'README'), 'changed\n');
    await git(dir, 'commit', '--quiet', '-am', 'second');
    const sha = await git(dir, 'rev-parse', 'HEAD');
    const time = new Date(Number(await git(dir, 'log', '-1', '--format=%ct')) * 1000)
      .toISOString()
      .replace(/[-:T]/g, '')
      .slice(0, 14);

    const run = await runCli(push(`${anon.host} dev`, 'giantswarm/cli-git', '--json', '-'), {
      cwd: dir,
    });
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 0,
      stderr: expect.stringContaining(`oci-push: dev build 1.0.1-dev.${time}.g${sha.slice(0, 12)}`),
    });
    expect(run.stderr).toContain('git: the branch main, with no release tag at HEAD');
    const ref = `${anon.host}/giantswarm/cli-git@${image.manifest.digest}`;
    expect(jsonRows(run)).toEqual([
      expect.objectContaining({ registry: anon.host, status: 'pushed', refs: [ref] }),
    ]);
    expect(await inspectRaw(anon, `giantswarm/cli-git@${image.manifest.digest}`)).toEqual(
      image.manifest.bytes,
    );
    expect(await listTags(anon, 'giantswarm/cli-git')).toEqual([]);
  });

  test('the tag v1.2.3 at HEAD is the release 1.2.3, tagged', async () => {
    const { dir } = await checkout('git-release');
    await git(dir, 'tag', 'v1.2.3');
    const run = await runCli(push(`${anon.host} dev`, 'giantswarm/cli-git-release'), {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('git: the tag v1.2.3 is at HEAD');
    expect(run.stderr).toContain('oci-push: release 1.2.3');
    expect(await listTags(anon, 'giantswarm/cli-git-release')).toEqual(['1.2.3']);
    expect(await inspectRaw(anon, 'giantswarm/cli-git-release:1.2.3')).toEqual(
      image.manifest.bytes,
    );
  });
});

describe('on CircleCI', () => {
  const circle = (extra: Record<string, string>): Record<string, string> => ({
    CIRCLECI: 'true',
    CIRCLE_SHA1: 'c1'.repeat(20),
    CIRCLE_PROJECT_REPONAME: 'Circle-App',
    ...extra,
  });

  test('CIRCLE_TAG=v1.2.3 is the release 1.2.3, tagged; the repository from the project name', async () => {
    // A checkout with no tag at all: the release comes from CircleCI's variable alone.
    const { dir } = await checkout('circle-release');
    const run = await runCli(
      ['push', '--image', `oci:${image.dir}`, '--registries', `${anon.host} dev`],
      { cwd: dir, env: circle({ CIRCLE_TAG: 'v1.2.3' }) },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('CircleCI: refs/tags/v1.2.3 (CIRCLE_TAG)');
    expect(await listTags(anon, 'giantswarm/circle-app')).toEqual(['1.2.3']);
    expect(await inspectRaw(anon, 'giantswarm/circle-app:1.2.3')).toEqual(image.manifest.bytes);
  });

  test('CIRCLE_BRANCH with CIRCLE_SHA1 is a dev build of that commit, outside any checkout', async () => {
    const run = await runCli(push(`${anon.host} dev`, 'giantswarm/circle-dev', '--json', '-'), {
      env: circle({ CIRCLE_BRANCH: 'feature' }),
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      new RegExp(`oci-push: dev build 0\\.0\\.1-dev\\.\\d{14}\\.g${'c1'.repeat(6)}`),
    );
    expect(jsonRows(run)[0]?.refs).toEqual([
      `${anon.host}/giantswarm/circle-dev@${image.manifest.digest}`,
    ]);
    expect(await holds(anon, `giantswarm/circle-dev@${image.manifest.digest}`)).toBe(true);
    expect(await listTags(anon, 'giantswarm/circle-dev')).toEqual([]);
  });
});

describe('credentials from a docker credential helper', () => {
  /**
   * A `docker-credential-<name>` as docker-credential-helpers' protocol has it: the server on
   * stdin, JSON on stdout, "credentials not found in native keychain" for a server it lacks.
   */
  async function helperDir(name: string): Promise<string> {
    const dir = join(work, `helpers-${name}`);
    await mkdir(dir, { recursive: true });
    const script = join(dir, `docker-credential-${name}`);
    await writeFile(
      script,
      `#!/bin/sh
[ "$1" = get ] || exit 2
read -r server
if [ "$server" = "${basic.host}" ]; then
  printf '{"ServerURL":"%s","Username":"%s","Secret":"%s"}' "$server" '${basic.username}' '${basic.password}'
else
  echo "credentials not found in native keychain"
  exit 1
fi
`,
    );
    await chmod(script, 0o755);
    return dir;
  }

  async function dockerConfig(name: string, config: object): Promise<string> {
    const dir = join(work, `docker-config-${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'config.json'), JSON.stringify(config));
    return dir;
  }

  test('credsStore: the helper logs in to a Basic-auth registry, and its secret is never printed', async () => {
    const helpers = await helperDir('ocitest');
    const run = await runCli(
      push(`${basic.host} dev`, 'giantswarm/helper-store', '--build', 'dev', '--version', '0.1.0'),
      {
        env: {
          PATH: `${helpers}:${process.env.PATH ?? ''}`,
          DOCKER_CONFIG: await dockerConfig('store', { auths: {}, credsStore: 'ocitest' }),
        },
      },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${basic.host}: credential from docker-credential-ocitest`);
    expect(await holds(basic, `giantswarm/helper-store@${image.manifest.digest}`)).toBe(true);
  });

  test('credHelpers for the host comes before credsStore (here a helper that does not exist)', async () => {
    const helpers = await helperDir('perhost');
    const run = await runCli(
      push(`${basic.host} dev`, 'giantswarm/helper-host', '--build', 'dev', '--version', '0.1.0'),
      {
        env: {
          PATH: `${helpers}:${process.env.PATH ?? ''}`,
          DOCKER_CONFIG: await dockerConfig('per-host', {
            credsStore: 'not-installed',
            credHelpers: { [basic.host]: 'perhost' },
          }),
        },
      },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${basic.host}: credential from docker-credential-perhost`);
    expect(await holds(basic, `giantswarm/helper-host@${image.manifest.digest}`)).toBe(true);
  });

  test('a helper that is not installed fails the push, naming the helper and the registry', async () => {
    const run = await runCli(
      push(
        `${basic.host} dev`,
        'giantswarm/helper-missing',
        '--build',
        'dev',
        '--version',
        '0.1.0',
      ),
      {
        env: { DOCKER_CONFIG: await dockerConfig('missing', { credsStore: 'not-installed' }) },
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `docker-credential-not-installed is not on PATH, and the docker config names it as the credential helper for ${basic.host}`,
    );
  });
});

test('--password-stdin logs in to the only registry, as docker login does', async () => {
  const run = await runCli(
    push(
      `${basic.host} dev`,
      'giantswarm/stdin',
      '--build',
      'dev',
      '--version',
      '0.2.0',
      '--username',
      basic.username,
      '--password-stdin',
    ),
    { input: `${basic.password}\n` },
  );
  expect(run.code).toBe(0);
  expect(await holds(basic, `giantswarm/stdin@${image.manifest.digest}`)).toBe(true);
  // Without it, the same push has no credential and the registry refuses it.
  const without = await runCli(
    push(`${basic.host} dev`, 'giantswarm/stdin', '--build', 'dev', '--version', '0.2.0'),
  );
  expect(without.code).toBe(1);
});

describe('exit codes', () => {
  test('2: an unknown flag or a bad value, and the message names it', async () => {
    const unknown = await runCli(['push', '--image', `oci:${image.dir}`, '--registires', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("'--registires'");
    const bad = await runCli(push(`${anon.host} dev`, 'giantswarm/x', '--build', 'sometimes'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('build: "sometimes" is not one of auto, dev, release');
    expect(bad.stderr).toContain('--build or OCI_PUSH_BUILD');
    const badEnv = await runCli(push(`${anon.host} dev`, 'giantswarm/x'), {
      env: { OCI_PUSH_DRY_RUN: 'maybe' },
    });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toContain('dry-run: "maybe" is not true or false');
  });

  test('3: a different image to an existing release tag is refused, and the tag stays', async () => {
    const release = ['--build', 'release', '--version', '9.0.0'];
    expect((await runCli(push(`${anon.host} dev`, 'giantswarm/refused', ...release))).code).toBe(0);
    const other = await makeOciLayout(join(work, 'other'));
    const run = await runCli(
      pushImage(other, `${anon.host} dev`, 'giantswarm/refused', ...release),
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('REFUSED');
    expect(run.stderr).toContain('Release tags are immutable');
    expect(await inspectRaw(anon, 'giantswarm/refused:9.0.0')).toEqual(image.manifest.bytes);
    expect(await holds(anon, `giantswarm/refused@${other.manifest.digest}`)).toBe(false);
  });

  test('1: a required registry that is down (a closed port)', async () => {
    const dead = `127.0.0.1:${await freePort()}`;
    const run = await runCli(
      push(`${dead} dev`, 'giantswarm/dead', '--build', 'dev', '--version', '0.3.0', '--json', '-'),
    );
    expect(run.code).toBe(1);
    expect(jsonRows(run)).toEqual([expect.objectContaining({ registry: dead, status: 'failed' })]);
    expect(run.stderr).toContain('FAILED');
  });

  test('0: a mirror that is down only warns; the release is on the registry', async () => {
    const dead = `127.0.0.1:${await freePort()}`;
    const run = await runCli(
      push(
        `${anon.host} dev`,
        'giantswarm/dead-mirror',
        '--build',
        'release',
        '--version',
        '3.0.0',
        '--mirror',
        dead,
        '--json',
        '-',
      ),
    );
    expect(run.code).toBe(0);
    expect(jsonRows(run)).toEqual([
      expect.objectContaining({ registry: anon.host, status: 'pushed' }),
      expect.objectContaining({ registry: dead, role: 'mirror', status: 'failed' }),
    ]);
    expect(run.stderr).toContain(`warning: oci-push: mirror ${dead} failed`);
    expect(await listTags(anon, 'giantswarm/dead-mirror')).toEqual(['3.0.0']);
  });
});

test('--json FILE writes the result JSON; --dry-run writes nothing to the registry', async () => {
  const file = join(work, 'result.json');
  const run = await runCli(
    push(
      `${anon.host} dev`,
      'giantswarm/dry',
      '--build',
      'release',
      '--version',
      '4.0.0',
      '--dry-run',
      '--json',
      file,
    ),
  );
  expect(run.code).toBe(0);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain('(dry run: nothing was written)');
  const rows = JSON.parse(await readFile(file, 'utf8')) as ResultRow[];
  expect(rows).toEqual([
    expect.objectContaining({ registry: anon.host, status: 'would-push', refs: [] }),
  ]);
  expect(await holds(anon, `giantswarm/dry@${image.manifest.digest}`)).toBe(false);
  expect(await holds(anon, 'giantswarm/dry:4.0.0')).toBe(false);
});

test('the action and the CLI give the same result JSON for the same push', async () => {
  // Two fresh registries, so each push starts from the same nothing; the host is the only
  // difference, and `seconds` (wall time) is dropped.
  const [a, b] = await Promise.all([startRegistry('anonymous'), startRegistry('anonymous')]);
  try {
    const action = await runAction(
      {
        image: `oci:${image.dir}`,
        repository: 'giantswarm/same',
        registries: `${a.host} dev`,
        tags: 'latest',
      },
      { GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_SHA: 'ab'.repeat(20) },
    );
    const cli = await runCli(
      push(`${b.host} dev`, 'giantswarm/same', '--tag', 'latest', '--json', '-'),
      {
        env: { CIRCLECI: 'true', CIRCLE_TAG: 'v1.2.3', CIRCLE_SHA1: 'ab'.repeat(20) },
      },
    );
    expect([action.code, cli.code]).toEqual([0, 0]);
    const normalize = (json: string, host: string): unknown =>
      (JSON.parse(json.split(host).join('HOST')) as ResultRow[]).map(({ seconds, ...row }) => {
        expect(typeof seconds).toBe('number');
        return row;
      });
    const fromAction = normalize(action.outputs.result ?? '', a.host);
    expect(fromAction).toEqual(normalize(cli.stdout, b.host));
    expect(fromAction).toEqual([expect.objectContaining({ status: 'pushed' })]);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

test('the packed CLI: npm pack, npm install -g into a prefix, and its oci-push pushes', async () => {
  const dir = await mkdtemp(join(work, 'packed-'));
  const pack = await runCommand('npm', ['pack', '--silent', '--pack-destination', dir], {
    cwd: ROOT,
  });
  expect(pack.code).toBe(0);
  const tarball = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
  expect(tarball).toBeDefined();
  const prefix = join(dir, 'prefix');
  // --offline: the package needs nothing from a registry; everything is in its bundle.
  const install = await runCommand(
    'npm',
    ['install', '--global', '--offline', '--prefix', prefix, join(dir, tarball ?? '')],
    { cwd: dir },
  );
  expect({ code: install.code, stderr: install.stderr }).toEqual({
    code: 0,
    stderr: expect.any(String),
  });
  // `#!/usr/bin/env node` finds Node 24 first on PATH: the one the tests run on.
  const nodeDir = join(dir, 'node24');
  await mkdir(nodeDir);
  await symlink(process.execPath, join(nodeDir, 'node'));
  const env = { PATH: `${nodeDir}:/usr/bin:/bin` };
  const bin = join(prefix, 'bin', 'oci-push');
  expect((await runCli(['--version'], { command: bin, env })).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  const run = await runCli(
    push(`${anon.host} dev`, 'giantswarm/packed', '--build', 'release', '--version', '5.0.0'),
    { command: bin, env, cwd: dir },
  );
  expect({ code: run.code, stderr: run.stderr }).toEqual({
    code: 0,
    stderr: expect.stringContaining('oci-push: release 5.0.0'),
  });
  expect(await inspectRaw(anon, 'giantswarm/packed:5.0.0')).toEqual(image.manifest.bytes);
});
