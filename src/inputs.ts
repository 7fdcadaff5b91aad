import * as core from '@actions/core';
import { type AzureLogin, DEFAULT_AZURE_AUDIENCE, isAcrHost } from './azure/keyless.js';
import { parseHost, parseRepository, parseSourceReference } from './oci/reference.js';
import type { PolicyInputs, Visibility } from './plan.js';

/** The action's inputs as one typed object. Nothing else reads inputs. */
export interface Inputs extends PolicyInputs {
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
}

/** One line of `registries`: `HOST [dev] [public|private] [insecure] [acr]`. */
export interface RegistryLine {
  host: string;
  /** Dev builds go only to registries marked `dev`. */
  dev: boolean;
  visibility?: 'public' | 'private';
  /** Plain HTTP to a non-loopback host. */
  insecure: boolean;
  /** An Azure Container Registry: `*.azurecr.io` (and sovereign clouds), or marked `acr`. */
  acr: boolean;
}

export interface BasicCredential {
  username: string;
  password: string;
}

/** An input's value is wrong; the message names the input. */
export class InputError extends Error {
  override name = 'InputError';
}

export const DEFAULT_REGISTRIES = 'gsoci.azurecr.io dev\ngiantswarm.azurecr.io';
export const DEFAULT_CHART_REPOSITORY = 'charts/giantswarm';

export function getInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const imageText = core.getInput('image');
  const chart = core.getInput('chart');
  if (!imageText && !chart) {
    throw new InputError('image, chart: nothing to push; set `image`, `chart`, or both');
  }
  const credentials = parseCredentials(core.getInput('credentials'));
  for (const { password } of credentials.values()) core.setSecret(password);
  const version = core.getInput('version');
  return {
    ...(imageText && { image: wrap('image', () => parseSourceReference(imageText, 'image')) }),
    ...(chart && { chart }),
    chartRepository: core.getInput('chart-repository') || DEFAULT_CHART_REPOSITORY,
    mirrorCharts: booleanInput('mirror-charts'),
    repository: wrap('repository', () =>
      parseRepository(core.getInput('repository') || defaultRepository(env), 'repository'),
    ),
    registries: parseRegistryLines(core.getInput('registries') || DEFAULT_REGISTRIES, 'registries'),
    mirrors: parseRegistryLines(core.getInput('mirrors'), 'mirrors'),
    credentials,
    build: oneOf('build', core.getInput('build') || 'auto', ['auto', 'dev', 'release'] as const),
    ...(version !== '' && { version }),
    tagPrefix: core.getInput('tag-prefix'),
    tags: core
      .getInput('tags')
      .split('\n')
      .map((t) => t.trim())
      .filter(Boolean),
    overwrite: booleanInput('overwrite'),
    visibility: oneOf('visibility', core.getInput('visibility') || 'auto', [
      'auto',
      'public',
      'private',
    ] as const),
    dryRun: booleanInput('dry-run'),
    githubToken: core.getInput('github-token') || env.GITHUB_TOKEN || '',
    ...azureLogin(),
    lock: booleanInput('lock'),
    devUntag: booleanInput('dev-untag'),
  };
}

/** `azure-client-id` and `azure-tenant-id` come together or not at all. */
function azureLogin(): { azure?: AzureLogin } {
  const clientId = core.getInput('azure-client-id');
  const tenantId = core.getInput('azure-tenant-id');
  if (!clientId && !tenantId) return {};
  if (!clientId || !tenantId) {
    const missing = clientId ? 'azure-tenant-id' : 'azure-client-id';
    throw new InputError(
      `${missing}: keyless Azure login needs both azure-client-id and azure-tenant-id; set ${missing}`,
    );
  }
  const authorityHost = core.getInput('azure-authority-host');
  if (authorityHost && !/^https:\/\/[^/\s]+\/?$/.test(authorityHost)) {
    throw new InputError(
      `azure-authority-host: "${authorityHost}" is not an https:// host, e.g. https://login.chinacloudapi.cn`,
    );
  }
  return {
    azure: {
      clientId,
      tenantId,
      ...(authorityHost && { authorityHost }),
      audience: core.getInput('azure-audience') || DEFAULT_AZURE_AUDIENCE,
    },
  };
}

function booleanInput(name: string): boolean {
  return parseBoolean(name, core.getInput(name).trim(), false);
}

/** `true`/`false` as YAML 1.2 core schema spells them (what `core.getBooleanInput` accepts). */
export function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`${name}: "${value}" is not true or false`);
}

export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`${name}: "${value}" is not one of ${allowed.join(', ')}`);
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
      else if (flag === 'public' || flag === 'private') {
        if (line.visibility && line.visibility !== flag) {
          throw new InputError(`${where}: "${raw.trim()}" is marked both public and private`);
        }
        line.visibility = flag;
      } else {
        throw new InputError(
          `${where}: unknown flag "${flag}" in "${raw.trim()}"; a line is HOST [dev] [public|private] [insecure] [acr]`,
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

/**
 * One `HOST=USERNAME:PASSWORD` per line, split at the first `=` and the first `:` after
 * it, so a password may contain both. The password never appears in a message.
 */
export function parseCredentials(text: string): Map<string, BasicCredential> {
  const credentials = new Map<string, BasicCredential>();
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const where = `credentials line ${i + 1}`;
    const eq = line.indexOf('=');
    const colon = eq < 0 ? -1 : line.indexOf(':', eq + 1);
    if (eq <= 0 || colon < 0) {
      throw new InputError(
        `${where} is not HOST=USERNAME:PASSWORD (its value is hidden because it may hold a secret)`,
      );
    }
    const host = line.slice(0, eq).trim();
    wrap('credentials', () => parseHost(host, where));
    const username = line.slice(eq + 1, colon);
    const password = line.slice(colon + 1);
    if (!username || !password) {
      throw new InputError(`${where} (${host}) has an empty username or password`);
    }
    if (credentials.has(host)) throw new InputError(`${where}: ${host} has a second credential`);
    credentials.set(host, { username, password });
  }
  return credentials;
}

/** Runs a parser, turning its error into an InputError that starts with the input's name. */
export function wrap<T>(input: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = (error as Error).message;
    throw new InputError(message.startsWith(input) ? message : `${input}: ${message}`);
  }
}
