import { context, ProxyTracerProvider, trace } from '@opentelemetry/api';
import { Orchestrator } from '@tooltrace/core';
import { captureSpans } from '@tooltrace/testing';
import { expect, test } from 'vitest';
import { echo } from '../support.js';

// Each test file runs in a fresh worker: no provider or context manager is registered yet.
// A library that took its tracer at import time, before any provider existed:
const earlyTracer = trace.getTracer('imported early');

test('with no global provider, the first capture registers the capture provider and a context manager', () => {
  const global = trace.getTracerProvider() as ProxyTracerProvider;
  expect(global.getDelegate()).toBe(new ProxyTracerProvider().getDelegate());
  const capture = captureSpans();
  expect(capture.diagnose()).toMatchObject({ globalProvider: 'registered', contextManager: 'installed' });
  const tracer = trace.getTracer('library');
  tracer.startActiveSpan('parent', (span) => {
    context.with(context.active(), () => tracer.startSpan('child').end());
    span.end();
  });
  expect(
    capture
      .treeNow()
      .get('parent')
      .children.map((node) => node.name),
  ).toEqual(['child']);
});

test('an Orchestrator using the global API is captured, tree and all', async () => {
  const capture = captureSpans();
  const plan = {
    steps: [
      { id: 'a', tool: 'echo', input: { value: 'x' } },
      { id: 'b', tool: 'echo', dependsOn: ['a'] },
    ],
  };
  await new Orchestrator({ tools: [echo] }).run(plan);
  expect(capture).toMatchPlan(plan);
  expect(capture).toHaveLinkTo('execute_tool[tooltrace.step.id=b]', 'execute_tool[tooltrace.step.id=a]', {
    'tooltrace.link.kind': 'depends_on',
  });
});

test('a tracer taken before the capture provider was registered still reaches it', () => {
  const capture = captureSpans();
  earlyTracer.startSpan('early').end();
  expect(capture).toHaveSpanCount('early', 1);
});

test('later captures reuse the registration', () => {
  const capture = captureSpans();
  trace.getTracer('library').startSpan('again').end();
  expect(capture.diagnose().globalProvider).toBe('registered');
  expect(capture).toHaveSpanCount('again', 1);
});
