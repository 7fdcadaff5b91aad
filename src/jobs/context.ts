import { interruption } from '../base/errors.js';
import type { CopyHooks } from '../engine/copy.js';
import type { Logger, SecretSink } from '../registry/log.js';
import {
  type RegistryTransportOptions,
  registryTransports,
  type TransportFactory,
} from '../registry/retry.js';
import { USER_AGENT } from '../registry/user-agent.js';
import { SIGNAL_EXIT } from './exit-codes.js';

/**
 * What every job (push, sync, cleanup) runs with, lent by the face that starts it: the action
 * hands `@actions/core`'s functions, the CLI its console and its own exec, tests recorders.
 * A face builds this and renders the outcome; everything between is the job's.
 */
export interface JobContext {
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Told each secret before anything could print it (`core.setSecret`, the CLI's mask). */
  onSecret: SecretSink;
  /** Runs one phase of the job; the action puts each in a log group. */
  phase: <T>(name: string, work: () => Promise<T>) => Promise<T>;
  /** The OIDC token keyless Azure login exchanges (GitHub's, CircleCI's, or one given). */
  getIdToken: (audience: string) => Promise<string>;
  /**
   * The registries' transport, for a registry's deadline and retry budget. Unset: the
   * retrying one, with oci-push's User-Agent and `signal`. Tests inject faults through it.
   */
  transport?: TransportFactory;
  /** Progress of uploads, per target. */
  hooks?: CopyHooks;
  /** Where archives are unpacked, daemon images saved and charts packaged. */
  tempDir: string;
  /**
   * Aborted with an `InterruptedError` when the face receives SIGINT or SIGTERM: requests
   * stop, upload sessions are cancelled, temporary files go, and the job reports what it did.
   */
  signal: AbortSignal;
}

/**
 * What a job shows, on every face: outputs, the job summary, annotations, and, when the job
 * fails, the message it fails with. Each job's report extends it (`PushReport`, the sync's,
 * the cleanup's); the exit code travels beside it (`JobOutcome`).
 */
export interface Report {
  outputs: Record<string, string>;
  summary: string;
  annotations: Annotation[];
  /** Set when the job fails: it fails with this message. */
  failure?: string;
}

/** A finding raised apart from the log: a GitHub annotation with its title; a line in the CLI. */
export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  title: string;
  message: string;
}

/** What every job returns: what to show, and the one exit code (src/jobs/exit-codes.ts). */
export interface JobOutcome<R extends Report = Report> {
  report: R;
  exitCode: number;
}

/**
 * The context's transport, or the retrying one every job uses by default; `below` wraps each
 * attempt under the retries (the sync paces each registry there).
 */
export function transportsOf(
  context: JobContext,
  options: Pick<RegistryTransportOptions, 'below'> = {},
): TransportFactory {
  return (
    context.transport ??
    registryTransports({
      userAgent: USER_AGENT,
      log: context.log.info,
      signal: context.signal,
      ...options,
    })
  );
}

/**
 * A job's outcome as a stop leaves it: when the run was interrupted, the summary says so
 * first, the job fails with that, and the exit code is the signal's (130, 143). What the job
 * did until then stays in the report and `result`.
 */
export function withStop<O extends JobOutcome>(outcome: O, signal: AbortSignal): O {
  const stopped = interruption(signal);
  if (!stopped) return outcome;
  return {
    ...outcome,
    report: {
      ...outcome.report,
      summary:
        `> **Interrupted by ${stopped.signal}.** oci-push stopped: requests in flight ended, ` +
        'upload sessions were cancelled and temporary files removed. What is below is what was ' +
        'done until then; no tag was written on incomplete content. Run the job again to ' +
        `finish.\n\n${outcome.report.summary}`,
      failure:
        `oci-push was interrupted by ${stopped.signal}; the summary and \`result\` say what ` +
        'was done. Run the job again to finish it',
    },
    exitCode: SIGNAL_EXIT[stopped.signal],
  };
}
