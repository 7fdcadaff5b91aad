import { TokenCache } from '../../src/registry/token-cache.js';

test('a push token also serves a pull of the same repository, but not of another', () => {
  const cache = new TokenCache(() => 0);
  cache.set('realm|svc', ['repository:a/b:pull,push'], 'T1', 300);
  expect(cache.get('realm|svc', ['repository:a/b:pull'])).toBe('T1');
  expect(cache.get('realm|svc', ['repository:a/b:pull,push'])).toBe('T1');
  expect(cache.get('realm|svc', ['repository:c/d:pull'])).toBeUndefined();
  expect(cache.get('other|svc', ['repository:a/b:pull'])).toBeUndefined();
});

test('a token expires a margin before its expires_in, so it never lapses mid-request', () => {
  let now = 0;
  const cache = new TokenCache(() => now);
  cache.set('s', ['repository:a:pull'], 'T', 60);
  now = 44_000;
  expect(cache.get('s', ['repository:a:pull'])).toBe('T');
  now = 46_000;
  expect(cache.get('s', ['repository:a:pull'])).toBeUndefined();
});

test('invalidate forgets the tokens that covered a refused request', () => {
  const cache = new TokenCache(() => 0);
  cache.set('s', ['repository:a:pull,push'], 'T', 300);
  cache.invalidate('s', ['repository:a:pull']);
  expect(cache.get('s', ['repository:a:pull'])).toBeUndefined();
});
