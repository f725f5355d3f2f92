import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_OTLP_HTTP_PORT, startInspector } from '../server/inspector-server.js';
import { plural } from '../text/plural.js';
import { BACKEND_OPTIONS, backendFromArguments } from './backend-arguments.js';
import { type CliIo, CliUsageError } from './cli-io.js';
import { parseIntegerArgument } from './integer-argument.js';
import { loadForCli } from './load-for-cli.js';

const MAX_PORT = 65_535;

/** `serve [--host h] [--port p] [--load file...] [--max-traces n] [--body-limit bytes] [--jaeger url|--tempo url] [--timeout ms] [--source-maps|--no-source-maps]` */
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
      'source-maps': { type: 'boolean' },
      'no-source-maps': { type: 'boolean' },
      ...BACKEND_OPTIONS,
    },
  });
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument ${positionals[0]} (use --load <file>)`, 'serve');
  const port = parseIntegerArgument('--port', values.port, { min: 0, max: MAX_PORT }, 'serve');
  const maxTraces = optionalPositive('--max-traces', values['max-traces']);
  const bodyLimitBytes = optionalPositive('--body-limit', values['body-limit']);
  const backend = backendFromArguments(values, 'serve');
  const sourceMaps = values['no-source-maps'] === true ? false : values['source-maps'];
  const loaded = values.load.length > 0 ? await loadForCli(values.load, io, 'serve') : [];
  const inspector = await startInspector({
    host: values.host,
    port,
    ...(maxTraces === undefined ? {} : { maxTraces }),
    ...(bodyLimitBytes === undefined ? {} : { bodyLimitBytes }),
    ...(backend === undefined ? {} : { backend }),
    ...(sourceMaps === undefined ? {} : { sourceMaps }),
  });
  inspector.store.addTraces(loaded);
  io.stdout.write(
    [
      'tooltrace inspector',
      `  web view:       ${inspector.url}`,
      `  OTLP endpoint:  ${inspector.tracesUrl}`,
      `  exporters:      OTEL_EXPORTER_OTLP_ENDPOINT=${inspector.url}`,
      ...(loaded.length > 0 ? [`  loaded:         ${plural(loaded.length, 'trace')}`] : []),
      ...(backend === undefined ? [] : [`  traces from:    ${backend.label} (recent tooltrace traces listed, any id opened)`]),
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await io.untilStopped();
  await inspector.close();
  return 0;
}

function optionalPositive(name: string, text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseIntegerArgument(name, text, { min: 1 }, 'serve');
}
