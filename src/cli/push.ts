import type { JobContext } from '../jobs/context.js';
import { EXIT } from '../jobs/exit-codes.js';
import { InputError } from '../jobs/inputs.js';
import type { InputGetter } from '../jobs/inputs.js';
import { type PushJobOutcome, runPush } from '../jobs/push.js';
import { parsePushInputs, type PushInputs } from '../jobs/push-inputs.js';
import {
  failureOutcome,
  formatBytes,
  type PushResultRow,
  uploadProgress,
} from '../jobs/push-report.js';
import { apiHost, hostKey, parseHost } from '../oci/reference.js';
import { type CliConsole, type CliIO, formatTable } from './console.js';
import { defaultRepositoryName, detectFacts } from './facts.js';
import { type FlagSpec, type ParsedFlags, UsageError } from './flags.js';
import { cliVisibility } from './visibility.js';
import {
  AZURE_FLAGS,
  COMMON_FLAGS,
  type CommandSpec,
  readStdin,
  runJobCommand,
  StdinTooLargeError,
} from './run.js';
import { runTool } from './tools.js';

/** One flag per input of action.yml, under the same name, and the CLI's own. */
export const PUSH_FLAGS: readonly FlagSpec[] = [
  {
    name: 'image',
    type: 'string',
    value: 'SOURCE',
    help: 'The image, as skopeo names it: oci:DIR, oci-archive:FILE, docker-archive:FILE, docker-daemon:NAME:TAG or docker://HOST/REPO:TAG.',
  },
  {
    name: 'chart',
    type: 'string',
    value: 'PATH',
    help: 'A Helm chart directory (packaged with helm) or packaged .tgz, pushed with the same version.',
  },
  {
    name: 'repository',
    type: 'string',
    value: 'PATH',
    help: 'Target repository, without host. Default giantswarm/<name>, the name from CIRCLE_PROJECT_REPONAME, GITHUB_REPOSITORY or the origin remote.',
  },
  {
    name: 'registries',
    type: 'string',
    value: 'LINES',
    help: 'Registries, one "HOST [dev] [public|private|public/private] [insecure] [acr]" per line or comma; no marker takes public repositories only. Default "gsoci.azurecr.io dev public, gsociprivate.azurecr.io dev private, giantswarm.azurecr.io public", or REGISTRIES_DATA_BASE64 when set.',
  },
  {
    name: 'registries-data',
    type: 'string',
    value: 'DATA',
    help: 'The orb\'s registries data instead of --registries: "VISIBILITY HOST USER_ENV PASS_ENV PUSH_DEV" lines, or base64 of them. Default: REGISTRIES_DATA_BASE64, when no --registries is given.',
  },
  {
    name: 'registry',
    type: 'string',
    input: 'registries',
    multiple: true,
    value: 'LINE',
    help: 'One registry line; repeatable. Adds to --registries.',
  },
  {
    name: 'mirrors',
    type: 'string',
    value: 'LINES',
    help: 'Mirrors, same format: releases only; a failure warns and exits 0.',
  },
  {
    name: 'mirror',
    type: 'string',
    input: 'mirrors',
    multiple: true,
    value: 'LINE',
    help: 'One mirror line; repeatable.',
  },
  {
    name: 'build',
    type: 'string',
    value: 'auto|dev|release',
    help: 'auto (default): a release when the ref is the tag <tag-prefix>vX.Y.Z, else a dev build.',
  },
  {
    name: 'version',
    type: 'string',
    value: 'SEMVER',
    help: "Overrides the version derived from git. (`oci-push --version`, before the command, prints the CLI's own.)",
  },
  {
    name: 'tag-prefix',
    type: 'string',
    value: 'PREFIX',
    help: 'Monorepo tag prefix: with foo/, the tag foo/v1.2.3 is release 1.2.3.',
  },
  {
    name: 'tags',
    type: 'string',
    value: 'LIST',
    help: 'Extra release tags, e.g. latest; per line or comma.',
  },
  {
    name: 'tag',
    type: 'string',
    input: 'tags',
    multiple: true,
    value: 'TAG',
    help: 'One extra release tag; repeatable.',
  },
  {
    name: 'tag-suffix',
    type: 'string',
    value: 'SUFFIX',
    help: 'Appended verbatim to every image tag, e.g. -python: 1.2.3-python, latest-python.',
  },
  {
    name: 'dev-tags',
    type: 'boolean',
    help: 'Tag a dev build (image and chart) with its version, for Flux semver filters.',
  },
  {
    name: 'branch-tags',
    type: 'string',
    value: 'LIST',
    help: "A floating tag for dev builds of named branches: BRANCH=TAG, per line or comma (the orb's tag-latest-branch: main is main=latest).",
  },
  {
    name: 'floating-tags',
    type: 'string',
    value: 'forward|always',
    help: 'forward (default): extra release tags move only when the release is the highest version in the repository; always: with every release.',
  },
  {
    name: 'overwrite',
    type: 'boolean',
    help: "Let the version's tag move to another digest (never a locked one), and floating tags move backwards.",
  },
  {
    name: 'referrers',
    type: 'string',
    value: 'true|false|TYPES',
    help: "Copy the image's referrers (signatures, SBOMs, provenance): true (default), false, or artifactTypes, comma-separated.",
  },
  {
    name: 'sign',
    type: 'string',
    value: 'auto|true|false',
    help: 'Keyless Sigstore signing (cosign bundle format): auto (default) signs releases of public repositories, true every build. Token: SIGSTORE_ID_TOKEN, or GitHub Actions OIDC.',
  },
  { name: 'fulcio-url', type: 'string', value: 'URL', help: 'Fulcio of a private Sigstore.' },
  {
    name: 'rekor-url',
    type: 'string',
    value: 'URL|none',
    help: 'Rekor of a private Sigstore, or none.',
  },
  {
    name: 'tsa-url',
    type: 'string',
    value: 'URL|none',
    help: 'Timestamp authority of a private Sigstore, or none.',
  },
  {
    name: 'certificate-identity',
    type: 'string',
    value: 'ID',
    help: 'The signer identity verifiers should expect (default: from GitHub or CircleCI).',
  },
  {
    name: 'certificate-oidc-issuer',
    type: 'string',
    value: 'URL',
    help: 'The OIDC issuer verifiers should expect (default: from GitHub or CircleCI).',
  },
  {
    name: 'trusted-root',
    type: 'string',
    value: 'FILE',
    help: "A private Sigstore's trusted_root.json (default: public-good's, through TUF).",
  },
  {
    name: 'visibility',
    type: 'string',
    value: 'public|private',
    help: "The source repository's visibility. Without it: from GitHub's API when GITHUB_TOKEN is set (the repository from GITHUB_REPOSITORY or CIRCLE_PROJECT_USERNAME/_REPONAME), else private (only lines marked private or public/private take it).",
  },
  {
    name: 'dry-run',
    type: 'boolean',
    help: 'Read the registries and show the plan; write nothing.',
  },
  {
    name: 'chart-repository',
    type: 'string',
    value: 'PATH',
    help: "The namespace for charts; the chart's name is appended. Default charts/giantswarm.",
  },
  { name: 'mirror-charts', type: 'boolean', help: 'Push chart releases to the mirrors too.' },
  {
    name: 'chart-index',
    type: 'boolean',
    help: "A chart release updates the namespace's Helm index in each registry (the default; --no-chart-index leaves it).",
  },
  {
    name: 'chart-index-file',
    type: 'string',
    value: 'FILE',
    help: "Also write that index (the first registry's) to FILE, e.g. for GitHub Pages.",
  },
  {
    name: 'lock',
    type: 'boolean',
    help: 'On ACR, lock each release once pushed (needs keyless login).',
  },
  {
    name: 'dev-untag',
    type: 'boolean',
    help: 'On ACR, leave dev builds untagged for retention (needs keyless login).',
  },
  ...AZURE_FLAGS,
  {
    name: 'username',
    type: 'string',
    value: 'USER',
    help: 'With --password-stdin: the username for --login-registry.',
  },
  {
    name: 'password-stdin',
    type: 'boolean',
    help: 'Read the password (or token) for --login-registry from stdin, as docker login does.',
  },
  {
    name: 'login-registry',
    type: 'string',
    value: 'HOST',
    help: 'The registry --password-stdin logs in to. Default: the only registry, when there is one.',
  },
  ...COMMON_FLAGS,
];

const USAGE = `Usage: oci-push push --image SOURCE [--chart PATH] [flags]

Pushes a dev build by digest, or a release (the git tag <tag-prefix>vX.Y.Z at HEAD, or
CIRCLE_TAG, or GITHUB_REF) tagged and immutable, to every registry at once.

Credentials, in this order: OCI_PUSH_CREDENTIALS ("HOST=USER:PASSWORD" per line), then
--username with --password-stdin, then the docker config ($DOCKER_CONFIG or ~/.docker:
credHelpers, credsStore, auths), then keyless ACR login. Never a password flag.`;

export const PUSH: CommandSpec = { name: 'push', usage: USAGE, flags: PUSH_FLAGS };

/** `oci-push push`: the action's push job, with flags for inputs and stderr for the summary. */
export function pushCommand(args: string[], io: CliIO): Promise<number> {
  return runJobCommand(io, PUSH, args, {
    run: (flags, context, out) => push(flags, context, io, out),
    // A push that stopped early still leaves the action's `result`: what failed, nothing pushed.
    failed: failureOutcome,
    render: renderPush,
  });
}

async function push(
  flags: ParsedFlags,
  context: JobContext,
  io: CliIO,
  out: CliConsole,
): Promise<PushJobOutcome> {
  const defaultRepository = await defaultRepositoryName(io.env, io.cwd);
  // As the orb: a CircleCI context's REGISTRIES_DATA_BASE64 names the registries, unless the
  // command line (or OCI_PUSH_REGISTRIES) does, even blank (an input error, as #25 has it).
  const registriesGiven = flags.input('registries') !== '' || flags.input.given?.('registries');
  const orbData =
    !registriesGiven && !flags.input('registries-data')
      ? io.env.REGISTRIES_DATA_BASE64?.trim()
      : undefined;
  if (orbData) out.line('Registries from REGISTRIES_DATA_BASE64 (no --registries given).');
  const get: InputGetter = (name) =>
    flags.input(name) ||
    (name === 'repository' && defaultRepository) ||
    (name === 'registries-data' && orbData) ||
    '';
  if (flags.input.given) get.given = flags.input.given;
  const inputs = parsePushInputs(get, io.env, out.secret);
  if (inputs.githubToken) out.secret(inputs.githubToken);
  await addStdinLogin(inputs, flags, io, out);

  const facts = await detectFacts(io.env, io.cwd, inputs.tagPrefix);
  out.line(`Build facts from ${facts.origin}.`);
  return runPush(inputs, facts, {
    ...context,
    visibility: (requested) => cliVisibility(requested, inputs.githubToken, io.env),
    runHelm: (args) => runTool('helm', args, io.env),
    runDocker: (args) => runTool('docker', args, io.env),
    hooks: uploadProgress((key, line) => out.progress(key, line)),
  });
}

/** The annotations, one line saying what was pushed, and a table of the registries. */
function renderPush({ plan, report, exitCode }: PushJobOutcome, out: CliConsole): void {
  for (const a of report.annotations) out.line(`${a.level}: ${a.title}: ${a.message}`);
  const { build, version, digest, 'chart-digest': chartDigest } = report.outputs;
  out.line('');
  out.line(
    `oci-push: ${build === 'release' ? 'release' : 'dev build'} ${version ?? ''}` +
      (digest ? `, image ${digest}` : '') +
      (chartDigest ? `, chart ${chartDigest}` : '') +
      (plan.dryRun ? ' (dry run: nothing was written)' : ''),
  );
  out.line(resultsTable(report.rows));
  if (exitCode === EXIT.refused) {
    out.line(
      'the release was refused: a release tag is immutable, and it already holds another ' +
        'digest (or is locked). Push a new version, or --overwrite on purpose (exit 3).',
    );
  }
}

const STATUS_TEXT: Record<string, string> = {
  pushed: 'pushed',
  unchanged: 'already there',
  'would-push': 'would push',
  refused: 'REFUSED',
  failed: 'FAILED',
  skipped: 'skipped',
};

function resultsTable(rows: PushResultRow[]): string {
  return formatTable(
    ['registry', 'status', 'blobs up/mount/skip', 'uploaded', 'time', 'references'],
    rows.flatMap((r) => {
      if (!('registry' in r)) return [];
      const where = `${r.registry}${'repository' in r ? `/${r.repository}` : ''}`;
      const role = r.role === 'mirror' ? ' (mirror)' : '';
      let status = STATUS_TEXT[r.status] ?? r.status;
      if (r.role === 'mirror' && (r.status === 'failed' || r.status === 'refused')) {
        status += ', not blocking';
      }
      if (!('blobs' in r)) return [[where + role, status, '-', '-', '-', r.reason]];
      return [
        [
          where + role,
          status,
          `${r.blobs.uploaded}/${r.blobs.mounted}/${r.blobs.skipped}`,
          formatBytes(r.bytes),
          `${r.seconds.toFixed(1)} s`,
          r.refs.length ? r.refs.join('\n') : '-',
        ],
      ];
    }),
  );
}

/** `--username U --password-stdin [--login-registry HOST]`, as `docker login` takes them. */
async function addStdinLogin(
  inputs: PushInputs,
  flags: ParsedFlags,
  io: CliIO,
  out: CliConsole,
): Promise<void> {
  const username = flags.string('username');
  const loginRegistry = flags.string('login-registry');
  if (!flags.boolean('password-stdin')) {
    if (username || loginRegistry) {
      throw new UsageError(
        `--${username ? 'username' : 'login-registry'} needs --password-stdin: passwords are ` +
          'read from stdin, never from a flag (ps would show it)',
      );
    }
    return;
  }
  if (!username) throw new UsageError('--password-stdin needs --username');
  const hosts = [...inputs.registries, ...inputs.mirrors].map((l) => l.host);
  const sourceHost = inputs.image?.transport === 'docker' ? inputs.image.host : undefined;
  let host: string;
  if (loginRegistry) {
    host = parseHost(loginRegistry, '--login-registry');
    if (
      !hosts.some((h) => hostKey(h) === hostKey(host)) &&
      hostKey(host) !== hostKey(sourceHost ?? '')
    ) {
      throw new UsageError(
        `--login-registry ${host} is not one of the registries or mirrors (${hosts.join(', ')}) ` +
          "nor the image's registry",
      );
    }
  } else if (hosts.length === 1 && !sourceHost) {
    host = hosts[0] as string;
  } else {
    throw new UsageError(
      `--password-stdin: say which registry it is for with --login-registry (one of ${hosts.join(', ')})`,
    );
  }
  if (sourceHost && hostKey(host) === hostKey(sourceHost)) host = apiHost(sourceHost);
  if (inputs.credentials.has(hostKey(host))) {
    throw new UsageError(
      `--password-stdin: ${host} already has a credential in OCI_PUSH_CREDENTIALS; give one`,
    );
  }
  let text: string;
  try {
    text = await readStdin(io.stdin, MAX_STDIN_PASSWORD_BYTES);
  } catch (error) {
    if (!(error instanceof StdinTooLargeError)) throw error;
    throw new InputError(
      `--password-stdin: stdin holds more than ${MAX_STDIN_PASSWORD_BYTES / 1024} KiB, far more ` +
        'than a password or token; pipe in the password alone',
    );
  }
  // As docker login: the trailing newline of `echo $TOKEN |` is not part of the password.
  const password = text.replace(/[\r\n]+$/, '');
  if (!password) throw new InputError('--password-stdin: stdin was empty; pipe the password in');
  out.secret(password);
  inputs.credentials.set(hostKey(host), { username, password });
}

/** A password or token read from stdin: registry tokens are a few KiB; a JWT rarely 16. */
const MAX_STDIN_PASSWORD_BYTES = 64 * 1024;
