/**
 * `pnpm backends`: starts the native OpenTelemetry Collector and Jaeger with docker/collector.yaml
 * and docker/jaeger.yaml (building them on first use), prints where they listen, and stops them
 * on Ctrl-C. `--build-only` builds and exits; `--free-ports` avoids the compose ports.
 */
import { parseArgs } from 'node:util';
import { ensureBackends } from './build.js';
import { type NativeCollector, type NativeJaeger, startCollector, startJaeger } from './native.js';

const USAGE = `Usage: pnpm backends [--build-only] [--free-ports]

Starts the OpenTelemetry Collector (docker/collector.yaml) and Jaeger v2 (docker/jaeger.yaml) as
native processes, built from Go sources on first use. Same ports as docker compose (Collector OTLP
4317/4318, Jaeger UI 16686) unless --free-ports. Tempo is not built natively (see docker/README.md).`;

const { values } = parseArgs({
  options: {
    'build-only': { type: 'boolean', default: false },
    'free-ports': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const binaries = await ensureBackends(log);
if (values['build-only']) {
  console.log(`otelcol: ${binaries.otelcol}\njaeger:  ${binaries.jaeger}`);
  process.exit(0);
}

const fixed = !values['free-ports'];
let jaeger: NativeJaeger | undefined;
let collector: NativeCollector | undefined;
const stop = async () => {
  await collector?.stop();
  await jaeger?.stop();
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log('\nStopping...');
    void stop().then(() => process.exit(0));
  });
}
try {
  jaeger = await startJaeger(fixed ? { queryPort: 16686 } : {});
  collector = await startCollector({
    jaegerEndpoint: jaeger.otlpGrpcEndpoint,
    ...(fixed ? { otlpGrpcPort: 4317, otlpHttpPort: 4318 } : {}),
  });
} catch (error) {
  await stop();
  log(error instanceof Error ? error.message : String(error));
  if (fixed) log('\nPorts 4317, 4318 or 16686 taken (docker compose running?): try pnpm backends --free-ports');
  process.exit(1);
}
console.log(`Collector  OTLP/HTTP  ${collector.otlpHttpUrl}   (OTEL_EXPORTER_OTLP_ENDPOINT=${collector.otlpHttpUrl})
           OTLP/gRPC  ${collector.otlpGrpcEndpoint}
Jaeger     UI + API   ${jaeger.queryUrl}

Send a trace:  OTEL_EXPORTER_OTLP_ENDPOINT=${collector.otlpHttpUrl} pnpm demo
Inspector:     pnpm inspector serve --jaeger ${jaeger.queryUrl}
Ctrl-C stops both.`);
