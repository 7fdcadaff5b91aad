import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/index.js';
import {
  envName,
  type FlagSpec,
  parseFlags,
  UsageError,
  withFlagHint,
} from '../../src/cli/flags.js';
import { PUSH_FLAGS } from '../../src/cli/push.js';
import { CLEANUP_FLAGS } from '../../src/cli/cleanup.js';
import { parsePushInputs } from '../../src/jobs/push-inputs.js';

const SPECS: FlagSpec[] = [
  { name: 'registries', type: 'string', help: '' },
  { name: 'registry', type: 'string', input: 'registries', multiple: true, help: '' },
  { name: 'build', type: 'string', help: '' },
  { name: 'tag-prefix', type: 'string', help: '' },
  { name: 'dry-run', type: 'boolean', help: '' },
  { name: 'verbose', type: 'boolean', help: '' },
];

test('a flag feeds the input of its name; OCI_PUSH_<NAME> when the flag is absent; the flag wins', () => {
  const env = { OCI_PUSH_BUILD: 'dev', OCI_PUSH_TAG_PREFIX: 'foo/' };
  expect(parseFlags(SPECS, [], env).input('build')).toBe('dev');
  expect(parseFlags(SPECS, ['--build', 'release'], env).input('build')).toBe('release');
  expect(parseFlags(SPECS, ['--build=release'], env).input('tag-prefix')).toBe('foo/');
  expect(parseFlags(SPECS, [], {}).input('build')).toBe('');
  expect(envName('dry-run')).toBe('OCI_PUSH_DRY_RUN');
});

test('list inputs take lines, commas and repeated singular flags; any flag beats the variables', () => {
  const flags = parseFlags(
    SPECS,
    ['--registries', 'a.io dev,b.io', '--registry', 'c.io private', '--registry', 'd.io'],
    { OCI_PUSH_REGISTRIES: 'ignored.io' },
  );
  expect(flags.input('registries').split('\n')).toEqual([
    'a.io dev',
    'b.io',
    'c.io private',
    'd.io',
  ]);
  expect(parseFlags(SPECS, [], { OCI_PUSH_REGISTRIES: 'x.io dev\ny.io' }).input('registries')).toBe(
    'x.io dev\ny.io',
  );
});

test('booleans: --x is true, --no-x false over the variable, the variable otherwise', () => {
  expect(parseFlags(SPECS, ['--dry-run'], {}).input('dry-run')).toBe('true');
  expect(parseFlags(SPECS, ['--no-dry-run'], { OCI_PUSH_DRY_RUN: 'true' }).input('dry-run')).toBe(
    'false',
  );
  expect(parseFlags(SPECS, [], { OCI_PUSH_DRY_RUN: 'true' }).input('dry-run')).toBe('true');
  expect(parseFlags(SPECS, [], { OCI_PUSH_VERBOSE: 'TRUE' }).boolean('verbose')).toBe(true);
  expect(() => parseFlags(SPECS, [], { OCI_PUSH_VERBOSE: 'yes' }).boolean('verbose')).toThrow(
    'OCI_PUSH_VERBOSE: "yes" is not true or false',
  );
});

test('unknown flags, missing values, positionals and a repeated single flag are usage errors naming the flag', () => {
  const usage = (args: string[]): string => {
    try {
      parseFlags(SPECS, args, {});
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error('no error');
  };
  expect(usage(['--registires', 'x'])).toContain("'--registires'");
  expect(usage(['--build'])).toContain('--build');
  // A stray argument is placed, never quoted: `--password-stdin PW` puts a password there.
  expect(usage(['stray'])).toContain('argument 1 is not a flag (it is not shown');
  expect(usage(['stray'])).not.toContain('stray');
  const secret = 'Hunter2SECRETvalue';
  let placed = '';
  try {
    parseFlags(PUSH_FLAGS, ['--username', 'u', '--password-stdin', secret], {});
  } catch (error) {
    placed = (error as Error).message;
  }
  expect(placed).toContain('argument 4, after --password-stdin, is not a flag');
  for (let i = 0; i + 6 <= secret.length; i++) expect(placed).not.toContain(secret.slice(i, i + 6));
  expect(usage(['--build', 'dev', '--build', 'release'])).toBe(
    '--build is given twice; give it once',
  );
  expect(usage(['--dry-run=false'])).toContain('--dry-run');
});

test('credentials are never a flag: only OCI_PUSH_CREDENTIALS', () => {
  expect(
    PUSH_FLAGS.some(
      (f) => /password|credential|secret|token/.test(f.name) && f.name !== 'password-stdin',
    ),
  ).toBe(false);
  const flags = parseFlags(PUSH_FLAGS, [], { OCI_PUSH_CREDENTIALS: 'a.io=u:p' });
  expect(flags.input('credentials')).toBe('a.io=u:p');
  expect(flags.hint('credentials')).toBe('OCI_PUSH_CREDENTIALS');
});

test("the push flags give the action's parser the same inputs the action's input names do", () => {
  const flags = parseFlags(
    PUSH_FLAGS,
    [
      '--image',
      'oci:build/image',
      '--repository',
      'giantswarm/app',
      '--registry',
      'a.io dev',
      '--mirror',
      'm.io',
      '--tag',
      'latest',
      '--tag',
      'stable',
      '--overwrite',
      '--visibility',
      'public',
      '--version',
      '1.2.3',
      '--tag-prefix',
      'app/',
      '--chart-repository',
      'charts/x',
      '--lock',
    ],
    {},
  );
  const inputs = parsePushInputs(flags.input, {}, () => undefined);
  expect(inputs).toMatchObject({
    image: { transport: 'oci', path: 'build/image' },
    repository: 'giantswarm/app',
    registries: [{ host: 'a.io', dev: true }],
    mirrors: [{ host: 'm.io', dev: false }],
    tags: ['latest', 'stable'],
    overwrite: true,
    visibility: 'public',
    version: '1.2.3',
    tagPrefix: 'app/',
    chartRepository: 'charts/x',
    lock: true,
    dryRun: false,
  });
});

test('every action input has a flag of the same name', async () => {
  const { readFile } = await import('node:fs/promises');
  const inputsOf = async (file: string): Promise<string[]> =>
    [
      ...((await readFile(file, 'utf8')).split('\noutputs:')[0] ?? '').matchAll(
        /^ {2}([a-z-]+):$/gm,
      ),
    ].map((m) => m[1] ?? '');
  const pushFlags = new Set(PUSH_FLAGS.map((f) => f.input ?? f.name));
  // `credentials` is OCI_PUSH_CREDENTIALS (no secret in ps); `github-token` is only for
  // visibility: auto, which the CLI answers with --visibility.
  expect((await inputsOf('action.yml')).filter((i) => !pushFlags.has(i))).toEqual([
    'credentials',
    'github-token',
  ]);
  const cleanupFlags = new Set(CLEANUP_FLAGS.map((f) => f.input ?? f.name));
  expect((await inputsOf('cleanup/action.yml')).filter((i) => !cleanupFlags.has(i))).toEqual([]);
});

test('an input error names the flag and the variable that set it', () => {
  const flags = parseFlags(PUSH_FLAGS, [], {});
  expect(withFlagHint('registries line 2: unknown flag "x"', flags)).toBe(
    'registries line 2: unknown flag "x" (set with --registries, --registry or OCI_PUSH_REGISTRIES)',
  );
  expect(withFlagHint('The commit sha', flags)).toBe('The commit sha');
});

describe('runCli in process', () => {
  async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const text = (s: PassThrough): string => s.read()?.toString() ?? '';
    const code = await runCli(argv, {
      stdout,
      stderr,
      stdin: new PassThrough(),
      env,
      cwd: '/',
      isTTY: false,
    });
    return { code, stdout: text(stdout), stderr: text(stderr) };
  }

  test("--version before a command is the CLI's; --help lists commands and exit codes", async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/push .*\n.*cleanup/);
    expect(help.stdout).toContain('3    a release was refused');
    expect(help.stdout).toContain('143 stopped by SIGTERM');
    const pushHelp = await run(['push', '--help']);
    expect(pushHelp.stdout).toContain('--password-stdin');
    expect(pushHelp.stdout).toContain('Exit codes (');
  });

  test('no command, an unknown command, and a push --version with no value exit 2', async () => {
    expect((await run([])).code).toBe(2);
    const unknown = await run(['pusj']);
    expect(unknown).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('"pusj" is not a command'),
    });
    const version = await run(['push', '--version']);
    expect(version).toMatchObject({ code: 2, stderr: expect.stringContaining('--version') });
  });

  test('a misspelt OCI_PUSH_ variable is warned about', async () => {
    const { stderr } = await run(['push', '--image', 'nope:x'], { OCI_PUSH_REGISTERIES: 'x' });
    expect(stderr).toContain('OCI_PUSH_REGISTERIES is not a variable oci-push reads');
  });
});
