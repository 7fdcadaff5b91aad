import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { Send } from '../registry/http.js';
import { retryAfterMs } from '../registry/retry.js';

/** ACR's service tiers, by the operations each allows per minute. */
export type RegistrySku = 'basic' | 'standard' | 'premium';

/** Per minute (MicrosoftDocs `includes/container-registry-limits.md`). */
export const SKU_OPS: Record<RegistrySku, { readOps: number; writeOps: number }> = {
  basic: { readOps: 1000, writeOps: 100 },
  standard: { readOps: 3000, writeOps: 500 },
  premium: { readOps: 10000, writeOps: 2000 },
};

/** The share of each budget a cleanup takes, leaving room for pushes and pulls meanwhile. */
const SHARE = 0.8;

export interface PaceOptions {
  /** The limits' window: a minute, shorter only in tests. */
  windowMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Keeps a cleanup under the registry's per-minute ReadOps and WriteOps: each request takes
 * a slot in the current window, and waits for the next window when 80 % of the budget is
 * spent. A 429 pauses every request until its `Retry-After`, so one answer slows them all
 * instead of each finding out for itself.
 */
export class OpsPacer {
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly limits: { read: number; write: number };
  private window = { start: -Infinity, read: 0, write: 0 };
  private pausedUntil = 0;
  /** Requests made, and waits taken, for the report and the bench. */
  readonly counts = { read: 0, write: 0, waits: 0, throttled: 0 };

  constructor(sku: RegistrySku, options: PaceOptions = {}) {
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const ops = SKU_OPS[sku];
    this.limits = {
      read: Math.max(1, Math.floor(ops.readOps * SHARE)),
      write: Math.max(1, Math.floor(ops.writeOps * SHARE)),
    };
  }

  /** Waits until a request of this kind fits the budget, and counts it. */
  async take(kind: 'read' | 'write'): Promise<void> {
    for (;;) {
      const now = this.now();
      if (now < this.pausedUntil) {
        this.counts.waits++;
        await this.sleep(this.pausedUntil - now);
        continue;
      }
      if (now - this.window.start >= this.windowMs) this.window = { start: now, read: 0, write: 0 };
      if (this.window[kind] < this.limits[kind]) {
        this.window[kind]++;
        this.counts[kind]++;
        return;
      }
      this.counts.waits++;
      await this.sleep(this.window.start + this.windowMs - now);
    }
  }

  /** The registry said 429: everyone waits this long (at least a second). */
  throttled(retryAfter: number | undefined): void {
    this.counts.throttled++;
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.max(retryAfter ?? 0, 1000));
  }
}

const kindOf = (method: string): 'read' | 'write' =>
  method === 'GET' || method === 'HEAD' ? 'read' : 'write';

/** Our registry client's transport, paced. Token requests are not registry operations. */
export function pacedSend(send: Send, pacer: OpsPacer): Send {
  return async (request) => {
    if (!request.url.pathname.startsWith('/oauth2/')) await pacer.take(kindOf(request.method));
    const response = await send(request);
    if (response.status === 429) pacer.throttled(retryAfterMs(response.headers['retry-after']));
    return response;
  };
}

/** The same for `@azure/container-registry`: a policy run before each try of each request. */
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
