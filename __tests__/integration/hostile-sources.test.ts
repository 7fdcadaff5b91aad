import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Header } from 'tar';
import { type ActionRun, runAction } from '../harness/action.js';
import { makeOciLayout, type OciLayoutFixture } from '../harness/fixtures.js';
import { runCommand } from '../harness/processes.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';

/**
 * Sources made to hurt the runner: archives with links out (the real refusal must be what the
 * user sees, and nothing may be left in RUNNER_TEMP), and index.json, manifest.json or
 * manifests that are huge, or not files at all (a link to /dev/zero, a FIFO). Each fails the
 * step with an error naming the file, and nothing reaches the registry.
 */
let registry: TestRegistry;
let work: string;
let layout: OciLayoutFixture;

beforeAll(async () => {
  registry = await startRegistry('anonymous');
  work = await mkdtemp(join(tmpdir(), 'oci-push-hostile-'));
  // Many blobs, so that writes are still under way when the bad entry comes.
  layout = await makeOciLayout(join(work, 'layout'), {
    layerSizes: Array.from({ length: 24 }, () => 96 * 1024),
  });
});
afterAll(async () => {
  await registry?.stop();
  await rm(work, { recursive: true, force: true });
});

type TarEntry =
  | { path: string; body: Buffer | string }
  | { path: string; type: 'Directory' }
  | { path: string; type: 'Link' | 'SymbolicLink'; linkpath: string };

/** A tar of exactly these entries, in this order, links and all. */
function tarOfEntries(entries: TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const body = 'body' in entry ? Buffer.from(entry.body) : Buffer.alloc(0);
    const header = Buffer.alloc(512);
    new Header({
      path: entry.path,
      mode: 'type' in entry && entry.type === 'Directory' ? 0o755 : 0o644,
      uid: 0,
      gid: 0,
      size: body.length,
      mtime: new Date(0),
      type: 'type' in entry ? entry.type : 'File',
      ...('linkpath' in entry && { linkpath: entry.linkpath }),
    }).encode(header, 0);
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** The layout's files as tar entries, with `evil` in the middle of the blobs. */
async function layoutWith(evil: TarEntry): Promise<TarEntry[]> {
  const blobs = [layout.manifest, layout.config, ...layout.layers];
  const blobEntries = blobs.map((b) => ({
    path: `blobs/sha256/${b.digest.slice(7)}`,
    body: b.bytes,
  }));
  const half = Math.floor(blobEntries.length / 2);
  return [
    { path: 'oci-layout', body: await readFile(join(layout.dir, 'oci-layout')) },
    { path: 'index.json', body: await readFile(join(layout.dir, 'index.json')) },
    { path: 'blobs/', type: 'Directory' },
    { path: 'blobs/sha256/', type: 'Directory' },
    ...blobEntries.slice(0, half),
    evil,
    ...blobEntries.slice(half),
  ];
}

async function push(image: string, runnerTemp?: string): Promise<ActionRun> {
  const repository = `hostile/${randomBytes(4).toString('hex')}`;
  const run = await runAction(
    { image, repository, registries: `${registry.host} dev` },
    runnerTemp ? { RUNNER_TEMP: runnerTemp } : {},
  );
  expect(run.code).toBe(1);
  const catalog = (await (await fetch(`${registry.url}/v2/_catalog`)).json()) as {
    repositories: string[];
  };
  expect(catalog.repositories).not.toContain(repository);
  return run;
}

describe('an archive with a link out is refused with the real reason, and leaves nothing behind', () => {
  test.each([
    [
      'oci-archive, hardlink to an absolute path',
      'oci-archive',
      { path: 'blobs/sha256/evil', type: 'Link', linkpath: '/etc/hostname' } as const,
    ],
    [
      'docker-archive, absolute symlink',
      'docker-archive',
      { path: 'blobs/sha256/evil', type: 'SymbolicLink', linkpath: '/etc' } as const,
    ],
  ])('%s', async (_name, transport, evil) => {
    const entries = await layoutWith(evil);
    if (transport === 'docker-archive') {
      entries.unshift({ path: 'manifest.json', body: '[]' });
    }
    const file = join(work, `${transport}-${evil.type}.tar`);
    await writeFile(file, tarOfEntries(entries));
    // Several runs: the old failure (a cleanup racing the writes) showed in most, not all.
    for (let i = 0; i < 3; i++) {
      const runnerTemp = await mkdtemp(join(work, 'runner-temp-'));
      const run = await push(`${transport}:${file}`, runnerTemp);
      expect(run.stdout).toContain(`${transport}:${file}: ${file} could not be unpacked safely`);
      expect(run.stdout).toContain('refusing the whole archive');
      expect(run.stdout).not.toMatch(/ENOTEMPTY|rmdir/);
      expect(await readdir(runnerTemp)).toEqual([]);
    }
  });
});

describe('index.json, manifest.json and manifests are read bounded, and only if they are files', () => {
  const CAP = '4 MiB cap (4194304 bytes)';

  /** A copy of the good layout to break. */
  async function layoutCopy(name: string): Promise<string> {
    const dir = join(work, name);
    await runCommand('cp', ['-r', layout.dir, dir]);
    return dir;
  }

  test('an index.json over 4 MiB, though valid, is refused naming the file and the cap', async () => {
    const dir = await layoutCopy('big-index');
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as object;
    const padded = { ...index, annotations: { padding: 'x'.repeat(5 * 1024 * 1024) } };
    await writeFile(join(dir, 'index.json'), JSON.stringify(padded));
    const run = await push(`oci:${dir}`);
    expect(run.stdout).toContain(
      `oci:${dir}: index.json is ${JSON.stringify(padded).length} bytes, over the ${CAP}`,
    );
  });

  test('an index.json that is a link to /dev/zero is refused, not read', async () => {
    const dir = await layoutCopy('zero-index');
    await rm(join(dir, 'index.json'));
    await symlink('/dev/zero', join(dir, 'index.json'));
    const run = await push(`oci:${dir}`);
    expect(run.stdout).toContain(
      `oci:${dir}: index.json is not a regular file (it is a device); refusing to read it`,
    );
  });

  test('an index.json that is a FIFO is refused, not waited on', async () => {
    const dir = await layoutCopy('fifo-index');
    await rm(join(dir, 'index.json'));
    expect((await runCommand('mkfifo', [join(dir, 'index.json')])).code).toBe(0);
    const run = await push(`oci:${dir}`);
    expect(run.stdout).toContain(`oci:${dir}: index.json is not a regular file (it is a FIFO)`);
  });

  test('a manifest blob that is a link to /dev/zero is refused, not read', async () => {
    const dir = await layoutCopy('zero-manifest');
    const path = join(dir, 'blobs', 'sha256', layout.manifest.digest.slice(7));
    await rm(path);
    await symlink('/dev/zero', path);
    const run = await push(`oci:${dir}`);
    expect(run.stdout).toContain(
      `oci:${dir}: manifest ${layout.manifest.digest} (blobs/sha256/${layout.manifest.digest.slice(7)}) is not a regular file (it is a device)`,
    );
  });

  test('a docker-archive whose manifest.json is over 4 MiB is refused naming it and the cap', async () => {
    const manifestJson = JSON.stringify([
      { Config: 'c.json', RepoTags: ['app:1'], Layers: [], Padding: 'x'.repeat(5 * 1024 * 1024) },
    ]);
    const file = join(work, 'big-manifest-json.tar');
    await writeFile(
      file,
      tarOfEntries([
        { path: 'manifest.json', body: manifestJson },
        { path: 'c.json', body: '{"rootfs":{"type":"layers","diff_ids":[]}}' },
      ]),
    );
    const run = await push(`docker-archive:${file}`);
    expect(run.stdout).toContain(
      `docker-archive:${file}: manifest.json is ${manifestJson.length} bytes, over the ${CAP}`,
    );
  });
});
