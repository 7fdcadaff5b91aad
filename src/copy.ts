import type { Descriptor } from './oci/descriptor.js';
import { parseManifest } from './oci/descriptor.js';
import type { Digest } from './oci/digest.js';
import { forEachLimited } from './limit.js';
import type { RegistryClient } from './registry/client.js';
import { NetworkError } from './registry/http.js';
import type { ContentSource } from './source/source.js';

/** An image's whole graph, read from the source once, before any target is touched. */
export interface ImageGraph {
  root: Descriptor;
  /** Every manifest, children before the indexes that list them; the root is last. */
  manifests: { descriptor: Descriptor; bytes: Buffer }[];
  /** Every blob, once each. */
  blobs: Descriptor[];
}

/** One registry and repository to copy into. */
export interface CopyTarget {
  client: RegistryClient;
  repository: string;
}

export type BlobOutcome = 'skipped' | 'uploaded' | 'mounted';

export interface BlobEvent {
  target: CopyTarget;
  blob: Descriptor;
  outcome: BlobOutcome;
}

/** Progress hooks; the action turns them into log lines and its summary. */
export interface CopyHooks {
  onBlob?: (event: BlobEvent) => void;
  onManifest?: (event: { target: CopyTarget; manifest: Descriptor }) => void;
}

export interface TargetResult {
  host: string;
  repository: string;
  status: 'pushed' | 'failed';
  digest: Digest;
  blobs: Record<BlobOutcome, number>;
  /** Bytes sent in uploads (skipped and mounted blobs send none). */
  bytesUploaded: number;
  seconds: number;
  error?: Error;
}

export interface CopyOptions {
  hooks?: CopyHooks;
  /** Blobs in flight per target. */
  blobConcurrency?: number;
  now?: () => number;
}

export async function loadGraph(source: ContentSource): Promise<ImageGraph> {
  const root = await source.resolve();
  const manifests: ImageGraph['manifests'] = [];
  const blobs = new Map<Digest, Descriptor>();
  const seen = new Set<Digest>();
  const visit = async (descriptor: Descriptor): Promise<void> => {
    if (seen.has(descriptor.digest)) return;
    seen.add(descriptor.digest);
    const bytes = await source.fetchManifest(descriptor);
    const parsed = parseManifest(
      bytes,
      descriptor.mediaType,
      `${source.name}: manifest ${descriptor.digest}`,
    );
    for (const child of parsed.manifests) await visit(child);
    for (const blob of parsed.blobs) if (!blobs.has(blob.digest)) blobs.set(blob.digest, blob);
    manifests.push({ descriptor: { ...descriptor, mediaType: parsed.mediaType }, bytes });
  };
  await visit(root);
  return { root, manifests, blobs: [...blobs.values()] };
}

/**
 * Copies the graph into every target at once: blobs first, then manifests children-first,
 * the root last and by digest, then a check that the root is really there. One target's
 * failure never stops the others; each gets its own result.
 */
export async function copyGraph(
  source: ContentSource,
  graph: ImageGraph,
  targets: readonly CopyTarget[],
  options: CopyOptions = {},
): Promise<TargetResult[]> {
  return Promise.all(targets.map((target) => copyToTarget(source, graph, target, options)));
}

async function copyToTarget(
  source: ContentSource,
  graph: ImageGraph,
  target: CopyTarget,
  options: CopyOptions,
): Promise<TargetResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const result: TargetResult = {
    host: target.client.host,
    repository: target.repository,
    status: 'pushed',
    digest: graph.root.digest,
    blobs: { skipped: 0, uploaded: 0, mounted: 0 },
    bytesUploaded: 0,
    seconds: 0,
  };
  try {
    const { client, repository } = target;
    await client.ping();
    await forEachLimited(graph.blobs, options.blobConcurrency ?? 4, async (blob) => {
      let outcome: BlobOutcome = 'skipped';
      if (!(await client.blobExists(repository, blob.digest))) {
        outcome = await client.pushBlob(repository, blob, () => source.openBlob(blob));
        if (outcome === 'uploaded') result.bytesUploaded += blob.size;
      }
      result.blobs[outcome]++;
      options.hooks?.onBlob?.({ target, blob, outcome });
    });
    for (const { descriptor, bytes } of graph.manifests) {
      await client.putManifest(repository, descriptor.digest, bytes, descriptor.mediaType);
      options.hooks?.onManifest?.({ target, manifest: descriptor });
    }
    const present = await client.headManifest(repository, graph.root.digest);
    if (present?.digest !== graph.root.digest) {
      throw new Error(
        `${client.host}/${repository}: the registry accepted ${graph.root.digest} but does not ` +
          `serve it back; not reporting it as pushed`,
      );
    }
  } catch (error) {
    result.status = 'failed';
    result.error = describeFailure(error, target);
  }
  result.seconds = (now() - started) / 1000;
  return result;
}

/** Network errors carry no host of their own; say which registry and what to check. */
function describeFailure(error: unknown, target: CopyTarget): Error {
  if (error instanceof NetworkError) {
    return new Error(
      `${target.client.host}/${target.repository}: the registry could not be reached or dropped ` +
        `the connection (${error.code ?? 'network error'}: ${error.message}), after retries. ` +
        `Check the host in \`registries\`, and that the registry is up and reachable from the runner.`,
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
