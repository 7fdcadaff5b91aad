import { tmpdir } from 'node:os';
import type { JobContext } from '../../src/jobs/context.js';

/**
 * A job context for running a job in process (tests, the bench): lines go to `lines` (or
 * nowhere), phases just run, no secret is recorded, and nothing stops the run unless the
 * test passes a signal. Anything else is given in `overrides`.
 */
export function testJobContext(
  overrides: Partial<JobContext> = {},
  lines: string[] | undefined = undefined,
): JobContext {
  const log = (line: string): void => {
    lines?.push(line);
  };
  return {
    env: {},
    log: { debug: () => undefined, info: log, warning: log },
    onSecret: () => undefined,
    phase: (_name, work) => work(),
    getIdToken: () => Promise.reject(new Error('no OIDC token in this test')),
    tempDir: tmpdir(),
    signal: new AbortController().signal,
    ...overrides,
  };
}
