import { type AzureLogin, isAcrHost } from '../azure/keyless.js';
import {
  lineVisibility,
  type PolicyInputs,
  type RegistryLine,
  type Visibility,
} from '../engine/plan.js';
import type { ReferrersPolicy } from '../engine/referrers.js';
import { isTag, parseHost, parseRepository, parseSourceReference } from '../oci/reference.js';
import { parseAzureLogin } from './azure-login.js';
import { type BasicCredential, readCredentialsInput } from './credentials-input.js';
import { type InputGetter, InputError, oneOf, parseBoolean, wrap } from './inputs.js';
import { parseRegistriesData } from './registries-data.js';
import { parseSigningInputs, type SigningInputs } from './signing-inputs.js';

/** The push's inputs as one typed object, the same from every face. Nothing else reads inputs. */
export interface PushInputs extends PolicyInputs {
  credentials: Map<string, BasicCredential>;
  visibility: 'auto' | Visibility;
  /** Only to read the repository's visibility when the event doesn't say. */
  githubToken: string;
  /** Keyless login to ACR registries that have no other credential. */
  azure?: AzureLogin;
  /** Lock releases on ACR registries (writeEnabled and deleteEnabled false). */
  lock: boolean;
  /** On ACR registries, tag dev builds for a moment then untag them, so retention sees them. */
  devUntag: boolean;
  /** Worth a warning before the push: `registries-data` names a variable that is not set. */
  inputWarnings?: string[];
  /** Keyless Sigstore signing: where, and what a verifier should expect. */
  sigstore: SigningInputs;
  /** A chart release keeps the Helm index of `chart-repository` (docs/helm-index.md). */
  chartIndex: boolean;
  /** Where to write that index (the first registry's), relative to the workspace. */
  chartIndexFile?: string;
}

/**
 * Giant Swarm's registries: dev builds and releases of public repositories to gsoci, of
 * private ones to gsociprivate, and releases of public ones to the old giantswarm ACR too.
 */
export const DEFAULT_REGISTRIES =
  'gsoci.azurecr.io dev public\ngsociprivate.azurecr.io dev private\ngiantswarm.azurecr.io public';
export const DEFAULT_CHART_REPOSITORY = 'charts/giantswarm';

/**
 * Every push input, from `get` (the runner's inputs, or the CLI's flags and environment).
 * Each password goes to `onSecret` before anything could print it.
 */
export function parsePushInputs(
  get: InputGetter,
  env: NodeJS.ProcessEnv,
  onSecret: (secret: string) => void,
): PushInputs {
  const imageText = get('image').trim();
  const chart = get('chart').trim();
  if (!imageText && !chart) {
    throw new InputError('image, chart: nothing to push; set `image`, `chart`, or both');
  }
  const credentials = readCredentialsInput(get('credentials'), onSecret);
  const version = get('version').trim();
  const booleanInput = (name: string): boolean => parseBoolean(name, get(name).trim(), false);
  const azure = parseAzureLogin(get);
  const where = whereTo(get, env, credentials, onSecret);
  const devTags = booleanInput('dev-tags');
  const branchTags = parseBranchTags(get('branch-tags'));
  const devUntag = booleanInput('dev-untag');
  if (devUntag && (devTags || branchTags.size > 0)) {
    throw new InputError(
      `dev-untag, ${devTags ? 'dev-tags' : 'branch-tags'}: dev-untag leaves each dev build ` +
        'untagged so that ACR retention collects it, and tagged dev builds are never collected; ' +
        'choose one (the cleanup action deletes old tagged dev builds, see cleanup/README.md)',
    );
  }
  const sigstore = parseSigningInputs(get);
  const chartIndexFile = get('chart-index-file').trim();
  const chartIndex = parseBoolean('chart-index', get('chart-index').trim(), true);
  if (chartIndexFile && !chartIndex) {
    throw new InputError(
      'chart-index-file: set, but `chart-index` is false, so there is no index to write; ' +
        'drop one of them',
    );
  }
  return {
    ...(imageText && { image: wrap('image', () => parseSourceReference(imageText, 'image')) }),
    ...(chart && { chart }),
    chartRepository: get('chart-repository') || DEFAULT_CHART_REPOSITORY,
    mirrorCharts: booleanInput('mirror-charts'),
    repository: wrap('repository', () =>
      parseRepository(get('repository') || defaultRepository(env), 'repository'),
    ),
    ...where,
    credentials,
    build: oneOf('build', get('build').trim() || 'auto', ['auto', 'dev', 'release'] as const),
    ...(version !== '' && { version }),
    tagPrefix: get('tag-prefix'),
    tags: get('tags')
      .split('\n')
      .map((t) => t.trim())
      .filter(Boolean),
    tagSuffix: parseTagSuffix(get('tag-suffix')),
    devTags,
    branchTags,
    floatingTags: oneOf('floating-tags', get('floating-tags').trim() || 'forward', [
      'forward',
      'always',
    ] as const),
    overwrite: booleanInput('overwrite'),
    visibility: oneOf('visibility', get('visibility').trim() || 'auto', [
      'auto',
      'public',
      'private',
    ] as const),
    dryRun: booleanInput('dry-run'),
    githubToken: get('github-token') || env.GITHUB_TOKEN || '',
    ...(azure && { azure }),
    lock: booleanInput('lock'),
    devUntag,
    referrers: parseReferrersPolicy(get('referrers')),
    signing: sigstore.policy,
    sigstore,
    chartIndex,
    ...(chartIndexFile && { chartIndexFile }),
  };
}

/**
 * The registries and mirrors, from `registries` and `mirrors`, or from `registries-data` (the
 * orb's format) in place of `registries`: its credentials join `credentials` (a host in both
 * is an error), and its Aliyun lines join the mirrors.
 */
function whereTo(
  get: InputGetter,
  env: NodeJS.ProcessEnv,
  credentials: Map<string, BasicCredential>,
  onSecret: (secret: string) => void,
): Pick<PushInputs, 'registries' | 'mirrors' | 'registriesDefaulted' | 'inputWarnings'> {
  const registriesText = get('registries');
  const mirrors = parseRegistryLines(get('mirrors'), 'mirrors');
  const dataText = get('registries-data');
  if (dataText.trim() === '') {
    return {
      registries: parseRegistryLines(registriesInput(get), 'registries'),
      ...(registriesText.trim() === '' && { registriesDefaulted: true }),
      mirrors,
    };
  }
  // The action always has `registries` (action.yml's default): only the default may stand
  // beside `registries-data`, which then replaces it.
  if (registriesText.trim() !== '' && !isDefaultRegistries(registriesText)) {
    throw new InputError(
      'registries, registries-data: both are set; give the registries one way, as lines of ' +
        "`registries` or as the orb's `registries-data`",
    );
  }
  const data = parseRegistriesData(dataText, env, onSecret);
  for (const [host, credential] of data.credentials) {
    if (credentials.has(host)) {
      throw new InputError(
        `credentials, registries-data: ${host} has a credential in both; give it in one of them`,
      );
    }
    credentials.set(host, credential);
  }
  for (const line of data.mirrors) {
    if (mirrors.some((m) => m.host === line.host)) {
      throw new InputError(
        `mirrors, registries-data: ${line.host} is in both (an Aliyun host in the registries ` +
          'data is a mirror already); list it once',
      );
    }
  }
  return {
    registries: data.registries,
    mirrors: [...mirrors, ...data.mirrors],
    ...(data.warnings.length > 0 && { inputWarnings: data.warnings }),
  };
}

function isDefaultRegistries(text: string): boolean {
  const lines = (value: string): string =>
    value
      .split('\n')
      .map((l) => l.trim().split(/\s+/).join(' '))
      .filter(Boolean)
      .join('\n');
  return lines(text) === lines(DEFAULT_REGISTRIES);
}

/** `tag-suffix`: appended verbatim to every image tag, so it is what a tag may hold. */
function parseTagSuffix(text: string): string {
  const suffix = text.trim();
  if (!/^[A-Za-z0-9_.-]{0,100}$/.test(suffix)) {
    throw new InputError(
      `tag-suffix: "${suffix}" can't be part of a tag: use up to 100 of [A-Za-z0-9_.-], e.g. -python`,
    );
  }
  return suffix;
}

/** `branch-tags`: one `BRANCH=TAG` per line (or comma on the CLI), e.g. `main=latest`. */
export function parseBranchTags(text: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const [i, raw] of text.split('\n').entries()) {
    const entry = raw.replace(/#.*/, '').trim();
    if (!entry) continue;
    const where = `branch-tags line ${i + 1}`;
    const eq = entry.indexOf('=');
    const branch = entry.slice(0, Math.max(eq, 0)).trim();
    const tag = entry.slice(eq + 1).trim();
    if (eq <= 0 || !branch || /\s/.test(branch) || !isTag(tag)) {
      throw new InputError(
        `${where}: "${entry}" is not BRANCH=TAG (a branch name, then a tag of up to 128 of ` +
          "[A-Za-z0-9_.-]), e.g. main=latest as the orb's tag-latest-branch: main tagged it",
      );
    }
    if (tags.has(branch)) throw new InputError(`${where}: the branch ${branch} has a second tag`);
    tags.set(branch, tag);
  }
  return tags;
}

/**
 * `true` (or empty): every referrer; `false`: none; otherwise artifactTypes, one per line or
 * comma-separated, e.g. `application/vnd.dev.sigstore.bundle.v0.3+json`.
 */
export function parseReferrersPolicy(text: string): ReferrersPolicy {
  const value = text.trim();
  if (value === '' || /^(true|false)$/i.test(value)) return parseBoolean('referrers', value, true);
  const types = value
    .split(/[\n,]/)
    .map((t) => t.trim())
    .filter(Boolean);
  for (const type of types) {
    // A media type: type/subtype (RFC 6838), as artifactType must be (image-spec manifest.md).
    if (!/^[A-Za-z0-9][\w.+-]*\/[A-Za-z0-9][\w.+-]*$/.test(type)) {
      throw new InputError(
        `referrers: "${type}" is not an artifactType (a media type such as ` +
          '`application/vnd.dev.sigstore.bundle.v0.3+json`); write true, false, or artifactTypes ' +
          'one per line',
      );
    }
  }
  return types;
}

/**
 * `registries`, or the defaults when it was left out. Given but blank (`registries: ''`, an
 * unset variable, `--registries ''`) is an input error: falling back would push somewhere
 * the user never named (issue #25).
 */
function registriesInput(get: InputGetter): string {
  const text = get('registries');
  if (text.trim() !== '') return text;
  if (get.given?.('registries')) {
    throw new InputError(
      'registries: given, but empty (an unset variable in `registries: ${{ … }}` gives this); ' +
        'name at least one registry line, e.g. `gsoci.azurecr.io dev`, or leave the input out ' +
        `for the defaults (${DEFAULT_REGISTRIES.replace(/\n/g, ', ')})`,
    );
  }
  return DEFAULT_REGISTRIES;
}

/** `giantswarm/<GitHub repository name>`, lowercased as registries require. */
export function defaultRepository(env: NodeJS.ProcessEnv): string {
  const name = env.GITHUB_REPOSITORY?.split('/')[1];
  if (!name) {
    throw new InputError(
      'repository: no value given and GITHUB_REPOSITORY is not set; set `repository`',
    );
  }
  return `giantswarm/${name.toLowerCase()}`;
}

export function parseRegistryLines(text: string, input: string): RegistryLine[] {
  const lines: RegistryLine[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const words = raw.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    const [host, ...flags] = words;
    if (!host) continue;
    const where = `${input} line ${i + 1}`;
    if (words.some((word) => word.includes('@'))) {
      // `https://user:password@host`: never echo it, the password is in it.
      throw new InputError(
        `${where} has a user name or password in it (a word with "@"); it is not shown, as ` +
          'it may hold a secret. Write the host alone (HOST[:PORT]) and put the credential in ' +
          '`credentials` (HOST=USERNAME:PASSWORD)',
      );
    }
    const line: RegistryLine = {
      host: wrap(input, () => parseHost(host, where)),
      dev: false,
      insecure: false,
      acr: isAcrHost(host),
    };
    for (const flag of flags) {
      if (flag === 'dev') line.dev = true;
      else if (flag === 'insecure') line.insecure = true;
      else if (flag === 'acr') line.acr = true;
      else if (flag.startsWith('timeout=')) line.timeoutSeconds = timeoutSeconds(flag, where);
      else if (lineVisibility(flag)) {
        if (line.visibility && line.visibility !== lineVisibility(flag)) {
          throw new InputError(
            `${where}: "${raw.trim()}" is marked both public and private; a line that ` +
              'takes public and private repositories is marked public/private',
          );
        }
        line.visibility = lineVisibility(flag);
      } else {
        throw new InputError(
          `${where}: unknown flag "${flag}" in "${raw.trim()}"; a line is HOST [dev] ` +
            '[public|private|public/private] [insecure] [acr] [timeout=SECONDS]',
        );
      }
    }
    if (lines.some((l) => l.host === line.host)) {
      throw new InputError(`${where}: ${line.host} is listed twice`);
    }
    lines.push(line);
  }
  return lines;
}

/** `timeout=SECONDS` on a registries or mirrors line: a whole number from 5 to 3600. */
function timeoutSeconds(flag: string, where: string): number {
  const text = flag.slice('timeout='.length);
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds < 5 || seconds > 3600) {
    throw new InputError(
      `${where}: "${flag}" is not timeout=SECONDS with a whole number of seconds from 5 to ` +
        '3600 (how long the registry may take to answer)',
    );
  }
  return seconds;
}
