/** Token scopes (distribution `docs/spec/auth/scope.md`). */
export type Action = 'pull' | 'push' | 'delete' | '*';

export function repositoryScope(repository: string, actions: readonly Action[]): string {
  return `repository:${repository}:${[...actions].sort().join(',')}`;
}

/** Push needs `pull,push`; a mount also needs `pull` on the repository it mounts from. */
export function pushScopes(repository: string, mountFrom: readonly string[] = []): string[] {
  const scopes = [repositoryScope(repository, ['pull', 'push'])];
  for (const from of mountFrom) {
    if (from !== repository) scopes.push(repositoryScope(from, ['pull']));
  }
  return scopes;
}

export function pullScopes(repository: string): string[] {
  return [repositoryScope(repository, ['pull'])];
}
