import { readFileSync } from 'node:fs';
import { TraceDecodeError, TraceNotFoundError } from '../load/errors.js';
import { InvalidOptionError } from '../options/invalid-option-error.js';
import { BackendError } from '../sources/backend-error.js';
import { escapeControl } from '../terminal/escape-control.js';
import { CliFailure, type CliIo, CliUsageError } from './cli-io.js';
import { USAGE } from './usage.js';

type Command = (args: string[], io: CliIo) => Promise<number>;

// Each command's module (the server, the decoders, the renderer...) is loaded only when that command
// runs: `--help`, `--version` and usage errors answer without loading any of them.
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve-command.js')).serveCommand,
  render: async () => (await import('./render-command.js')).renderCommand,
  print: async () => (await import('./print-command.js')).printCommand,
  export: async () => (await import('./export-command.js')).exportCommand,
  diff: async () => (await import('./diff-command.js')).diffCommand,
};

/**
 * Runs `tooltrace-inspector` with `argv` (without node and the script) and returns the exit code:
 * 0 success, 1 failure (unreadable file, unknown trace, port in use, backend unreachable), 2 wrong usage.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout.write(USAGE.general ?? '');
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const load = COMMANDS[command];
  if (load === undefined) {
    const kind = command.startsWith('-') ? 'option' : 'command';
    return usageError(io, new CliUsageError(`unknown ${kind} ${JSON.stringify(command)}`, null));
  }
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout.write(USAGE[command] ?? '');
    return 0;
  }
  try {
    return await (await load())(args, io);
  } catch (error) {
    if (error instanceof CliUsageError) return usageError(io, error);
    if (isParseArgsError(error)) return usageError(io, new CliUsageError(error.message, command));
    io.stderr.write(`tooltrace-inspector ${command}: ${escapeControl(describeFailure(error), true)}\n`);
    return 1;
  }
}

function usageError(io: CliIo, error: CliUsageError): number {
  io.stderr.write(`tooltrace-inspector: ${escapeControl(error.message, true)}\n\n${USAGE[error.command ?? 'general'] ?? ''}`);
  return 2;
}

function describeFailure(error: unknown): string {
  if (
    error instanceof CliFailure ||
    error instanceof TraceDecodeError ||
    error instanceof TraceNotFoundError ||
    error instanceof InvalidOptionError ||
    error instanceof BackendError
  ) {
    return error.message;
  }
  if (error instanceof Error && 'code' in error) {
    if (error.code === 'EADDRINUSE') return `${error.message}: the port is taken; pass --port 0 or another port`;
    if (error.code === 'ENOENT' || error.code === 'EACCES' || error.code === 'EISDIR') return error.message;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS');
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}
