import { hostKey } from '../oci/reference.js';
import { printable } from '../oci/untrusted.js';
import type { HttpRequest, Send } from './http.js';
import { retryAfterMs } from './retry.js';

/** ACR's service tiers, by the operations each allows per minute. */
export type RegistrySku = 'basic' | 'standard' | 'premium';

/** Per minute (MicrosoftDocs `includes/container-registry-limits.md`). */
export const SKU_OPS: Record<RegistrySku, { readOps: number; writeOps: number }> = {
  basic: { readOps: 1000, writeOps: 100 },
  standard: { readOps: 3000, writeOps: 500 },
  premium: { readOps: 10000, writeOps: 2000 },
};

/** The share of each budget a job takes, leaving room for pushes and pulls meanwhile. */
const SHARE = 0.8;

export interface PaceOptions {
  /** The limits' window: a minute, shorter only in tests. */
  windowMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Keeps a job under a registry's per-minute ReadOps and WriteOps (an ACR's tier; none for
 * other registries): each request takes a slot in the current window, and waits for the next
 * window when 80 % of the budget is spent. A 429 pauses every request to the registry until
 * its `Retry-After`, so one answer slows them all instead of each finding out for itself.
 * A registry that says its pull budget is spent (Docker Hub's `RateLimit-Remaining: 0;w=…`)
 * gets no more manifest GETs until the window ends: each is refused at once with the reason,
 * instead of a storm of 429s.
 */
export class OpsPacer {
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly limits: { read: number; write: number };
  private window = { start: -Infinity, read: 0, write: 0 };
  private pausedUntil = 0;
  /** The registry's own pull budget is spent until then (`RateLimit-Remaining: 0`). */
  private exhausted: { until: number; limit: string } | undefined;
  /** Requests made, and waits taken, for the report and the bench. */
  readonly counts = { read: 0, write: 0, waits: 0, throttled: 0 };

  /** `sku`: an ACR's tier, whose budgets it keeps under; undefined: no budget of its own. */
  constructor(sku: RegistrySku | undefined, options: PaceOptions = {}) {
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const ops = sku ? SKU_OPS[sku] : { readOps: Infinity, writeOps: Infinity };
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

  /**
   * Reads what a registry says of its own budget: `RateLimit-Remaining: N;w=SECONDS`
   * (Docker Hub). At 0, manifest GETs are refused until the window is over.
   */
  observe(headers: Record<string, string | string[] | undefined>): void {
    const remaining = /^\s*(\d+)\s*(?:;\s*w=(\d+))?/.exec(
      String(headers['ratelimit-remaining'] ?? ''),
    );
    if (!remaining || Number(remaining[1]) > 0) return;
    const windowSeconds = Number(remaining[2] ?? 60);
    const limit = printable(String(headers['ratelimit-limit'] ?? '').split(';')[0] ?? '', 40);
    this.exhausted = { until: this.now() + windowSeconds * 1000, limit };
  }

  /**
   * Why a request must not be sent now, or undefined. Only manifest GETs count against a
   * pull budget (Docker Hub: a HEAD does not), so listings and HEADs go on.
   */
  refusal(request: Pick<HttpRequest, 'method' | 'url'>): string | undefined {
    const spent = this.exhausted;
    if (!spent || request.method !== 'GET' || !request.url.pathname.includes('/manifests/')) {
      return undefined;
    }
    const left = spent.until - this.now();
    if (left <= 0) {
      this.exhausted = undefined;
      return undefined;
    }
    return (
      `${request.url.host} says its pull budget is spent (RateLimit-Remaining: 0` +
      `${spent.limit ? ` of ${spent.limit}` : ''}) for ${Math.ceil(left / 60_000)} more ` +
      'minute(s); oci-push sends it no more pulls until then. Give a credential for it ' +
      '(an account has a larger budget), or run again later: what was copied stays'
    );
  }

  /** The registry said 429: everyone waits this long (at least a second). */
  throttled(retryAfter: number | undefined): void {
    this.counts.throttled++;
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.max(retryAfter ?? 0, 1000));
  }

  /** Before each attempt of a request: a slot, unless it asks for a token (not an operation). */
  async admit(method: string, pathname: string): Promise<void> {
    if (!pathname.startsWith('/oauth2/')) await this.take(kindOf(method));
  }

  /** After each attempt's answer: a 429 pauses every request, for its `Retry-After`. */
  answered(status: number, retryAfter: string | string[] | undefined): void {
    if (status === 429) this.throttled(retryAfterMs(retryAfter));
  }
}

const kindOf = (method: string): 'read' | 'write' =>
  method === 'GET' || method === 'HEAD' ? 'read' : 'write';

/** A request refused before it was sent, because the registry's pull budget is spent. */
export class BudgetSpentError extends Error {
  override name = 'BudgetSpentError';
}

/** Our registry client's transport, paced. Token requests are not registry operations. */
export function pacedSend(send: Send, pacer: OpsPacer): Send {
  return pacedByHost(send, () => pacer);
}

/**
 * The transport, paced per registry host (each its own `OpsPacer`). Put it below the retries,
 * so every attempt takes a slot and a 429 pauses the attempts still to come.
 */
export function pacedByHost(send: Send, pacerFor: (host: string) => OpsPacer): Send {
  return async (request) => {
    const pacer = pacerFor(hostKey(request.url.host));
    const refused = pacer.refusal(request);
    if (refused) throw new BudgetSpentError(refused);
    await pacer.admit(request.method, request.url.pathname);
    const response = await send(request);
    pacer.observe(response.headers);
    pacer.answered(response.status, response.headers['retry-after']);
    return response;
  };
}
