import type { Credential } from '../registry/auth.js';
import { RegistryClient } from '../registry/client.js';
import type { Send } from '../registry/http.js';
import type { Logger, SecretSink } from '../registry/log.js';
import { registryTransports, type TransportFactory } from '../registry/retry.js';

/** How to reach one registry: the endpoint, and its deadline and retry budget. */
export interface ClientSettings {
  insecure?: boolean;
  https?: boolean;
  timeoutMs?: number;
  attempts?: number;
  /** A transport to use as it is (tests inject faults through it). */
  send?: Send;
}

export interface ClientDependencies {
  userAgent: string;
  log: Logger;
  onSecret: SecretSink;
  credentialFor: (host: string) => Credential | undefined;
  /** Makes each registry's transport; the retrying one with `userAgent` unless given. */
  transport?: TransportFactory;
}

/**
 * One client per registry host for a whole run, so one token cache serves every repository
 * of it: made with the settings of the first caller (a host has one role in a run).
 */
export function registryClients(
  deps: ClientDependencies,
): (host: string, settings?: ClientSettings) => RegistryClient {
  const clients = new Map<string, RegistryClient>();
  const transport =
    deps.transport ?? registryTransports({ userAgent: deps.userAgent, log: deps.log.info });
  return (host, settings = {}) => {
    let client = clients.get(host);
    if (!client) {
      const { insecure = false, https = false, timeoutMs, attempts, send } = settings;
      const credential = deps.credentialFor(host);
      client = new RegistryClient({
        endpoint: { host, insecure, https },
        ...(credential && { credential }),
        send: send ?? transport({ timeoutMs, attempts }),
        onSecret: deps.onSecret,
        onToken: ({ realm, scopes }) =>
          deps.log.debug(`${host}: token from ${realm} for ${scopes.join(' ')}`),
      });
      clients.set(host, client);
    }
    return client;
  };
}
