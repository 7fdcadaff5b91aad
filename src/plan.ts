import type { Inputs, BasicCredential } from './inputs.js';
import type { SourceReference } from './oci/reference.js';

/**
 * What will be pushed where, decided before any byte moves. Pure: the same inputs always
 * give the same plan. This version pushes dev builds: by digest only, no tag, and only to
 * the registries marked `dev`.
 */
export interface PushPlan {
  build: 'dev';
  source: SourceReference;
  targets: PlannedTarget[];
}

export interface PlannedTarget {
  host: string;
  repository: string;
  insecure: boolean;
  credential?: BasicCredential;
}

export class PlanError extends Error {
  override name = 'PlanError';
}

export function planPush(inputs: Inputs): PushPlan {
  const devRegistries = inputs.registries.filter((r) => r.dev);
  if (devRegistries.length === 0) {
    throw new PlanError(
      'registries: no registry is marked `dev`, so a dev build has nowhere to go; add `dev` to ' +
        'the line of each registry that should receive dev builds',
    );
  }
  return {
    build: 'dev',
    source: inputs.image,
    targets: devRegistries.map((registry) => {
      const credential = inputs.credentials.get(registry.host);
      return {
        host: registry.host,
        repository: inputs.repository,
        insecure: registry.insecure,
        ...(credential && { credential }),
      };
    }),
  };
}
