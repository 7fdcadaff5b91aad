import { RegistryClient } from '../../src/registry/client.js';
import { createTransport } from '../../src/registry/http.js';
import type { TestRegistry } from './registry.js';

/**
 * oci-push's own registry client, logged in to a test registry: every push test checks its
 * result with it as well as with skopeo (and helm, for charts).
 */
export function ownClient(registry: TestRegistry): RegistryClient {
  return new RegistryClient({
    endpoint: { host: registry.host },
    ...(registry.mode !== 'anonymous' && {
      credential: {
        kind: 'basic' as const,
        username: registry.username,
        password: registry.password,
      },
    }),
    send: createTransport({ userAgent: 'oci-push-test' }),
  });
}

/** The digest a tag or digest resolves to, by our own client; undefined when absent. */
export async function ownDigest(
  registry: TestRegistry,
  repository: string,
  reference: string,
): Promise<string | undefined> {
  return (await ownClient(registry).headManifest(repository, reference))?.digest;
}
