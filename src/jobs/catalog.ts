import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { type AzureLogin, isAcrHost } from '../azure/keyless.js';
import { type LeftOut, scanNamespace } from '../engine/chart-catalog.js';
import {
  ForeignIndexError,
  INDEX_TAG,
  keepIndex,
  readStoredIndex,
  type StoredIndex,
} from '../engine/chart-index-store.js';
import { registryClients } from '../engine/clients.js';
import { entryCount, type HelmIndex, indexEntries, renderIndexYaml } from '../helm/chart-index.js';
import type { Digest } from '../oci/digest.js';
import { isHost, isRepository } from '../oci/reference.js';
import type { Send } from '../registry/http.js';
import type { Logger, SecretSink } from '../registry/log.js';
import { createRegistryTransport } from '../registry/retry.js';
import { USER_AGENT } from '../registry/user-agent.js';
import { parseAzureLogin } from './azure-login.js';
import { type BasicCredential, readCredentialsInput } from './credentials-input.js';
import { type InputGetter, InputError, parseBoolean } from './inputs.js';
import { DEFAULT_CHART_REPOSITORY } from './push-inputs.js';
import { signIn } from './sign-in.js';

/**
 * `oci-push catalog`: the Helm index of a registry's chart namespace, built from scratch
 * from the charts the registry holds, written to a file and/or stored in the registry at the
 * namespace's well-known reference (`<namespace>:latest`, see docs/helm-index.md).
 */
export interface CatalogInputs {
  registry: { host: string; insecure: boolean; acr: boolean };
  namespace: string;
  /** Chart names to read instead of the registry's catalog (for registries without one). */
  charts?: string[];
  /** An absolute path to write index.yaml to. */
  out?: string;
  /** Store the index in the registry. */
  write: boolean;
  credentials: Map<string, BasicCredential>;
  azure?: AzureLogin;
}

export function parseCatalogInputs(
  get: InputGetter,
  cwd: string,
  onSecret: SecretSink,
): CatalogInputs {
  const credentials = readCredentialsInput(get('credentials'), onSecret);
  const line = get('registry').trim();
  const [host, ...flags] = line.split(/\s+/).filter(Boolean);
  if (!host)
    throw new InputError('registry: required; the registry to index, e.g. gsoci.azurecr.io');
  if (!isHost(host)) {
    throw new InputError(
      `registry: "${host}" is not a registry host, e.g. gsoci.azurecr.io or 127.0.0.1:5000`,
    );
  }
  const registry = { host, insecure: false, acr: isAcrHost(host) };
  for (const flag of flags) {
    if (flag === 'insecure') registry.insecure = true;
    else if (flag === 'acr') registry.acr = true;
    else throw new InputError(`registry: unknown flag "${flag}"; write HOST [insecure] [acr]`);
  }
  const namespace = (get('namespace').trim() || DEFAULT_CHART_REPOSITORY).replace(/\/+$/, '');
  if (!isRepository(namespace)) {
    throw new InputError(
      `namespace: "${namespace}" is not a repository path (lowercase letters, digits and ` +
        'separators, e.g. charts/giantswarm)',
    );
  }
  const charts = get('charts')
    .split(/[\n,]/)
    .map((c) => c.trim())
    .filter(Boolean);
  for (const chart of charts) {
    if (!isRepository(`${namespace}/${chart}`) || chart.includes('/')) {
      throw new InputError(`charts: "${chart}" is not a chart name (one path segment, lowercase)`);
    }
  }
  const out = get('out').trim();
  const write = parseBoolean('write', get('write').trim(), false);
  if (!out && !write) {
    throw new InputError(
      'out, write: nowhere to put the index; give --out FILE, --write (store it in the registry), or both',
    );
  }
  const azure = parseAzureLogin(get);
  return {
    registry,
    namespace,
    ...(charts.length > 0 && { charts }),
    ...(out && { out: isAbsolute(out) ? out : resolve(cwd, out) }),
    write,
    credentials,
    ...(azure && { azure }),
  };
}

export interface CatalogDependencies {
  env: NodeJS.ProcessEnv;
  log: Logger;
  onSecret: SecretSink;
  phase: <T>(name: string, work: () => Promise<T>) => Promise<T>;
  getIdToken: (audience: string) => Promise<string>;
  send?: Send;
  pageSize?: number;
  now?: () => Date;
}

export interface CatalogResult {
  registry: string;
  namespace: string;
  charts: { name: string; versions: string[] }[];
  leftOut: LeftOut[];
  otherTags: number;
  /** The stored index, when `write`: its reference and manifest digest. */
  stored?: { reference: string; digest: Digest; status: 'present' | 'updated' };
  /** The file written, when `out`. */
  out?: string;
  warnings: string[];
}

/** Builds the namespace's index, and writes it where the inputs ask. */
export async function runCatalog(
  inputs: CatalogInputs,
  deps: CatalogDependencies,
): Promise<CatalogResult> {
  const { host } = inputs.registry;
  const send = deps.send ?? createRegistryTransport({ userAgent: USER_AGENT, log: deps.log.info });
  // One registry: if signing in to it fails, there is nothing to index.
  const signedIn = await deps.phase('Credentials', () =>
    signIn(
      [{ host, acr: inputs.registry.acr, insecure: inputs.registry.insecure }],
      { credentials: inputs.credentials, ...(inputs.azure && { azure: inputs.azure }) },
      { ...deps, send },
    ),
  );
  const failure = signedIn.failureFor(host);
  if (failure) throw failure;
  const client = registryClients({
    userAgent: USER_AGENT,
    log: deps.log,
    onSecret: deps.onSecret,
    credentialFor: signedIn.credentialFor,
  })(host, { insecure: inputs.registry.insecure, https: inputs.registry.acr, send });

  const warnings: string[] = [];
  const reference = `${host}/${inputs.namespace}:${INDEX_TAG}`;
  const scan = await deps.phase(`Charts in ${host}/${inputs.namespace}`, async () => {
    // The index stored before, if it can be read, keeps each version's `created` time.
    let before: StoredIndex | undefined;
    try {
      before = await readStoredIndex(client, inputs.namespace);
    } catch (error) {
      if (error instanceof ForeignIndexError && inputs.write) throw error;
      warnings.push((error as Error).message);
    }
    return scanNamespace(client, inputs.namespace, {
      ...(inputs.charts && { charts: inputs.charts }),
      ...(before && { known: before.index }),
      ...(deps.pageSize && { pageSize: deps.pageSize }),
      ...(deps.now && { now: deps.now }),
      log: deps.log.info,
    });
  });
  for (const left of scan.leftOut) {
    deps.log.warning(
      `${host}/${inputs.namespace}/${left.chart}${left.tag ? `:${left.tag}` : ''}: ` +
        `${left.kept ? 'kept from the stored index, as it' : 'left out:'} ${left.reason}`,
    );
  }

  let index: HelmIndex = scan.index;
  let stored: CatalogResult['stored'];
  if (inputs.write) {
    const kept = await deps.phase(`Store ${reference}`, () =>
      keepIndex(
        client,
        inputs.namespace,
        { kind: 'base', index: scan.index },
        { ...(deps.now && { now: deps.now }) },
      ),
    );
    warnings.push(...kept.warnings);
    index = kept.stored.index;
    stored = { reference, digest: kept.stored.digest, status: kept.status };
    deps.log.info(`${reference}: ${entryCount(index)} version(s), ${kept.stored.digest}`);
  }
  if (inputs.out) {
    const path = inputs.out;
    const generated = (deps.now?.() ?? new Date()).toISOString();
    await writeIndexFile(
      path,
      renderIndexYaml(index, { host, namespace: inputs.namespace, generated }),
    );
    deps.log.info(`${path}: index.yaml of ${entryCount(index)} version(s) written`);
  }
  for (const warning of warnings) deps.log.warning(warning);

  const charts = new Map<string, string[]>();
  for (const entry of indexEntries(index)) {
    charts.set(entry.name, [...(charts.get(entry.name) ?? []), entry.version]);
  }
  return {
    registry: host,
    namespace: inputs.namespace,
    charts: [...charts].map(([name, versions]) => ({ name, versions })),
    leftOut: scan.leftOut,
    otherTags: scan.otherTags,
    ...(stored && { stored }),
    ...(inputs.out && { out: inputs.out }),
    warnings,
  };
}

/** Written whole and then renamed, so a web server never serves half an index. */
export async function writeIndexFile(path: string, yaml: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, yaml);
    await rename(partial, path);
  } catch (error) {
    throw new Error(`${path}: the index can't be written there (${(error as Error).message})`, {
      cause: error,
    });
  }
}

/** The human summary of a catalog run. */
export function catalogSummary(result: CatalogResult): string {
  const versions = result.charts.reduce((n, c) => n + c.versions.length, 0);
  const lines = [
    `oci-push catalog: ${result.registry}/${result.namespace}: ${result.charts.length} chart(s), ${versions} version(s) listed`,
    ...result.charts.map((c) => `  ${c.name}: ${c.versions.join(', ')}`),
  ];
  const leftOut = result.leftOut.filter((l) => !l.kept);
  if (leftOut.length > 0) {
    lines.push(`${leftOut.length} left out:`);
    for (const l of leftOut) lines.push(`  ${l.chart}${l.tag ? `:${l.tag}` : ''}: ${l.reason}`);
  }
  const kept = result.leftOut.filter((l) => l.kept);
  if (kept.length > 0) {
    lines.push(`${kept.length} unreadable now, kept from the stored index:`);
    for (const l of kept) lines.push(`  ${l.chart}${l.tag ? `:${l.tag}` : ''}: ${l.reason}`);
  }
  if (result.stored) {
    lines.push(
      `Stored at ${result.stored.reference} (${result.stored.digest}${result.stored.status === 'present' ? ', unchanged' : ''})`,
    );
  }
  if (result.out) lines.push(`Written to ${result.out}`);
  return lines.join('\n');
}
