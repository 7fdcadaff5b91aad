/** Token scopes (distribution `docs/spec/auth/scope.md`). */
export type Action = 'pull' | 'push' | 'delete' | '*';

export function repositoryScope(repository: string, actions: readonly Action[]): string {
  return `repository:${repository}:${[...actions].sort().join(',')}`;
}

/** Push needs `pull,push` (distribution token spec). */
export function pushScopes(repository: string): string[] {
  return [repositoryScope(repository, ['pull', 'push'])];
}

export function pullScopes(repository: string): string[] {
  return [repositoryScope(repository, ['pull'])];
}

/** The catalog's scope (distribution `docs/spec/auth/scope.md`); ACR's token service needs it. */
export function catalogScopes(): string[] {
  return ['registry:catalog:*'];
}
