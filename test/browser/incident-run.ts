import { SpanKind } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resources } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { defineTool, Orchestrator, Pipeline, type PlanInput, type RunResult } from '@tooltrace/core';
import { z } from 'zod';

/** The incident demo's plan: ci_lookup → metrics/events/changes → correlate → summarize; `events` fails. */
export const INCIDENT_PLAN: PlanInput = {
  strategy: 'dag',
  failurePolicy: 'continue',
  steps: [
    { id: 'primary', tool: 'ci_lookup', input: { query: 'web-01' } },
    { id: 'metrics', tool: 'metrics_query', dependsOn: ['primary'], input: { window: '1h' }, inputFrom: { ciId: 'primary.ci.id' } },
    { id: 'events', tool: 'event_search', dependsOn: ['primary'], input: { since: '1h' } },
    { id: 'changes', tool: 'change_log', dependsOn: ['primary'], input: {}, inputFrom: { ciId: 'primary.ci.id' } },
    { id: 'correlate', tool: 'correlate', dependsOn: ['metrics', 'changes'], input: {} },
    { id: 'timeline', tool: 'build_timeline', dependsOn: ['events'], input: {} },
    { id: 'summarize', tool: 'summarize', dependsOn: ['correlate'], input: {} },
  ],
};

/** A recorded run: its trace id, the spans the SDK finished, and the run's result. */
export interface RecordedRun {
  traceId: string;
  spanCount: number;
  result: RunResult;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

// Gives bars a visible length in the screenshot; the order the assertions rely on comes from deferreds.
const work = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * Runs the incident pipeline with the real SDK and exports it over OTLP/HTTP (JSON) to `tracesUrl`
 * and to an in-memory exporter. `changes` finishes before `metrics` by construction, so the critical
 * path is primary → metrics → correlate → summarize. `names` overrides the pipeline, tool and span
 * names (the injection test passes hostile ones).
 */
export async function recordIncidentRun(
  provider: NodeTracerProvider,
  memory: InMemorySpanExporter,
  names: { pipeline: string; eventsError: string; httpSpan: string; attributeKey: string } = {
    pipeline: 'incident',
    eventsError: 'event index unavailable',
    httpSpan: 'GET /cmdb/ci',
    attributeKey: 'cmdb.query',
  },
): Promise<RecordedRun> {
  const before = memory.getFinishedSpans().length;
  const changesDone = deferred();
  const tracer = provider.getTracer('cmdb-client');
  const tools = [
    defineTool({
      name: 'ci_lookup',
      input: z.object({ query: z.string() }),
      output: z.object({ ci: z.object({ id: z.string() }) }),
      run: async ({ query }) =>
        tracer.startActiveSpan(
          names.httpSpan,
          { kind: SpanKind.CLIENT, attributes: { 'http.request.method': 'GET', [names.attributeKey]: query } },
          async (span) => {
            await work(25);
            span.end();
            return { ci: { id: `ci-${query}` } };
          },
        ),
    }),
    defineTool({
      name: 'metrics_query',
      input: z.object({ window: z.string(), ciId: z.string() }),
      output: z.object({ p99: z.number() }),
      run: async () => {
        await changesDone.promise;
        await work(30);
        return { p99: 1234.5 };
      },
    }),
    defineTool({
      name: 'event_search',
      input: z.object({ since: z.string() }),
      output: z.object({ events: z.array(z.string()) }),
      run: async () => {
        await work(15);
        throw new TypeError(names.eventsError);
      },
    }),
    defineTool({
      name: 'change_log',
      input: z.object({ ciId: z.string() }),
      output: z.object({ changes: z.array(z.string()) }),
      run: async () => {
        await work(20);
        changesDone.resolve();
        return { changes: ['deploy 4812'] };
      },
    }),
    defineTool({
      name: 'correlate',
      input: z.object({}),
      output: z.object({ suspect: z.string() }),
      run: async () => {
        await work(20);
        return { suspect: 'deploy 4812' };
      },
    }),
    defineTool({ name: 'build_timeline', input: z.object({}), output: z.object({ ok: z.boolean() }), run: () => ({ ok: true }) }),
    defineTool({
      name: 'summarize',
      input: z.object({}),
      output: z.object({ text: z.string() }),
      run: async () => {
        await work(30);
        return { text: 'deploy 4812 raised p99' };
      },
    }),
  ];
  const orchestrator = new Orchestrator({ tools, tracerProvider: provider });
  let result: RunResult | undefined;
  const pipeline = new Pipeline(names.pipeline, { tracerProvider: provider })
    .stage('plan', async () => {
      await work(10);
      return INCIDENT_PLAN;
    })
    .stage('execute', async (plan, ctx) => {
      result = await orchestrator.run(plan, { signal: ctx.signal });
      return result;
    })
    .stage('compose', async (run) => {
      await work(10);
      return run.outcome;
    });
  const root = provider.getTracer('incident-bot');
  const traceId = await root.startActiveSpan('POST /incidents', { kind: SpanKind.SERVER }, async (span) => {
    await pipeline.run(undefined);
    span.end();
    return span.spanContext().traceId;
  });
  await provider.forceFlush();
  if (result === undefined) throw new Error('the execute stage did not run');
  return { traceId, spanCount: memory.getFinishedSpans().length - before, result };
}

/** A provider exporting to the inspector (OTLP/HTTP JSON) and to memory; registered for its context manager. */
export function createProvider(tracesUrl: string): { provider: NodeTracerProvider; memory: InMemorySpanExporter } {
  const memory = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    resource: resources.resourceFromAttributes({ 'service.name': 'incident-bot' }),
    spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: tracesUrl })), new SimpleSpanProcessor(memory)],
  });
  provider.register();
  return { provider, memory };
}
