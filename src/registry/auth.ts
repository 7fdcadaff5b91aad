import { type Challenge, parseChallenge } from './challenge.js';
import { isLoopbackHost, pingUrl, registryBaseUrl, type RegistryEndpoint } from './endpoints.js';
import { AuthError, RegistryError, registryErrorFrom } from './errors.js';
import type { HttpRequest, HttpResponse, Send } from './http.js';
import { readWhole } from './retry.js';
import { TokenCache } from './token-cache.js';

/**
 * A registry credential: a username and password, or an identity (refresh) token such as
 * `docker login` stores as `identitytoken` and ACR's `/oauth2/exchange` returns.
 */
export type Credential =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'identity-token'; token: string; username?: string };

/** The username ACR pairs with a refresh token (Azure/acr `docs/AAD-OAuth.md`). */
export const ACR_TOKEN_USERNAME = '00000000-0000-0000-0000-000000000000';

export interface AuthOptions {
  endpoint: RegistryEndpoint;
  credential?: Credential;
  send: Send;
  tokens?: TokenCache;
  /** Every token and derived secret passes through here first, so the action can mask it. */
  onSecret?: (secret: string) => void;
  /** Called once per token fetched, e.g. for tests and debug logs. Never gets the token. */
  onToken?: (info: { realm: string; scopes: string[] }) => void;
}

/** A token lives 60 s unless the token service says otherwise (distribution token spec). */
const DEFAULT_TOKEN_SECONDS = 60;
const MAX_REDIRECTS = 5;
/** Reads of a token answer, when one is cut partway. */
const TOKEN_READ_ATTEMPTS = 3;

/**
 * Sends requests to one registry with the right Authorization: none, Basic, or a Bearer
 * token for the request's scopes. It learns the scheme from a `/v2/` ping, caches tokens per
 * scope set, and after a 401 fetches a fresh token and retries once.
 *
 * Credentials and tokens go only to the registry's own origin (scheme, host and port) and to
 * the token realm its challenge names. Any other URL the registry hands out (an upload
 * `Location` on a storage host, a redirect) is used without them, and if it then asks for
 * credentials the request fails naming both origins. An `http://` URL handed out by an
 * `https://` registry is refused outright, except on loopback: the blob would travel in clear.
 */
export class RegistryAuth {
  private challenge: Promise<Challenge | undefined> | undefined;
  private readonly tokens: TokenCache;
  private readonly masked = new Set<string>();
  private readonly pending = new Map<string, Promise<string>>();
  /** The only origin Authorization is ever sent to (besides the token realm). */
  private readonly origin: URL;

  constructor(private readonly options: AuthOptions) {
    this.tokens = options.tokens ?? new TokenCache();
    this.origin = registryBaseUrl(options.endpoint);
  }

  get host(): string {
    return this.options.endpoint.host;
  }

  /** Pings `/v2/` once, learning whether and how the registry wants auth. */
  ping(): Promise<Challenge | undefined> {
    this.challenge ??= this.doPing().catch((error: unknown) => {
      this.challenge = undefined;
      throw error;
    });
    return this.challenge;
  }

  async send(request: HttpRequest, scopes: string[]): Promise<HttpResponse> {
    this.checkHandedOut(request.url);
    await this.ping();
    if (!this.isOwn(request.url)) return this.sendElsewhere(request);
    const first = await this.sendAuthorized(request, scopes, false);
    if (first.status !== 401) return first;
    // A 401 after we sent a token: it expired, or the registry wants more scope. Once more.
    const challenge = parseChallenge(header(first, 'www-authenticate'));
    await first.drain();
    if (challenge) this.challenge = Promise.resolve(challenge);
    const extra = challenge?.params.scope?.split(' ').filter((s) => s !== '') ?? [];
    const second = await this.sendAuthorized(request, [...scopes, ...extra], true);
    if (second.status !== 401) return second;
    await second.drain();
    const again = parseChallenge(header(second, 'www-authenticate'));
    if (this.options.credential && again?.params.error === 'insufficient_scope') {
      throw insufficientScope(this.host, request, again.params.scope ?? extra.join(' '));
    }
    throw this.options.credential
      ? new AuthError(
          `${this.host} refused the credentials for ${request.method} ${request.url.pathname} ` +
            `(HTTP 401); check the credential for ${this.host}`,
          this.host,
          401,
          'refused',
        )
      : this.missingCredential();
  }

  private missingCredential(): AuthError {
    return new AuthError(
      `${this.host} requires authentication and no credential was found for it; add ` +
        `\`${this.host}=USERNAME:PASSWORD\` to the \`credentials\` input, or log in to ${this.host} ` +
        'with docker/login-action before this step',
      this.host,
      401,
      'missing',
    );
  }

  private async sendAuthorized(
    request: HttpRequest,
    scopes: string[],
    fresh: boolean,
  ): Promise<HttpResponse> {
    return this.follow(request, await this.authorization(scopes, fresh));
  }

  /**
   * A URL the registry handed out on another origin (a storage host, say): sent without
   * credentials. If it asks for some, it gets none: the registry should have handed out a
   * URL that needs none (a signed one), or its own.
   */
  private async sendElsewhere(request: HttpRequest): Promise<HttpResponse> {
    const res = await this.follow(request, undefined);
    if (res.status !== 401) return res;
    await res.drain();
    throw new AuthError(
      `${this.host} handed out a URL on ${request.url.origin} for ${request.method} ` +
        `${request.url.pathname}, and that origin asks for credentials (HTTP 401). oci-push ` +
        `sends credentials only to the registry's own origin, ${this.origin.origin}, and its ` +
        `token realm. Configure the registry to hand out its own URLs (e.g. the external URL ` +
        `behind a proxy), or signed ones that need no credentials`,
      this.host,
      401,
    );
  }

  /** Sends, following redirects of GET and HEAD; Authorization only to the registry's origin. */
  private async follow(
    request: HttpRequest,
    authorization: string | undefined,
  ): Promise<HttpResponse> {
    let current = withAuthorization(request, this.isOwn(request.url) ? authorization : undefined);
    for (let hop = 0; ; hop++) {
      const res = await this.options.send(current);
      const location = header(res, 'location');
      const isRedirect = [301, 302, 303, 307, 308].includes(res.status) && location;
      if (!isRedirect || !['GET', 'HEAD'].includes(current.method)) return res;
      await res.drain();
      const next = new URL(location, current.url);
      if (hop >= MAX_REDIRECTS) {
        throw new RegistryError(
          `${request.method} ${request.url.pathname}`,
          this.host,
          undefined,
          res.status,
          [],
          `The registry redirected it ${hop + 1} times in a row, the last time to ` +
            `${next.origin}${next.pathname}: a redirect loop. Check the registry's, or its ` +
            "proxy's, external URL and storage redirect settings.",
        );
      }
      this.checkHandedOut(next);
      current = withAuthorization(
        { ...request, url: next },
        this.isOwn(next) ? authorization : undefined,
      );
    }
  }

  private isOwn(url: URL): boolean {
    return url.origin === this.origin.origin;
  }

  /** An https registry handing out plain http (off loopback) would put the bytes in clear. */
  private checkHandedOut(url: URL): void {
    const downgrade = this.origin.protocol === 'https:' && url.protocol !== 'https:';
    if (downgrade && !(url.protocol === 'http:' && isLoopbackHost(url.host))) {
      throw new AuthError(
        `${this.host} (${this.origin.origin}) handed out the URL ${url.origin}${url.pathname}, ` +
          'which is not HTTPS; oci-push refuses to send anything there in clear text. Check the ' +
          "registry's (or its proxy's) external URL setting",
        this.host,
        0,
      );
    }
  }

  private async authorization(scopes: string[], fresh: boolean): Promise<string | undefined> {
    const challenge = await this.challenge;
    const credential = this.options.credential;
    if (!challenge) return undefined;
    if (challenge.scheme === 'basic') {
      if (!credential) return undefined;
      return this.secret(`Basic ${basicToken(credential)}`);
    }
    if (challenge.scheme !== 'bearer') return undefined;
    const service = `${challenge.params.realm}|${challenge.params.service}`;
    if (fresh) this.tokens.invalidate(service, scopes);
    const cached = this.tokens.get(service, scopes);
    if (cached) return `Bearer ${cached}`;
    // Concurrent requests for the same scopes share one token request.
    const key = `${service}|${[...new Set(scopes)].sort().join(' ')}`;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.fetchToken(challenge, [...new Set(scopes)])
        .then(({ token, expiresIn }) => {
          this.tokens.set(service, scopes, token, expiresIn);
          return token;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return `Bearer ${await pending}`;
  }

  private async doPing(): Promise<Challenge | undefined> {
    const res = await this.options.send({ method: 'GET', url: pingUrl(this.options.endpoint) });
    if (res.status === 200) {
      await res.drain();
      return undefined;
    }
    if (res.status === 401) {
      const challenge = parseChallenge(header(res, 'www-authenticate'));
      await res.drain();
      if (!challenge) {
        throw new AuthError(
          `${this.host} answered 401 without a WWW-Authenticate challenge; it is not a ` +
            `registry oci-push can authenticate to`,
          this.host,
          401,
        );
      }
      return challenge;
    }
    throw await registryErrorFrom(res, {
      operation: 'Checking the registry API (/v2/)',
      registry: this.host,
    });
  }

  private async fetchToken(
    challenge: Challenge,
    scopes: string[],
  ): Promise<{ token: string; expiresIn: number }> {
    const { realm, service } = challenge.params;
    if (!realm) {
      throw new AuthError(`${this.host} sent a Bearer challenge with no realm`, this.host, 401);
    }
    const realmUrl = this.checkRealm(realm);
    const credential = this.options.credential;
    // A token answer cut partway is asked for again.
    const text = await readWhole(
      () => this.sendTokenRequest(realmUrl, service, scopes),
      async (res) => {
        if (res.status === 401 || res.status === 403) {
          await res.drain();
          if (!credential) throw this.missingCredential();
          const user = credential.username ? ` for user "${credential.username}"` : '';
          throw new AuthError(
            `${this.host} refused the credentials${user} (its token service answered ` +
              `${res.status}); check the credential for ${this.host} in the \`credentials\` input ` +
              'or the docker login',
            this.host,
            res.status,
            'refused',
          );
        }
        if (res.status !== 200) {
          throw await registryErrorFrom(res, {
            operation: `Fetching a token from ${realmUrl.host}`,
            registry: this.host,
          });
        }
        return res.text();
      },
      { attempts: TOKEN_READ_ATTEMPTS },
    );
    const body = parseTokenAnswer(text, this.host, `${this.host}'s token service`) as {
      token?: unknown;
      access_token?: unknown;
      expires_in?: unknown;
    };
    const token = typeof body.token === 'string' ? body.token : body.access_token;
    if (typeof token !== 'string' || token === '') {
      throw new AuthError(`${this.host}'s token service answered without a token`, this.host, 200);
    }
    this.secret(token);
    this.options.onToken?.({ realm: realmUrl.toString(), scopes });
    const expiresIn =
      typeof body.expires_in === 'number' && body.expires_in > 0
        ? body.expires_in
        : DEFAULT_TOKEN_SECONDS;
    return { token, expiresIn };
  }

  /** The token request: a refresh token POSTed as a form, else a GET, with Basic if known. */
  private sendTokenRequest(
    realmUrl: URL,
    service: string | undefined,
    scopes: string[],
  ): Promise<HttpResponse> {
    const credential = this.options.credential;
    if (credential?.kind === 'identity-token') {
      // distribution token spec, OAuth2: a refresh token is POSTed as a form.
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: credential.token,
        client_id: 'oci-push',
      });
      if (service) form.set('service', service);
      if (scopes.length) form.set('scope', scopes.join(' '));
      return this.options.send({
        method: 'POST',
        url: realmUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(form.toString()),
      });
    }
    const url = new URL(realmUrl);
    if (service) url.searchParams.set('service', service);
    for (const scope of scopes) url.searchParams.append('scope', scope);
    if (credential) url.searchParams.set('account', credential.username);
    const headers: Record<string, string> = {};
    if (credential) headers.authorization = this.secret(`Basic ${basicToken(credential)}`);
    return this.options.send({ method: 'GET', url, headers });
  }

  /** A realm must be HTTPS unless it is on loopback or the registry itself is marked insecure. */
  private checkRealm(realm: string): URL {
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new AuthError(`${this.host} named an invalid token realm "${realm}"`, this.host, 401);
    }
    const plainAllowed = this.options.endpoint.insecure || isLoopbackHost(url.host);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && plainAllowed)) {
      throw new AuthError(
        `${this.host} named the token realm ${url.origin}, which is not HTTPS; oci-push will not ` +
          `send credentials there. Mark the registry \`insecure\` only if you trust that network.`,
        this.host,
        401,
      );
    }
    return url;
  }

  private secret<T extends string>(value: T): T {
    if (!this.masked.has(value)) {
      this.masked.add(value);
      this.options.onSecret?.(value);
    }
    return value;
  }
}

/**
 * The credential is good, but its token came back with fewer rights than the request needs
 * (ACR grants only what the identity's roles allow): name the right, and the role giving it.
 */
function insufficientScope(host: string, request: HttpRequest, scope: string): AuthError {
  const actions = scope.split(':').at(-1)?.split(',') ?? [];
  const right = actions.includes('delete')
    ? { what: 'delete', acr: 'AcrDelete', abac: 'Container Registry Repository Contributor' }
    : actions.includes('push') || !['GET', 'HEAD'].includes(request.method)
      ? { what: 'push', acr: 'AcrPush', abac: 'Container Registry Repository Writer' }
      : { what: 'pull', acr: 'AcrPull', abac: 'Container Registry Repository Reader' };
  return new AuthError(
    `${host} accepted the credential but it may not ${right.what} here (${request.method} ` +
      `${request.url.pathname}: insufficient_scope${scope ? ` for ${scope}` : ''}). The ` +
      `credential is fine; its rights are not: grant the identity ${right.what} rights on ` +
      `the repository. On ACR that is the ${right.acr} role, or ${right.abac} on ` +
      'registries with ABAC (repository permissions) enabled, where AcrPull/AcrPush/AcrDelete ' +
      'are not honoured.' +
      (right.what === 'pull'
        ? ' If the repository does not exist yet, a registry that does not create ' +
          'repositories on push answers this way too: create it first.'
        : ''),
    host,
    401,
    'insufficient-scope',
  );
}

function basicToken(credential: Credential): string {
  const [user, pass] =
    credential.kind === 'basic'
      ? [credential.username, credential.password]
      : [credential.username ?? ACR_TOKEN_USERNAME, credential.token];
  return Buffer.from(`${user}:${pass}`).toString('base64');
}

function withAuthorization(request: HttpRequest, authorization: string | undefined): HttpRequest {
  const headers = { ...request.headers };
  delete headers.authorization;
  if (authorization) headers.authorization = authorization;
  return { ...request, headers };
}

function header(res: HttpResponse, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A token answer's JSON. It carries a secret, and JSON.parse's message quotes the text it
 * failed on (a bare token in full: `Unexpected token 'e', "eyJ…" is not valid JSON`), so a
 * failure says only what answered and how long the answer was, never any of it.
 */
export function parseTokenAnswer(text: string, host: string, who: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AuthError(
      `${who} answered ${text.length} characters that are not JSON (not shown: a token ` +
        'answer holds a secret); check that the realm is a token service',
      host,
      200,
    );
  }
}
