import { ESLint } from 'eslint';
import { ROOT } from '../harness/tools.js';

/**
 * The layer rules of eslint.config.js, through ESLint's own Node API on files placed in the
 * layers (lintText with a path: the config matches it as it would a real file there). An
 * upward import, an `import()` of one, and @actions/* outside src/action fail lint; a
 * downward import does not.
 */
const eslint = new ESLint({ cwd: ROOT });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${file}` });
  return (result?.messages ?? [])
    .filter(
      (m) => m.ruleId?.endsWith('no-restricted-imports') || m.ruleId === 'no-restricted-syntax',
    )
    .map((m) => m.message);
}

test.each([
  [
    'src/engine/upward.ts',
    "import { runPush } from '../jobs/push.js';\nexport const x = runPush;\n",
  ],
  [
    'src/engine/upward.ts',
    "import type { PushInputs } from '../jobs/push-inputs.js';\nexport type X = PushInputs;\n",
  ],
  ['src/engine/upward.ts', "export const x = () => import('../jobs/push.js');\n"],
  [
    'src/engine/azure.ts',
    "import { isAcrHost } from '../azure/keyless.js';\nexport const x = isAcrHost;\n",
  ],
  [
    'src/cleanup/engine.ts',
    "import { forEachLimited } from '../engine/copy.js';\nexport const x = forEachLimited;\n",
  ],
  [
    'src/oci/upward.ts',
    "import { RegistryClient } from '../registry/client.js';\nexport const x = RegistryClient;\n",
  ],
  [
    'src/base/upward.ts',
    "import { isDigest } from '../oci/digest.js';\nexport const x = isDigest;\n",
  ],
  [
    'src/cli/face.ts',
    "import { runPushAction } from '../action/push.js';\nexport const x = runPushAction;\n",
  ],
  ['src/jobs/toolkit.ts', "import * as core from '@actions/core';\nexport const x = core;\n"],
  ['src/source/toolkit.ts', "export const x = () => import('@actions/exec');\n"],
])('lint fails: %s imports what its layer may not', async (file, code) => {
  const errors = await layerErrors(file, code);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/may (import only|not load)|Only src\/action imports @actions/);
});

test.each([
  [
    'src/jobs/down.ts',
    "import { runSyncPlan } from '../engine/sync.js';\nexport const x = runSyncPlan;\n",
  ],
  [
    'src/engine/down.ts',
    "import { forEachLimited } from '../base/limit.js';\nexport const x = forEachLimited;\n",
  ],
  [
    'src/cleanup/down.ts',
    "import { statusOf } from '../azure/acr.js';\nexport const x = statusOf;\n",
  ],
  ['src/action/toolkit.ts', "import * as core from '@actions/core';\nexport const x = core;\n"],
  ['src/azure/sdk.ts', "export const x = () => import('@azure/identity');\n"],
])('lint passes: %s imports downward', async (file, code) => {
  expect(await layerErrors(file, code)).toEqual([]);
});
