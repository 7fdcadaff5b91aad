import { jest } from '@jest/globals';

/** A small typed fixture for the parts of @actions/core that the push action uses. */
const inputs = new Map<string, string>();
const core = {
  getInput: jest.fn((name: string, options?: { required?: boolean }) => {
    const value = inputs.get(name) ?? '';
    if (options?.required && !value) throw new Error(`Input required and not supplied: ${name}`);
    return value;
  }),
  setSecret: jest.fn<(secret: string) => void>(),
  setOutput: jest.fn<(name: string, value: string) => void>(),
  setFailed: jest.fn<(message: string) => void>(),
  info: jest.fn<(message: string) => void>(),
  debug: jest.fn<(message: string) => void>(),
  warning: jest.fn<(message: string) => void>(),
  error: jest.fn<(message: string) => void>(),
  notice: jest.fn<(message: string) => void>(),
  group: jest.fn(async <T>(_name: string, fn: () => Promise<T>) => fn()),
  summary: { addRaw: jest.fn(() => core.summary), write: jest.fn(async () => core.summary) },
};
jest.unstable_mockModule('@actions/core', () => core);
const { runPushAction: run } = await import('../../src/action/push.js');

/** An early failure still sets `result` (what failed, nothing pushed) and writes a summary. */
function expectFailedResult(stage: string): void {
  const result = core.setOutput.mock.calls.find(([name]) => name === 'result')?.[1];
  expect(JSON.parse(result ?? 'null')).toEqual([
    expect.objectContaining({ status: 'failed', stage, pushed: [] }),
  ]);
  expect(core.summary.write).toHaveBeenCalled();
}

beforeEach(() => {
  inputs.clear();
  jest.clearAllMocks();
});
// The action sets the process's exit code as a runner sees it; the test process must not keep it.
afterEach(() => {
  process.exitCode = undefined;
});

test('neither image nor chart fails the step, naming both inputs', async () => {
  await run();
  expect(core.setFailed).toHaveBeenCalledWith(
    'image, chart: nothing to push; set `image`, `chart`, or both',
  );
  expectFailedResult('inputs');
  expect(process.exitCode).toBe(2);
});

test('an unknown transport fails the step with the input and the fix', async () => {
  inputs.set('image', 'tarball:./image.tar');
  inputs.set('repository', 'giantswarm/app');
  await run();
  expect(core.setFailed).toHaveBeenCalledWith(
    expect.stringMatching(
      /^image "tarball:\.\/image\.tar" does not start with a known transport \(oci:, oci-archive:, docker-archive:, docker-daemon:, docker:\); write one of oci:DIR/,
    ),
  );
});

test('passwords are masked before anything else happens', async () => {
  inputs.set('image', 'oci:/nonexistent');
  inputs.set('repository', 'giantswarm/app');
  inputs.set('credentials', 'a.io=user:first-secret\nb.io=user:second:secret');
  await run();
  expect(core.setSecret).toHaveBeenCalledWith('first-secret');
  expect(core.setSecret).toHaveBeenCalledWith('second:secret');
});

test('no registry marked dev: a dev build fails, saying how to fix the registries input', async () => {
  inputs.set('image', 'oci:/nonexistent');
  inputs.set('repository', 'giantswarm/app');
  inputs.set('registries', 'gsoci.azurecr.io');
  await run({ GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'b'.repeat(40) });
  expect(core.setFailed).toHaveBeenCalledWith(
    expect.stringMatching(
      /^No registry in `registries` takes this dev build.*Mark at least one registry `dev`\.$/,
    ),
  );
});

test('a release-looking tag that is not semver fails, never becoming a dev build', async () => {
  inputs.set('image', 'oci:/nonexistent');
  inputs.set('repository', 'giantswarm/app');
  await run({ GITHUB_REF: 'refs/tags/v1.2', GITHUB_SHA: 'b'.repeat(40) });
  expect(core.setFailed).toHaveBeenCalledWith(
    expect.stringMatching(/^The tag v1\.2 looks like a release, but "1\.2" is not semver/),
  );
  expectFailedResult('plan');
  expect(process.exitCode).toBe(2);
});
