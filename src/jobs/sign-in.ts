import type { TokenCredential } from '@azure/identity';
import { throwIfInterrupted } from '../base/errors.js';
import { acrRefreshToken, type AzureLogin, entraCredential } from '../azure/keyless.js';
import { hostKey } from '../oci/reference.js';
import type { Credential } from '../registry/auth.js';
import type { Send } from '../registry/http.js';
import type { Logger, SecretSink } from '../registry/log.js';
import {
  type CredentialStores,
  dockerConfigPath,
  readDockerConfig,
  secretsOf,
  storedCredential,
} from './credentials.js';
import type { BasicCredential } from './credentials-input.js';

/** A registry a job talks to, as sign-in needs to know it. */
export interface SignInHost {
  host: string;
  /** An Azure Container Registry: keyless login applies when nothing else gives a credential. */
  acr: boolean;
  /** Plain HTTP is allowed for it (the `insecure` flag): only for its exchange endpoint here. */
  insecure?: boolean;
}

export interface SignInSettings {
  /** The `credentials` input, as `readCredentialsInput` parsed it. */
  credentials: ReadonlyMap<string, BasicCredential>;
  /** Keyless Azure login, for ACR hosts with no other credential. */
  azure?: AzureLogin;
  /** Read the docker config (its helpers and `auths`); the cleanup signs in keyless only. */
  dockerConfig?: boolean;
}

export interface SignInDependencies {
  env: NodeJS.ProcessEnv;
  log: Logger;
  onSecret: SecretSink;
  /** GitHub's (or the CI's) OIDC token, for keyless Azure login. */
  getIdToken: (audience: string) => Promise<string>;
  /** The transport for ACR's `/oauth2/exchange`. */
  send: Send;
  signal?: AbortSignal;
}

/** What signing in gave, per host (hosts compare case-insensitively). */
export interface SignedIn {
  /** The host's credential; undefined means anonymous (or that signing in failed). */
  credentialFor(host: string): Credential | undefined;
  /** Why signing in to the host failed: that registry's row fails with it, the others go on. */
  failureFor(host: string): Error | undefined;
  /**
   * The run's Entra credential, when keyless login is set up: ACR's own API (locks, the
   * cleanup's listings and deletes) takes it too, so the OIDC token is asked for once.
   */
  entra?: Promise<TokenCredential>;
}

/**
 * The one sign-in every job runs, per host and in this order: the `credentials` input, the
 * docker config (the host's credential helper, then `auths`), then for an ACR keyless login
 * (OIDC → Entra → the registry's refresh token), else anonymous. Every secret reaches
 * `onSecret` before anything else sees it, and the log says where each credential came
 * from, never what it is. A host that can't be signed in to (a helper that fails, an ACR
 * that refuses the Entra token) is a failure of that host alone.
 */
export async function signIn(
  hosts: readonly SignInHost[],
  settings: SignInSettings,
  deps: SignInDependencies,
): Promise<SignedIn> {
  const dockerPath = dockerConfigPath(deps.env);
  const stores: CredentialStores = {
    fromInput: settings.credentials,
    dockerPath,
    env: deps.env,
    ...(settings.dockerConfig !== false && { docker: await readDockerConfig(dockerPath) }),
    ...(deps.signal && { signal: deps.signal }),
  };
  const { azure } = settings;
  const keyless = { getIdToken: deps.getIdToken, send: deps.send, onSecret: deps.onSecret };
  const entra = azure ? entraCredential(azure, keyless) : undefined;
  // Awaited per host below; a failure must not surface as an unhandled rejection.
  entra?.catch(() => undefined);

  const credentials = new Map<string, Credential>();
  const failures = new Map<string, Error>();
  const seen = new Set<string>();
  for (const { host, acr, insecure } of hosts) {
    const key = hostKey(host);
    if (seen.has(key)) continue;
    seen.add(key);
    throwIfInterrupted(deps.signal);
    try {
      const stored = await storedCredential(host, stores);
      if (stored) {
        for (const secret of secretsOf(stored.credential)) deps.onSecret(secret);
        deps.log.info(`${host}: credential from ${stored.source}`);
        credentials.set(key, stored.credential);
        continue;
      }
      if (acr && azure && entra) {
        deps.log.info(
          `${host}: keyless login as client ${azure.clientId} (OIDC → Entra → ACR refresh token)`,
        );
        const endpoint = { host, insecure: insecure ?? false, https: true };
        credentials.set(key, await acrRefreshToken(endpoint, await entra, azure, keyless));
        continue;
      }
      deps.log.info(`${host}: no credential; anonymous unless it asks for one`);
    } catch (error) {
      throwIfInterrupted(deps.signal);
      failures.set(key, error as Error);
      // The registry's row carries the message; the log says only what happens next.
      deps.log.info(`${host}: signing in failed; this registry is skipped`);
    }
  }
  return {
    credentialFor: (host) => credentials.get(hostKey(host)),
    failureFor: (host) => failures.get(hostKey(host)),
    ...(entra && { entra }),
  };
}
