import { type TracerProvider, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { Orchestrator } from '@tooltrace/core';
import { captureSpans } from '@tooltrace/testing';
import { beforeAll, expect, test } from 'vitest';
import { echo, failureOf } from '../support.js';

// A global provider that is not an SDK provider (a wrapper): nothing to attach a processor to.
const hidden = new BasicTracerProvider();
const wrapper: TracerProvider = { getTracer: (name, version, options) => hidden.getTracer(name, version, options) };

beforeAll(() => {
  trace.setGlobalTracerProvider(wrapper);
});

test('an empty capture explains that the global provider could not be attached', async () => {
  const capture = captureSpans();
  await new Orchestrator({ tools: [echo] }).run({ steps: [{ id: 'a', tool: 'echo' }] });
  expect(capture.diagnose()).toMatchObject({ globalProvider: 'foreign', globalProviderName: 'Object' });
  const message = failureOf(() => expect(capture).toHaveSpan('orchestrate'));
  expect(message).toContain('No spans were captured.');
  expect(message).toContain('global provider: a global provider is registered that this kit cannot attach to');
  expect(message).toContain(
    'pass capture.tracerProvider to the code under test, e.g. new Orchestrator({ tools, tracerProvider: capture.tracerProvider })',
  );
});

test('capture.tracerProvider is captured whatever the global provider is', async () => {
  const capture = captureSpans();
  const plan = { steps: [{ id: 'a', tool: 'echo' }] };
  await new Orchestrator({ tools: [echo], tracerProvider: capture.tracerProvider }).run(plan);
  expect(capture).toMatchPlan(plan);
});
