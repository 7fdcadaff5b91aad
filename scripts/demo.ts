/**
 * The quickest way to see oci-push work: real registries on loopback, a generated image,
 * and the built action run exactly as a GitHub runner runs it. `npm run demo`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction, visibleLog, type ActionRun } from '../__tests__/harness/action.js';
import { makeOciLayout } from '../__tests__/harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../__tests__/harness/registry.js';
import { inspectRaw, listTags } from '../__tests__/harness/skopeo.js';

const bold = (text: string): string => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

function show(title: string, run: ActionRun): void {
  console.log(`\n${bold(`── ${title}: exit ${run.code} ──`)}`);
  console.log(bold('log:'));
  console.log(visibleLog(run, true).trim().replace(/^/gm, '  '));
  console.log(bold('outputs:'));
  for (const [name, value] of Object.entries(run.outputs)) {
    const shown = name === 'result' ? JSON.stringify(JSON.parse(value), null, 2) : value;
    console.log(`  ${name}: ${shown.replace(/\n/g, '\n    ')}`);
  }
  console.log(bold('job summary:'));
  console.log(run.summary.trim().replace(/^/gm, '  '));
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'oci-push-demo-'));
  const registries: TestRegistry[] = [];
  try {
    const open = await startRegistry('anonymous');
    registries.push(open);
    const secured = await startRegistry('token');
    registries.push(secured);
    console.log(bold('Two real docker-registry instances on loopback:'));
    console.log(`  ${open.host}     anonymous`);
    console.log(
      `  ${secured.host}     Bearer tokens (like Docker Hub and ACR), user ${secured.username}`,
    );

    const image = await makeOciLayout(join(work, 'image'), {
      layerSizes: [512 * 1024, 4 * 1024 * 1024],
    });
    console.log(
      `\nA sample image as an OCI layout: ${image.dir} (manifest ${image.manifest.digest})`,
    );

    const inputs = {
      image: `oci:${image.dir}`,
      repository: 'giantswarm/demo-app',
      registries: `${open.host} dev\n${secured.host} dev`,
      credentials: `${secured.host}=${secured.username}:${secured.password}`,
    };
    const first = await runAction(inputs);
    show('dev build', first);
    const again = await runAction(inputs);
    show('the same dev build again (every blob already there)', again);

    console.log(`\n${bold('skopeo, independently:')}`);
    for (const registry of registries) {
      const raw = await inspectRaw(registry, `giantswarm/demo-app@${first.outputs.digest}`);
      const tags = await listTags(registry, 'giantswarm/demo-app');
      console.log(
        `  ${registry.host}/giantswarm/demo-app@${first.outputs.digest}: ${raw.length}-byte manifest, ` +
          `${raw.equals(image.manifest.bytes) ? 'identical to the source' : 'DIFFERENT from the source'}; ` +
          `tags: ${tags.length ? tags.join(', ') : 'none'}`,
      );
    }
    if (first.code !== 0 || again.code !== 0) process.exitCode = 1;
  } finally {
    await Promise.all(registries.map((r) => r.stop()));
    await rm(work, { recursive: true, force: true });
  }
}

await main();
