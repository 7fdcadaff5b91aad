import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSelfSignedCert } from '../harness/certs.js';
import { runCli } from '../harness/cli.js';
import { makeOciLayout, type OciLayoutFixture } from '../harness/fixtures.js';
import { type ForwardProxy, startForwardProxy } from '../harness/forward-proxy.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw } from '../harness/skopeo.js';
import { RegistryClient } from '../../src/registry/client.js';
import { createTransport } from '../../src/registry/http.js';

/**
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY, read as docker, skopeo and helm read them: a runner
 * behind a proxy reaches its registries through it, a registry on loopback never goes
 * through one, and a proxy that fails is named in the error. The registries are named under
 * `.oci-push.test`, which only the test proxy can reach: a request that skips the proxy
 * cannot even resolve them.
 */
let registry: TestRegistry;
let proxy: ForwardProxy;
let work: string;
let image: OciLayoutFixture;

beforeAll(async () => {
  registry = await startRegistry('anonymous');
  proxy = await startForwardProxy();
  work = await mkdtemp(join(tmpdir(), 'oci-push-proxy-'));
  image = await makeOciLayout(join(work, 'image'));
});
afterAll(async () => {
  await Promise.all([registry?.stop(), proxy?.close()]);
  await rm(work, { recursive: true, force: true });
});

const port = (): string => registry.host.split(':')[1] as string;
const devBuild = (registries: string, repository: string, env: Record<string, string>) =>
  runCli(
    ['push', '--image', `oci:${image.dir}`, '--registries', registries, '--repository', repository],
    {
      env: { CIRCLECI: 'true', CIRCLE_SHA1: 'c1'.repeat(20), CIRCLE_BRANCH: 'feature', ...env },
    },
  );

test('the CLI pushes through HTTP_PROXY to a registry only the proxy can reach', async () => {
  const host = `registry.oci-push.test:${port()}`;
  const run = await devBuild(`${host} insecure dev`, 'giantswarm/proxied', {
    HTTP_PROXY: proxy.url,
  });
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
  expect(proxy.seen).toContain(`PUT ${host}`);
  expect(proxy.seen.every((s) => s.endsWith(host))).toBe(true);
  const digest = image.manifest.digest;
  expect(await inspectRaw(registry, `giantswarm/proxied@${digest}`)).toEqual(image.manifest.bytes);
});

test('a registry on loopback is never proxied, as docker and skopeo do it', async () => {
  const run = await devBuild(`${registry.host} dev`, 'giantswarm/loopback', {
    // Nothing listens on port 1: a request sent to this proxy fails.
    HTTP_PROXY: 'http://127.0.0.1:1',
    HTTPS_PROXY: 'http://127.0.0.1:1',
  });
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
  expect(await inspectRaw(registry, `giantswarm/loopback@${image.manifest.digest}`)).toEqual(
    image.manifest.bytes,
  );
});

test('a proxy that is down: the error names it (without its password) and says what to do', async () => {
  const password = 'pr0xy-s3cret';
  const run = await devBuild(`registry.oci-push.test:${port()} insecure dev`, 'giantswarm/down', {
    http_proxy: `http://builder:${password}@127.0.0.1:1`,
  });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(
    'the connection goes through the proxy http_proxy=http://127.0.0.1:1, unless NO_PROXY lists',
  );
  expect(run.stderr).toContain('list the registry in NO_PROXY');
  expect(run.stderr).not.toContain(password);
});

test('a proxy variable that holds no URL: the run stops naming the variable, never its value, and pushes nothing', async () => {
  const run = await devBuild(`${registry.host} dev`, 'giantswarm/bad-proxy', {
    HTTPS_PROXY: 'http://builder:pr0xy-s3cret@',
  });
  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain('HTTPS_PROXY does not hold a proxy URL that Node can use');
  expect(run.stderr).not.toContain('pr0xy-s3cret');
  expect(
    await inspectRaw(registry, `giantswarm/bad-proxy@${image.manifest.digest}`).catch(
      () => undefined,
    ),
  ).toBeUndefined();
});

describe('the transport', () => {
  let server: Server;
  let httpsPort: number;
  beforeAll(async () => {
    // An HTTPS "registry" whose certificate names registry.oci-push.test only: reached through
    // a CONNECT tunnel, TLS must still check that name end to end.
    const cert = await makeSelfSignedCert(work, 'registry.oci-push.test', [
      'DNS:registry.oci-push.test',
    ]);
    const tls = await import('node:tls');
    tls.setDefaultCACertificates([...tls.getCACertificates('default'), cert.certPem]);
    server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
      res
        .writeHead(req.url === '/v2/' ? 200 : 404, {
          'content-type': 'application/json',
          'docker-distribution-api-version': 'registry/2.0',
        })
        .end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    httpsPort = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const client = (proxyEnv: Record<string, string>): RegistryClient =>
    new RegistryClient({
      endpoint: { host: `registry.oci-push.test:${httpsPort}` },
      send: createTransport({ userAgent: 'oci-push-test', proxyEnv }),
    });

  test('HTTPS goes through HTTPS_PROXY by CONNECT, with TLS checked end to end', async () => {
    proxy.seen.length = 0;
    await client({ HTTPS_PROXY: proxy.url }).ping();
    expect(proxy.seen).toEqual([`CONNECT registry.oci-push.test:${httpsPort}`]);
  });

  test('a proxy written without a scheme (`host:port`) is taken as http://, as curl takes it', async () => {
    proxy.seen.length = 0;
    await client({ https_proxy: proxy.url.replace('http://', '') }).ping();
    expect(proxy.seen).toEqual([`CONNECT registry.oci-push.test:${httpsPort}`]);
  });

  test('NO_PROXY keeps a host it lists off the proxy, and only that host', async () => {
    proxy.seen.length = 0;
    await client({ HTTPS_PROXY: proxy.url, NO_PROXY: 'elsewhere.example,.example.org' }).ping();
    expect(proxy.seen).toHaveLength(1);
    proxy.seen.length = 0;
    await expect(
      client({ HTTPS_PROXY: proxy.url, NO_PROXY: 'elsewhere.example,.oci-push.test' }).ping(),
    ).rejects.toThrow(/registry\.oci-push\.test/);
    expect(proxy.seen).toEqual([]);
  });
});
