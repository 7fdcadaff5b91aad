import { type AzureLogin, isAcrHost } from '../azure/keyless.js';
import type { PolicyInputs, RegistryLine, Visibility } from '../engine/plan.js';
import type { ReferrersPolicy } from '../engine/referrers.js';
import { parseHost, parseRepository, parseSourceReference } from '../oci/reference.js';
import { parseAzureLogin } from './azure-login.js';
import { type BasicCredential, readCredentialsInput } from './credentials-input.js';
import { type InputGetter, InputError, oneOf, parseBoolean, wrap } from './inputs.js';
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
  /** Keyless Sigstore signing: where, and what a verifier should expect. */
  sigstore: SigningInputs;
  /** A chart release keeps the Helm index of `chart-repository` (docs/helm-index.md). */
  chartIndex: boolean;
  /** Where to write that index (the first registry's), relative to the workspace. */
  chartIndexFile?: string;
}

export const DEFAULT_REGISTRIES = 'gsoci.azurecr.io dev\ngiantswarm.azurecr.io';
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
    registries: parseRegistryLines(registriesInput(get), 'registries'),
    ...(get('registries').trim() === '' && { registriesDefaulted: true }),
    mirrors: parseRegistryLines(get('mirrors'), 'mirrors'),
    credentials,
    build: oneOf('build', get('build').trim() || 'auto', ['auto', 'dev', 'release'] as const),
    ...(version !== '' && { version }),
    tagPrefix: get('tag-prefix'),
    tags: get('tags')
      .split('\n')
      .map((t) => t.trim())
      .filter(Boolean),
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
    devUntag: booleanInput('dev-untag'),
    referrers: parseReferrersPolicy(get('referrers')),
    signing: sigstore.policy,
    sigstore,
    chartIndex,
    ...(chartIndexFile && { chartIndexFile }),
  };
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
      else if (flag === 'public' || flag === 'private') {
        if (line.visibility && line.visibility !== flag) {
          throw new InputError(`${where}: "${raw.trim()}" is marked both public and private`);
        }
        line.visibility = flag;
      } else {
        throw new InputError(
          `${where}: unknown flag "${flag}" in "${raw.trim()}"; a line is HOST [dev] [public|private] [insecure] [acr] [timeout=SECONDS]`,
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
