import { isAbsolute, resolve } from 'node:path';
import { throwIfInterrupted } from '../base/errors.js';
import { type AzureLogin, isAcrHost } from '../azure/keyless.js';
import { parseShard, type Shard, type SyncConfig } from '../engine/sync-plan.js';
import { SyncPlanError } from '../engine/sync-listings.js';
import { runSyncPlan, type SyncResult } from '../engine/sync.js';
import { apiHost } from '../oci/reference.js';
import { DEFAULT_MAX_TAGS } from '../registry/client.js';
import type { SecretSink } from '../registry/log.js';
import { OpsPacer, pacedByHost } from '../registry/pace.js';
import { USER_AGENT } from '../registry/user-agent.js';
import { parseAzureLogin } from './azure-login.js';
import { keepSyncIndex, withChartIndex } from './chart-index.js';
import { type JobContext, type JobOutcome, transportsOf, withStop } from './context.js';
import { type BasicCredential, readCredentialsInput } from './credentials-input.js';
import { type InputGetter, InputError, parseBoolean, wrap } from './inputs.js';
import { type SignInHost, signIn } from './sign-in.js';
import { parseSyncConfigText, readConfigFile } from './sync-config.js';
import { buildSyncReport } from './sync-report.js';
import { checkSyncVisibility } from './sync-visibility.js';

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
  const credentials = readCredentialsInput(get('credentials'), onSecret);
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
      text = await readConfigFile(path, `config: the file ${path}`);
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

/** What the sync adds to the job context. */
export interface SyncJobContext extends JobContext {
  /** Tags asked for per listing page; `DEFAULT_PAGE_SIZE` unless set (tests make it small). */
  pageSize?: number;
}

export interface SyncJobOutcome extends JobOutcome {
  result: SyncResult;
}

/** Tags per listing page: Docker Hub's and ACR's page size, so they answer in few round trips. */
const DEFAULT_PAGE_SIZE = 100;

/**
 * The sync every face runs: sign-in → plan and copy → report with its exit code. A registry
 * sign-in failed for fails its rows (a target's every tag, a source's listing); the rest go on.
 */
export async function runSync(
  inputs: SyncInputs,
  context: SyncJobContext,
): Promise<SyncJobOutcome> {
  const { config } = inputs;
  const maxTags = maxTagsFrom(context.env);
  const pacers = registryPacers(config);
  // Each registry paced on its own, below the retries (its tier, its 429s and RateLimit).
  const send = transportsOf(context, { below: (plain) => pacedByHost(plain, pacers) })();
  const hosts: SignInHost[] = [
    ...config.targets.map((t) => ({ host: t.host, acr: t.acr, insecure: t.insecure })),
    ...config.images.map((image) => {
      const host = apiHost(image.source.host);
      return { host, acr: isAcrHost(host) };
    }),
  ];
  const signedIn = await context.phase('Credentials', () =>
    signIn(
      hosts,
      { credentials: inputs.credentials, ...(inputs.azure && { azure: inputs.azure }) },
      { ...context, send },
    ),
  );
  throwIfInterrupted(context.signal);
  // A target that takes public sources only gets none that might be private.
  const checked = await context.phase('Visibility', () =>
    checkSyncVisibility(config, inputs.shard, signedIn.credentialFor, {
      userAgent: USER_AGENT,
      log: context.log,
      onSecret: context.onSecret,
      send,
    }),
  );
  throwIfInterrupted(context.signal);
  const result = await context.phase(
    inputs.dryRun ? 'Sync plan (dry run, reads only)' : 'Sync',
    () =>
      syncOrInputError(
        checked.config,
        { ...(inputs.shard && { shard: inputs.shard }), dryRun: inputs.dryRun },
        {
          userAgent: USER_AGENT,
          log: context.log,
          onSecret: context.onSecret,
          credentialFor: signedIn.credentialFor,
          signInFailure: signedIn.failureFor,
          send,
          pageSize: context.pageSize ?? DEFAULT_PAGE_SIZE,
          ...(maxTags !== undefined && { maxTags }),
          ...(context.hooks && { hooks: context.hooks }),
        },
      ),
  );
  result.images.push(...checked.refused);
  const outcome = buildSyncReport(result);
  if (config.helmIndex && config.helmIndex.length > 0 && !context.signal.aborted) {
    const index = await context.phase('Helm index', () =>
      keepSyncIndex(config, result, {
        log: context.log,
        onSecret: context.onSecret,
        credentialFor: signedIn.credentialFor,
        send,
        pageSize: context.pageSize ?? DEFAULT_PAGE_SIZE,
      }),
    );
    outcome.report = withChartIndex(outcome.report, index);
  }
  return { result, ...withStop(outcome, context.signal) };
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
        config.limits?.get(host) ?? (acrHosts.has(host) || isAcrHost(host) ? 'basic' : undefined);
      pacer = new OpsPacer(sku);
      pacers.set(host, pacer);
    }
    return pacer;
  };
}
