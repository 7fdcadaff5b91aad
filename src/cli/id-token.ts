import { createTransport } from '../registry/http.js';
import { USER_AGENT } from '../registry/user-agent.js';

/**
 * The OIDC token keyless Azure login exchanges, wherever the CLI runs:
 * - GitHub Actions (`permissions: id-token: write`): asked for with the audience, as
 *   `core.getIDToken` does, from `ACTIONS_ID_TOKEN_REQUEST_URL`;
 * - `OCI_PUSH_ID_TOKEN`: a token minted by the caller;
 * - CircleCI: `CIRCLE_OIDC_TOKEN_V2`, whose audience is the CircleCI organization's id (the
 *   federated credential must expect that audience; set `--azure-audience` to match).
 */
export async function cliIdToken(
  env: NodeJS.ProcessEnv,
  audience: string,
  /** The job's stop: the request to GitHub's token service ends with it. */
  signal: AbortSignal,
): Promise<string> {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (url && bearer) {
    // The registries' transport: the same proxy variables (HTTPS_PROXY, NO_PROXY) apply.
    const send = createTransport({ userAgent: USER_AGENT, proxyEnv: env, signal });
    const response = await send({
      method: 'GET',
      url: new URL(`${url}&audience=${encodeURIComponent(audience)}`),
      headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
    });
    const body = await response.text();
    if (response.status !== 200) {
      throw new Error(
        `GitHub's OIDC token service answered ${response.status}; the job needs ` +
          '`permissions: id-token: write`',
      );
    }
    const { value } = parseJson(body);
    if (typeof value !== 'string' || !value) {
      throw new Error("GitHub's OIDC token service answered without a token");
    }
    return value;
  }
  const given = env.OCI_PUSH_ID_TOKEN || env.CIRCLE_OIDC_TOKEN_V2;
  if (given) return given;
  throw new Error(
    'there is no OIDC token here: run in GitHub Actions with `permissions: id-token: write`, ' +
      'in a CircleCI job (CIRCLE_OIDC_TOKEN_V2), or set OCI_PUSH_ID_TOKEN; on a laptop, ' +
      '`az acr login --name REGISTRY` stores a credential in the docker config instead',
  );
}

function parseJson(body: string): { value?: unknown } {
  try {
    return JSON.parse(body) as { value?: unknown };
  } catch {
    return {};
  }
}
