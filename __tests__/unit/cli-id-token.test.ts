import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { InterruptedError } from '../../src/base/errors.js';
import { cliIdToken } from '../../src/cli/id-token.js';

/**
 * The CLI asks GitHub's token service itself (no `@actions/core`); that request is the job's
 * like any other, so a stop ends it. Here the token service is a local server that takes the
 * request and never answers, as a hung one would.
 */
let server: http.Server;
let url: string;
let arrived: Promise<void>;
let gone: Promise<void>;

beforeAll(async () => {
  let onArrive: () => void = () => undefined;
  let onGone: () => void = () => undefined;
  arrived = new Promise((resolve) => (onArrive = resolve));
  gone = new Promise((resolve) => (onGone = resolve));
  server = http.createServer((req) => {
    req.socket.once('close', onGone);
    onArrive();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token?api-version=2.0`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test("a stop ends the CLI's OIDC token request: it fails with the interrupt, and the connection is closed", async () => {
  const controller = new AbortController();
  const stop = new InterruptedError('SIGTERM');
  const request = cliIdToken(
    { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token' },
    'sigstore',
    controller.signal,
  );
  await arrived;
  controller.abort(stop);
  await expect(request).rejects.toBe(stop);
  await gone;
});
