import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { defineTool, Orchestrator, type RunResult } from '@tooltrace/core';
import { z } from 'zod';
import { decodeOtlpJson, groupIntoTraces, type InspectorTrace } from '../../src/index.js';

/** The retried plan: `fetch` succeeds on its third try (each try makes an HTTP span), `flap` fails all three, `after` waits for `fetch`. */
export const RETRIED_PLAN = {
  strategy: 'dag' as const,
  failurePolicy: 'continue' as const,
  retry: { attempts: 3, backoffMs: 0 },
  steps: [
    { id: 'fetch', tool: 'flaky_fetch' },
    { id: 'flap', tool: 'always_503' },
    { id: 'after', tool: 'flaky_fetch', dependsOn: ['fetch'], retry: { attempts: 1 } },
  ],
};

let contextManagerInstalled = false;

/** Runs {@link RETRIED_PLAN} with the real SDK and returns its trace as the inspector decodes it. */
export async function recordRetriedRun(): Promise<{ trace: InspectorTrace; result: RunResult }> {
  if (!contextManagerInstalled) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    contextManagerInstalled = true;
  }
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'retry-demo' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  let fetchCalls = 0;
  const tools = [
    defineTool({
      name: 'flaky_fetch',
      input: z.object({}),
      output: z.object({ ok: z.boolean() }),
      run: () => {
        fetchCalls++;
        provider.getTracer('http').startSpan(`GET /status try ${fetchCalls}`, {}, context.active()).end();
        if (fetchCalls <= 2) throw new Error(`503 Service Unavailable (call ${fetchCalls})`);
        return { ok: true };
      },
    }),
    defineTool({
      name: 'always_503',
      input: z.object({}),
      output: z.unknown(),
      run: () => {
        throw new Error('503 Service Unavailable');
      },
    }),
  ];
  const result = await new Orchestrator({ tools, tracerProvider: provider }).run(RETRIED_PLAN);
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  const request = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest([...spans])));
  const [decoded] = groupIntoTraces(decodeOtlpJson(request).spans);
  if (decoded === undefined) throw new Error('no trace');
  return { trace: decoded, result };
}
