// Drives the real Azure SDKs against the ACR harness, in its own Node process so that
// NODE_EXTRA_CA_CERTS (read only at startup) makes it trust the test CA.
// Usage: node sdk-runner.mjs PLAN.json   (see `runSdk` and `SdkStep` in index.ts)
// Every step's outcome, in order, goes to plan.resultFile as JSON: stdout is left to
// @actions/core, which prints `::add-mask::` lines there.
import { readFileSync, writeFileSync } from 'node:fs';
import { getIDToken } from '@actions/core';
import { ContainerRegistryClient } from '@azure/container-registry';
import { ClientAssertionCredential } from '@azure/identity';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));

// The assertion is the GitHub OIDC token, fetched as the action will fetch it.
const credential = new ClientAssertionCredential(
  plan.tenantId,
  plan.clientId,
  () => getIDToken('api://AzureADTokenExchange'),
  {
    authorityHost: plan.authorityHost,
    // Without it MSAL asks login.microsoftonline.com to vouch for the authority host.
    disableInstanceDiscovery: true,
  },
);
const client = new ContainerRegistryClient(plan.endpoint, credential, {
  audience: plan.audience,
});

const dates = (value) =>
  value === undefined
    ? undefined
    : JSON.parse(JSON.stringify(value, (_, v) => (v instanceof Date ? v.toISOString() : v)));

async function collect(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function pages(pagedIterable, pageSize) {
  const result = [];
  for await (const page of pagedIterable.byPage({ maxPageSize: pageSize })) result.push([...page]);
  return result;
}

const operations = {
  async listRepositoryNames({ pageSize }) {
    const names = client.listRepositoryNames();
    return pageSize ? pages(names, pageSize) : collect(names);
  },
  async listManifestProperties({ repository, order, pageSize }) {
    const manifests = client.getRepository(repository).listManifestProperties({ order });
    return pageSize ? pages(manifests, pageSize) : collect(manifests);
  },
  // 1.1.2 sends no `digest` filter: it lists every tag of the repository. `digest` here goes
  // through the untyped options to the generated client, which does send it.
  listTagProperties: ({ repository, reference, order, digest }) =>
    collect(client.getArtifact(repository, reference).listTagProperties({ order, digest })),
  getRepositoryProperties: ({ repository }) => client.getRepository(repository).getProperties(),
  getManifestProperties: ({ repository, reference }) =>
    client.getArtifact(repository, reference).getManifestProperties(),
  getTagProperties: ({ repository, tag }) =>
    client.getArtifact(repository, tag).getTagProperties(tag),
  updateManifestProperties: ({ repository, reference, properties }) =>
    client.getArtifact(repository, reference).updateManifestProperties(properties),
  updateTagProperties: ({ repository, tag, properties }) =>
    client.getArtifact(repository, tag).updateTagProperties(tag, properties),
  deleteTag: ({ repository, tag }) => client.getArtifact(repository, tag).deleteTag(tag),
  deleteManifest: ({ repository, reference }) => client.getArtifact(repository, reference).delete(),
  // What a plain registry client needs for keyless login: an ACR refresh token.
  async exchangeForRefreshToken() {
    const entra = await credential.getToken(`${plan.audience}/.default`);
    const service = new URL(plan.endpoint).host;
    const answer = await fetch(`${plan.endpoint}/oauth2/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'access_token',
        service,
        tenant: plan.tenantId,
        access_token: entra.token,
      }),
    });
    const body = await answer.json();
    if (answer.status !== 200) throw new Error(`exchange answered ${answer.status}`);
    return body.refresh_token;
  },
};

const outcomes = [];
for (const step of plan.steps) {
  try {
    outcomes.push({ ok: true, value: dates(await operations[step.op](step)) });
  } catch (error) {
    outcomes.push({
      ok: false,
      error: {
        name: error?.name ?? 'Error',
        statusCode: error?.statusCode,
        code: error?.code,
        message: String(error?.message ?? error),
      },
    });
  }
}
writeFileSync(plan.resultFile, JSON.stringify(outcomes));
