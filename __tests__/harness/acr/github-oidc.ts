import { randomBytes, randomUUID } from 'node:crypto';
import type { TestCa } from '../certs.js';
import { knownSecrets } from '../registry.js';
import { bearerToken, listenHttps, sendJson } from './https.js';
import { type Claims, jwksOf, newSigningKey, nowSeconds, signJwt } from './jwt.js';

/**
 * A fake of GitHub Actions' OIDC token issuer: the endpoint a runner names in
 * `ACTIONS_ID_TOKEN_REQUEST_URL`, which `core.getIDToken(audience)` calls with
 * `ACTIONS_ID_TOKEN_REQUEST_TOKEN` as a Bearer token, and which answers `{ "value": JWT }`.
 * The issuer also publishes `/.well-known/openid-configuration` and its JWKS, as
 * token.actions.githubusercontent.com does, so Entra can verify the token the way it does.
 * Claims follow GitHub's docs ("About security hardening with OpenID Connect").
 */
export interface GitHubOidcOptions {
  ca: TestCa;
  /** `sub`; GitHub's form for a tag push. Tests may change `subject` later. */
  subject?: string;
  repository?: string;
  ref?: string;
}

export interface OidcTokenRequest {
  audience: string | undefined;
  status: number;
}

export interface GitHubOidc {
  /** `iss` of every token: this fake's origin, as GitHub's is its origin. */
  issuer: string;
  /** What the runner sets: the token URL already has a query, `&audience=` is appended. */
  env: { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string };
  subject: string;
  requests: OidcTokenRequest[];
  /** Test-only: a token as the endpoint would issue it, with claims overridden. */
  mint(audience: string, overrides?: Claims): string;
  close(): Promise<void>;
}

export async function startGitHubOidc(options: GitHubOidcOptions): Promise<GitHubOidc> {
  const key = newSigningKey();
  const requestToken = `ghrq_${randomBytes(12).toString('base64url')}`;
  knownSecrets.add(requestToken);
  const repository = options.repository ?? 'giantswarm/x';
  const ref = options.ref ?? 'refs/tags/v1.2.3';
  const requests: OidcTokenRequest[] = [];

  const fake: GitHubOidc = {
    issuer: '',
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken },
    subject: options.subject ?? `repo:${repository}:ref:${ref}`,
    requests,
    mint(audience, overrides = {}) {
      const now = nowSeconds();
      const [owner] = repository.split('/');
      const token = signJwt(
        key,
        {
          jti: randomUUID(),
          sub: fake.subject,
          aud: audience,
          ref,
          ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
          sha: 'a'.repeat(40),
          repository,
          repository_owner: owner,
          repository_visibility: 'public',
          run_id: '1',
          run_number: '1',
          run_attempt: '1',
          actor: 'oci-push-test',
          event_name: 'push',
          workflow: 'release',
          job_workflow_ref: `${repository}/.github/workflows/release.yaml@${ref}`,
          iss: fake.issuer,
          nbf: now - 5,
          iat: now,
          exp: now + 300,
          ...overrides,
        },
        { x5t: key.kid },
      );
      knownSecrets.add(token);
      return token;
    },
    close: async () => undefined,
  };

  const listener = await listenHttps(options.ca, async (req, res) => {
    const url = new URL(req.url ?? '/', fake.issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      sendJson(res, 200, {
        issuer: fake.issuer,
        jwks_uri: `${fake.issuer}/.well-known/jwks`,
        subject_types_supported: ['public', 'pairwise'],
        response_types_supported: ['id_token'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid'],
      });
      return;
    }
    if (url.pathname === '/.well-known/jwks') {
      sendJson(res, 200, jwksOf(key));
      return;
    }
    if (url.pathname === '/idtoken') {
      const audience = url.searchParams.get('audience') ?? undefined;
      const record: OidcTokenRequest = { audience, status: 200 };
      requests.push(record);
      if (bearerToken(req) !== requestToken) {
        record.status = 401;
        sendJson(res, 401, { message: 'Bad credentials' });
        return;
      }
      // Without an audience GitHub uses the repository owner's URL.
      const aud = audience ?? `https://github.com/${repository.split('/')[0]}`;
      sendJson(res, 200, { count: 1, value: fake.mint(aud) });
      return;
    }
    sendJson(res, 404, { message: 'Not Found' });
  });
  fake.issuer = listener.origin;
  fake.close = () => listener.close();
  fake.env.ACTIONS_ID_TOKEN_REQUEST_URL = `${listener.origin}/idtoken?api-version=2.0`;
  return fake;
}
