import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Orchestrator } from '@tooltrace/core';
import { formatTraceTree, renderStaticHtml, startInspector } from '@tooltrace/inspector';
import { otlpEndpointFromEnv, startTracing } from '@tooltrace/node';
import { type IncidentAnswer, incidentPipeline } from './pipeline.js';
import { incidentTools } from './tools.js';

/**
 * The demo: an incident lookup (ci_lookup → metrics/events/changes → correlate → summarize) run
 * through the stages plan → execute → compose → present.
 *  - OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT set: exports there over OTLP/HTTP, flushes, exits.
 *  - otherwise: starts the local inspector in-process, exports the run to it, prints the span tree,
 *    writes a self-contained HTML file and serves the web view until Ctrl-C (`--exit`: exit at once).
 */
const USAGE = `Usage: pnpm demo [options]

Runs the incident-lookup demo and shows its trace. With OTEL_EXPORTER_OTLP_ENDPOINT (or
OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) set, exports the trace there over OTLP/HTTP; otherwise starts the
local inspector, prints the span tree, writes a self-contained HTML file and serves the web view.

Options:
  --exit          print the trace and exit instead of serving the inspector
  --fail          make the event_search step fail (to see failures, skips and error queries)
  --flaky         make the metrics backend fail twice: the metrics step succeeds on its third try
  --port <n>      port of the embedded inspector (default: any free port)
  --html <file>   where to write the static HTML (default: tooltrace-demo.html)
  -h, --help      show this help`;

function parseOptions() {
  try {
    // `pnpm demo -- --exit` forwards the `--` itself: drop it.
    const { values } = parseArgs({
      args: process.argv.slice(2).filter((arg) => arg !== '--'),
      options: {
        exit: { type: 'boolean', default: false },
        fail: { type: 'boolean', default: false },
        flaky: { type: 'boolean', default: false },
        port: { type: 'string', default: '0' },
        html: { type: 'string', default: 'tooltrace-demo.html' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      throw new Error(`--port must be an integer from 0 to 65535, got "${values.port}"`);
    return { ...values, port };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n\n${USAGE}`);
    process.exit(2);
  }
}

const values = parseOptions();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const question = 'Why is web-01 slow?';
const serviceName = 'tooltrace-demo';

async function runIncident(): Promise<IncidentAnswer> {
  const orchestrator = new Orchestrator({ tools: incidentTools, recordIO: true });
  return incidentPipeline(orchestrator, { failEvents: values.fail, flakyMetrics: values.flaky }).run(question);
}

async function exportToCollector(endpoint: string): Promise<void> {
  // A demo should not wait long for a collector that is down; an OTEL_* timeout the user set wins.
  const userTimeout = process.env.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT ?? process.env.OTEL_EXPORTER_OTLP_TIMEOUT;
  const tracing = startTracing({ serviceName, flushTimeoutMillis: 3000, ...(userTimeout ? {} : { timeoutMillis: 2000 }) });
  const answer = await runIncident();
  console.log(answer.answer);
  try {
    await tracing.forceFlush();
    console.log(`\nTrace ${answer.run.traceId} exported to ${endpoint}`);
    console.log(await whereToLook(endpoint, answer.run.traceId ?? ''));
  } catch (error) {
    // Telemetry failing never fails the run: the answer above is complete; only the trace is lost.
    console.error(`\nCould not export trace ${answer.run.traceId} to ${endpoint}: ${error instanceof Error ? error.message : error}`);
    console.error('Is the collector running? (docker compose -f docker/compose.yaml up -d)');
  } finally {
    await tracing.shutdown();
  }
}

async function showInInspector(): Promise<void> {
  const inspector = await startInspector({ port: values.port });
  const tracing = startTracing({ serviceName, endpoint: inspector.tracesUrl, batch: { scheduledDelayMillis: 100 } });
  const answer = await runIncident();
  await tracing.forceFlush();
  const trace = answer.run.traceId ? inspector.store.get(answer.run.traceId) : undefined;
  if (!trace) throw new Error(`the inspector did not receive trace ${answer.run.traceId}`);
  console.log(`${answer.answer}\n`);
  console.log(formatTraceTree(trace, { color: process.stdout.isTTY === true, width: Math.min(process.stdout.columns ?? 110, 140) }));
  const htmlPath = resolve(values.html);
  await mkdir(dirname(htmlPath), { recursive: true });
  await writeFile(htmlPath, renderStaticHtml([trace]));
  console.log(`\nStatic HTML (no server needed): ${htmlPath}`);
  const shutdown = async () => {
    await tracing.shutdown();
    await inspector.close();
  };
  if (values.exit) {
    await shutdown();
    return;
  }
  console.log(`Inspector: ${inspector.url}/trace/${trace.traceId}   (Ctrl-C to stop)`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown().then(() => process.exit(0)));
}

/**
 * Where to see the exported trace: a tooltrace inspector answers its API at the endpoint's origin;
 * otherwise the links of the docker/ stack (Jaeger, Grafana with Tempo).
 */
async function whereToLook(endpoint: string, traceId: string): Promise<string> {
  const origin = new URL(endpoint).origin;
  try {
    const response = await fetch(`${origin}/api/traces/${traceId}`, { signal: AbortSignal.timeout(1000) });
    // Only a tooltrace inspector answers this path with the trace itself (JSON naming the trace id):
    // a collector or proxy that answers 200 to anything is not one.
    const body: unknown = response.ok && (response.headers.get('content-type') ?? '').includes('json') ? await response.json() : null;
    if (
      typeof body === 'object' &&
      body !== null &&
      Reflect.get(body, 'traceId') === traceId &&
      Array.isArray(Reflect.get(body, 'spans'))
    ) {
      return `Inspector: ${origin}/trace/${traceId}`;
    }
  } catch {
    // Not an inspector (or not reachable): fall through to the docker/ stack's links.
  }
  const explore = encodeURIComponent(
    JSON.stringify({ tempo: { datasource: 'tempo', queries: [{ refId: 'A', queryType: 'traceql', query: traceId }] } }),
  );
  return `With the docker/ stack — Jaeger: http://localhost:16686/trace/${traceId}   Grafana (Tempo): http://localhost:3000/explore?schemaVersion=1&panes=${explore}`;
}

const endpoint = otlpEndpointFromEnv();
await (endpoint ? exportToCollector(endpoint) : showInInspector());
