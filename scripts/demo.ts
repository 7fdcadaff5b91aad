/**
 * The quickest way to see oci-push's whole job: three real registries on loopback (the new
 * and the old ACR, and a mirror), a multi-platform image, and the built action run exactly
 * as a GitHub runner runs it: a dev build, a release of v1.2.3, and that release again.
 * `npm run demo`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ActionRun, runAction, visibleLog } from '../__tests__/harness/action.js';
import { makeChartDir, pathWithHelm } from '../__tests__/harness/charts.js';
import { makeMultiPlatformLayout } from '../__tests__/harness/fixtures.js';
import { startRegistry, type TestRegistry } from '../__tests__/harness/registry.js';
import { listTags } from '../__tests__/harness/skopeo.js';
import { HELM4 } from '../__tests__/harness/tools.js';

const tty = process.stdout.isTTY;
const bold = (text: string): string => (tty ? `\x1b[1m${text}\x1b[0m` : text);
const dim = (text: string): string => (tty ? `\x1b[2m${text}\x1b[0m` : text);

/** The job log as a runner shows it: groups as headings, workflow commands as plain lines. */
function renderLog(run: ActionRun): string {
  return visibleLog(run, true)
    .split('\n')
    .filter((line) => line !== '::endgroup::' && line.trim() !== '')
    .map((line) => {
      const group = /^::group::(.*)$/.exec(line);
      if (group) return `▸ ${group[1]}`;
      const command = /^::(error|warning|notice)(?: [^:]*)?::(.*)$/.exec(line);
      if (command) return `  ${command[1]?.toUpperCase()}: ${decodeURIComponent(command[2] ?? '')}`;
      return `    ${line}`;
    })
    .join('\n');
}

/** The job summary's Markdown as plain text, tables aligned. */
function renderSummary(markdown: string): string {
  const out: string[] = [];
  let table: string[][] = [];
  const flush = (): void => {
    if (table.length === 0) return;
    const widths =
      table[0]?.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length))) ?? [];
    for (const row of table)
      out.push(`  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd());
    table = [];
  };
  for (const line of markdown.split('\n')) {
    const plain = line.replace(/\*\*/g, '').replace(/`/g, '').replace(/<br>/g, ', ');
    if (plain.startsWith('|')) {
      if (!/^\|\s*-/.test(plain))
        table.push(
          plain
            .slice(1, -1)
            .split(' | ')
            .map((c) => c.trim()),
        );
      continue;
    }
    flush();
    out.push(plain.replace(/^#+\s*/, ''));
  }
  flush();
  return out.join('\n').trim();
}

function show(title: string, run: ActionRun): void {
  console.log(`\n${bold(`━━ ${title} → exit code ${run.code} ━━`)}\n`);
  console.log(dim(renderLog(run)));
  console.log(`\n${bold('Outputs')}`);
  for (const [name, value] of Object.entries(run.outputs)) {
    if (name === 'result' || value === '') continue;
    console.log(`  ${name.padEnd(13)} ${value.replace(/\n/g, `\n  ${' '.repeat(14)}`)}`);
  }
  console.log(`\n${bold('Job summary')}`);
  console.log(renderSummary(run.summary));
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'oci-push-demo-'));
  const registries: TestRegistry[] = [];
  try {
    const [gsoci, old, mirror] = await Promise.all([
      startRegistry('token'),
      startRegistry('basic'),
      startRegistry('anonymous'),
    ]);
    if (!gsoci || !old || !mirror) throw new Error('registries did not start');
    registries.push(gsoci, old, mirror);
    console.log(bold('Three real docker-registry instances on loopback:'));
    console.log(`  ${gsoci.host.padEnd(16)} "gsoci": the new ACR, Bearer tokens, takes dev builds`);
    console.log(`  ${old.host.padEnd(16)} "giantswarm": the old ACR, Basic auth, releases only`);
    console.log(
      `  ${mirror.host.padEnd(16)} "aliyun": a mirror, anonymous; its failures never block`,
    );

    const image = await makeMultiPlatformLayout(join(work, 'image'), {
      layerSize: 2 * 1024 * 1024,
    });
    console.log(
      `\nA multi-platform image (linux/amd64, linux/arm64 and a provenance attestation), as ` +
        `buildx writes it: oci:${image.dir}`,
    );

    const chart = await makeChartDir(work, {
      name: 'demo-app',
      version: '0.1.0',
      appVersion: '0.1.0',
    });
    console.log(
      `A Helm chart directory beside it, packaged by the action with the same version: ${chart.dir}`,
    );

    const inputs = {
      image: `oci:${image.dir}`,
      chart: chart.dir,
      repository: 'giantswarm/demo-app',
      registries: `${gsoci.host} dev\n${old.host}`,
      mirrors: mirror.host,
      credentials: `${gsoci.host}=${gsoci.username}:${gsoci.password}\n${old.host}=${old.username}:${old.password}`,
      tags: 'latest',
    };
    // What a runner provides: the event payload, which says the repository is public.
    const event = join(work, 'event.json');
    await writeFile(
      event,
      JSON.stringify({ repository: { full_name: 'giantswarm/demo-app', visibility: 'public' } }),
    );
    const runner = {
      GITHUB_REPOSITORY: 'giantswarm/demo-app',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: event,
      PATH: pathWithHelm(HELM4), // helm, as on GitHub's runners, to package the chart
    };
    const sha = '3f1e5c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f';
    const runs: ActionRun[] = [];
    runs.push(
      await runAction(inputs, { ...runner, GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha }),
    );
    show('1. A dev build (a push to main)', runs[0] as ActionRun);
    runs.push(
      await runAction(inputs, { ...runner, GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_SHA: sha }),
    );
    show('2. A release (the tag v1.2.3)', runs[1] as ActionRun);
    runs.push(
      await runAction(inputs, { ...runner, GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_SHA: sha }),
    );
    show('3. The same release again: a no-op', runs[2] as ActionRun);

    console.log(`\n${bold('skopeo, independently: the tags each registry now holds')}`);
    for (const registry of registries) {
      const tags = await listTags(registry, 'giantswarm/demo-app');
      const chartTags = await listTags(registry, 'charts/giantswarm/demo-app');
      console.log(
        `  ${registry.host.padEnd(16)} image: ${tags.sort().join(', ') || 'none'}; ` +
          `chart: ${chartTags.sort().join(', ') || 'none'}`,
      );
    }
    if (runs.some((r) => r.code !== 0)) process.exitCode = 1;
  } finally {
    await Promise.all(registries.map((r) => r.stop()));
    await rm(work, { recursive: true, force: true });
  }
}

await main();
