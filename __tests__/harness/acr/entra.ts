import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import type { TestCa } from '../certs.js';
import { knownSecrets } from '../registry.js';
import { getJson, listenHttps, readForm, sendJson } from './https.js';
import {
  audiencesOf,
  type Claims,
  decodeJwt,
  JwtError,
  jwksOf,
  newSigningKey,
  nowSeconds,
  signJwt,
  verifyJwt,
} from './jwt.js';

/**
 * A fake of Microsoft Entra ID with just what `@azure/identity`'s
 * `ClientAssertionCredential` (MSAL node, client-credentials grant) needs when
 * `authorityHost` points here and `disableInstanceDiscovery` is true:
 * - `GET /{tenant}/v2.0/.well-known/openid-configuration` (MSAL's endpoint discovery);
 * - `POST /{tenant}/oauth2/v2.0/token` with `grant_type=client_credentials`,
 *   `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`,
 *   `client_assertion` and `scope=<resource>/.default`.
 * The assertion is checked as a workload identity federation credential is: its issuer's
 * keys are fetched through OIDC discovery, then `iss`, `sub` and `aud` must equal one
 * federated credential of the app exactly. The access token is RS256, with the claims a
 * resource such as ACR reads: `aud`, `iss`, `tid`, `oid`, `appid`, `exp`.
 */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
export const ACR_AUDIENCE = 'https://containerregistry.azure.net';

export interface FederatedCredential {
  issuer: string;
  subject: string;
  audiences?: string[];
}

export interface EntraApp {
  clientId: string;
  /** The service principal's object id: `oid` and `sub` of its tokens. */
  objectId: string;
  federatedCredentials: FederatedCredential[];
}

export interface FakeEntraOptions {
  ca: TestCa;
  tenantId: string;
  apps: EntraApp[];
  tokenLifetimeSeconds?: number;
}

export interface EntraRequest {
  method: string;
  path: string;
  status: number;
  grantType?: string;
  clientId?: string;
  scope?: string;
  /** The `AADSTS` code of a refusal. */
  errorCode?: number;
}

export interface FakeEntra {
  /** Pass as `authorityHost`. */
  authorityHost: string;
  tenantId: string;
  /** `iss` of the access tokens it issues (Entra's v1 form is `https://sts.windows.net/{tid}/`). */
  accessTokenIssuer: string;
  /** Verifies tokens it issued, for the ACR emulator. */
  publicKey(kid: string | undefined): KeyObject | undefined;
  apps: EntraApp[];
  requests: EntraRequest[];
  close(): Promise<void>;
}

class EntraRefusal extends Error {
  constructor(
    readonly error: string,
    readonly code: number,
    description: string,
  ) {
    super(`AADSTS${code}: ${description}`);
  }
}

export async function startFakeEntra(options: FakeEntraOptions): Promise<FakeEntra> {
  const key = newSigningKey();
  const requests: EntraRequest[] = [];
  const lifetime = options.tokenLifetimeSeconds ?? 3599;
  const tenant = options.tenantId;
  const fake: FakeEntra = {
    authorityHost: '',
    tenantId: tenant,
    accessTokenIssuer: '',
    publicKey: (kid) => (kid === key.kid ? key.publicKey : undefined),
    apps: options.apps,
    requests,
    close: async () => undefined,
  };

  const refuse = (res: ServerResponse, record: EntraRequest, refusal: EntraRefusal): void => {
    record.status = refusal.error === 'invalid_client' ? 401 : 400;
    record.errorCode = refusal.code;
    sendJson(res, record.status, {
      error: refusal.error,
      error_description: refusal.message,
      error_codes: [refusal.code],
      timestamp: new Date().toISOString(),
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
    });
  };

  const checkAssertion = async (app: EntraApp, assertion: string): Promise<void> => {
    let issuer: string;
    try {
      const claims = decodeJwt(assertion).claims;
      issuer = String(claims.iss);
    } catch {
      throw new EntraRefusal('invalid_client', 50027, 'Invalid JWT token.');
    }
    const credential = app.federatedCredentials.find((c) => c.issuer === issuer);
    if (!credential) {
      throw new EntraRefusal(
        'invalid_client',
        700211,
        `No matching federated identity record found for presented assertion issuer '${issuer}'.`,
      );
    }
    // As Entra does: the issuer's signing keys come from its OIDC discovery document.
    const discovery = (await getJson(`${issuer}/.well-known/openid-configuration`, options.ca)) as {
      jwks_uri: string;
    };
    const jwks = (await getJson(discovery.jwks_uri, options.ca)) as { keys: Claims[] };
    let claims: Claims;
    try {
      claims = verifyJwt(assertion, (kid) => {
        const jwk = jwks.keys.find((k) => k.kid === kid);
        return jwk ? createPublicKey({ key: jwk as never, format: 'jwk' }) : undefined;
      });
    } catch (error) {
      if (error instanceof JwtError && error.problem === 'expired') {
        throw new EntraRefusal(
          'invalid_client',
          700024,
          'Client assertion is not within its valid time range.',
        );
      }
      throw new EntraRefusal(
        'invalid_client',
        700027,
        `Client assertion failed signature validation (${String(error)}).`,
      );
    }
    const audiences = credential.audiences ?? [TOKEN_EXCHANGE_AUDIENCE];
    if (!audiencesOf(claims).some((aud) => audiences.includes(aud))) {
      throw new EntraRefusal(
        'invalid_client',
        700212,
        `No matching federated identity record found for presented assertion audience '${audiencesOf(claims).join(',')}'.`,
      );
    }
    if (!app.federatedCredentials.some((c) => c.issuer === issuer && c.subject === claims.sub)) {
      throw new EntraRefusal(
        'invalid_client',
        700213,
        `No matching federated identity record found for presented assertion subject '${String(claims.sub)}'.`,
      );
    }
  };

  const listener = await listenHttps(options.ca, async (req, res) => {
    const url = new URL(req.url ?? '/', fake.authorityHost);
    const record: EntraRequest = { method: req.method ?? '', path: url.pathname, status: 200 };
    requests.push(record);
    if (url.pathname === `/${tenant}/v2.0/.well-known/openid-configuration`) {
      const base = `${fake.authorityHost}/${tenant}`;
      sendJson(res, 200, {
        issuer: `${base}/v2.0`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
        tenant_region_scope: 'EU',
      });
      return;
    }
    if (url.pathname === `/${tenant}/discovery/v2.0/keys`) {
      sendJson(res, 200, jwksOf(key));
      return;
    }
    if (url.pathname !== `/${tenant}/oauth2/v2.0/token` || req.method !== 'POST') {
      record.status = 404;
      sendJson(res, 404, { error: 'not_found', error_description: `no route ${url.pathname}` });
      return;
    }
    const form = await readForm(req);
    record.grantType = form.get('grant_type') ?? undefined;
    record.clientId = form.get('client_id') ?? undefined;
    record.scope = form.get('scope') ?? undefined;
    try {
      if (record.grantType !== 'client_credentials') {
        throw new EntraRefusal(
          'unsupported_grant_type',
          70003,
          `The app requested an unsupported grant type '${record.grantType}'.`,
        );
      }
      const app = options.apps.find((a) => a.clientId === record.clientId);
      if (!app) {
        throw new EntraRefusal(
          'unauthorized_client',
          700016,
          `Application with identifier '${record.clientId}' was not found in the directory '${tenant}'.`,
        );
      }
      if (
        form.get('client_assertion_type') !==
        'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
      ) {
        throw new EntraRefusal(
          'invalid_request',
          7000218,
          "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        );
      }
      await checkAssertion(app, form.get('client_assertion') ?? '');
      const scope = record.scope ?? '';
      if (!scope.endsWith('/.default') || scope.includes(' ')) {
        throw new EntraRefusal(
          'invalid_scope',
          1002012,
          `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        );
      }
      const now = nowSeconds();
      const accessToken = signJwt(
        key,
        {
          aud: scope.slice(0, -'/.default'.length),
          iss: fake.accessTokenIssuer,
          iat: now,
          nbf: now,
          exp: now + lifetime,
          appid: app.clientId,
          appidacr: '2',
          idp: fake.accessTokenIssuer,
          oid: app.objectId,
          sub: app.objectId,
          tid: tenant,
          uti: randomUUID(),
          ver: '1.0',
        },
        { x5t: key.kid },
      );
      knownSecrets.add(accessToken);
      sendJson(res, 200, {
        token_type: 'Bearer',
        expires_in: lifetime,
        ext_expires_in: lifetime,
        access_token: accessToken,
      });
    } catch (error) {
      if (!(error instanceof EntraRefusal)) throw error;
      refuse(res, record, error);
    }
  });
  fake.authorityHost = listener.origin;
  fake.close = () => listener.close();
  fake.accessTokenIssuer = `${listener.origin}/${tenant}/`;
  return fake;
}
