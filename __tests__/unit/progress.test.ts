import { ProgressThrottle } from '../../src/jobs/progress.js';

test('at most one line per registry per interval, and none for a short push', () => {
  let now = 0;
  const lines: string[] = [];
  const progress = new ProgressThrottle(
    5_000,
    (l) => lines.push(l),
    () => now,
  );
  for (now = 0; now <= 2_000; now += 100) progress.update('a', () => `a ${now}`);
  expect(lines).toEqual([]);
  for (; now <= 13_000; now += 100) {
    progress.update('a', () => `a ${now}`);
    progress.update('b', () => `b ${now}`);
  }
  expect(lines.filter((l) => l.startsWith('a'))).toEqual(['a 2500', 'a 7500', 'a 12500']);
  expect(lines.filter((l) => l.startsWith('b'))).toEqual(['b 4600', 'b 9600']);
});
