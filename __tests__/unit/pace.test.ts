import { OpsPacer } from '../../src/registry/pace.js';

/** A clock that only moves when the pacer sleeps, so the pacing is exact and instant. */
function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: (ms) => {
      slept.push(ms);
      t += ms;
      return Promise.resolve();
    },
    slept,
  };
}

test('Basic: 800 reads fit one minute (80 % of 1,000); the 801st waits for the next minute', async () => {
  const clock = fakeClock();
  const pacer = new OpsPacer('basic', clock);
  for (let i = 0; i < 800; i++) await pacer.take('read');
  expect(clock.slept).toEqual([]);
  await pacer.take('read');
  expect(clock.slept).toEqual([60_000]);
  expect(pacer.counts).toMatchObject({ read: 801, waits: 1 });
});

test('writes have their own budget: 80 per minute on Basic, 1,600 on Premium', async () => {
  const basic = fakeClock();
  const pacer = new OpsPacer('basic', basic);
  for (let i = 0; i < 80; i++) await pacer.take('write');
  await pacer.take('read');
  expect(basic.slept).toEqual([]);
  await pacer.take('write');
  expect(basic.slept).toEqual([60_000]);

  const premium = fakeClock();
  const fast = new OpsPacer('premium', premium);
  for (let i = 0; i < 1600; i++) await fast.take('write');
  expect(premium.slept).toEqual([]);
});

test("a 429's Retry-After pauses every request until it has passed", async () => {
  const clock = fakeClock();
  const pacer = new OpsPacer('premium', clock);
  await pacer.take('read');
  pacer.throttled(7_000);
  await pacer.take('read');
  expect(clock.slept).toEqual([7_000]);
  expect(pacer.counts.throttled).toBe(1);
});

test("Docker Hub's RateLimit-Remaining: 0 stops manifest GETs for the window (HEADs and listings go on), then lets them through", async () => {
  const clock = fakeClock();
  const pacer = new OpsPacer(undefined, clock);
  const get = {
    method: 'GET' as const,
    url: new URL('https://docker.io/v2/library/a/manifests/1'),
  };
  expect(pacer.refusal(get)).toBeUndefined();
  pacer.observe({ 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '0;w=21600' });
  expect(pacer.refusal(get)).toMatch(
    /pull budget is spent \(RateLimit-Remaining: 0 of 100\) for 360 more minute/,
  );
  expect(pacer.refusal({ ...get, method: 'HEAD' })).toBeUndefined();
  expect(
    pacer.refusal({ ...get, url: new URL('https://docker.io/v2/library/a/tags/list') }),
  ).toBeUndefined();
  await clock.sleep(21_600_000);
  expect(pacer.refusal(get)).toBeUndefined();
});

test('a registry with no tier has no budget of its own, but its 429 pauses every request to it', async () => {
  const clock = fakeClock();
  const pacer = new OpsPacer(undefined, clock);
  for (let i = 0; i < 20_000; i++) await pacer.take('read');
  expect(clock.slept).toEqual([]);
  pacer.throttled(5_000);
  await pacer.take('write');
  expect(clock.slept).toEqual([5_000]);
});
