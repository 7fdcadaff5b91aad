/**
 * Bearer tokens per token service, each remembered with the scopes it was granted for. A
 * token for `pull,push` also serves a later `pull` of the same repository, so a push and its
 * verification share one token.
 */
interface CachedToken {
  token: string;
  scopes: Map<string, Set<string>>;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** A token expiring within this margin counts as expired, so it can't lapse mid-request. */
const EXPIRY_MARGIN_MS = 15_000;

export class TokenCache {
  private readonly byService = new Map<string, CachedToken[]>();

  constructor(private readonly now: () => number = Date.now) {}

  get(service: string, scopes: readonly string[]): string | undefined {
    const wanted = parseScopes(scopes);
    const live = this.live(service);
    return live.find((entry) => covers(entry.scopes, wanted))?.token;
  }

  set(service: string, scopes: readonly string[], token: string, expiresInSeconds: number): void {
    const entry = {
      token,
      scopes: parseScopes(scopes),
      expiresAt: this.now() + expiresInSeconds * 1000,
    };
    this.byService.set(service, [entry, ...this.live(service)]);
  }

  /** Forgets tokens that served these scopes: the registry refused one of them. */
  invalidate(service: string, scopes: readonly string[]): void {
    const wanted = parseScopes(scopes);
    this.byService.set(
      service,
      this.live(service).filter((entry) => !covers(entry.scopes, wanted)),
    );
  }

  private live(service: string): CachedToken[] {
    const now = this.now();
    return (this.byService.get(service) ?? []).filter((e) => e.expiresAt - EXPIRY_MARGIN_MS > now);
  }
}

/** `repository:giantswarm/app:pull,push` → resource `repository:giantswarm/app`, actions. */
function parseScopes(scopes: readonly string[]): Map<string, Set<string>> {
  const parsed = new Map<string, Set<string>>();
  for (const scope of scopes) {
    const colon = scope.lastIndexOf(':');
    const resource = colon < 0 ? scope : scope.slice(0, colon);
    const actions = colon < 0 ? [] : scope.slice(colon + 1).split(',');
    const set = parsed.get(resource) ?? new Set<string>();
    for (const action of actions) if (action) set.add(action);
    parsed.set(resource, set);
  }
  return parsed;
}

function covers(have: Map<string, Set<string>>, want: Map<string, Set<string>>): boolean {
  for (const [resource, actions] of want) {
    const granted = have.get(resource);
    if (!granted) return false;
    if (granted.has('*')) continue;
    for (const action of actions) if (!granted.has(action)) return false;
  }
  return true;
}
