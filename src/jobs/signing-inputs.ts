import type { SigningPolicy } from '../engine/plan.js';
import { isLoopbackHost } from '../registry/endpoints.js';
import { PUBLIC_GOOD, type SigstoreServices } from '../sigstore/sign.js';
import { type InputGetter, InputError, oneOf } from './inputs.js';

/** The signing inputs, as every face spells them (cosign's names where cosign has one). */
export interface SigningInputs {
  policy: SigningPolicy;
  services: SigstoreServices;
  /** The certificate identity a verifier should expect, instead of the CI's. */
  certificateIdentity?: string;
  certificateOidcIssuer?: string;
  /** A private deployment's `trusted_root.json`; public-good's comes through TUF. */
  trustedRoot?: string;
}

/**
 * `sign`, `fulcio-url`, `rekor-url`, `tsa-url`, `certificate-identity`,
 * `certificate-oidc-issuer` and `trusted-root`. The URLs default to the public-good
 * instance; `none` drops Rekor or the timestamp authority (not both: a signature needs a
 * trusted time). Any other instance needs its trust root, or nothing could verify it.
 */
export function parseSigningInputs(get: InputGetter): SigningInputs {
  const value = (name: string): string => get(name).trim();
  const mode = oneOf('sign', value('sign') || 'auto', ['auto', 'true', 'false'] as const);
  const fulcioUrl = serviceUrl('fulcio-url', value('fulcio-url') || PUBLIC_GOOD.fulcioUrl);
  const rekorUrl = optionalServiceUrl('rekor-url', value('rekor-url'), PUBLIC_GOOD.rekorUrl);
  const tsaUrl = optionalServiceUrl('tsa-url', value('tsa-url'), PUBLIC_GOOD.tsaUrl);
  const identity = value('certificate-identity');
  const issuer = value('certificate-oidc-issuer');
  const trustedRoot = value('trusted-root');
  const services = {
    fulcioUrl,
    ...(rekorUrl && { rekorUrl }),
    ...(tsaUrl && { tsaUrl }),
  };
  if (mode !== 'false') {
    if (!rekorUrl && !tsaUrl) {
      throw new InputError(
        'rekor-url, tsa-url: both are none, so a signature would have no trusted time and ' +
          'could not be verified once its certificate expires (10 minutes); keep one of them',
      );
    }
    const custom = [
      fulcioUrl !== PUBLIC_GOOD.fulcioUrl && 'fulcio-url',
      rekorUrl && rekorUrl !== PUBLIC_GOOD.rekorUrl && 'rekor-url',
      tsaUrl && tsaUrl !== PUBLIC_GOOD.tsaUrl && 'tsa-url',
    ].filter(Boolean);
    if (custom.length > 0 && !trustedRoot) {
      throw new InputError(
        `trusted-root: ${custom.join(', ')} name a Sigstore other than the public-good one, so ` +
          'its trust root is needed to verify the signature: set trusted-root to that ' +
          "deployment's trusted_root.json (as cosign's --trusted-root)",
      );
    }
  }
  return {
    policy: {
      mode,
      publicLogs: fulcioUrl === PUBLIC_GOOD.fulcioUrl || rekorUrl === PUBLIC_GOOD.rekorUrl,
    },
    services,
    ...(identity && { certificateIdentity: identity }),
    ...(issuer && { certificateOidcIssuer: issuer }),
    ...(trustedRoot && { trustedRoot }),
  };
}

/** `none` turns the service off; empty is the public-good default. */
function optionalServiceUrl(input: string, text: string, fallback: string): string | undefined {
  if (text.toLowerCase() === 'none') return undefined;
  return serviceUrl(input, text || fallback);
}

/** HTTPS, or plain HTTP on loopback (a local test deployment); no path, query or credential. */
function serviceUrl(input: string, text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  const plainOk = url?.protocol === 'http:' && isLoopbackHost(url.host);
  if (
    !url ||
    (url.protocol !== 'https:' && !plainOk) ||
    url.username ||
    url.password ||
    url.search ||
    url.hash
  ) {
    throw new InputError(
      `${input}: "${url?.username || url?.password ? '(hidden: it has a credential in it)' : text}" ` +
        'is not an https URL of a Sigstore service, e.g. https://fulcio.sigstore.dev',
    );
  }
  return url.href.replace(/\/+$/, '');
}
