import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { defineTool, Orchestrator, Pipeline, type RunResult } from '@tooltrace/core';
import { z } from 'zod';

/** The plan the incident run executes: a DAG with a failure and a skipped dependent. */
export const INCIDENT_PLAN = {
  strategy: 'dag' as const,
  failurePolicy: 'continue' as const,
  steps: [
    { id: 'primary', tool: 'ci_lookup', input: { query: 'web-01' } },
    { id: 'metrics', tool: 'metrics_query', dependsOn: ['primary'], input: { window: '1h' }, inputFrom: { ciId: 'primary.ci.id' } },
    { id: 'events', tool: 'event_search', dependsOn: ['primary'], input: { since: '1h' } },
    { id: 'summary', tool: 'summarize', dependsOn: ['metrics', 'events'], input: {} },
  ],
};

/** Number of `depends_on` edges in {@link INCIDENT_PLAN}. */
export const INCIDENT_DEPENDENCY_COUNT = 4;

let contextManagerInstalled = false;

/** Parent/child across async calls needs a context manager (the API's default one keeps none). */
function installContextManager(): void {
  if (contextManagerInstalled) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  contextManagerInstalled = true;
}

/**
 * Runs a real tooltrace pipeline (plan → execute → compose) with the real OTel SDK and returns the
 * finished spans: `event_search` fails, so `summarize` is skipped.
 */
export async function recordIncidentRun(serviceName = 'incident-demo'): Promise<{ spans: ReadableSpan[]; result: RunResult }> {
  installContextManager();
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tools = [
    defineTool({
      name: 'ci_lookup',
      input: z.object({ query: z.string() }),
      output: z.object({ ci: z.object({ id: z.string() }) }),
      run: ({ query }) => ({ ci: { id: `ci-${query}` } }),
    }),
    defineTool({
      name: 'metrics_query',
      input: z.object({ window: z.string(), ciId: z.string() }),
      output: z.object({ p99: z.number() }),
      run: () => ({ p99: 1234.5 }),
    }),
    defineTool({
      name: 'event_search',
      input: z.object({ since: z.string() }),
      output: z.object({ events: z.array(z.string()) }),
      run: () => {
        throw new TypeError('events backend <down> & "unreachable"');
      },
    }),
    defineTool({
      name: 'summarize',
      input: z.object({}),
      output: z.object({ text: z.string() }),
      run: () => ({ text: 'never runs' }),
    }),
  ];
  const orchestrator = new Orchestrator({ tools, tracerProvider: provider });
  let result: RunResult | undefined;
  const pipeline = new Pipeline('incident', { tracerProvider: provider })
    .stage('plan', () => INCIDENT_PLAN)
    .stage('execute', async (plan, ctx) => {
      result = await orchestrator.run(plan, { signal: ctx.signal });
      return result;
    })
    .stage('compose', (run) => run.outcome);
  await pipeline.run(undefined);
  await provider.forceFlush();
  if (result === undefined) throw new Error('the execute stage did not run');
  return { spans: [...exporter.getFinishedSpans()], result };
}
