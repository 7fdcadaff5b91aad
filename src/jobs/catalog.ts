import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { type AzureLogin, isAcrHost } from '../azure/keyless.js';
import { interruption, throwIfInterrupted } from '../base/errors.js';
import { scanNamespace } from '../engine/chart-catalog.js';
import {
  ForeignIndexError,
  INDEX_TAG,
  keepIndex,
  readStoredIndex,
  type StoredIndex,
} from '../engine/chart-index-store.js';
import { registryClients } from '../engine/clients.js';
import { entryCount, type HelmIndex, indexEntries, renderIndexYaml } from '../helm/chart-index.js';
import { isHost, isRepository } from '../oci/reference.js';
import type { SecretSink } from '../registry/log.js';
import { USER_AGENT } from '../registry/user-agent.js';
import { parseAzureLogin } from './azure-login.js';
import { type CatalogResult, catalogSummary } from './catalog-report.js';
import { type JobContext, type JobOutcome, transportsOf, withStop } from './context.js';
import { type BasicCredential, readCredentialsInput } from './credentials-input.js';
import { EXIT } from './exit-codes.js';
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

/** What the catalog adds to the job context (tests make pages small and the clock fixed). */
export interface CatalogJobContext extends JobContext {
  pageSize?: number;
  now?: () => Date;
}

export interface CatalogJobOutcome extends JobOutcome {
  result: CatalogResult;
}

/**
 * The catalog every face runs, under the job contract: sign-in → scan → store and write →
 * report. A stop ends its requests; an index is never stored after one, so a stopped
 * catalog leaves the stored index as it was (and writes no file).
 */
export async function runCatalog(
  inputs: CatalogInputs,
  context: CatalogJobContext,
): Promise<CatalogJobOutcome> {
  try {
    const result = await buildCatalog(inputs, context);
    const outcome: JobOutcome = {
      report: {
        outputs: { result: JSON.stringify(result) },
        summary: catalogSummary(result),
        annotations: [],
      },
      exitCode: EXIT.ok,
    };
    return { result, ...withStop(outcome, context.signal) };
  } catch (error) {
    // A request a stop cut fails with its own words; the run ends as interrupted.
    throwIfInterrupted(context.signal);
    throw error;
  }
}

/** Builds the namespace's index, and writes it where the inputs ask. */
async function buildCatalog(
  inputs: CatalogInputs,
  context: CatalogJobContext,
): Promise<CatalogResult> {
  const { host } = inputs.registry;
  const send = transportsOf(context)();
  // One registry: if signing in to it fails, there is nothing to index.
  const signedIn = await context.phase('Credentials', () =>
    signIn(
      [{ host, acr: inputs.registry.acr, insecure: inputs.registry.insecure }],
      { credentials: inputs.credentials, ...(inputs.azure && { azure: inputs.azure }) },
      { ...context, send },
    ),
  );
  throwIfInterrupted(context.signal);
  const failure = signedIn.failureFor(host);
  if (failure) throw failure;
  const client = registryClients({
    userAgent: USER_AGENT,
    log: context.log,
    onSecret: context.onSecret,
    credentialFor: signedIn.credentialFor,
  })(host, { insecure: inputs.registry.insecure, https: inputs.registry.acr, send });

  const warnings: string[] = [];
  const reference = `${host}/${inputs.namespace}:${INDEX_TAG}`;
  const scan = await context.phase(`Charts in ${host}/${inputs.namespace}`, async () => {
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
      ...(context.pageSize && { pageSize: context.pageSize }),
      ...(context.now && { now: context.now }),
      log: context.log.info,
    });
  });
  for (const left of scan.leftOut) {
    context.log.warning(
      `${host}/${inputs.namespace}/${left.chart}${left.tag ? `:${left.tag}` : ''}: ` +
        `${left.kept ? 'kept from the stored index, as it' : 'left out:'} ${left.reason}`,
    );
  }

  let index: HelmIndex = scan.index;
  let stored: CatalogResult['stored'];
  // A scan a stop cut short is never stored, nor written.
  throwIfInterrupted(context.signal);
  if (inputs.write) {
    const kept = await context.phase(`Store ${reference}`, () =>
      keepIndex(
        client,
        inputs.namespace,
        { kind: 'base', index: scan.index },
        { ...(context.now && { now: context.now }) },
      ),
    );
    warnings.push(...kept.warnings);
    index = kept.stored.index;
    stored = { reference, digest: kept.stored.digest, status: kept.status };
    context.log.info(`${reference}: ${entryCount(index)} version(s), ${kept.stored.digest}`);
  }
  // Stopped once the index is stored: what is stored is whole; the file waits for a re-run.
  const out = interruption(context.signal) ? undefined : inputs.out;
  if (out) {
    const path = out;
    const generated = (context.now?.() ?? new Date()).toISOString();
    await writeIndexFile(
      path,
      renderIndexYaml(index, { host, namespace: inputs.namespace, generated }),
    );
    context.log.info(`${path}: index.yaml of ${entryCount(index)} version(s) written`);
  }
  for (const warning of warnings) context.log.warning(warning);

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
    ...(out && { out }),
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
