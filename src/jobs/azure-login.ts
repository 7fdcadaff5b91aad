import { type AzureLogin, DEFAULT_AZURE_AUDIENCE } from '../azure/keyless.js';
import { type InputGetter, InputError } from './inputs.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/**
 * The keyless Azure login inputs, as every face and action spells them: `azure-client-id`
 * and `azure-tenant-id` together or not at all, `azure-authority-host` for sovereign clouds,
 * `azure-audience` for the GitHub OIDC token. Undefined when no login is asked for.
 */
export function parseAzureLogin(get: InputGetter): AzureLogin | undefined {
  const value = (name: string): string => get(name).trim();
  const clientId = value('azure-client-id');
  const tenantId = value('azure-tenant-id');
  const authorityHost = value('azure-authority-host');
  if (authorityHost) checkAuthorityHost(authorityHost);
  if (!clientId && !tenantId) return undefined;
  if (!clientId || !tenantId) {
    const missing = clientId ? 'azure-tenant-id' : 'azure-client-id';
    const given = clientId ? 'azure-client-id' : 'azure-tenant-id';
    throw new InputError(
      `${missing}: required with \`${given}\`; keyless Azure login needs both (the app ` +
        'registration and its tenant)',
    );
  }
  if (!GUID.test(clientId)) {
    throw new InputError(`azure-client-id: "${clientId}" is not a GUID (the app's client id)`);
  }
  if (!GUID.test(tenantId) && !DOMAIN.test(tenantId)) {
    throw new InputError(`azure-tenant-id: "${tenantId}" is not a tenant GUID or domain`);
  }
  return {
    clientId,
    tenantId,
    ...(authorityHost && { authorityHost: authorityHost.replace(/\/$/, '') }),
    audience: value('azure-audience') || DEFAULT_AZURE_AUDIENCE,
  };
}

function checkAuthorityHost(text: string): void {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' || (url.pathname !== '/' && url.pathname !== '')) {
    throw new InputError(
      `azure-authority-host: "${text}" is not an https URL of a host, e.g. https://login.chinacloudapi.cn`,
    );
  }
}
