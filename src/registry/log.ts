/**
 * The one shape of logging and secret handling every layer takes: the action passes
 * `@actions/core`'s functions, the CLI its own writer, tests a recorder.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
}

/** Called with each secret (token, password) before anything could print it. */
export type SecretSink = (secret: string) => void;
