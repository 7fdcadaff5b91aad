import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { ROOT } from '../harness/tools.js';

/**
 * docs/troubleshooting.md quotes the messages users see, so that searching the page for a
 * few words of an error finds its fix. A quote is a `> ` line holding one code span; capital
 * words the page's "Placeholders" paragraph lists stand for a value the message fills in.
 * Every quote must still be printed by src/: found in one string expression of the source,
 * where a template's `${…}` (or any part of a `+` chain that is not a literal) is a hole
 * that a placeholder may stand for. A message that changes fails this until the page
 * follows it.
 */
const PAGE = 'docs/troubleshooting.md';
/** A quote shorter than this (placeholders aside) would find messages it does not mean. */
const MIN_QUOTE_LITERAL = 15;
/** Stands for a `${…}` hole of a message in the joined source text. */
const HOLE = '\u0000';

interface Quote {
  line: number;
  text: string;
}

/** The text of a one-code-span line (CommonMark: n backticks open, n close; one space each side trimmed). */
function codeSpan(text: string): string | undefined {
  const open = /^`+/.exec(text)?.[0];
  if (!open || !text.endsWith(open) || text.length <= open.length * 2) return undefined;
  const inner = text.slice(open.length, -open.length);
  if (inner.includes(open) || inner.startsWith('`') || inner.endsWith('`')) return undefined;
  return inner.length > 2 && inner.startsWith(' ') && inner.endsWith(' ')
    ? inner.slice(1, -1)
    : inner;
}

function quotesOf(page: string): { quotes: Quote[]; malformed: number[] } {
  const quotes: Quote[] = [];
  const malformed: number[] = [];
  page.split('\n').forEach((line, i) => {
    if (!line.startsWith('> ')) return;
    const text = codeSpan(line.slice(2).trim());
    if (text === undefined) malformed.push(i + 1);
    else quotes.push({ line: i + 1, text });
  });
  return { quotes, malformed };
}

/** The capital words of the page's `**Placeholders:**` paragraph. */
function placeholdersOf(page: string): string[] {
  const start = page.indexOf('**Placeholders:**');
  if (start < 0) return [];
  const paragraph = page.slice(start, page.indexOf('\n\n', start));
  return [...paragraph.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1] as string);
}

/** A quote as a pattern: literal text as it is, each placeholder a hole or its own word. */
function patternOf(text: string, placeholders: readonly string[]): RegExp {
  const names = new RegExp(`\\b(${placeholders.join('|')})\\b`);
  const parts = text.split(names);
  const source = parts
    .map((part, i) =>
      i % 2 === 1 ? `(?:${HOLE}+|${part})` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(source);
}

function literalLength(text: string, placeholders: readonly string[]): number {
  return text.replace(new RegExp(`\\b(${placeholders.join('|')})\\b`, 'g'), '').length;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(path)));
    else if (entry.name.endsWith('.ts')) files.push(path);
  }
  return files;
}

/**
 * Every string expression of a source file, cooked as the user reads it: string literals,
 * templates (each `${…}` a hole), and `+` chains of them joined (an operand that is not a
 * string, a hole). Inner expressions are collected too, so a branch of `a ? 'x' : 'y'`
 * inside a template is a text of its own.
 */
function stringExpressions(code: string, fileName = 'message.ts'): string[] {
  const texts: string[] = [];
  const isPlus = (node: ts.Node): node is ts.BinaryExpression =>
    ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken;
  const isStringish = (node: ts.Node): boolean =>
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateExpression(node) ||
    (ts.isParenthesizedExpression(node) &&
      isPlus(node.expression) &&
      isStringish(node.expression)) ||
    (isPlus(node) && (isStringish(node.left) || isStringish(node.right)));
  const joined = (node: ts.Expression): string => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) {
      return node.head.text + node.templateSpans.map((s) => HOLE + s.literal.text).join('');
    }
    if (ts.isParenthesizedExpression(node) && isStringish(node)) return joined(node.expression);
    if (isPlus(node) && isStringish(node)) return joined(node.left) + joined(node.right);
    return HOLE;
  };
  const visit = (node: ts.Node): void => {
    if (isStringish(node)) texts.push(joined(node as ts.Expression));
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false));
  return texts;
}

async function messageTexts(): Promise<string[]> {
  const texts: string[] = [];
  for (const file of await sourceFiles(join(ROOT, 'src'))) {
    texts.push(...stringExpressions(await readFile(file, 'utf8'), file));
  }
  return texts;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as `-`. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

let page: string;
let quotes: Quote[];
let malformed: number[];
let placeholders: string[];
let texts: string[];

beforeAll(async () => {
  page = await readFile(join(ROOT, PAGE), 'utf8');
  ({ quotes, malformed } = quotesOf(page));
  placeholders = placeholdersOf(page);
  texts = await messageTexts();
});

const found = (text: string): boolean => {
  const pattern = patternOf(text, placeholders);
  return texts.some((t) => pattern.test(t));
};

test('a message is read as it prints: a `+` chain joined, each `${…}` a hole', () => {
  const code = "throw new Error(`${host} refused the ` + 'credentials (HTTP ' + status + ')');";
  const [whole] = stringExpressions(code);
  expect(whole).toBe(`${HOLE} refused the credentials (HTTP ${HOLE})`);
  const placeholders = ['HOST', 'STATUS'];
  expect(
    patternOf('HOST refused the credentials (HTTP STATUS)', placeholders).test(whole ?? ''),
  ).toBe(true);
  expect(
    patternOf('HOST refused the credential (HTTP STATUS)', placeholders).test(whole ?? ''),
  ).toBe(false);
  expect(patternOf('refused the credentials (HTTP 401)', placeholders).test(whole ?? '')).toBe(
    false,
  );
});

test('the page declares its placeholders and quotes many messages', () => {
  expect(placeholders).toEqual(expect.arrayContaining(['HOST', 'REPO', 'TAG', 'DIGEST']));
  expect(quotes.length).toBeGreaterThan(200);
});

test('every placeholder the page lists stands in some quote', () => {
  const unused = placeholders.filter(
    (word) => !quotes.some((q) => new RegExp(`\\b${word}\\b`).test(q.text)),
  );
  expect(unused).toEqual([]);
});

test('every quote line holds exactly one code span', () => {
  expect(malformed).toEqual([]);
});

test('every quote is long enough to name one message', () => {
  const short = quotes
    .filter((q) => literalLength(q.text, placeholders) < MIN_QUOTE_LITERAL)
    .map((q) => `${PAGE}:${q.line}: ${q.text}`);
  expect(short).toEqual([]);
});

test('every quoted message is one src/ prints', () => {
  const missing = quotes.filter((q) => !found(q.text)).map((q) => `${PAGE}:${q.line}: ${q.text}`);
  expect(missing).toEqual([]);
});

test('a quote changed by one character is no longer found (the check is not vacuous)', () => {
  const changed = quotes
    .map((q) => {
      // Break the literal text in its middle: a letter swapped for a character no message has.
      const at = q.text.search(/[a-z]/) + Math.floor(q.text.length / 2);
      const i = /[a-z]/.test(q.text[at] ?? '') ? at : q.text.search(/[a-z]/);
      return { ...q, text: `${q.text.slice(0, i)}§${q.text.slice(i + 1)}` };
    })
    .filter((q) => found(q.text))
    .map((q) => `${PAGE}:${q.line}: ${q.text}`);
  expect(changed).toEqual([]);
});

test('every entry quotes a message and says the fix', () => {
  const entries = page.split(/^### /m).slice(1);
  const incomplete = entries
    .filter(
      (entry) =>
        !/^> `/m.test(entry) || !(entry.includes('**Fix:**') || entry.includes('**Why:**')),
    )
    .map((entry) => entry.split('\n')[0]);
  expect(incomplete).toEqual([]);
});

test('every link of the page leads to a heading or a file that exists', () => {
  const anchors = new Set(
    [...page.matchAll(/^#{2,3} (.+)$/gm)].map((m) => anchorOf(m[1] as string)),
  );
  const broken: string[] = [];
  for (const [, target] of page.matchAll(/\]\(([^)\s]+)\)/g)) {
    const link = target as string;
    if (/^[a-z]+:/.test(link)) continue;
    const [path, anchor] = link.split('#');
    if (path) {
      const file = resolve(dirname(join(ROOT, PAGE)), path);
      if (!existsSync(file)) broken.push(`${link} (no ${relative(ROOT, file)})`);
    } else if (!anchors.has(anchor ?? '')) broken.push(link);
  }
  expect(broken).toEqual([]);
});
