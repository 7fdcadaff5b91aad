import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { testCa, type TestCa, trustTestCaInProcess } from '../certs.js';
import { type CommandResult, runCommand } from '../processes.js';
import { startRegistry, type TestRegistry } from '../registry.js';
import { ROOT } from '../tools.js';
import { type AcrEmulator, startAcrEmulator } from './emulator.js';
import { ACR_AUDIENCE, type FakeEntra, startFakeEntra } from './entra.js';
import { type GitHubOidc, startGitHubOidc } from './github-oidc.js';

export { ACR_AUDIENCE, TOKEN_EXCHANGE_AUDIENCE } from './entra.js';
export { REFRESH_TOKEN_USERNAME } from './tokens.js';

/**
 * Everything keyless ACR needs, wired as in production: a GitHub OIDC issuer, an Entra
 * tenant whose app trusts it through a federated credential, and an ACR data plane (over a
 * real registry) that trusts that tenant. The SDKs reach them with
 * `authorityHost = entra.authorityHost`, `disableInstanceDiscovery: true` and
 * `endpoint = acr.origin`.
 */
export interface AcrHarness {
  ca: TestCa;
  backend: TestRegistry;
  acr: AcrEmulator;
  entra: FakeEntra;
  github: GitHubOidc;
  tenantId: string;
  clientId: string;
  /** The app's object id: the principal ACR sees after a keyless login (for roles). */
  principalId: string;
  /** Another ACR (its own registry behind it) trusting the same tenant; stopped with the rest. */
  addAcr(): Promise<{ acr: AcrEmulator; backend: TestRegistry }>;
  /** Env for a child process: trusts the test CA, and can call `core.getIDToken()`. */
  childEnv(): NodeJS.ProcessEnv;
  /**
   * What a runner lends a keyless login, for the built action or CLI (whose harness gives
   * them a clean environment): the test CA, and GitHub's OIDC request variables.
   */
  runnerEnv(): Record<string, string>;
  /** The CLI's flags for a keyless login to this tenant (`--azure-client-id` and the rest). */
  cliAzureFlags(): string[];
  stop(): Promise<void>;
}

export async function startAcrHarness(): Promise<AcrHarness> {
  const ca = await testCa();
  // A single test file runs in band, in a process that started before the CA was exported.
  trustTestCaInProcess(ca);
  const tenantId = randomUUID();
  const clientId = randomUUID();
  const principalId = randomUUID();
  const backend = await startRegistry('anonymous');
  const stops: (() => Promise<void>)[] = [() => backend.stop()];
  const stop = async (): Promise<void> => {
    for (const s of stops.reverse()) await s();
  };
  try {
    const github = await startGitHubOidc({ ca });
    stops.push(() => github.close());
    const entra = await startFakeEntra({
      ca,
      tenantId,
      apps: [
        {
          clientId,
          objectId: principalId,
          federatedCredentials: [{ issuer: github.issuer, subject: github.subject }],
        },
      ],
    });
    stops.push(() => entra.close());
    const acr = await startAcrEmulator({
      ca,
      backend,
      entra: { tenantId, issuer: entra.accessTokenIssuer, publicKey: entra.publicKey },
    });
    stops.push(() => acr.close());
    const trust = { tenantId, issuer: entra.accessTokenIssuer, publicKey: entra.publicKey };
    const addAcr = async (): Promise<{ acr: AcrEmulator; backend: TestRegistry }> => {
      const backend = await startRegistry('anonymous');
      stops.push(() => backend.stop());
      const acr = await startAcrEmulator({ ca, backend, entra: trust });
      stops.push(() => acr.close());
      return { acr, backend };
    };
    return {
      ca,
      backend,
      acr,
      entra,
      github,
      tenantId,
      clientId,
      principalId,
      addAcr,
      childEnv: () => ({
        ...process.env,
        NODE_EXTRA_CA_CERTS: ca.bundlePath,
        ...github.env,
      }),
      runnerEnv: () => ({ NODE_EXTRA_CA_CERTS: ca.bundlePath, ...github.env }),
      cliAzureFlags: () => [
        '--azure-client-id',
        clientId,
        '--azure-tenant-id',
        tenantId,
        '--azure-authority-host',
        entra.authorityHost,
      ],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One call of the real SDKs, as `sdk-runner.mjs` understands it. */
export type SdkStep =
  | { op: 'listRepositoryNames'; pageSize?: number }
  | {
      op: 'listManifestProperties';
      repository: string;
      order?: 'LastUpdatedOnDescending' | 'LastUpdatedOnAscending';
      pageSize?: number;
    }
  | {
      op: 'listTagProperties';
      repository: string;
      reference: string;
      order?: 'LastUpdatedOnDescending' | 'LastUpdatedOnAscending';
      /** Passed through to the `digest` query parameter (the SDK doesn't set it itself). */
      digest?: string;
    }
  | { op: 'getRepositoryProperties'; repository: string }
  | { op: 'getManifestProperties'; repository: string; reference: string }
  | { op: 'getTagProperties'; repository: string; tag: string }
  | {
      op: 'updateManifestProperties';
      repository: string;
      reference: string;
      properties: Record<string, boolean>;
    }
  | {
      op: 'updateTagProperties';
      repository: string;
      tag: string;
      properties: Record<string, boolean>;
    }
  | { op: 'deleteTag'; repository: string; tag: string }
  | { op: 'deleteManifest'; repository: string; reference: string }
  | { op: 'exchangeForRefreshToken' };

export interface SdkOutcome {
  ok: boolean;
  value?: unknown;
  error?: { name: string; statusCode?: number; code?: string; message: string };
}

export const SDK_RUNNER = resolve(ROOT, '__tests__/harness/acr/sdk-runner.mjs');

/**
 * Runs steps with `@azure/identity` and `@azure/container-registry` in a child Node (24, as
 * the action runs): GitHub OIDC token → `ClientAssertionCredential` → `ContainerRegistryClient`.
 * A child process is where `NODE_EXTRA_CA_CERTS` always works.
 */
export async function runSdk(
  harness: AcrHarness,
  steps: SdkStep[],
): Promise<{ outcomes: SdkOutcome[]; run: CommandResult }> {
  const dir = await mkdtemp(join(tmpdir(), 'oci-push-acr-sdk-'));
  try {
    const resultFile = join(dir, 'result.json');
    const planFile = join(dir, 'plan.json');
    await writeFile(
      planFile,
      JSON.stringify({
        tenantId: harness.tenantId,
        clientId: harness.clientId,
        authorityHost: harness.entra.authorityHost,
        endpoint: harness.acr.origin,
        audience: ACR_AUDIENCE,
        resultFile,
        steps,
      }),
    );
    const run = await runCommand(resolve(ROOT, 'node_modules/.bin/node'), [SDK_RUNNER, planFile], {
      env: harness.childEnv(),
    });
    const text = await readFile(resultFile, 'utf8').catch(() => '');
    if (!text) throw new Error(`sdk-runner.mjs wrote no result (${run.code}):\n${run.stderr}`);
    return { outcomes: JSON.parse(text) as SdkOutcome[], run };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
