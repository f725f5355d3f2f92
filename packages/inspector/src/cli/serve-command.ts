import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_OTLP_HTTP_PORT, startInspector } from '../server/inspector-server.js';
import { type CliIo, CliUsageError } from './cli-io.js';
import { loadForCli } from './load-for-cli.js';

/** `serve [--host h] [--port p] [--load file...] [--max-traces n] [--body-limit bytes]` */
export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      host: { type: 'string', default: DEFAULT_HOST },
      port: { type: 'string', default: String(DEFAULT_OTLP_HTTP_PORT) },
      load: { type: 'string', multiple: true, default: [] },
      'max-traces': { type: 'string' },
      'body-limit': { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument ${positionals[0]} (use --load <file>)`, 'serve');
  const port = integerArgument('--port', values.port, 0);
  const maxTraces = values['max-traces'] === undefined ? undefined : integerArgument('--max-traces', values['max-traces'], 1);
  const bodyLimitBytes = values['body-limit'] === undefined ? undefined : integerArgument('--body-limit', values['body-limit'], 1);
  const loaded = values.load.length > 0 ? await loadForCli(values.load, io, 'serve') : [];
  const inspector = await startInspector({
    host: values.host,
    port,
    ...(maxTraces === undefined ? {} : { maxTraces }),
    ...(bodyLimitBytes === undefined ? {} : { bodyLimitBytes }),
  });
  inspector.store.addTraces(loaded);
  io.stdout.write(
    [
      'tooltrace inspector',
      `  web view:       ${inspector.url}`,
      `  OTLP endpoint:  ${inspector.tracesUrl}`,
      `  exporters:      OTEL_EXPORTER_OTLP_ENDPOINT=${inspector.url}`,
      ...(loaded.length > 0 ? [`  loaded:         ${loaded.length} trace(s)`] : []),
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await io.untilStopped();
  await inspector.close();
  return 0;
}

function integerArgument(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min) {
    throw new CliUsageError(`${name} must be an integer ≥ ${min}, got ${JSON.stringify(text)}`, 'serve');
  }
  return value;
}
