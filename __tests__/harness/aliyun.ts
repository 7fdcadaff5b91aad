import { createHash } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestRegistry } from './registry.js';

/**
 * An Aliyun Container Registry profile: a proxy in front of a real token-mode registry that
 * behaves as Aliyun does (FACTS.md, "Aliyun Container Registry"). Each rule is switchable:
 * - the token realm on another host (`localhost` instead of `127.0.0.1`, as
 *   `dockerauth.<region>.aliyuncs.com` is not the registry's host);
 * - namespace auto-create off: a repository not created beforehand answers every request,
 *   a blob HEAD included, 403 DENIED "requested access to the resource is denied"
 *   (image-syncer#149);
 * - immutable repositories: a tag other than `latest` that exists can't be overwritten
 *   ("The requested tag already exists and cannot be overwritten");
 * - a limit on the repository path's depth (Personal Edition: namespace/repository);
 * - optionally, configs of type `application/vnd.oci.empty.v1+json` refused with "unknown
 *   manifest class" (Personal Edition, cnrancher/hangar#238).
 * Status codes other than the messages are guesses: see `__tests__/harness/acr/README.md`.
 */
export interface AliyunProfile {
  /** `127.0.0.1:PORT`: the registry's host, as users write it. */
  host: string;
  /** Repositories that exist (created in the console, or by an auto-create push). */
  readonly repositories: Set<string>;
  /** Namespaces that create a repository on first push. */
  readonly autoCreate: Set<string>;
  readonly immutable: Set<string>;
  /** Path segments a repository may have (undefined: no limit). */
  maxDepth: number | undefined;
  refuseEmptyConfig: boolean;
  /** Every request, with what the proxy answered. */
  readonly requests: { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

const EMPTY_CONFIG = 'application/vnd.oci.empty.v1+json';
const ACCEPT = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

export async function startAliyunProfile(backend: TestRegistry): Promise<AliyunProfile> {
  if (backend.mode !== 'token') throw new Error('the Aliyun profile fronts a token-mode registry');
  const [backendHost, backendPort] = backend.host.split(':');
  const requests: AliyunProfile['requests'] = [];
  const profile: Omit<AliyunProfile, 'close'> = {
    host: '',
    repositories: new Set<string>(),
    autoCreate: new Set<string>(),
    immutable: new Set<string>(),
    maxDepth: undefined,
    refuseEmptyConfig: false,
    requests,
  };

  const deny = (res: ServerResponse, status: number, code: string, message: string): void => {
    const body = Buffer.from(JSON.stringify({ errors: [{ code, message }] }));
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  };

  const forward = (req: IncomingMessage, res: ServerResponse, body?: Buffer): Promise<number> =>
    new Promise((resolve) => {
      const headers = { ...req.headers };
      delete headers.connection;
      if (body) {
        headers['content-length'] = String(body.length);
        delete headers['transfer-encoding'];
      }
      const upstream = http.request(
        {
          host: backendHost,
          port: Number(backendPort),
          method: req.method,
          path: req.url,
          headers,
        },
        (answer) => {
          const out = { ...answer.headers };
          delete out.connection;
          const challenge = out['www-authenticate'];
          // The realm on another host than the registry's, as Aliyun's dockerauth is.
          if (typeof challenge === 'string') {
            out['www-authenticate'] = challenge.replace('//127.0.0.1:', '//localhost:');
          }
          res.writeHead(answer.statusCode ?? 502, out);
          answer.pipe(res);
          answer.on('end', () => resolve(answer.statusCode ?? 502));
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) deny(res, 502, 'UNKNOWN', 'registry unreachable');
        resolve(502);
      });
      if (body) upstream.end(body);
      else req.pipe(upstream);
    });

  const readBody = async (req: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  /** What a tag points at now, read from the registry with the request's own token. */
  const currentDigest = async (req: IncomingMessage, path: string): Promise<string | undefined> => {
    const res = await fetch(`${backend.url}${path}`, {
      method: 'HEAD',
      headers: {
        accept: ACCEPT,
        ...(req.headers.authorization && { authorization: req.headers.authorization }),
      },
    });
    return res.ok ? (res.headers.get('docker-content-digest') ?? undefined) : undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://aliyun');
    const match = /^\/v2\/(.+?)\/(manifests|blobs|tags|referrers)\/(.*)$/.exec(url.pathname);
    if (!match?.[1]) {
      await forward(req, res);
      return;
    }
    const repository = match[1];
    if (profile.maxDepth !== undefined && repository.split('/').length > profile.maxDepth) {
      req.resume();
      deny(res, 400, 'NAME_INVALID', 'invalid repository name');
      return;
    }
    const namespace = repository.split('/')[0] ?? '';
    if (!profile.repositories.has(repository)) {
      const creates = req.method === 'PUT' && match[2] === 'manifests';
      if (!profile.autoCreate.has(namespace)) {
        req.resume();
        deny(res, 403, 'DENIED', 'requested access to the resource is denied');
        return;
      }
      if (creates) profile.repositories.add(repository);
    }
    if (req.method !== 'PUT' || match[2] !== 'manifests') {
      await forward(req, res);
      return;
    }
    const body = await readBody(req);
    const reference = decodeURIComponent(match[3] ?? '');
    if (profile.refuseEmptyConfig) {
      const parsed = JSON.parse(body.toString('utf8')) as { config?: { mediaType?: string } };
      if (parsed.config?.mediaType === EMPTY_CONFIG) {
        deny(res, 400, 'DENIED', 'unknown manifest class');
        return;
      }
    }
    if (profile.immutable.has(repository) && !reference.includes(':') && reference !== 'latest') {
      const held = await currentDigest(req, url.pathname);
      const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
      if (held && held !== digest) {
        deny(res, 400, 'TAG_INVALID', 'The requested tag already exists and cannot be overwritten');
        return;
      }
    }
    await forward(req, res, body);
  };

  const server = http.createServer((req, res) => {
    const record = { method: req.method ?? '', path: req.url ?? '', status: 0 };
    requests.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) deny(res, 500, 'UNKNOWN', String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  profile.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(profile, {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
