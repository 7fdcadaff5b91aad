import { createHash, randomBytes } from 'node:crypto';
import { Agent, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { TestCa } from '../certs.js';
import { knownSecrets, type TestRegistry } from '../registry.js';
import { AcrBehaviours } from './behaviours.js';
import { bearerToken, type HttpsListener, listenHttps, readBody, sendJson } from './https.js';
import {
  acrError,
  AcrMetadata,
  type AcrRoute,
  disallowed,
  parseAcrRoute,
  type Times,
} from './metadata.js';
import { RegistryStorage } from './storage.js';
import {
  type Access,
  AcrTokenService,
  type EntraTrust,
  type TokenServiceRecord,
} from './tokens.js';

const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

/**
 * An HTTPS endpoint that behaves as ACR's data plane, in front of a real Distribution
 * registry started in anonymous mode. It enforces ACR's auth (Bearer challenge, Entra →
 * refresh token → access token, scopes per request) and ACR's locks, serves the `/acr/v1`
 * metadata API from the registry's storage, and proxies `/v2/` to the registry, streamed.
 * See README.md beside this file for its sources and its guesses.
 */
export interface AcrEmulatorOptions {
  ca: TestCa;
  /** A registry from `startRegistry('anonymous')`: the emulator is its only gate. */
  backend: TestRegistry;
  entra: EntraTrust;
  /** Real-ACR behaviours to switch on (roles, throttling, soft delete…); all off by default. */
  behaviours?: AcrBehaviours;
}

export interface AcrRequest extends TokenServiceRecord {
  method: string;
  /** Path and query, as sent. */
  path: string;
  /** The scope the request needed, e.g. `repository:giantswarm/x:pull`. */
  requiredScope?: string;
}

export interface AcrEmulator {
  /** `https://127.0.0.1:PORT`: the SDK's `endpoint`. */
  origin: string;
  /** `127.0.0.1:PORT`: the login server, and the token `service`. */
  host: string;
  /** The admin user (Basic at `/oauth2/token`), e.g. for skopeo `--creds`. */
  admin: { username: string; password: string };
  requests: AcrRequest[];
  metadata: AcrMetadata;
  storage: RegistryStorage;
  behaviours: AcrBehaviours;
  /** Test-only: pretend a manifest was created or last updated at these times. */
  setManifestTimes(repository: string, digest: string, times: Times): Promise<void>;
  /** Test-only: pretend a tag was created or last moved at these times. */
  setTagTimes(repository: string, tag: string, times: Times): Promise<void>;
  close(): Promise<void>;
}

export async function startAcrEmulator(options: AcrEmulatorOptions): Promise<AcrEmulator> {
  if (options.backend.mode !== 'anonymous') {
    throw new Error('the ACR emulator fronts an anonymous registry: it enforces auth itself');
  }
  const admin = {
    username: 'ocipushadmin',
    password: `acr-${randomBytes(12).toString('base64url')}`,
  };
  knownSecrets.add(admin.password);
  const storage = new RegistryStorage(
    join(options.backend.dir, 'data', 'docker', 'registry', 'v2'),
  );
  const requests: AcrRequest[] = [];
  const behaviours = options.behaviours ?? new AcrBehaviours();
  const agent = new Agent({ keepAlive: true });
  const [backendHostname, backendPort] = options.backend.host.split(':');
  let origin = '';
  let host = '';

  /**
   * Checks the Bearer token against what the request needs. Short of it: 401 with a challenge
   * naming the scope (and `error="insufficient_scope"` when a valid token lacks it), which
   * is how the SDK, holding one access token at a time, learns to fetch another.
   */
  const authorize = (
    req: IncomingMessage,
    res: ServerResponse,
    record: AcrRequest,
    required: Access | undefined,
    challengeActions = required?.actions ?? [],
  ): boolean => {
    if (required)
      record.requiredScope = `${required.type}:${required.name}:${required.actions.join(',')}`;
    const token = bearerToken(req);
    const granted = token ? tokens.verifyAccessToken(token) : undefined;
    const allowed =
      granted !== undefined &&
      (!required ||
        required.actions.every((action) =>
          granted.access.some(
            (a) =>
              a.type === required.type &&
              a.name === required.name &&
              (a.actions.includes(action) || a.actions.includes('*')),
          ),
        ));
    if (allowed) {
      record.principal = granted.principal;
      return true;
    }
    let header = `Bearer realm="${origin}/oauth2/token",service="${host}"`;
    if (required)
      header += `,scope="${required.type}:${required.name}:${challengeActions.join(',')}"`;
    if (granted) header += ',error="insufficient_scope"';
    res.setHeader('www-authenticate', header);
    acrError(
      res,
      401,
      'UNAUTHORIZED',
      'authentication required, visit https://aka.ms/acr/authorization for more information.',
      required?.actions.map((action) => ({
        Type: required.type,
        Name: required.name,
        Action: action,
      })),
    );
    return false;
  };

  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    body?: Buffer,
    path = req.url,
    extraHeaders: Record<string, string> = {},
  ): Promise<number> =>
    new Promise((resolve) => {
      const headers = { ...req.headers, host: options.backend.host };
      delete headers.authorization;
      delete headers.connection;
      if (body) {
        headers['content-length'] = String(body.length);
        delete headers['transfer-encoding'];
      }
      const upstream = request(
        {
          host: backendHostname,
          port: Number(backendPort),
          method: req.method,
          path,
          headers,
          agent,
        },
        (answer) => {
          const ok = (answer.statusCode ?? 502) < 300;
          const out = { ...answer.headers, ...(ok && extraHeaders) };
          delete out.connection;
          delete out['keep-alive'];
          // Upload locations are absolute URLs of the registry: point them back here.
          if (typeof out.location === 'string' && out.location.startsWith(options.backend.url)) {
            out.location = origin + out.location.slice(options.backend.url.length);
          }
          res.writeHead(answer.statusCode ?? 502, out);
          answer.pipe(res);
          answer.on('end', () => resolve(answer.statusCode ?? 502));
          answer.on('error', () => resolve(502));
        },
      );
      upstream.on('error', (error) => {
        if (!res.headersSent) acrError(res, 502, 'UNKNOWN', `registry unreachable: ${error}`);
        else res.destroy();
        resolve(502);
      });
      if (body) upstream.end(body);
      else req.pipe(upstream);
    });

  const handleV2 = async (
    req: IncomingMessage,
    res: ServerResponse,
    record: AcrRequest,
    url: URL,
  ): Promise<void> => {
    const method = req.method ?? 'GET';
    if (url.pathname === '/v2/' || url.pathname === '/v2') {
      if (!authorize(req, res, record, undefined)) return;
      sendJson(res, 200, {}, { 'docker-distribution-api-version': 'registry/2.0' });
      return;
    }
    if (url.pathname === '/v2/_catalog') {
      if (!authorize(req, res, record, { type: 'registry', name: 'catalog', actions: ['*'] })) {
        return;
      }
      await forward(req, res);
      return;
    }
    const match = /^\/v2\/(.+?)\/(manifests|blobs|tags|referrers)\/(.*)$/.exec(url.pathname);
    if (!match?.[1]) {
      acrError(res, 404, 'NAME_INVALID', 'invalid repository name');
      return;
    }
    // The SDK percent-encodes the `/` of a repository name in /v2 paths too (`a%2Fb`).
    const repository = decodeURIComponent(match[1]);
    const normalized = `/v2/${repository}/${match[2]}/${match[3] ?? ''}${url.search}`;
    const read = method === 'GET' || method === 'HEAD';
    const actions = read ? ['pull'] : method === 'DELETE' ? ['delete'] : ['push'];
    // Pushers ask for pull,push (docker, skopeo): the challenge says so; push is what counts.
    const asked = actions[0] === 'push' ? ['pull', 'push'] : actions;
    if (!authorize(req, res, record, { type: 'repository', name: repository, actions }, asked)) {
      return;
    }
    if (match[2] === 'blobs' && method === 'POST') {
      if (await behaviours.failFirstPush(repository, storage, req, res)) return;
    }
    if (match[2] === 'referrers' && read) {
      // ACR serves the referrers API (FACTS.md "Referrers"); Distribution 2.8 does not, so
      // the emulator answers it from the registry's storage.
      const subject = decodeURIComponent(match[3] ?? '');
      if (!/^sha256:[a-f0-9]{64}$/.test(subject)) {
        acrError(res, 400, 'DIGEST_INVALID', 'invalid digest');
        return;
      }
      const artifactType = url.searchParams.get('artifactType') ?? undefined;
      const manifests = await storage.referrers(repository, subject, artifactType);
      const headers: Record<string, string> = {
        'content-type': 'application/vnd.oci.image.index.v1+json',
        ...(artifactType !== undefined && { 'oci-filters-applied': 'artifactType' }),
      };
      const index = { schemaVersion: 2, mediaType: headers['content-type'], manifests };
      sendJson(res, 200, index, headers);
      return;
    }
    if (match[2] !== 'manifests') {
      await forward(req, res, undefined, normalized);
      return;
    }
    const reference = decodeURIComponent(match[3] ?? '');
    const isDigest = reference.includes(':');
    if (read) {
      const tag = isDigest ? undefined : await storage.tag(repository, reference);
      const digest = isDigest ? reference : tag?.digest;
      if (metadata.readRefused(repository, isDigest ? undefined : reference, digest)) {
        disallowed(res);
        return;
      }
      if (behaviours.lagging(repository, reference, res)) return;
      if (behaviours.failManifestRead(repository, res)) return;
      await forward(req, res, undefined, normalized);
      return;
    }
    if (method === 'PUT') {
      // Manifests are small (ACR takes up to 4 MiB); reading one lets a lock refuse it
      // before the registry stores anything. Blobs are never buffered.
      const body = await readBody(req);
      const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
      if (metadata.writeRefused(repository, isDigest ? undefined : reference, digest)) {
        disallowed(res);
        return;
      }
      if (behaviours.refuseSoftDeleted(repository, digest, res)) return;
      // A registry with the referrers API says it indexed the subject (distribution-spec
      // "Pushing Manifests with Subject"), so the client writes no fallback tag.
      const subject = subjectOf(body);
      const status = await forward(
        req,
        res,
        body,
        normalized,
        subject ? { 'oci-subject': subject } : {},
      );
      if (status === 201) behaviours.pushed(repository, digest, reference);
      return;
    }
    if (method === 'DELETE' && isDigest) {
      const manifest = await storage.manifest(repository, reference);
      const tags = (await storage.tags(repository)).filter((t) => t.digest === reference);
      if (
        manifest &&
        metadata.deleteRefused(
          repository,
          [reference],
          tags.map((t) => t.name),
        )
      ) {
        disallowed(res);
        return;
      }
      const referrers = await behaviours.referrersOf(repository, reference, storage, readManifest);
      const status = await forward(req, res, undefined, normalized);
      // Distribution deletes every tag on the manifest with it, as ACR does.
      if (manifest && status === 202) {
        metadata.forgetManifest(repository, manifest, tags);
        behaviours.deleted(repository, reference);
        for (const referrer of referrers) await deleteReferrer(repository, referrer);
      }
      return;
    }
    await forward(req, res, undefined, normalized);
  };

  /** A manifest's bytes, read from the registry directly (for the referrer cascade). */
  const readManifest = async (repository: string, digest: string): Promise<Buffer | undefined> => {
    const res = await fetch(`${options.backend.url}/v2/${repository}/manifests/${digest}`, {
      headers: { accept: MANIFEST_ACCEPT },
    });
    return res.ok ? Buffer.from(await res.arrayBuffer()) : undefined;
  };
  const deleteReferrer = async (repository: string, digest: string): Promise<void> => {
    const tags = (await storage.tags(repository)).filter((t) => t.digest === digest);
    const manifest = await storage.manifest(repository, digest);
    await fetch(`${options.backend.url}/v2/${repository}/manifests/${digest}`, {
      method: 'DELETE',
    });
    if (manifest) metadata.forgetManifest(repository, manifest, tags);
    behaviours.deleted(repository, digest);
  };

  const acrScope = (route: AcrRoute, method: string): Access => {
    if (route.kind === 'catalog') return { type: 'registry', name: 'catalog', actions: ['*'] };
    const action =
      method === 'PATCH' ? 'metadata_write' : method === 'DELETE' ? 'delete' : 'metadata_read';
    return { type: 'repository', name: route.repository, actions: [action] };
  };

  const listener: HttpsListener = await listenHttps(options.ca, async (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    const record: AcrRequest = { method, path: req.url ?? '/', status: 0 };
    requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    if (url.pathname === '/oauth2/exchange' && method === 'POST') {
      if (behaviours.refuseExchange(res)) return;
      return tokens.exchange(req, res, record);
    }
    if (!url.pathname.startsWith('/oauth2/') && behaviours.throttle(req, res)) return;
    if (url.pathname === '/oauth2/token') return tokens.token(req, res, record);
    if (url.pathname.startsWith('/v2')) return handleV2(req, res, record, url);
    const route = url.pathname.startsWith('/acr/v1/') ? parseAcrRoute(url.pathname) : undefined;
    const allowedMethods =
      route?.kind === 'catalog' || route?.kind === 'manifests' || route?.kind === 'tags'
        ? ['GET']
        : route?.kind === 'manifest'
          ? ['GET', 'PATCH']
          : ['GET', 'PATCH', 'DELETE'];
    if (!route || !allowedMethods.includes(method)) {
      // Not in ACR's data-plane API (2021-07-01); a manifest is deleted through /v2.
      acrError(res, route ? 405 : 404, 'UNSUPPORTED', `${method} ${url.pathname} is not supported`);
      return;
    }
    if (!authorize(req, res, record, acrScope(route, method))) return;
    await metadata.handle(req, res, route, url);
  });
  origin = listener.origin;
  host = listener.host;
  const tokens = new AcrTokenService(host, options.entra, admin, (principal, wanted) =>
    behaviours.grant(principal, wanted),
  );
  const metadata = new AcrMetadata(storage, host);

  return {
    origin,
    host,
    admin,
    requests,
    metadata,
    storage,
    behaviours,
    setManifestTimes: (repository, digest, times) =>
      metadata.setManifestTimes(repository, digest, times),
    setTagTimes: (repository, tag, times) => metadata.setTagTimes(repository, tag, times),
    close: async () => {
      await listener.close();
      agent.destroy();
    },
  };
}

function subjectOf(manifest: Buffer): string | undefined {
  try {
    const digest = (JSON.parse(manifest.toString('utf8')) as { subject?: { digest?: unknown } })
      .subject?.digest;
    return typeof digest === 'string' ? digest : undefined;
  } catch {
    return undefined;
  }
}
