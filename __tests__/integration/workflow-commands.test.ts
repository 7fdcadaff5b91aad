import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyGraph, loadGraph } from '../../src/engine/copy.js';
import { RegistryClient } from '../../src/registry/client.js';
import { createTransport } from '../../src/registry/http.js';
import { OciLayoutSource } from '../../src/source/oci-layout.js';
import { type AcrHarness, startAcrHarness } from '../harness/acr/index.js';
import { DIST_CLEANUP, runAction } from '../harness/action.js';
import { runCli } from '../harness/cli.js';
import { makeOciLayout } from '../harness/fixtures.js';
import { runnerCommands } from '../harness/workflow-commands.js';

/**
 * What a registry says can't become a workflow command. The cleanup action (built) logs a
 * repository it can't read with the registry's own error message, on a plain line; here the
 * local ACR answers every manifest read of one repository with a message that holds
 * `##[error …]` and `##[set-output …]`, which the runner would carry out anywhere in a line.
 * The step's output is read the way the runner reads it.
 */
let harness: AcrHarness;
let work: string;
const HOSTILE = 'giantswarm/hostile';
const WORDS = 'denied ##[error title=Pwned;]owned by the registry ##[set-output name=deleted;]999';
/** A repository whose manifest listing also shows a "tag" that is a workflow command. */
const LIAR = 'giantswarm/liar';
const LISTED_TAG = '::error title=Listed::##[error title=Listed2;]owned';

beforeAll(async () => {
  harness = await startAcrHarness();
  work = await mkdtemp(join(tmpdir(), 'oci-push-commands-'));
  const layout = await makeOciLayout(join(work, 'image'), { layerSizes: [256] });
  const source = new OciLayoutSource(layout.dir);
  const [result] = await copyGraph(
    source,
    await loadGraph(source),
    [
      {
        client: new RegistryClient({
          endpoint: { host: harness.acr.host, https: true },
          credential: { kind: 'basic', ...harness.acr.admin },
          send: createTransport({ userAgent: 'oci-push-test' }),
        }),
        repository: HOSTILE,
      },
    ],
    { tags: ['1.0.0'] },
  );
  if (result?.error) throw result.error;
  const [liar] = await copyGraph(
    source,
    await loadGraph(source),
    [
      {
        client: new RegistryClient({
          endpoint: { host: harness.acr.host, https: true },
          credential: { kind: 'basic', ...harness.acr.admin },
          send: createTransport({ userAgent: 'oci-push-test' }),
        }),
        repository: LIAR,
      },
    ],
    { tags: ['1.0.0'] },
  );
  if (liar?.error) throw liar.error;
  harness.acr.behaviours.manifestReadError = {
    repository: HOSTILE,
    status: 403,
    code: 'DENIED',
    message: WORDS,
  };
});
afterAll(async () => {
  await harness?.stop();
  await rm(work, { recursive: true, force: true });
});

test('the runner reads commands where this harness says it does (control)', () => {
  const found = runnerCommands(`plain ${WORDS}\n  ::warning title=x::hi`);
  expect(found.map((c) => [c.name, c.properties])).toEqual([
    ['error', { title: 'Pwned' }],
    ['warning', { title: 'x' }],
  ]);
  expect(runnerCommands(`::stop-commands::t1\n${WORDS}\n::t1::\n::debug::after`)).toEqual([
    expect.objectContaining({ name: 'debug', data: 'after' }),
  ]);
});

test("a registry's error message printed by the cleanup action starts no workflow command", async () => {
  const run = await runAction(
    {
      registry: harness.acr.host,
      repositories: 'giantswarm/*',
      'older-than': '7d',
      untagged: 'true',
      keep: '0',
      'dry-run': 'true',
      'azure-client-id': harness.clientId,
      'azure-tenant-id': harness.tenantId,
      'azure-authority-host': harness.entra.authorityHost,
      'azure-audience': 'api://AzureADTokenExchange',
    },
    harness.runnerEnv(),
    { entry: DIST_CLEANUP },
  );
  // The registry's words are printed, unchanged, on a plain line…
  const plain = run.stdout.split('\n').filter((l) => l.includes(WORDS) && !l.startsWith('::'));
  expect(plain).toHaveLength(1);
  // …and the runner carries out none of them; our own commands still work around them.
  const commands = runnerCommands(`${run.stdout}\n${run.stderr}`);
  expect(commands.filter((c) => c.properties.title === 'Pwned' || c.name === 'set-output')).toEqual(
    [],
  );
  expect(commands.some((c) => c.name === 'group')).toBe(true);
}, 120_000);

test("ACR's error text on a manifest read reaches the cleanup's log as one line, its bidi override escaped", async () => {
  const reversed = 'denied \u202eexe.txt by the registry';
  harness.acr.behaviours.manifestReadError = {
    repository: HOSTILE,
    status: 403,
    code: 'DENIED',
    message: reversed,
  };
  try {
    const run = await runAction(
      {
        registry: harness.acr.host,
        repositories: HOSTILE,
        'older-than': '7d',
        untagged: 'true',
        keep: '0',
        'dry-run': 'true',
        'azure-client-id': harness.clientId,
        'azure-tenant-id': harness.tenantId,
        'azure-authority-host': harness.entra.authorityHost,
        'azure-audience': 'api://AzureADTokenExchange',
      },
      harness.runnerEnv(),
      { entry: DIST_CLEANUP },
    );
    expect(run.stdout).toContain('denied \\u202eexe.txt by the registry');
    expect(`${run.stdout}${run.summary}${run.outputs.result ?? ''}`).not.toContain('\u202e');
  } finally {
    harness.acr.behaviours.manifestReadError = {
      repository: HOSTILE,
      status: 403,
      code: 'DENIED',
      message: WORDS,
    };
  }
}, 120_000);

test("in a GitHub Actions run: step, the CLI prints a registry's words so that no workflow command starts", async () => {
  const cleanup = (env: Record<string, string>): ReturnType<typeof runCli> =>
    runCli(
      [
        'cleanup',
        '--registry',
        harness.acr.host,
        '--repositories',
        'giantswarm/*',
        '--older-than',
        '7d',
        '--dry-run',
        ...harness.cliAzureFlags(),
      ],
      { env: { ...harness.runnerEnv(), ...env } },
    );
  const pwned = (output: string): unknown[] =>
    runnerCommands(output).filter((c) => c.properties.title === 'Pwned' || c.name === 'set-output');

  // Control: outside a workflow step the line is printed as it is, and a runner would obey it.
  const plain = await cleanup({ GITHUB_ACTIONS: '' });
  expect(plain.stderr).toContain(WORDS);
  expect(pwned(plain.stderr)).not.toEqual([]);

  const inStep = await cleanup({ GITHUB_ACTIONS: 'true' });
  // The registry's words are still there, unchanged, for a reader…
  expect(inStep.stderr).toContain(WORDS);
  // …and the runner carries out none of them.
  expect(pwned(`${inStep.stdout}\n${inStep.stderr}`)).toEqual([]);
}, 120_000);

test("a tag name in ACR's own listing that breaks the tag grammar is refused: the repository is read as incomplete, and no command starts", async () => {
  harness.acr.metadata.listedTagInjection = { repository: LIAR, tag: LISTED_TAG };
  try {
    const env = harness.childEnv();
    const run = await runAction(
      {
        registry: harness.acr.host,
        repositories: LIAR,
        'older-than': '7d',
        untagged: 'true',
        keep: '0',
        'dry-run': 'true',
        'azure-client-id': harness.clientId,
        'azure-tenant-id': harness.tenantId,
        'azure-authority-host': harness.entra.authorityHost,
        'azure-audience': 'api://AzureADTokenExchange',
      },
      {
        NODE_EXTRA_CA_CERTS: env.NODE_EXTRA_CA_CERTS ?? '',
        ACTIONS_ID_TOKEN_REQUEST_URL: env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? '',
      },
      { entry: DIST_CLEANUP },
    );
    // The listing is refused by name (quoted, as data), so nothing there is planned at all.
    expect(`${run.stdout}\n${run.summary}`).toContain(
      `${LIAR}: ACR's manifest listing: ${JSON.stringify(LISTED_TAG)} is not a tag`,
    );
    expect(run.stdout).toMatch(new RegExp(`${LIAR}: .*incomplete, nothing deleted`));
    const commands = runnerCommands(`${run.stdout}\n${run.stderr}`);
    expect(commands.filter((c) => String(c.properties.title ?? '').startsWith('Listed'))).toEqual(
      [],
    );
  } finally {
    harness.acr.metadata.listedTagInjection = undefined;
  }
}, 120_000);
