import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ActionRun, runAction } from '../harness/action.js';
import { makeSelfSignedCert } from '../harness/certs.js';
import { runCli } from '../harness/cli.js';
import { makeOciLayout, type OciLayoutFixture } from '../harness/fixtures.js';
import { type ForwardProxy, startForwardProxy } from '../harness/forward-proxy.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { holds, inspectRaw, listTags } from '../harness/skopeo.js';
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
  expect(await holds(registry, `giantswarm/bad-proxy@${image.manifest.digest}`)).toBe(false);
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

describe('deadlines hold through a proxy, and a proxy speaks for itself (the built action)', () => {
  const release = (
    inputs: Record<string, string>,
    env: Record<string, string>,
  ): Promise<ActionRun> =>
    runAction(
      { image: `oci:${image.dir}`, visibility: 'public', ...inputs },
      { GITHUB_REF: 'refs/tags/v1.0.0', ...env },
    );

  test('a mirror behind a proxy that takes CONNECT and never answers: the release lands, the mirror warns naming the proxy', async () => {
    const hole = await startForwardProxy('black-hole');
    try {
      const run = await release(
        {
          repository: 'giantswarm/dead-proxy-mirror',
          registries: registry.host,
          mirrors: 'mirror.oci-push.test',
        },
        { HTTPS_PROXY: hole.url },
      );
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(await listTags(registry, 'giantswarm/dead-proxy-mirror')).toEqual(['1.0.0']);
      expect(run.stdout).toMatch(/::warning title=oci-push%3A mirror [^\n]*mirror\.oci-push\.test/);
      expect(run.stdout).toContain(
        `the proxy HTTPS_PROXY=${hole.url} took the connection but did not open the tunnel to ` +
          'mirror.oci-push.test within 20 s',
      );
      // A mirror's budget through the proxy too: two attempts of 20 s.
      expect(hole.seen).toEqual([
        'CONNECT mirror.oci-push.test:443',
        'CONNECT mirror.oci-push.test:443',
      ]);
    } finally {
      await hole.close();
    }
  }, 150_000);

  test('a main registry behind it with timeout=10 fails after two attempts of 10 s, naming the proxy', async () => {
    const hole = await startForwardProxy('black-hole');
    try {
      const run = await release(
        { repository: 'giantswarm/dead-proxy', registries: 'registry.oci-push.test timeout=10' },
        { HTTPS_PROXY: hole.url },
      );
      expect(run.code).toBe(1);
      expect(run.outputs.result).toContain(
        `could not be reached through the proxy HTTPS_PROXY=${hole.url}`,
      );
      expect(run.outputs.result).toContain(
        'did not open the tunnel to registry.oci-push.test within 10 s',
      );
      expect(hole.seen).toHaveLength(2);
    } finally {
      await hole.close();
    }
  }, 150_000);

  test.each([
    ['HTTPS, by CONNECT', 'registry.oci-push.test', 'HTTPS_PROXY'],
    ['plain HTTP, by absolute URL', `registry.oci-push.test:${5000} insecure`, 'HTTP_PROXY'],
  ])(
    "a proxy's own 407 (%s) is reported as the proxy's, once, not as the registry's",
    async (_how, line, variable) => {
      const guard = await startForwardProxy('auth-required');
      try {
        const run = await release(
          { repository: 'giantswarm/proxy-auth', registries: line },
          { [variable]: guard.url },
        );
        expect(run.code).toBe(1);
        expect(run.outputs.result).toContain(
          `the proxy ${variable}=${guard.url} answered 407 Proxy Authentication Required`,
        );
        expect(run.outputs.result).toContain('the registry never saw the request');
        expect(run.outputs.result).not.toMatch(/credentials for registry|Check the credentials/);
        // Not retried: the proxy's answer won't change by asking again.
        expect(guard.seen).toHaveLength(1);
      } finally {
        await guard.close();
      }
    },
    60_000,
  );
});
