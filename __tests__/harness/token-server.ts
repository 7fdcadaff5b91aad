import { createSign, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestCertificate } from './certs.js';
import { knownSecrets } from './secrets.js';

/**
 * A token service as Distribution's `auth: token` expects (distribution `docs/spec/auth/`):
 * it checks Basic credentials or an OAuth2 form, then signs a JWT with the test
 * certificate, whose `x5c` header the registry verifies against its `rootcertbundle`.
 * It records every request so tests can prove the Bearer flow really happened.
 */
export interface TokenServerOptions {
  service: string;
  issuer: string;
  cert: TestCertificate;
  users: Record<string, string>;
  /** Refresh tokens (as ACR's identity tokens) and the account each stands for. */
  refreshTokens?: Record<string, string>;
  /** Seconds a token lives; Distribution's default expectation is 60. */
  expiresIn?: number;
}

export interface TokenRequest {
  method: string;
  grantType: 'basic' | 'anonymous' | 'password' | 'refresh_token';
  account?: string;
  scopes: string[];
  userAgent: string;
  status: number;
}

export interface TokenServer {
  realm: string;
  requests: TokenRequest[];
  close(): Promise<void>;
}

export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  const requests: TokenRequest[] = [];
  const server: Server = createServer((req, res) => {
    void handle(req).then(
      ({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      },
      (error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  });

  const handle = async (req: IncomingMessage): Promise<{ status: number; body: unknown }> => {
    const url = new URL(req.url ?? '/', 'http://token');
    const record: TokenRequest = {
      method: req.method ?? '',
      grantType: 'anonymous',
      scopes: [],
      userAgent: String(req.headers['user-agent'] ?? ''),
      status: 200,
    };
    requests.push(record);
    const deny = (status: number, detail: string): { status: number; body: unknown } => {
      record.status = status;
      return { status, body: { errors: [{ code: 'UNAUTHORIZED', message: detail }] } };
    };
    if (url.pathname !== '/token') return deny(404, 'not found');

    let account: string | undefined;
    if (req.method === 'GET') {
      record.scopes = url.searchParams
        .getAll('scope')
        .flatMap((s) => s.split(' '))
        .filter(Boolean);
      const authorization = req.headers.authorization;
      if (authorization) {
        record.grantType = 'basic';
        const [scheme, encoded] = authorization.split(' ');
        const [user, ...rest] = Buffer.from(encoded ?? '', 'base64')
          .toString('utf8')
          .split(':');
        const pass = rest.join(':');
        if (scheme !== 'Basic' || !user || options.users[user] !== pass)
          return deny(401, 'bad credentials');
        account = user;
      }
    } else if (req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      record.scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
      const grant = form.get('grant_type');
      if (grant === 'password') {
        record.grantType = 'password';
        const user = form.get('username') ?? '';
        if (options.users[user] !== form.get('password')) return deny(401, 'bad credentials');
        account = user;
      } else if (grant === 'refresh_token') {
        record.grantType = 'refresh_token';
        account = options.refreshTokens?.[form.get('refresh_token') ?? ''];
        if (!account) return deny(401, 'unknown refresh token');
      } else {
        return deny(400, `unsupported grant_type ${grant}`);
      }
    } else {
      return deny(405, 'method not allowed');
    }
    if (account) record.account = account;

    // Authenticated accounts get what they ask for; anonymous callers get nothing.
    const access = account ? record.scopes.map(parseScope).filter((s) => s !== undefined) : [];
    const expiresIn = options.expiresIn ?? 300;
    const token = signJwt(options, account ?? '', access, expiresIn);
    // A Bearer token is a secret like the password it was issued for: no run may print it.
    if (account) knownSecrets.add(token);
    return {
      status: 200,
      body: {
        token,
        access_token: token,
        expires_in: expiresIn,
        issued_at: new Date().toISOString(),
      },
    };
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Access {
  type: string;
  name: string;
  actions: string[];
}

function parseScope(scope: string): Access | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || first === last) return undefined;
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope.slice(last + 1).split(','),
  };
}

export function signJwt(
  options: TokenServerOptions,
  subject: string,
  access: Access[],
  expiresIn: number,
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'RS256', x5c: [options.cert.certDerBase64] };
  const claims = {
    iss: options.issuer,
    sub: subject,
    aud: options.service,
    exp: now + expiresIn,
    nbf: now - 10,
    iat: now,
    jti: randomUUID(),
    access,
  };
  const encode = (value: unknown): string =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256')
    .update(signingInput)
    .sign(options.cert.keyPem)
    .toString('base64url');
  return `${signingInput}.${signature}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
