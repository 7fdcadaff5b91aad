import * as core from '@actions/core';

/** What a job shows on GitHub: outputs, the job summary, annotations, and the verdict. */
export interface ActionReport {
  outputs: Record<string, string>;
  summary: string;
  annotations?: { level: 'error' | 'warning' | 'notice'; title: string; message: string }[];
  /** Set when the job fails, with this message. */
  failure?: string;
}

export async function renderReport(report: ActionReport): Promise<void> {
  for (const [name, value] of Object.entries(report.outputs)) core.setOutput(name, value);
  await core.summary.addRaw(report.summary).write();
  for (const a of report.annotations ?? []) core[a.level](a.message, { title: a.title });
  if (report.failure) core.setFailed(report.failure);
}
