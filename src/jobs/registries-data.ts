import { isAcrHost } from '../azure/keyless.js';
import { lineVisibility, type RegistryLine } from '../engine/plan.js';
import { isHost } from '../oci/reference.js';
import { InputError, parseBoolean } from './inputs.js';

/**
 * The registries data of Giant Swarm's CircleCI orb (giantswarm/architect-orb,
 * `image-login-to-registries`), read as the orb reads it, so a CircleCI context that holds
 * `REGISTRIES_DATA_BASE64` serves oci-push unchanged. One registry per line:
 *
 *     VISIBILITY HOST USER_ENV PASS_ENV PUSH_DEV
 *
 * `VISIBILITY` is `public`, `private` or `public/private`; `USER_ENV` and `PASS_ENV` name the
 * variables that hold the credential; `PUSH_DEV` is `true` when dev builds go there. Aliyun
 * hosts are mirrors: a push to China must never block a release (FACTS.md).
 */
export interface RegistriesData {
  registries: RegistryLine[];
  mirrors: RegistryLine[];
  /** The credential each line names, by host, when both its variables are set. */
  credentials: Map<string, { username: string; password: string }>;
  /** Lines whose variables are not set: that registry gets no credential from here. */
  warnings: string[];
}

/** `*.cr.aliyuncs.com`: Aliyun Container Registry, a mirror as the orb's China push is. */
export function isAliyunHost(host: string): boolean {
  return /\.cr\.aliyuncs\.com(:\d+)?$/i.test(host);
}

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The data as written, or base64 of it (as `REGISTRIES_DATA_BASE64` holds it; `base64` may
 * have wrapped it into lines). Text with a space in it is the lines themselves.
 */
export function decodeRegistriesData(text: string, input: string): string {
  if (/[ \t]/.test(text.trim())) return text;
  const packed = text.replace(/\s+/g, '');
  const decoded = Buffer.from(packed, 'base64').toString('utf8');
  // Not shown: a value that is neither form may be a secret pasted in the wrong place.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(packed) || !/^[\x20-\x7e\t\r\n]*$/.test(decoded)) {
    throw new InputError(
      `${input}: the value (not shown) is neither registry lines ` +
        '("VISIBILITY HOST USER_ENV PASS_ENV PUSH_DEV") nor base64 of them; give the orb\'s ' +
        'registries data as it is, or as REGISTRIES_DATA_BASE64 holds it',
    );
  }
  return decoded;
}

/**
 * Parses the data (see `RegistriesData`); each credential's username and password go to
 * `onSecret` before anything could print them. No message shows a field that failed its
 * check: a line with a literal password in place of a variable name must not echo it.
 */
export function parseRegistriesData(
  text: string,
  env: NodeJS.ProcessEnv,
  onSecret: (secret: string) => void,
  input = 'registries-data',
): RegistriesData {
  const data: RegistriesData = {
    registries: [],
    mirrors: [],
    credentials: new Map(),
    warnings: [],
  };
  const seen = new Set<string>();
  for (const [i, raw] of decodeRegistriesData(text, input).split(/\r?\n/).entries()) {
    const fields = raw.trim().split(/\s+/).filter(Boolean);
    if (fields.length === 0 || fields[0]?.startsWith('#')) continue;
    const where = `${input} line ${i + 1}`;
    const [marker = '', host = '', userVariable = '', passwordVariable = '', pushDev = ''] = fields;
    if (fields.length !== 5) {
      throw new InputError(
        `${where} has ${fields.length} fields; a line is VISIBILITY HOST USER_ENV PASS_ENV ` +
          'PUSH_DEV (e.g. "public gsoci.azurecr.io ACR_GSOCI_USERNAME ACR_GSOCI_PASSWORD true")',
      );
    }
    const visibility = lineVisibility(marker);
    if (!visibility) {
      throw new InputError(
        `${where}: the first field is not public, private or public/private (which ` +
          'repositories the registry takes)',
      );
    }
    if (!isHost(host)) {
      throw new InputError(
        `${where}: the second field is not a registry host (a name or address with an ` +
          'optional port, no scheme and no path)',
      );
    }
    for (const [field, name] of [
      ['third', userVariable],
      ['fourth', passwordVariable],
    ] as const) {
      if (!VARIABLE.test(name)) {
        throw new InputError(
          `${where} (${host}): the ${field} field is not the name of an environment variable ` +
            '(letters, digits and _); it names the variable that holds the credential, ' +
            'never the credential itself',
        );
      }
    }
    const dev = parseBoolean(`${where} (${host}) PUSH_DEV`, pushDev, false);
    if (seen.has(host)) throw new InputError(`${where}: ${host} is listed twice`);
    seen.add(host);
    const line: RegistryLine = { host, dev, visibility, insecure: false, acr: isAcrHost(host) };
    (isAliyunHost(host) ? data.mirrors : data.registries).push(line);

    const username = env[userVariable] ?? '';
    const password = env[passwordVariable] ?? '';
    if (username) onSecret(username);
    if (password) onSecret(password);
    if (username && password) data.credentials.set(host, { username, password });
    else {
      const unset = [!username && userVariable, !password && passwordVariable].filter(Boolean);
      data.warnings.push(
        `${where}: ${unset.join(' and ')} ${unset.length > 1 ? 'are' : 'is'} not set, so ` +
          `${host} gets no credential from the registries data (the docker config or keyless ` +
          'login may still provide one)',
      );
    }
  }
  if (data.registries.length === 0) {
    throw new InputError(
      `${input}: no registry lines (only Aliyun mirrors, or none at all); at least one line ` +
        'must name a registry that is not a mirror',
    );
  }
  return data;
}
