import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { knownSecrets } from '../registry.js';
import { basicCredentials, readForm, sendJson } from './https.js';
import { audiencesOf, type Claims, newSigningKey, nowSeconds, signJwt, verifyJwt } from './jwt.js';

/**
 * ACR's token service (Azure/acr `docs/AAD-OAuth.md`; azure-rest-api-specs
 * `containerregistry.json` 2021-07-01, paths `/oauth2/exchange` and `/oauth2/token`):
 * - `POST /oauth2/exchange`, `grant_type=access_token`: an Entra access token for ACR
 *   becomes an ACR refresh token (a JWT with `exp`; the SDK reads it).
 * - `POST /oauth2/token`, `grant_type=refresh_token` (or `password`), or `GET` with Basic
 *   credentials: an ACR access token holding the scopes asked for.
 * Basic/password credentials are the admin user, or `00000000-0000-0000-0000-000000000000`
 * with a refresh token as the password.
 */
export const REFRESH_TOKEN_USERNAME = '00000000-0000-0000-0000-000000000000';
/** ACR accepts Entra tokens for itself and for ARM (`KnownContainerRegistryAudience`). */
const ENTRA_AUDIENCES = ['https://containerregistry.azure.net', 'https://management.azure.com'];
const ISSUER = 'Azure Container Registry';
const REFRESH_SECONDS = 3 * 3600;
const ACCESS_SECONDS = 3600;

/** One `access` entry of a token, as in Distribution's token spec. */
export interface Access {
  type: string;
  name: string;
  actions: string[];
}

export interface EntraTrust {
  tenantId: string;
  issuer: string;
  publicKey(kid: string | undefined): KeyObject | undefined;
}

export interface TokenServiceRecord {
  grantType?: string;
  scopes?: string[];
  principal?: string;
  service?: string;
  status: number;
}

const REPOSITORY_ACTIONS = ['pull', 'push', 'delete', 'metadata_read', 'metadata_write'];

export class AcrTokenService {
  private readonly key = newSigningKey();

  constructor(
    private readonly service: string,
    private readonly entra: EntraTrust,
    private readonly admin: { username: string; password: string },
    /** What a principal's roles allow of an access it asks for (behaviours.ts). */
    private readonly grant: (principal: string, wanted: Access) => Access = (_p, wanted) => wanted,
  ) {}

  async exchange(
    req: IncomingMessage,
    res: ServerResponse,
    record: TokenServiceRecord,
  ): Promise<void> {
    const form = await readForm(req);
    record.grantType = form.get('grant_type') ?? undefined;
    record.service = form.get('service') ?? undefined;
    if (record.grantType !== 'access_token') {
      return deny(res, record, 400, `grant_type ${record.grantType} is not supported here`);
    }
    if (record.service !== this.service) {
      return deny(res, record, 400, `service ${record.service} is not this registry`);
    }
    let claims: Claims;
    try {
      claims = verifyJwt(form.get('access_token') ?? '', (kid) => this.entra.publicKey(kid));
    } catch (error) {
      return deny(res, record, 401, `the AAD access token is not valid: ${String(error)}`);
    }
    const tenant = form.get('tenant');
    if (
      claims.iss !== this.entra.issuer ||
      claims.tid !== this.entra.tenantId ||
      (tenant && tenant !== this.entra.tenantId) ||
      !audiencesOf(claims).some((aud) => ENTRA_AUDIENCES.includes(aud.replace(/\/$/, '')))
    ) {
      return deny(res, record, 401, 'the AAD access token is not for this registry or tenant');
    }
    const now = nowSeconds();
    const principal = String(claims.oid);
    record.principal = principal;
    const refreshToken = signJwt(this.key, {
      jti: randomUUID(),
      sub: principal,
      nbf: now - 5,
      exp: now + REFRESH_SECONDS,
      iat: now,
      iss: ISSUER,
      aud: this.service,
      version: '1.0',
      grant_type: 'refresh_token',
      tenant: this.entra.tenantId,
      appid: claims.appid,
      permissions: { actions: ['*'], notActions: [] },
      roles: [],
    });
    knownSecrets.add(refreshToken);
    sendJson(res, 200, { refresh_token: refreshToken });
  }

  async token(
    req: IncomingMessage,
    res: ServerResponse,
    record: TokenServiceRecord,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://acr');
    let principal: string | undefined;
    let scopes: string[];
    if (req.method === 'GET') {
      record.grantType = 'basic';
      record.service = url.searchParams.get('service') ?? undefined;
      scopes = url.searchParams.getAll('scope').flatMap(splitScopes);
      const basic = basicCredentials(req);
      if (basic) principal = this.principalFor(basic.username, basic.password);
    } else if (req.method === 'POST') {
      const form = await readForm(req);
      record.grantType = form.get('grant_type') ?? undefined;
      record.service = form.get('service') ?? undefined;
      scopes = form.getAll('scope').flatMap(splitScopes);
      if (record.grantType === 'refresh_token') {
        principal = this.refreshTokenPrincipal(form.get('refresh_token') ?? '');
      } else if (record.grantType === 'password') {
        principal = this.principalFor(form.get('username') ?? '', form.get('password') ?? '');
      } else {
        return deny(res, record, 400, `grant_type ${record.grantType} is not supported`);
      }
    } else {
      return deny(res, record, 405, `${req.method} is not supported`);
    }
    record.scopes = scopes;
    if (record.service !== this.service) {
      return deny(res, record, 400, `service ${record.service} is not this registry`);
    }
    // Anonymous pull is off, as on a registry that has not enabled it.
    if (!principal) return deny(res, record, 401, 'authentication required');
    record.principal = principal;
    // A token asked for more than the roles allow comes back with fewer actions.
    const access = scopes
      .map(parseScope)
      .filter((a): a is Access => a !== undefined)
      .map((a) => this.grant(principal, a));
    const now = nowSeconds();
    const accessToken = signJwt(this.key, {
      jti: randomUUID(),
      sub: principal,
      nbf: now - 5,
      exp: now + ACCESS_SECONDS,
      iat: now,
      iss: ISSUER,
      aud: this.service,
      version: '1.0',
      grant_type: record.grantType,
      access,
      roles: [],
    });
    knownSecrets.add(accessToken);
    // ACR answers with `access_token` alone: no `token`, no `expires_in`.
    sendJson(res, 200, { access_token: accessToken });
  }

  /** The access an access token grants, or undefined when it isn't one of ours. */
  verifyAccessToken(token: string): { principal: string; access: Access[] } | undefined {
    try {
      const claims = verifyJwt(token, (kid) =>
        kid === this.key.kid ? this.key.publicKey : undefined,
      );
      if (claims.iss !== ISSUER || claims.aud !== this.service || !Array.isArray(claims.access)) {
        return undefined;
      }
      return { principal: String(claims.sub), access: claims.access as Access[] };
    } catch {
      return undefined;
    }
  }

  private refreshTokenPrincipal(token: string): string | undefined {
    try {
      const claims = verifyJwt(token, (kid) =>
        kid === this.key.kid ? this.key.publicKey : undefined,
      );
      if (claims.iss !== ISSUER || claims.aud !== this.service) return undefined;
      if (claims.grant_type !== 'refresh_token') return undefined;
      return String(claims.sub);
    } catch {
      return undefined;
    }
  }

  private principalFor(username: string, password: string): string | undefined {
    if (username === this.admin.username && password === this.admin.password) return username;
    if (username === REFRESH_TOKEN_USERNAME) return this.refreshTokenPrincipal(password);
    return undefined;
  }
}

function splitScopes(value: string): string[] {
  return value.split(' ').filter(Boolean);
}

/** `repository:<name>:<actions>` or `registry:catalog:*`; the name may hold `/`, never `:`. */
export function parseScope(scope: string): Access | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || first === last) return undefined;
  const type = scope.slice(0, first);
  const name = scope.slice(first + 1, last);
  const wanted = scope
    .slice(last + 1)
    .split(',')
    .filter(Boolean);
  if (type === 'registry' && name === 'catalog') return { type, name, actions: ['*'] };
  if (type !== 'repository') return undefined;
  // `*` on a repository means every action (docker's `repository:x:*`).
  const actions = wanted.includes('*')
    ? REPOSITORY_ACTIONS
    : wanted.filter((a) => REPOSITORY_ACTIONS.includes(a));
  return { type, name, actions };
}

function deny(
  res: ServerResponse,
  record: TokenServiceRecord,
  status: number,
  message: string,
): void {
  record.status = status;
  sendJson(res, status, { errors: [{ code: 'UNAUTHORIZED', message }] });
}
