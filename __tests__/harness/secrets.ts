/**
 * Every password and token the harness hands out or signs (registry passwords, refresh
 * tokens, the token service's Bearer tokens, the ACR harness's OIDC, Entra and ACR tokens).
 * Every run of the action and the CLI is checked against this list.
 */
export const knownSecrets = new Set<string>();

/** A leaked fragment this long is a leak: enough to narrow a guess, too long to be chance. */
export const FRAGMENT = 6;

/**
 * Throws when any `FRAGMENT` consecutive characters of a secret (or a shorter secret whole)
 * appear in one of `places`: a parser's error that quotes ten characters of a password
 * leaks as surely as one that quotes all of it. The message names the place, never the
 * secret. The secrets the harness makes are random base64url after a fixed prefix that is
 * no English word, so a fragment never turns up by chance (hex would: digests are hex).
 */
export function assertNoSecretFragments(
  places: Record<string, string>,
  secrets: Iterable<string>,
  what = 'the run',
): void {
  const fragments = new Set<string>();
  const short: string[] = [];
  for (const secret of secrets) {
    if (!secret) continue;
    if (secret.length < FRAGMENT) {
      short.push(secret);
      continue;
    }
    for (let i = 0; i + FRAGMENT <= secret.length; i++) {
      fragments.add(secret.slice(i, i + FRAGMENT));
    }
  }
  for (const [place, text] of Object.entries(places)) {
    for (let i = 0; i + FRAGMENT <= text.length; i++) {
      if (fragments.has(text.slice(i, i + FRAGMENT))) {
        throw new Error(
          `SECRET LEAK: ${FRAGMENT} characters of a known secret appear in ${what}'s ${place} ` +
            `(at offset ${i})`,
        );
      }
    }
    for (const secret of short) {
      if (text.includes(secret))
        throw new Error(`SECRET LEAK: a known secret appears in ${what}'s ${place}`);
    }
  }
}
