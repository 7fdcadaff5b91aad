import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { kindOf, type OpsPacer } from '../registry/pace.js';
import { retryAfterMs } from '../registry/retry.js';

/**
 * The cleanup's pacing of `@azure/container-registry`: a policy run before each try of each
 * request, sharing the budget of the pacer our own client's requests take (registry/pace.ts).
 */
export function pacingPolicy(pacer: OpsPacer): PipelinePolicy {
  return {
    name: 'oci-push-ops-pacing',
    async sendRequest(request, next) {
      const path = new URL(request.url).pathname;
      if (!path.startsWith('/oauth2/')) await pacer.take(kindOf(request.method));
      const response = await next(request);
      if (response.status === 429) {
        pacer.throttled(retryAfterMs(response.headers.get('retry-after') ?? undefined));
      }
      return response;
    },
  };
}
