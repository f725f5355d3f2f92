import { ProxyTracerProvider, trace } from '@opentelemetry/api';
import { Orchestrator } from '@tooltrace/core';
import { captureSpans } from '@tooltrace/testing';
import { expect, test } from 'vitest';
import { echo } from '../support.js';

test('global: false touches nothing global, and capture.tracerProvider captures a whole run', async () => {
  const capture = captureSpans({ global: false });
  const delegate = (trace.getTracerProvider() as ProxyTracerProvider).getDelegate();
  expect(delegate).toBe(new ProxyTracerProvider().getDelegate());
  expect(capture.diagnose()).toMatchObject({ globalProvider: 'untouched', contextManager: 'untouched' });
  const plan = {
    steps: [
      { id: 'a', tool: 'echo' },
      { id: 'b', tool: 'echo', dependsOn: ['a'] },
    ],
  };
  await new Orchestrator({ tools: [echo], tracerProvider: capture.tracerProvider }).run(plan);
  expect(capture).toMatchPlan(plan);
  trace.getTracer('library').startSpan('not captured: the global API is a no-op').end();
  expect(capture).toHaveSpanCount('not', 0);
});
