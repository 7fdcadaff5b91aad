import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/ (docs/architecture.md), lowest first. A layer may import those below
 * it and never those above: lint fails on an upward import, so CI keeps the arrows pointing
 * down (__tests__/unit/layers.test.ts proves it does). Parts (registry, helm, source, azure,
 * sigstore) sit side by side; each lists what it may import.
 */
const LAYERS = {
  base: [],
  oci: ['base'],
  registry: ['base', 'oci'],
  helm: ['base', 'oci', 'registry'],
  source: ['base', 'oci', 'registry', 'helm'],
  azure: ['base', 'oci', 'registry'],
  sigstore: ['base', 'oci'],
  cleanup: ['base', 'oci', 'registry', 'azure'],
  engine: ['base', 'oci', 'registry', 'helm', 'source'],
  jobs: ['base', 'oci', 'registry', 'helm', 'source', 'azure', 'sigstore', 'cleanup', 'engine'],
  cli: [
    ...['base', 'oci', 'registry', 'helm', 'source', 'azure', 'sigstore', 'cleanup', 'engine'],
    'jobs',
  ],
  action: [
    ...['base', 'oci', 'registry', 'helm', 'source', 'azure', 'sigstore', 'cleanup', 'engine'],
    'jobs',
  ],
};

/** Only the GitHub face speaks to the runner. */
const ACTIONS_TOOLKIT = {
  group: ['@actions/*'],
  message: 'Only src/action imports @actions/*: jobs and parts take what they need as arguments.',
};

function layerRules(layer, below) {
  const forbidden = Object.keys(LAYERS).filter((l) => l !== layer && !below.includes(l));
  const patterns = forbidden.length
    ? [
        {
          group: forbidden.flatMap((l) => [`../${l}`, `../${l}/*`]),
          message: `src/${layer} may import only ${below.join(', ') || 'nothing of src'} (docs/architecture.md: imports point down).`,
        },
      ]
    : [];
  if (layer !== 'action') patterns.push(ACTIONS_TOOLKIT);
  // `import()` (how the Azure SDKs and tar load on demand) is held to the same rule. The
  // selector's regex can't hold a slash: \x2F is one.
  const dynamic = [
    ...(forbidden.length ? [`^\\.\\.\\x2F(${forbidden.join('|')})(\\x2F|$)`] : []),
    ...(layer !== 'action' ? ['^@actions\\x2F'] : []),
  ];
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
      'no-restricted-syntax': [
        'error',
        ...dynamic.map((source) => ({
          selector: `ImportExpression[source.value=/${source}/]`,
          message: `src/${layer} may not load this on demand either (docs/architecture.md: imports point down).`,
        })),
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.tools/', 'build/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  ...Object.entries(LAYERS).map(([layer, below]) => layerRules(layer, below)),
  // The entry points of the bundle and of local-action name the faces.
  {
    files: ['src/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [ACTIONS_TOOLKIT] }],
    },
  },
);
