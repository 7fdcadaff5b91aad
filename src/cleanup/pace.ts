import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { OpsPacer } from '../registry/pace.js';

/**
 * The cleanup's pacing of `@azure/container-registry`: a policy run before each try of each
 * request, sharing the budget of the pacer our own client's requests take (registry/pace.ts).
 */
export function pacingPolicy(pacer: OpsPacer): PipelinePolicy {
  return {
    name: 'oci-push-ops-pacing',
    async sendRequest(request, next) {
      await pacer.admit(request.method, new URL(request.url).pathname);
      const response = await next(request);
      pacer.answered(response.status, response.headers.get('retry-after') ?? undefined);
      return response;
    },
  };
}
