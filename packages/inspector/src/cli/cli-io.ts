/** Where the CLI writes, and what it knows about the terminal (injected, so tests can run it). */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** Standard input, read when a file argument is `-`; without it, `-` is a usage error. */
  stdin?: AsyncIterable<Uint8Array | string>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); used by `serve`. */
  untilStopped(): Promise<void>;
}

/** A wrong command line: the CLI prints the message and the command's usage, and exits with 2. */
export class CliUsageError extends Error {
  readonly code = 'CLI_USAGE';
  override readonly name = 'CliUsageError';
  /** The command whose usage to print, or null for the general usage. */
  readonly command: string | null;

  constructor(message: string, command: string | null) {
    super(message);
    this.command = command;
  }
}

/**
 * A failure to report in one message, without a stack trace: the CLI prints it and exits with 1
 * (e.g. several traces and no `--trace`, an inspector that cannot be reached).
 */
export class CliFailure extends Error {
  readonly code = 'CLI_FAILURE';
  override readonly name = 'CliFailure';
}
