import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { helmSession } from '../../__tests__/harness/charts.js';
import { startFileServer } from '../../__tests__/harness/file-server.js';
import type { TestRegistry } from '../../__tests__/harness/registry.js';
import { skopeo, skopeoCredsArgs } from '../../__tests__/harness/skopeo.js';

/** docs/helm-index.md: the index.yaml layer of the artifact at `<namespace>:latest`. */
const INDEX_LAYER_TYPE = 'application/vnd.giantswarm.helm-index.v1+yaml';

export interface IndexEntry {
  name: string;
  version: string;
  urls: string[];
  digest: string;
}

/**
 * The Helm index stored at `<namespace>:latest`, copied out by skopeo (as docs/helm-index.md
 * tells users to get it): its `index.yaml` text and its entries.
 */
export async function storedHelmIndex(
  registry: TestRegistry,
  namespace: string,
): Promise<{ yaml: string; entries: IndexEntry[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'oci-push-demo-index-'));
  try {
    const reference = `${registry.host}/${namespace}:latest`;
    const copied = await skopeo([
      'copy',
      '--quiet',
      '--src-tls-verify=false',
      ...skopeoCredsArgs(registry, '--src-creds'),
      `docker://${reference}`,
      `dir:${dir}`,
    ]);
    if (copied.code !== 0)
      throw new Error(`skopeo could not copy ${reference}: ${copied.stderr.trim()}`);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
      layers: { mediaType: string; digest: string }[];
    };
    const layer = manifest.layers.find((l) => l.mediaType === INDEX_LAYER_TYPE);
    if (!layer) throw new Error(`${reference} has no ${INDEX_LAYER_TYPE} layer`);
    const yaml = await readFile(join(dir, layer.digest.slice('sha256:'.length)), 'utf8');
    const index = parse(yaml) as { entries?: Record<string, Omit<IndexEntry, 'name'>[]> };
    const entries = Object.entries(index.entries ?? {}).flatMap(([name, versions]) =>
      versions.map((v) => ({ name, version: v.version, urls: v.urls, digest: v.digest })),
    );
    return { yaml, entries };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * What real helm lists from that index: it is served over HTTP as GitHub Pages would serve
 * it, then `helm repo add` and `helm search repo --versions`, in a helm home of its own.
 */
export async function helmSearch(
  helm: string,
  repoName: string,
  indexYaml: string,
): Promise<string> {
  const site = await mkdtemp(join(tmpdir(), 'oci-push-demo-site-'));
  const pages = await startFileServer(site);
  const session = await helmSession(helm);
  try {
    await writeFile(join(site, 'index.yaml'), indexYaml);
    const added = await session.run(['repo', 'add', repoName, pages.url]);
    if (added.code !== 0) throw new Error(`helm repo add failed: ${added.stderr.trim()}`);
    const search = await session.run(['search', 'repo', repoName, '--versions']);
    if (search.code !== 0) throw new Error(`helm search repo failed: ${search.stderr.trim()}`);
    return search.stdout.trimEnd();
  } finally {
    await session.close();
    await pages.close();
    await rm(site, { recursive: true, force: true });
  }
}
