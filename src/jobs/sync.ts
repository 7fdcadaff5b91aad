import { createReadStream } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { acrRefreshToken, type AzureLogin, entraCredential, isAcrHost } from '../azure/keyless.js';
import type { CopyHooks } from '../engine/copy.js';
import { parseShard, type Shard, type SyncConfig } from '../engine/sync-plan.js';
import { runSyncPlan, SyncPlanError, type SyncResult } from '../engine/sync.js';
import { apiHost } from '../oci/reference.js';
import type { Credential } from '../registry/auth.js';
import { DEFAULT_MAX_TAGS } from '../registry/client.js';
import type { Send } from '../registry/http.js';
import type { Logger, SecretSink } from '../registry/log.js';
import { OpsPacer, pacedByHost, type RegistrySku } from '../registry/pace.js';
import { createRegistryTransport } from '../registry/retry.js';
import { USER_AGENT } from '../registry/user-agent.js';
import { parseAzureLogin } from './azure-login.js';
import { keepSyncIndex, withChartIndex } from './chart-index.js';
import { resolveCredentials } from './credentials.js';
import { type InputGetter, InputError, parseBoolean, wrap } from './inputs.js';
import { type BasicCredential, parseCredentials } from './push-inputs.js';
import type { Report } from './push-report.js';
import { checkSize, MAX_CONFIG_BYTES, parseSyncConfigText } from './sync-config.js';
import { buildSyncReport, type SyncVerdict } from './sync-report.js';

/** The sync's inputs as one typed object, the same from the action and the CLI. */
export interface SyncInputs {
  config: SyncConfig;
  credentials: Map<string, BasicCredential>;
  shard?: Shard;
  dryRun: boolean;
  /** Keyless login to ACR registries (sources or targets) that have no other credential. */
  azure?: AzureLogin;
}

/**
 * Reads the sync inputs: `config` is a file path, or inline YAML (any text with a line
 * break, or a `{…}` flow map). A relative path is read from `cwd`. Passwords go to
 * `onSecret` before anything could print them.
 */
export async function parseSyncInputs(
  get: InputGetter,
  cwd: string,
  onSecret: SecretSink,
): Promise<SyncInputs> {
  const credentials = parseCredentials(get('credentials'));
  for (const { password } of credentials.values()) onSecret(password);
  const configText = get('config');
  if (configText.trim() === '') {
    throw new InputError(
      'config: required; give the path of a sync config file, or the YAML itself',
    );
  }
  const inline = configText.includes('\n') || configText.trim().startsWith('{');
  let text = configText;
  let where = 'config';
  if (!inline) {
    const path = isAbsolute(configText.trim())
      ? configText.trim()
      : resolve(cwd, configText.trim());
    where = path;
    try {
      text = await readConfigFile(path);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(
        `config: the file ${path} can't be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); ` +
          'give the path of a sync config file (relative to the workspace), or the YAML itself',
        { cause: error },
      );
    }
  }
  const config = await parseSyncConfigText(text, where);
  const shardText = get('shard').trim();
  const azure = parseAzureLogin(get);
  return {
    config,
    credentials,
    ...(shardText && { shard: wrap('shard', () => parseShard(shardText, 'shard')) }),
    dryRun: parseBoolean('dry-run', get('dry-run').trim(), false),
    ...(azure && { azure }),
  };
}

/**
 * A config file, read up to one byte past the cap: `config: /dev/zero` or a huge file is
 * refused there, instead of being read until memory runs out (issue #25).
 */
async function readConfigFile(path: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of createReadStream(path, { start: 0, end: MAX_CONFIG_BYTES })) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  checkSize(size, `config: the file ${path}`);
  return Buffer.concat(chunks).toString('utf8');
}

/** What a face lends the sync job. */
export interface SyncJobDependencies {
  env: NodeJS.ProcessEnv;
  log: Logger;
  onSecret: SecretSink;
  /** Runs one phase; the action puts each in a log group. */
  phase: <T>(name: string, work: () => Promise<T>) => Promise<T>;
  /** GitHub's OIDC token, for keyless Azure login. */
  getIdToken: (audience: string) => Promise<string>;
  send?: Send;
  pageSize?: number;
  hooks?: CopyHooks;
}

export interface SyncJobOutcome {
  result: SyncResult;
  report: Report;
  verdict: SyncVerdict;
}

/** Tags per listing page: Docker Hub's and ACR's page size, so they answer in few round trips. */
const DEFAULT_PAGE_SIZE = 100;

/** The sync every face runs: credentials → plan and copy → report with a verdict. */
export async function runSync(
  inputs: SyncInputs,
  deps: SyncJobDependencies,
): Promise<SyncJobOutcome> {
  const { config } = inputs;
  const maxTags = maxTagsFrom(deps.env);
  const pacers = registryPacers(config);
  const send =
    deps.send ??
    createRegistryTransport({
      userAgent: USER_AGENT,
      log: deps.log.info,
      below: (plain) => pacedByHost(plain, pacers),
    });
  const credentials = await deps.phase('Credentials', async () => {
    const hosts = [
      ...config.targets.map((t) => t.host),
      ...config.images.map((image) => apiHost(image.source.host)),
    ];
    const found = await resolveCredentials(
      [...new Set(hosts)],
      inputs.credentials,
      deps.env,
      deps.onSecret,
      deps.log.info,
    );
    await keylessLogin(inputs, found, send, deps);
    return found;
  });
  const result = await deps.phase(inputs.dryRun ? 'Sync plan (dry run, reads only)' : 'Sync', () =>
    syncOrInputError(
      config,
      { ...(inputs.shard && { shard: inputs.shard }), dryRun: inputs.dryRun },
      {
        userAgent: USER_AGENT,
        log: deps.log,
        onSecret: deps.onSecret,
        credentialFor: (host) => credentials.get(host),
        send,
        pageSize: deps.pageSize ?? DEFAULT_PAGE_SIZE,
        ...(maxTags !== undefined && { maxTags }),
        ...(deps.hooks && { hooks: deps.hooks }),
      },
    ),
  );
  const { report, verdict } = buildSyncReport(result);
  if (config.helmIndex && config.helmIndex.length > 0) {
    const index = await deps.phase('Helm index', () =>
      keepSyncIndex(config, result, {
        log: deps.log,
        onSecret: deps.onSecret,
        credentialFor: (host) => credentials.get(host),
        send,
        pageSize: deps.pageSize ?? DEFAULT_PAGE_SIZE,
      }),
    );
    return { result, report: withChartIndex(report, index), verdict };
  }
  return { result, report, verdict };
}

/**
 * `OCI_PUSH_MAX_TAGS`: how many tags one source repository may list (the listing bound,
 * `DEFAULT_MAX_TAGS` by default). An environment variable, so the action and the CLI read it
 * alike; docs/hostile-registries.md says when to raise it.
 */
function maxTagsFrom(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.OCI_PUSH_MAX_TAGS?.trim();
  if (!text) return undefined;
  if (!/^[1-9][0-9]{0,9}$/.test(text)) {
    throw new InputError(
      `OCI_PUSH_MAX_TAGS: "${text.slice(0, 20)}" is not a whole number of tags; set it to, ` +
        `say, 2000000, or unset it for the default of ${DEFAULT_MAX_TAGS}`,
    );
  }
  return Number(text);
}

/** A plan the config makes impossible (two entries, one target tag) is an input error: exit 2. */
async function syncOrInputError(...args: Parameters<typeof runSyncPlan>): Promise<SyncResult> {
  try {
    return await runSyncPlan(...args);
  } catch (error) {
    if (error instanceof SyncPlanError) throw new InputError(error.message, { cause: error });
    throw error;
  }
}

/**
 * One pacer per registry host: an ACR keeps under its tier's ReadOps and WriteOps per minute
 * (`limits:` names the tier; an ACR not named is paced as Basic, the smallest), and every
 * registry's 429 `Retry-After` and `RateLimit-Remaining` pause or stop its own requests only.
 */
function registryPacers(config: SyncConfig): (host: string) => OpsPacer {
  const pacers = new Map<string, OpsPacer>();
  const acrHosts = new Set(config.targets.filter((t) => t.acr).map((t) => t.host.toLowerCase()));
  return (host) => {
    let pacer = pacers.get(host);
    if (!pacer) {
      const sku =
        (config.limits?.get(host) as RegistrySku | undefined) ??
        (acrHosts.has(host) || isAcrHost(host) ? 'basic' : undefined);
      pacer = new OpsPacer(sku);
      pacers.set(host, pacer);
    }
    return pacer;
  };
}

/** ACR registries (sources or targets) with no credential log in keyless, when it is set up. */
async function keylessLogin(
  inputs: SyncInputs,
  found: Map<string, Credential>,
  send: Send,
  deps: SyncJobDependencies,
): Promise<void> {
  const { azure, config } = inputs;
  if (!azure) return;
  const acr = new Map<string, { host: string; insecure: boolean }>();
  for (const t of config.targets) if (t.acr) acr.set(t.host, t);
  for (const image of config.images) {
    const host = apiHost(image.source.host);
    if (isAcrHost(host) && !acr.has(host)) acr.set(host, { host, insecure: false });
  }
  const hosts = [...acr.values()].filter((t) => !found.has(t.host));
  if (hosts.length === 0) return;
  const keyless = { getIdToken: deps.getIdToken, send, onSecret: deps.onSecret };
  const credential = await entraCredential(azure, keyless);
  for (const t of hosts) {
    deps.log.info(`${t.host}: keyless login as client ${azure.clientId}`);
    found.set(
      t.host,
      await acrRefreshToken(
        { host: t.host, insecure: t.insecure, https: true },
        credential,
        azure,
        keyless,
      ),
    );
  }
}
