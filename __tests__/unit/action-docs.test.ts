import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../harness/tools.js';

/**
 * action.yml is what the runner reads; the README's tables are what users read. They must
 * name the same inputs and outputs, and every default action.yml sets must be in the README.
 */
interface ActionYaml {
  inputs?: Record<string, { default?: unknown }>;
  outputs?: Record<string, unknown>;
}

async function actionYaml(path: string): Promise<ActionYaml> {
  return parse(await readFile(join(ROOT, path), 'utf8')) as ActionYaml;
}

/** The rows of the first table after `heading`: first-column names, and each row's text. */
async function table(readme: string, heading: string): Promise<Map<string, string>> {
  const text = await readFile(join(ROOT, readme), 'utf8');
  const start = text.indexOf(heading);
  if (start < 0) throw new Error(`${readme} has no ${heading}`);
  const rows = new Map<string, string>();
  let inTable = false;
  for (const line of text.slice(start).split('\n').slice(1)) {
    if (line.startsWith('|')) {
      inTable = true;
      const first = line.split('|')[1] ?? '';
      for (const [, name] of first.matchAll(/`([a-z][a-z0-9-]*)`/g)) rows.set(name as string, line);
    } else if (inTable) break;
  }
  return rows;
}

/** Each action.yml, the page documenting it, and the headings (or first cells) of its tables. */
const cases: [string, string, string, string | undefined][] = [
  ['action.yml', 'README.md', '### Inputs', '### Outputs'],
  ['action.yml', 'docs/push.md', '## Inputs', '## Outputs'],
  ['cleanup/action.yml', 'cleanup/README.md', '| input', undefined],
  ['sync/action.yml', 'sync/README.md', '| input', '| output'],
];

test('every action.yml of the repository is covered', async () => {
  const { readdir } = await import('node:fs/promises');
  const found = ['action.yml'];
  for (const entry of await readdir(ROOT, { withFileTypes: true })) {
    if (!entry.isDirectory() || ['node_modules', 'dist', '.git', '.tools'].includes(entry.name)) {
      continue;
    }
    const files = await readdir(join(ROOT, entry.name));
    if (files.includes('action.yml')) found.push(`${entry.name}/action.yml`);
  }
  expect(found.sort()).toEqual([...new Set(cases.map(([action]) => action))].sort());
});

test.each(cases)(
  '%s and %s name the same inputs and outputs, with the same defaults',
  async (action, readme, inputsHeading, outputsHeading) => {
    const yml = await actionYaml(action);
    const inputs = await table(readme, inputsHeading);
    expect([...inputs.keys()].sort()).toEqual(Object.keys(yml.inputs ?? {}).sort());
    const undocumented: string[] = [];
    for (const [name, spec] of Object.entries(yml.inputs ?? {})) {
      const value = String(spec.default ?? '').trim();
      if (value === '' || value.startsWith('${{')) continue;
      for (const part of value.split('\n')) {
        if (!inputs.get(name)?.includes(part.trim())) undocumented.push(`${name}: ${part.trim()}`);
      }
    }
    // Every default action.yml sets, as the README's row for that input must say it.
    expect(undocumented).toEqual([]);
    if (outputsHeading) {
      const outputs = await table(readme, outputsHeading);
      expect([...outputs.keys()].sort()).toEqual(Object.keys(yml.outputs ?? {}).sort());
    }
  },
);

/** Every page a user reads: the READMEs and docs/. */
async function userPages(): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const docs = (await readdir(join(ROOT, 'docs'))).filter((f) => f.endsWith('.md'));
  return ['README.md', 'cleanup/README.md', 'sync/README.md', ...docs.map((f) => `docs/${f}`)];
}

test('every input a page names ("the `x` input", "input `x`") is an input of an action', async () => {
  const known = new Set<string>();
  for (const action of new Set(cases.map(([a]) => a))) {
    for (const name of Object.keys((await actionYaml(action)).inputs ?? {})) known.add(name);
  }
  const unknown: string[] = [];
  let seen = 0;
  for (const page of await userPages()) {
    const text = await readFile(join(ROOT, page), 'utf8');
    const names = [
      ...text.matchAll(/`([a-z][a-z0-9-]*)` input\b/g),
      ...text.matchAll(/\binputs? `([a-z][a-z0-9-]*)`/g),
    ].map((m) => m[1] as string);
    seen += names.length;
    for (const name of names) if (!known.has(name)) unknown.push(`${page}: ${name}`);
  }
  expect(seen).toBeGreaterThan(5);
  expect(unknown).toEqual([]);
});

/** What `oci-push ARGS --help` prints, run in place. */
async function helpOf(args: string[]): Promise<string> {
  const { PassThrough } = await import('node:stream');
  const { runCli } = await import('../../src/cli/index.js');
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const io = { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd: ROOT };
  await runCli([...args, '--help'], { ...io, isTTY: false });
  return text;
}

test("every flag an `oci-push COMMAND` line on a page passes is in that command's --help", async () => {
  const help = new Map<string, string>();
  const wrong: string[] = [];
  let seen = 0;
  for (const page of await userPages()) {
    const text = await readFile(join(ROOT, page), 'utf8');
    for (const line of text.split('\n')) {
      const command = /\boci-push ((?:sync convert)|push|cleanup|sync|catalog)\b(.*)$/.exec(line);
      if (!command) continue;
      const name = command[1] as string;
      if (!help.has(name)) help.set(name, await helpOf(name.split(' ')));
      for (const [, flag] of (command[2] ?? '').matchAll(/(?:^|\s)--([a-z][a-z0-9-]*)/g)) {
        seen++;
        const known = help.get(name) ?? '';
        const base = (flag as string).replace(/^no-/, '');
        if (!known.includes(`--${flag}`) && !known.includes(`--${base}`)) {
          wrong.push(`${page}: oci-push ${name} --${flag}`);
        }
      }
    }
  }
  expect(seen).toBeGreaterThan(10);
  expect(wrong).toEqual([]);
});
