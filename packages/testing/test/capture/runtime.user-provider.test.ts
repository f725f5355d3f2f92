import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Orchestrator } from '@tooltrace/core';
import { captureSpans } from '@tooltrace/testing';
import { beforeAll, expect, test } from 'vitest';
import { echo } from '../support.js';

// The user's own set-up, done before any capture (e.g. in their setup file).
const exporter = new InMemorySpanExporter();
const userProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let tracerBeforeCapture: ReturnType<typeof trace.getTracer>;

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(userProvider);
  tracerBeforeCapture = trace.getTracer('obtained before any capture');
});

test('a capture attaches to the SDK provider the user registered, which keeps exporting', async () => {
  const capture = captureSpans();
  expect(capture.diagnose()).toMatchObject({
    globalProvider: 'attached',
    globalProviderName: 'BasicTracerProvider',
    contextManager: 'present',
  });
  const plan = {
    strategy: 'serial' as const,
    steps: [
      { id: 'a', tool: 'echo' },
      { id: 'b', tool: 'echo' },
    ],
  };
  await new Orchestrator({ tools: [echo] }).run(plan);
  expect(capture).toMatchPlan(plan);
  expect(exporter.getFinishedSpans().map((span) => span.name)).toContain('orchestrate serial');
});

test('tracers obtained before the capture existed are captured too', () => {
  const capture = captureSpans();
  tracerBeforeCapture.startSpan('early tracer').end();
  expect(capture).toHaveSpan('"early tracer"');
});

test('the processor is attached once, however many captures are made', () => {
  captureSpans();
  captureSpans().close();
  const capture = captureSpans({ label: 'third' });
  capture.run(() => trace.getTracer('library').startSpan('once').end());
  expect(capture).toHaveSpanCount('once', 1);
});
