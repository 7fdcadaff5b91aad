import type { SecretSink } from '../registry/log.js';
import { hostKey, isHost } from '../oci/reference.js';
import { InputError } from './inputs.js';

/** A user name and password from the `credentials` input (or `--password-stdin`). */
export interface BasicCredential {
  username: string;
  password: string;
}

/**
 * The `credentials` input (`HOST=USERNAME:PASSWORD` per line), read the one way every job
 * reads it: each raw line goes to `onSecret` before it is parsed (a line too broken to parse
 * may still hold a password, and must be hidden wherever it shows up), then each password.
 */
export function readCredentialsInput(
  text: string,
  onSecret: SecretSink,
): Map<string, BasicCredential> {
  for (const line of text.split('\n')) if (line.trim()) onSecret(line.trim());
  const credentials = parseCredentials(text);
  for (const { password } of credentials.values()) onSecret(password);
  return credentials;
}

/**
 * One `HOST=USERNAME:PASSWORD` per line, split at the first `=` and the first `:` after
 * it, so a password may contain both. Whitespace around those two separators and at the
 * line's ends is ignored (`HOST = alice : pw` is `HOST=alice:pw`); whitespace inside the
 * password is kept, so a password can't start or end with a space. No message shows any part
 * of a line but a host that parsed as one: a malformed line may hold a password anywhere.
 */
export function parseCredentials(text: string): Map<string, BasicCredential> {
  const credentials = new Map<string, BasicCredential>();
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const where = `credentials line ${i + 1}`;
    const eq = line.indexOf('=');
    const colon = eq < 0 ? -1 : line.indexOf(':', eq + 1);
    if (eq <= 0 || colon < 0) {
      throw new InputError(
        `${where} is not HOST=USERNAME:PASSWORD (its value is hidden because it may hold a ` +
          'secret); write one registry per line, e.g. gsoci.azurecr.io=USERNAME:PASSWORD',
      );
    }
    const given = line.slice(0, eq).trim();
    if (!isHost(given)) throw new InputError(`${where}: ${badCredentialHost(given)}`);
    const host = hostKey(given);
    const username = line.slice(eq + 1, colon).trim();
    const password = line.slice(colon + 1).trimStart();
    if (!username || !password) {
      throw new InputError(`${where} (${host}) has an empty username or password`);
    }
    if (credentials.has(host)) throw new InputError(`${where}: ${host} has a second credential`);
    credentials.set(host, { username, password });
  }
  return credentials;
}

/** Why the part before `=` is not a host, without showing it (it may hold the password). */
function badCredentialHost(text: string): string {
  const problem = text.includes('://')
    ? 'it starts with a scheme; drop `https://`'
    : text.includes('@')
      ? 'it has a user name or password in it; only the host goes before `=`'
      : /\s/.test(text)
        ? 'it has a space in it, so `=` is probably missing after the host'
        : text.includes(':')
          ? 'it has a `:` that is not a port, so `=` is probably missing after the host'
          : 'a host is a name or address with an optional port';
  return (
    `the part before "=" is not a registry host (it is not shown, as it may hold a secret): ` +
    `${problem}. Write HOST=USERNAME:PASSWORD with the host as in \`registries\`, e.g. ` +
    'gsoci.azurecr.io=USER:PASS'
  );
}
