import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction, visibleLog } from '../harness/action.js';
import { runCli } from '../harness/cli.js';
import { makeOciLayout, type OciLayoutFixture } from '../harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';
import { inspectRaw } from '../harness/skopeo.js';

/**
 * A password typed into the wrong place (a malformed `credentials` line, a URL with userinfo
 * in `registries`, `mirrors` or `image`) is never echoed back: the step fails naming the
 * input and line, and the harness's leak check finds the password nowhere in the log
 * (debug lines included), the outputs or the summary. Masking alone would not pass this:
 * the test's log is what the action printed, before any runner could mask it.
 */
let registry: TestRegistry;
let work: string;
let layout: OciLayoutFixture;

beforeAll(async () => {
  registry = await startRegistry('basic');
  work = await mkdtemp(join(tmpdir(), 'oci-push-input-secrets-'));
  layout = await makeOciLayout(join(work, 'image'), { layerSizes: [256] });
});
afterAll(async () => {
  await registry?.stop();
  await rm(work, { recursive: true, force: true });
});

const PASSWORD = 'Plain5ecret';
/** A password with both separators in it, split wrongly by a line without `=` after the host. */
const TRICKY = 'Pa=ss:word';

describe('a password in the wrong place is refused without echoing any part of it', () => {
  const host = (): string => registry.host;
  test.each([
    [
      'credentials in URL form',
      () => ({ credentials: `https://alice:${PASSWORD}@${host()}=alice:${PASSWORD}` }),
      'credentials line 1: the part before "=" is not a registry host (it is not shown, as it may hold a secret): it starts with a scheme',
      [PASSWORD, `alice:${PASSWORD}`],
    ],
    [
      'credentials with a space for "="',
      () => ({ credentials: `${host()} alice:${TRICKY}` }),
      'credentials line 1: the part before "=" is not a registry host (it is not shown, as it may hold a secret): it has a space in it',
      [TRICKY, 'alice:Pa', 'Pa=ss'],
    ],
    [
      'credentials with ":" for "="',
      () => ({ credentials: `example.org=bob:other\n${host()}:alice:${TRICKY}` }),
      'credentials line 2: the part before "=" is not a registry host (it is not shown, as it may hold a secret): it has a `:` that is not a port',
      [TRICKY, 'alice:Pa', 'Pa=ss'],
    ],
    [
      'userinfo in registries',
      () => ({ registries: `https://alice:${PASSWORD}@${host()} dev` }),
      'registries line 1 has a user name or password in it',
      [PASSWORD],
    ],
    [
      'userinfo in mirrors',
      () => ({ registries: `${host()} dev`, mirrors: `example.org\nalice:${PASSWORD}@${host()}` }),
      'mirrors line 2 has a user name or password in it',
      [PASSWORD],
    ],
    [
      'userinfo in a docker:// image',
      () => ({
        image: `docker://alice:${PASSWORD}@${host()}/some/app:1.0`,
        registries: `${host()} dev`,
      }),
      'image has a user name or password before the registry host',
      [PASSWORD],
    ],
  ])('%s', async (_name, inputs, message, secrets) => {
    const run = await runAction(
      {
        image: `oci:${layout.dir}`,
        repository: 'leak/app',
        registries: `${registry.host} dev`,
        ...inputs(),
      },
      {},
      { secrets },
    );
    // An input error: exit 2, from the action as from the CLI.
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`::error::${message}`);
    // Not a word of the line: the leak check above looked for the password and its pieces.
    expect(visibleLog(run)).not.toContain('alice');
  });

  test('each credentials line is masked whole before it is parsed', async () => {
    const line = `${registry.host} alice:${TRICKY}`;
    const run = await runAction(
      {
        image: `oci:${layout.dir}`,
        repository: 'leak/app',
        registries: `${registry.host} dev`,
        credentials: `  ${line}  `,
      },
      {},
      { secrets: [TRICKY] },
    );
    expect(run.code).toBe(2);
    expect(run.stdout.split('\n')).toContain(`::add-mask::${line}`);
  });
});

test('spaces around "=" and the first ":" of a credentials line are ignored', async () => {
  const run = await runAction({
    image: `oci:${layout.dir}`,
    repository: 'leak/spaces',
    registries: `${registry.host} dev`,
    credentials: `  ${registry.host} =  ${registry.username}  :  ${registry.password}  `,
  });
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(await inspectRaw(registry, `leak/spaces@${layout.manifest.digest}`)).toEqual(
    layout.manifest.bytes,
  );
});

describe("a credential source that can't be parsed never echoes any of it", () => {
  const SECRET = 'Hunter2SECRETvalue';
  test.each([
    // JSON.parse quoted `"password":Hunter2SEC"` here: ten characters of the password.
    [
      'a password without its opening quote',
      () => `{"auths":{"${registry.host}":{"username":"u","password":${SECRET}"}}}`,
    ],
    // ... and here a base64 prefix of user:password.
    [
      'an unquoted auth',
      () =>
        `{"auths":{"${registry.host}":{"auth":${Buffer.from(`u:${SECRET}`).toString('base64')}}}}`,
    ],
  ])('%s: the docker config is named, its content is not (action and CLI)', async (_name, text) => {
    const docker = await mkdtemp(join(work, 'docker-'));
    await writeFile(join(docker, 'config.json'), text());
    const secrets = [SECRET, Buffer.from(`u:${SECRET}`).toString('base64')];
    const inputs = {
      image: `oci:${layout.dir}`,
      repository: 'leak/docker',
      registries: `${registry.host} dev`,
    };
    const action = await runAction(inputs, { DOCKER_CONFIG: docker }, { secrets });
    expect(action.code).toBe(2);
    expect(action.stdout).toContain(
      `The docker config ${join(docker, 'config.json')} is not valid JSON`,
    );
    expect(action.stdout).toContain('its content is not shown, as it may hold a secret');
    const cli = await runCli(
      [
        'push',
        '--image',
        inputs.image,
        '--repository',
        inputs.repository,
        '--registries',
        inputs.registries,
        '--build',
        'dev',
        '--version',
        '0.1.0',
      ],
      { env: { DOCKER_CONFIG: docker }, secrets },
    );
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('is not valid JSON');
  });

  test('--password-stdin PW: the stray argument is placed, never shown', async () => {
    const run = await runCli(
      [
        'push',
        '--image',
        `oci:${layout.dir}`,
        '--registries',
        `${registry.host} dev`,
        '--username',
        'u',
        '--password-stdin',
        SECRET,
      ],
      { secrets: [SECRET] },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'argument 8, after --password-stdin, is not a flag (it is not shown, as it may be a secret)',
    );
  });

  test('--password-stdin reads at most 64 KiB: more is an input error, not a buffer', async () => {
    const run = await runCli(
      [
        'push',
        '--image',
        `oci:${layout.dir}`,
        '--registries',
        `${registry.host} dev`,
        '--repository',
        'leak/stdin',
        '--build',
        'dev',
        '--version',
        '0.1.0',
        '--username',
        registry.username,
        '--password-stdin',
      ],
      { input: `${registry.password}\n${'x'.repeat(4 * 1024 * 1024)}` },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--password-stdin: stdin holds more than 64 KiB');
  });
});

test('hosts compare case-insensitively: LOCALHOST:PORT finds the credential of localhost:PORT', async () => {
  const port = registry.host.split(':')[1] ?? '';
  const run = await runAction({
    image: `oci:${layout.dir}`,
    repository: 'leak/case',
    registries: `LOCALHOST:${port} dev`,
    credentials: `localhost:${port}=${registry.username}:${registry.password}`,
  });
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`LOCALHOST:${port}: credential from the \`credentials\` input`);
  expect(await inspectRaw(registry, `leak/case@${layout.manifest.digest}`)).toEqual(
    layout.manifest.bytes,
  );
});
