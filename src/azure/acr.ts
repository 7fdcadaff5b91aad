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
          throw describe(error, `Reading the lock on ${repository}:${tag}`, host, 'read');
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
        throw describe(error, `Locking ${repository}@${digest}`, host, 'lock');
      }
    }
    for (const tag of tags) {
      try {
        await client.getArtifact(repository, tag).updateTagProperties(tag, locked);
      } catch (error) {
        throw describe(error, `Locking ${repository}:${tag}`, host, 'lock');
      }
    }
  }

  async deleteTag(host: string, repository: string, tag: string): Promise<void> {
    try {
      await (await this.client(host)).getArtifact(repository, tag).deleteTag(tag);
    } catch (error) {
      throw describe(error, `Deleting the tag ${repository}:${tag}`, host, 'delete');
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

/**
 * The right each ACR call needs, and the role that gives it (learn.microsoft.com, ACR roles;
 * ABAC-enabled registries honour only the Repository roles).
 */
const NEEDED = {
  read: { right: 'read metadata', role: 'AcrPull', abac: 'Container Registry Repository Reader' },
  lock: {
    right: 'change metadata (lock)',
    role: 'AcrPush',
    abac: 'Container Registry Repository Writer',
  },
  delete: {
    right: 'delete tags',
    role: 'AcrDelete',
    abac: 'Container Registry Repository Contributor',
  },
} as const;

function describe(
  error: unknown,
  operation: string,
  host: string,
  need: keyof typeof NEEDED,
): Error {
  const status = statusOf(error);
  const message = (error as Error).message?.split('\n')[0] ?? String(error);
  const { right, role, abac } = NEEDED[need];
  // A valid identity whose roles lack the right gets 401 insufficient_scope (or 403).
  const hint =
    status === 401 || status === 403
      ? ` The identity signed in, but may not ${right} on ${host}: give it the ${role} role ` +
        `(or ${abac} if the registry has ABAC repository permissions enabled, where ` +
        `AcrPull/AcrPush/AcrDelete are not honoured).`
      : '';
  return new Error(
    `${operation} on ${host} failed${status ? ` (HTTP ${status})` : ''}: ${message}.${hint}`,
    { cause: error },
  );
}
