import {
  type KeyObject,
  generateKeyPairSync,
  randomUUID,
  sign as signBytes,
  verify as verifyBytes,
} from 'node:crypto';

/**
 * RS256 JSON Web Tokens (RFC 7519) for the fakes: GitHub's OIDC issuer, Entra ID and ACR's
 * token service each sign with their own key, and each verifier checks signature, issuer,
 * audience and lifetime the way the real service does.
 */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export type Claims = Record<string, unknown>;

export function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: randomUUID().replace(/-/g, ''), privateKey, publicKey };
}

/** The JWKS document (RFC 7517) that publishes `keys`. */
export function jwksOf(...keys: SigningKey[]): { keys: object[] } {
  return {
    keys: keys.map((key) => ({
      ...key.publicKey.export({ format: 'jwk' }),
      kid: key.kid,
      use: 'sig',
      alg: 'RS256',
    })),
  };
}

export function signJwt(key: SigningKey, claims: Claims, header: Claims = {}): string {
  const encode = (value: unknown): string =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ typ: 'JWT', alg: 'RS256', kid: key.kid, ...header })}.${encode(claims)}`;
  return `${input}.${signBytes('RSA-SHA256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

export type JwtProblem = 'malformed' | 'unknown-key' | 'signature' | 'expired' | 'not-yet-valid';

export class JwtError extends Error {
  constructor(
    message: string,
    readonly problem: JwtProblem,
  ) {
    super(message);
  }
}

export interface DecodedJwt {
  header: Claims;
  claims: Claims;
}

/** Splits and parses a JWT without checking anything. */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtError('not a JWS compact serialization', 'malformed');
  try {
    const parse = (part: string): Claims =>
      JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Claims;
    return { header: parse(parts[0] ?? ''), claims: parse(parts[1] ?? '') };
  } catch {
    throw new JwtError('header or payload is not base64url JSON', 'malformed');
  }
}

/**
 * Checks an RS256 signature with the key the header's `kid` names, then `exp` and `nbf`
 * (with 5 minutes of clock skew, as Entra allows). Issuer and audience are the caller's.
 */
export function verifyJwt(
  token: string,
  keyFor: (kid: string | undefined) => KeyObject | undefined,
  now = Date.now(),
): Claims {
  const { header, claims } = decodeJwt(token);
  if (header.alg !== 'RS256') throw new JwtError(`alg ${String(header.alg)}`, 'malformed');
  const key = keyFor(typeof header.kid === 'string' ? header.kid : undefined);
  if (!key) throw new JwtError(`no key with kid ${String(header.kid)}`, 'unknown-key');
  const [head, payload, signature] = token.split('.');
  const valid = verifyBytes(
    'RSA-SHA256',
    Buffer.from(`${head}.${payload}`),
    key,
    Buffer.from(signature ?? '', 'base64url'),
  );
  if (!valid) throw new JwtError('signature does not verify', 'signature');
  const seconds = now / 1000;
  const skew = 300;
  if (typeof claims.exp !== 'number' || claims.exp + skew < seconds) {
    throw new JwtError('expired', 'expired');
  }
  if (typeof claims.nbf === 'number' && claims.nbf - skew > seconds) {
    throw new JwtError('not valid yet', 'not-yet-valid');
  }
  return claims;
}

/** `aud` may be one string or an array (RFC 7519 §4.1.3). */
export function audiencesOf(claims: Claims): string[] {
  const aud = claims.aud;
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
