import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_STEP_ID, defineTool, Orchestrator, Pipeline, type PlanInput } from '@tooltrace/core';
import { type StartTracingOptions, startTracing, type Tracing } from '@tooltrace/node';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { runIncident, withoutTimes } from '../otlp/helpers/incident-run.js';
import { within } from '../support/within.js';
import { ensureContextManager } from './context.js';
import { JaegerApi, useBackends } from './harness.js';
import { hexId } from './otlp-spans.js';

/** Far longer than these tests take: reaching it would mean something waited on a backend. */
const EXPORTER_TIMEOUT_MILLIS = 60_000;
/** Generous bound for what must not wait on a dead backend. */
const GUARD_MILLIS = 10_000;
/** Upper bound of shutdown() asked of the SDK setup. */
const FLUSH_TIMEOUT_MILLIS = 1000;

ensureContextManager();
const backends = useBackends();
const api = () => new JaegerApi(backends().jaeger.queryUrl);
const tracings: Tracing[] = [];
let baseline: unknown;

function start(options: StartTracingOptions = {}): { tracing: Tracing; memory: InMemorySpanExporter } {
  const memory = new InMemorySpanExporter();
  const tracing = startTracing({
    register: false,
    endpoint: backends().collector.otlpHttpUrl,
    timeoutMillis: EXPORTER_TIMEOUT_MILLIS,
    flushTimeoutMillis: FLUSH_TIMEOUT_MILLIS,
    spanProcessors: [new SimpleSpanProcessor(memory)],
    ...options,
  });
  tracings.push(tracing);
  return { tracing, memory };
}

/** Span ids Jaeger holds for a trace (empty when it has none). */
async function idsInJaeger(traceId: string): Promise<Set<string>> {
  const trace = await api().traceV3(traceId);
  return new Set((trace?.resourceSpans ?? []).flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((span) => hexId(span.spanId) ?? ''))));
}

beforeAll(async () => {
  // The same run with nothing exported: what every run below must return.
  baseline = withoutTimes(await runIncident(start({ exporter: new InMemorySpanExporter() }).tracing.provider));
});

afterEach(async () => {
  await Promise.all(tracings.splice(0).map((tracing) => tracing.shutdown()));
  // Leave both backends up for the next test, whatever this one did to them.
  const { collector, jaeger } = backends();
  if (
    collector.pid < 0 ||
    (await fetch(`${collector.otlpHttpUrl}/v1/traces`).then(
      () => false,
      () => true,
    ))
  )
    await collector.restart();
  if (
    await fetch(`${jaeger.queryUrl}/api/v3/services`).then(
      () => false,
      () => true,
    )
  )
    await jaeger.restart();
}, 120_000);

describe('the Collector stopped before a run', () => {
  test('the run returns the same results without waiting, shutdown() is bounded, and nothing arrives later', async () => {
    await backends().collector.stop();
    const { tracing } = start();
    const result = await within(runIncident(tracing.provider), GUARD_MILLIS, 'run() waited on the stopped Collector');
    expect(withoutTimes(result)).toEqual(baseline);
    await expect(within(tracing.shutdown(), GUARD_MILLIS, 'shutdown() waited on the stopped Collector')).resolves.toBeUndefined();

    // With the Collector back, a later run arrives; the run from the outage does not (it was dropped).
    await backends().collector.restart();
    const later = start();
    const laterResult = await runIncident(later.tracing.provider);
    const laterSpans = later.memory.getFinishedSpans().length;
    await later.tracing.shutdown();
    expect(laterSpans).toBeGreaterThan(0);
    await api().waitForTrace(laterResult.traceId ?? '', { spans: laterSpans });
    expect(await idsInJaeger(result.traceId ?? '')).toEqual(new Set());
  }, 120_000);
});

describe('the Collector restarted during a run', () => {
  test('the run returns what it returns with no Collector trouble, and every span ended after the restart arrives', async () => {
    await backends().collector.stop();
    const plan: PlanInput = {
      strategy: 'dag',
      steps: [
        { id: 'before', tool: 'echo', input: { text: 'while the Collector is down' } },
        { id: 'restart', tool: 'restart_collector', dependsOn: ['before'] },
        { id: 'after', tool: 'echo', dependsOn: ['restart'], input: { text: 'after the restart' } },
      ],
    };
    const tools = (restart: () => Promise<void>) => [
      defineTool({ name: 'echo', input: z.object({ text: z.string() }), output: z.string(), run: ({ text }) => text }),
      defineTool({
        name: 'restart_collector',
        input: z.object({}),
        output: z.string(),
        run: async () => {
          await restart();
          return 'restarted';
        },
      }),
    ];
    const runPlan = (tracing: Tracing, restart: () => Promise<void>) => {
      const tracerProvider = tracing.provider;
      const orchestrator = new Orchestrator({ tools: tools(restart), tracerProvider });
      return new Pipeline<PlanInput>('restart', { tracerProvider })
        .stage('execute', (input: PlanInput, ctx) => orchestrator.run(input, { signal: ctx.signal }))
        .run(plan);
    };
    const expected = withoutTimes(await runPlan(start({ exporter: new InMemorySpanExporter() }).tracing, async () => {}));

    // Export each span as soon as it ends, so spans really go out while the Collector is down.
    const { tracing, memory } = start({ batch: { scheduledDelayMillis: 10, maxExportBatchSize: 1 } });
    const result = await runPlan(tracing, () => backends().collector.restart());
    expect(withoutTimes(result)).toEqual(expected);
    // (The in-memory exporter forgets its spans on shutdown: read them first.)
    const finished = [...memory.getFinishedSpans()];
    await expect(within(tracing.shutdown(), GUARD_MILLIS, 'shutdown() was not bounded')).resolves.toBeUndefined();

    const endMs = (span: ReadableSpan) => span.endTime[0] * 1000 + span.endTime[1] / 1e6;
    // The restart step's span ends once the Collector is back; spans are compared on their own
    // clock (the span tree's, not Date.now(), which can differ from it by a millisecond or so).
    const restartStep = finished.find((span) => span.attributes[ATTR_STEP_ID] === 'restart');
    expect(restartStep).toBeDefined();
    const restartedAt = endMs(restartStep as ReadableSpan);
    const deliverable = finished.filter((span) => endMs(span) >= restartedAt).map((span) => span.spanContext().spanId);
    // The restart step and its group, the step after it and its group, the orchestration, the stage and the pipeline.
    expect(deliverable.length).toBeGreaterThanOrEqual(7);
    const traceId = result.traceId ?? '';
    await api().waitForTrace(traceId, { spans: deliverable.length });
    const arrived = await idsInJaeger(traceId);
    expect(deliverable.filter((id) => !arrived.has(id))).toEqual([]);
  }, 120_000);
});

describe('Jaeger unreachable behind a live Collector', () => {
  test('the run and shutdown() do not notice, and the Collector delivers the trace once Jaeger is back', async () => {
    await backends().jaeger.stop();
    const { tracing, memory } = start();
    const result = await within(runIncident(tracing.provider), GUARD_MILLIS, 'run() waited on Jaeger');
    expect(withoutTimes(result)).toEqual(baseline);
    // The Collector accepts the export: flushing succeeds although Jaeger is down.
    await expect(within(tracing.forceFlush(), GUARD_MILLIS, 'forceFlush() waited on Jaeger')).resolves.toBeUndefined();
    const exported = memory.getFinishedSpans().length;
    await within(tracing.shutdown(), GUARD_MILLIS, 'shutdown() waited on Jaeger');
    expect(exported).toBe(11);

    await backends().jaeger.restart();
    // The Collector's exporter retries (5 s initial backoff, randomised) until Jaeger takes the spans.
    await api().waitForTrace(result.traceId ?? '', { spans: exported, attempts: 300 });
  }, 120_000);
});
