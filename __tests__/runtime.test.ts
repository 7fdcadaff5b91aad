import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '..');

test('tests run on Node 24, the runtime action.yml declares', async () => {
  const action = parse(await readFile(resolve(ROOT, 'action.yml'), 'utf8')) as {
    runs: { using: string; main: string };
  };
  expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  expect(process.versions.node.split('.')[0]).toBe('24');
});

test('the project is ESM', async () => {
  const pkg = JSON.parse(await readFile(resolve(ROOT, 'package.json'), 'utf8')) as { type: string };
  expect(pkg.type).toBe('module');
});
