import type { ContainerRegistryClient } from '@azure/container-registry';
import type { TokenCredential } from '@azure/identity';
import type { Digest } from '../oci/digest.js';
import { digestHex } from '../oci/digest.js';

/**
 * What oci-push does through ACR's own API (`/acr/v1/...`), with the real
 * `@azure/container-registry` client: read and set locks, and delete tags. Pushing never
 * goes through it (FACTS.md: its content client never checks for or mounts blobs).
 */
export class AcrApi {
  private readonly clients = new Map<string, ContainerRegistryClient>();

  constructor(private readonly credential: TokenCredential) {}

  /** Of `tags`, those that exist and are locked against writes. */
  async lockedTags(host: string, repository: string, tags: readonly string[]): Promise<string[]> {
    const locked: string[] = [];
    for (const tag of tags) {
      try {
        const properties = await (
          await this.client(host)
        )
          .getArtifact(repository, tag)
          .getTagProperties(tag);
        if (properties.canWrite === false) locked.push(tag);
      } catch (error) {
        if (statusOf(error) !== 404)
          throw describe(error, `Reading the lock on ${repository}:${tag}`, host);
      }
    }
    return locked;
  }

  /**
   * Locks a release: every manifest of its graph (an index and its children alike, so no
   * platform image can be deleted from under it) and its tags, against writes and deletes.
   */
  async lock(
    host: string,
    repository: string,
    manifests: readonly Digest[],
    tags: readonly string[],
  ): Promise<void> {
    const client = await this.client(host);
    const locked = { canWrite: false, canDelete: false };
    for (const digest of manifests) {
      try {
        await client.getArtifact(repository, digest).updateManifestProperties(locked);
      } catch (error) {
        throw describe(error, `Locking ${repository}@${digest}`, host);
      }
    }
    for (const tag of tags) {
      try {
        await client.getArtifact(repository, tag).updateTagProperties(tag, locked);
      } catch (error) {
        throw describe(error, `Locking ${repository}:${tag}`, host);
      }
    }
  }

  async deleteTag(host: string, repository: string, tag: string): Promise<void> {
    try {
      await (await this.client(host)).getArtifact(repository, tag).deleteTag(tag);
    } catch (error) {
      throw describe(error, `Deleting the tag ${repository}:${tag}`, host);
    }
  }

  private async client(host: string): Promise<ContainerRegistryClient> {
    let client = this.clients.get(host);
    if (!client) {
      // Loaded only when needed: the Azure SDKs are most of the bundle.
      const { ContainerRegistryClient } = await import('@azure/container-registry');
      client = new ContainerRegistryClient(`https://${host}`, this.credential);
      this.clients.set(host, client);
    }
    return client;
  }
}

/**
 * The passing tag a dev build gets on ACR with `dev-untag`, deleted right after: named for
 * the digest, so a re-run reuses it and a leftover says what it points at.
 */
export function passingTag(digest: Digest): string {
  return `oci-push-untag-${digestHex(digest).slice(0, 32)}`;
}

/** The HTTP status an Azure SDK error (a `RestError`) carries, if any. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

function describe(error: unknown, operation: string, host: string): Error {
  const status = statusOf(error);
  const message = (error as Error).message?.split('\n')[0] ?? String(error);
  const hint =
    status === 401 || status === 403
      ? ' The identity needs a role that may change artifact metadata on this registry (e.g. AcrPush, or Container Registry Repository Writer on ABAC registries).'
      : '';
  return new Error(
    `${operation} on ${host} failed${status ? ` (HTTP ${status})` : ''}: ${message}.${hint}`,
    { cause: error },
  );
}
