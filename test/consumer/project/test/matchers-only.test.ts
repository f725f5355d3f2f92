// No import of @tooltrace/testing here or anywhere in this file's program: the matchers are
// registered by the setup file and typed by "@tooltrace/testing/vitest" in tsconfig.matchers.json.
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_STEP_ID, ATTR_STEP_STATUS, Orchestrator, SPAN_NAME_EXECUTE_TOOL } from '@tooltrace/core';
import { expect, test } from 'vitest';
import { plan, tools } from '../src/tools.js';

test('the span matchers read an SDK exporter without importing @tooltrace/testing', async () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  await new Orchestrator({ tools, tracerProvider: provider }).run(plan);

  expect(exporter.getFinishedSpans()).toHaveSpanCount(SPAN_NAME_EXECUTE_TOOL, 2);
  expect(exporter.getFinishedSpans()).toHaveSpan(`${SPAN_NAME_EXECUTE_TOOL}[${ATTR_STEP_ID}="metrics"]`, {
    attributes: { [ATTR_STEP_STATUS]: 'ok' },
  });
});
