import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction, visibleLog } from '../harness/action.js';
import { makeOciLayout, type OciLayoutFixture } from '../harness/fixtures.js';
import { ownClient } from '../harness/own-client.js';
import {
  type AuthMode,
  startRegistry,
  type TestRegistry,
  writesSince,
} from '../harness/registry.js';
import { inspectRaw, listTags, skopeo, skopeoCredsArgs } from '../harness/skopeo.js';

/**
 * The first slice of the real job, end to end: the built dist/index.js, run as a runner
 * runs it, pushes an OCI layout by digest to a real registry, and skopeo confirms it.
 */
describe.each<AuthMode>(['anonymous', 'basic', 'token'])(
  'dist/index.js pushes oci:DIR by digest (%s)',
  (mode) => {
    let registry: TestRegistry;
    let work: string;
    let layout: OciLayoutFixture;
    const repository = `giantswarm/slice-${mode}`;

    beforeAll(async () => {
      registry = await startRegistry(mode);
      work = await mkdtemp(join(tmpdir(), 'oci-push-slice-'));
      layout = await makeOciLayout(join(work, 'layout'), { layerSizes: [2048, 3 * 1024 * 1024] });
    });
    afterAll(async () => {
      await registry?.stop();
      await rm(work, { recursive: true, force: true });
    });

    const credentials = (): string =>
      mode === 'anonymous' ? '' : `${registry.host}=${registry.username}:${registry.password}`;

    test('sets the digest output, stores the exact manifest under it, and creates no tag', async () => {
      const run = await runAction({
        image: `oci:${layout.dir}`,
        repository,
        registries: `${registry.host} dev`,
        credentials: credentials(),
      });
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(run.outputs.digest).toBe(layout.manifest.digest);
      expect(run.outputs.ref).toBe(`${registry.host}/${repository}@${layout.manifest.digest}`);
      expect(run.outputs.build).toBe('dev');

      // skopeo, not our client, says what the registry holds.
      expect(await inspectRaw(registry, `${repository}@${layout.manifest.digest}`)).toEqual(
        layout.manifest.bytes,
      );
      expect(await listTags(registry, repository)).toEqual([]);
      const back = join(work, `back-${mode}`);
      const copied = await skopeo([
        'copy',
        '--src-tls-verify=false',
        ...skopeoCredsArgs(registry, '--src-creds'),
        `docker://${registry.host}/${repository}@${layout.manifest.digest}`,
        `oci:${back}`,
      ]);
      expect(copied.code).toBe(0);
      const blobs = new Set(await readdir(join(back, 'blobs', 'sha256')));
      for (const blob of [layout.config, ...layout.layers]) {
        const hex = blob.digest.slice('sha256:'.length);
        expect(blobs.has(hex)).toBe(true);
        // Buffer.equals: jest's toEqual walks a 3 MiB buffer element by element, for seconds.
        expect((await readFile(join(back, 'blobs', 'sha256', hex))).equals(blob.bytes)).toBe(true);
      }

      // And our own client agrees.
      const client = ownClient(registry);
      expect((await client.headManifest(repository, layout.manifest.digest))?.digest).toBe(
        layout.manifest.digest,
      );
      expect(await client.listTags(repository)).toEqual([]);

      const result = JSON.parse(run.outputs.result ?? '[]') as {
        status: string;
        blobs: Record<string, number>;
      }[];
      expect(result).toHaveLength(1);
      expect(result[0]).toMatchObject({
        status: 'pushed',
        blobs: { uploaded: 3, mounted: 0, skipped: 0 },
      });
      expect(run.summary).toContain(layout.manifest.digest);

      for (const text of [visibleLog(run), run.summary, JSON.stringify(run.outputs)]) {
        expect(text).not.toContain(registry.password);
      }
    });

    test('pushing again uploads nothing: every blob is skipped', async () => {
      const ours = (): number =>
        registry.tokenServer?.requests.filter((r) => r.userAgent.startsWith('oci-push/')).length ??
        0;
      const tokenRequestsBefore = ours();
      const mark = registry.served.length;
      const run = await runAction({
        image: `oci:${layout.dir}`,
        repository,
        registries: `${registry.host} dev`,
        credentials: credentials(),
      });
      expect(run.code).toBe(0);
      const [result] = JSON.parse(run.outputs.result ?? '[]') as {
        blobs: Record<string, number>;
      }[];
      expect(result?.blobs).toEqual({ uploaded: 0, mounted: 0, skipped: 3 });
      expect(await listTags(registry, repository)).toEqual([]);
      // The registry's own log: the run reached it, and wrote nothing.
      expect(registry.served.slice(mark).some((r) => r.userAgent.startsWith('oci-push/'))).toBe(
        true,
      );
      expect(writesSince(registry, mark)).toEqual([]);
      if (registry.tokenServer) {
        // One token serves the whole push: concurrent requests share it, and it also covers
        // the pull that verifies the result.
        expect(ours() - tokenRequestsBefore).toBe(1);
      }
    });

    if (mode === 'token') {
      test('went through the Bearer challenge: the token service issued oci-push a push token', () => {
        const ours =
          registry.tokenServer?.requests.filter((r) => r.userAgent.startsWith('oci-push/')) ?? [];
        expect(ours.length).toBeGreaterThan(0);
        expect(ours).toContainEqual(
          expect.objectContaining({
            grantType: 'basic',
            account: registry.username,
            status: 200,
            scopes: [`repository:${repository}:pull,push`],
          }),
        );
      });
    }

    if (mode !== 'anonymous') {
      test('wrong credentials fail with the host named, and push nothing', async () => {
        const other = await makeOciLayout(join(work, 'other'));
        const run = await runAction({
          image: `oci:${other.dir}`,
          repository: `${repository}-denied`,
          registries: `${registry.host} dev`,
          credentials: `${registry.host}=${registry.username}:not-the-password`,
        });
        expect(run.code).toBe(1);
        expect(run.stdout).toContain(`::error`);
        expect(run.stdout).toContain(registry.host);
        expect(run.stdout).toMatch(/refused the credentials|HTTP 401/);
        const inspected = await skopeo([
          'inspect',
          '--raw',
          '--tls-verify=false',
          ...skopeoCredsArgs(registry, '--creds'),
          `docker://${registry.host}/${repository}-denied@${other.manifest.digest}`,
        ]);
        expect(inspected.code).not.toBe(0);
        expect(visibleLog(run)).not.toContain('not-the-password');
      });
    }
  },
);
