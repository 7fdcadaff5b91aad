/** Sent as User-Agent, so registry operators can tell oci-push's traffic apart. */
export const VERSION = '0.1.0';
export const USER_AGENT = `oci-push/${VERSION} (+https://github.com/giantswarm/oci-push)`;
