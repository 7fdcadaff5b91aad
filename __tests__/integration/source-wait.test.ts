import { RegistryClient } from '../../src/registry/client.js';
import { RegistryError } from '../../src/registry/errors.js';
import { createTransport } from '../../src/registry/http.js';
import { RegistrySource } from '../../src/source/registry.js';
import { SourceError } from '../../src/source/source.js';
import { startRegistry, type TestRegistry } from '../harness/registry.js';

/**
 * The wait for a lagging replica is bounded: a tag that never appears fails after the
 * budget (60 s by default), each wait reported. The clock is fake; the registry is real.
 */
let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry('anonymous');
});
afterAll(async () => {
  await registry?.stop();
});

test('a manifest that stays 404 is given up on after 60 s, with the registry error', async () => {
  let t = 0;
  const waits: string[] = [];
  const source = new RegistrySource(
    new RegistryClient({
      endpoint: { host: registry.host },
      send: createTransport({ userAgent: 'oci-push-test' }),
    }),
    'giantswarm/never',
    '1.0.0',
    {
      onWait: (message) => waits.push(message),
      now: () => t,
      sleep: (ms) => {
        t += ms;
        return Promise.resolve();
      },
    },
  );
  const error = await source.resolve().then(
    () => undefined,
    (e: unknown) => e,
  );
  // A source error that names the source, carrying the registry's own answer.
  expect(error).toBeInstanceOf(SourceError);
  expect((error as Error).message).toContain(`docker://${registry.host}/giantswarm/never:1.0.0`);
  const cause = (error as Error).cause;
  expect(cause).toBeInstanceOf(RegistryError);
  expect((cause as RegistryError).status).toBe(404);
  expect(t).toBe(60_000);
  expect(waits.length).toBeGreaterThan(3);
  expect(waits[0]).toContain('up to 60 s in all');
});
