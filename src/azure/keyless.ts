import type { TokenCredential } from '@azure/identity';
import { ACR_TOKEN_USERNAME, type Credential, parseTokenAnswer } from '../registry/auth.js';
import { registryBaseUrl, type RegistryEndpoint } from '../registry/endpoints.js';
import { parseChallenge } from '../registry/challenge.js';
import { AuthError, registryErrorFrom } from '../registry/errors.js';
import { type HttpResponse, NetworkError, type Send } from '../registry/http.js';

/** The Entra scope of every ACR data plane (Azure/acr `docs/AAD-OAuth.md`). */
export const ACR_ENTRA_SCOPE = 'https://containerregistry.azure.net/.default';
/** The audience a GitHub OIDC token needs for an Entra federated credential. */
export const DEFAULT_AZURE_AUDIENCE = 'api://AzureADTokenExchange';

/** Host names of ACR registries in the public and sovereign clouds. */
const ACR_HOST = /\.azurecr\.(io|cn|us)(:\d+)?$/i;

export function isAcrHost(host: string): boolean {
  return ACR_HOST.test(host);
}

export interface AzureLogin {
  clientId: string;
  tenantId: string;
  /** For sovereign clouds, e.g. `https://login.chinacloudapi.cn`. */
  authorityHost?: string;
  /** The GitHub OIDC token's audience. */
  audience: string;
}

export interface KeylessDependencies {
  /** GitHub's OIDC token for an audience (`core.getIDToken` in the action). */
  getIdToken: (audience: string) => Promise<string>;
  /** The transport for `/oauth2/exchange`. */
  send: Send;
  onSecret: (secret: string) => void;
}

/** The GitHub OIDC token could not be had: the workflow lacks the permission, usually. */
export class OidcUnavailableError extends Error {
  override name = 'OidcUnavailableError';
}

/**
 * Entra credentials from GitHub's OIDC token, with no stored secret: the token is the client
 * assertion of a federated credential on the app registration `clientId`.
 */
export async function entraCredential(
  login: AzureLogin,
  deps: KeylessDependencies,
): Promise<TokenCredential> {
  // Loaded only when needed: the Azure SDKs are most of the bundle, and most pushes skip them.
  const { ClientAssertionCredential } = await import('@azure/identity');
  return new ClientAssertionCredential(
    login.tenantId,
    login.clientId,
    async () => {
      let token: string;
      try {
        token = await deps.getIdToken(login.audience);
      } catch (error) {
        throw new OidcUnavailableError(
          `Could not get GitHub's OIDC token for keyless Azure login (${(error as Error).message}). ` +
            'Give the job `permissions: id-token: write` (and keep `contents: read`), or pass ' +
            'credentials for the registry instead.',
        );
      }
      deps.onSecret(token);
      return token;
    },
    // With an authority of its own, MSAL would still ask login.microsoftonline.com to
    // discover it first; a sovereign or private authority answers for itself.
    {
      ...(login.authorityHost && {
        authorityHost: login.authorityHost,
        disableInstanceDiscovery: true,
      }),
    },
  );
}

/**
 * Keyless login to one ACR: an Entra access token for the ACR scope, exchanged at the
 * registry's `/oauth2/exchange` for an ACR refresh token, which the registry client then
 * uses through the refresh-token grant for each scope it needs (FACTS.md, "Azure Container
 * Registry"; Azure/acr `docs/AAD-OAuth.md`).
 */
export async function acrRefreshToken(
  endpoint: RegistryEndpoint,
  credential: TokenCredential,
  login: AzureLogin,
  deps: KeylessDependencies,
): Promise<Credential> {
  const host = endpoint.host;
  // Before any token is asked for: a registry that is not an ACR can't take one.
  await checkIsAcr(endpoint, deps.send);
  let accessToken: string;
  try {
    const token = await credential.getToken(ACR_ENTRA_SCOPE);
    if (!token) throw new Error('Entra returned no token');
    accessToken = token.token;
  } catch (error) {
    const cause = error as Error;
    // @azure/identity may wrap what getAssertion threw; its message is the one to show.
    if (error instanceof OidcUnavailableError || cause.message.includes('id-token: write')) {
      throw new OidcUnavailableError(cause.message);
    }
    // Entra answered, and said no (AuthenticationError carries its HTTP status); anything
    // else (MSAL's endpoints_resolution_error, a reset) means Entra was never asked.
    if (cause.name !== 'AuthenticationError') {
      throw new AuthError(
        `Keyless login to ${host}: Entra ID could not be reached to exchange the OIDC token ` +
          `(${cause.message.split('\n')[0]}). Check the network to ` +
          `${login.authorityHost ?? 'https://login.microsoftonline.com'} (and \`azure-authority-host\` ` +
          'for sovereign clouds), then run again.',
        host,
        0,
        'protocol',
      );
    }
    throw new AuthError(
      `Keyless login to ${host}: Entra refused the GitHub OIDC token for client ` +
        `${login.clientId} in tenant ${login.tenantId} (${cause.message.split('\n')[0]}). Check ` +
        "that the app registration has a federated credential whose subject matches this job's " +
        `(repo, ref or environment) and audience ${login.audience}.`,
      host,
      401,
      'refused',
    );
  }
  deps.onSecret(accessToken);

  const form = new URLSearchParams({
    grant_type: 'access_token',
    service: host,
    tenant: login.tenantId,
    access_token: accessToken,
  });
  const res = await deps.send({
    method: 'POST',
    url: new URL('/oauth2/exchange', registryBaseUrl(endpoint)),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: Buffer.from(form.toString()),
  });
  if (res.status === 401 || res.status === 403) {
    const refusal = await registryErrorFrom(res, { operation: 'exchange', registry: host });
    const said = refusal.errors.map((e) => e.message ?? e.code).join('; ');
    // ACR's firewall answers 403 DENIED "client with IP … is not allowed access" (FACTS.md).
    if (/client with IP/i.test(said)) {
      throw new AuthError(
        `Keyless login to ${host}: the registry's firewall refused this runner (HTTP ` +
          `${res.status}: ${said}). Allow the runner's network on the registry (az acr ` +
          'network-rule add), or push from a runner inside an allowed network.',
        host,
        res.status,
        'refused',
      );
    }
    throw new AuthError(
      `Keyless login to ${host}: the registry refused the Entra token of client ` +
        `${login.clientId} (HTTP ${res.status}). Give that identity a role on the registry ` +
        '(AcrPush, or Container Registry Repository Writer for ABAC registries).',
      host,
      res.status,
      'refused',
    );
  }
  if (res.status !== 200) {
    throw await registryErrorFrom(res, {
      operation: 'Exchanging the Entra token (/oauth2/exchange)',
      registry: host,
    });
  }
  const body = parseTokenAnswer(await res.text(), host, `${host}'s /oauth2/exchange`) as {
    refresh_token?: unknown;
  };
  if (typeof body.refresh_token !== 'string' || body.refresh_token === '') {
    throw new AuthError(`${host}'s /oauth2/exchange answered without a refresh token`, host, 200);
  }
  deps.onSecret(body.refresh_token);
  return { kind: 'identity-token', token: body.refresh_token, username: ACR_TOKEN_USERNAME };
}

/**
 * Asks the registry's `/v2/` whether it is an ACR: one answers 401 with a Bearer challenge
 * whose realm is its own `/oauth2/token` (Azure/acr `docs/AAD-OAuth.md`). Anything else (no
 * challenge, Basic, a realm elsewhere, no HTTPS at all) is not an ACR, and is said so: a
 * keyless login there would only fail later as if Entra had refused it.
 */
export async function checkIsAcr(endpoint: RegistryEndpoint, send: Send): Promise<void> {
  const host = endpoint.host;
  const url = registryBaseUrl(endpoint);
  let res: HttpResponse;
  try {
    res = await send({ method: 'GET', url });
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    throw new NotAcrError(
      `${host} does not answer as an Azure Container Registry: ${url.href} could not be ` +
        `reached (${error.message}), and an ACR always answers there over HTTPS. Check the ` +
        "registry's name, and that it is reachable from here",
      host,
    );
  }
  await res.drain();
  const challenge = parseChallenge(firstHeader(res.headers['www-authenticate']));
  let realm: URL | undefined;
  try {
    realm = challenge?.params.realm ? new URL(challenge.params.realm) : undefined;
  } catch {
    realm = undefined;
  }
  const acr =
    res.status === 401 &&
    challenge?.scheme === 'bearer' &&
    realm?.host.toLowerCase() === url.host.toLowerCase() &&
    realm.pathname === '/oauth2/token';
  if (acr) return;
  // The registry's own words are not repeated: a remote's headers are data, not log lines.
  const answered =
    res.status === 401 && challenge
      ? `asks for ${challenge.scheme === 'other' ? 'another kind of' : challenge.scheme} ` +
        'credentials, not for an ACR token from its own /oauth2/token'
      : `answered HTTP ${res.status} without asking for an ACR token`;
  throw new NotAcrError(
    `${host} is not an Azure Container Registry: its /v2/ ${answered}. Keyless Azure login ` +
      "works only with an ACR; check the registry's name, or give this registry a credential" +
      // A `*.azurecr.io` name is an ACR by itself: it has no flag to drop.
      (isAcrHost(host) ? '' : ' (and drop its `acr` flag)'),
    host,
  );
}

/** A registry keyless login was asked for is not an ACR (or does not answer like one). */
export class NotAcrError extends AuthError {
  override name = 'NotAcrError';
  constructor(message: string, host: string) {
    super(message, host, 0, 'protocol');
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
