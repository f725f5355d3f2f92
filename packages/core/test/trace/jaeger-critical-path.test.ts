import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import * as tt from '../../src/index.js';
import { type CriticalPathInputSpan, fromReadableSpans, jaegerCriticalPath } from '../jaeger-critical-path.js';
import { tracing } from '../support.js';
import { VirtualTime } from '../virtual-time.js';

interface Scenario {
  deps: number[][];
  durations: number[];
  maxConcurrency: number | undefined;
}

const scenario: fc.Arbitrary<Scenario> = fc.integer({ min: 3, max: 12 }).chain((size) =>
  fc.record({
    deps: fc.tuple(
      ...Array.from({ length: size }, (_, i) =>
        fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, i - 1) }), { maxLength: i === 0 ? 0 : Math.min(i, 3) }),
      ),
    ),
    durations: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: size, maxLength: size }),
    maxConcurrency: fc.constant(undefined),
  }),
);

const id = (index: number): string => `s${index}`;

async function runScenario(
  { deps, durations, maxConcurrency }: Scenario,
  options: { spanLayout?: tt.SpanLayout; strategy?: 'dag' | 'serial' | 'parallel' } = {},
) {
  const otel = tracing();
  const time = new VirtualTime();
  const work = tt.defineTool({
    name: 'work',
    input: z.object({ ms: z.number() }),
    output: z.object({ ms: z.number() }),
    run: async ({ ms }) => {
      await time.sleep(ms);
      return { ms };
    },
  });
  const orchestrator = new tt.Orchestrator({
    tools: [work],
    tracerProvider: otel.provider,
    ...(options.spanLayout ? { spanLayout: options.spanLayout } : {}),
  });
  const strategy = options.strategy ?? 'dag';
  const plan: tt.PlanInput = {
    strategy,
    ...(maxConcurrency ? { maxConcurrency } : {}),
    steps: durations.map((ms, index) => ({
      id: id(index),
      tool: 'work',
      input: { ms },
      ...(strategy === 'dag' && (deps[index]?.length ?? 0) > 0 ? { dependsOn: (deps[index] ?? []).map(id) } : {}),
    })),
  };
  const result = await time.run(orchestrator.run(plan, { parentContext: time.context() }));
  return { result, spans: otel.spans() };
}

/** The step ids whose spans Jaeger marks critical, first to last, and whether each is critical for its whole span. */
function jaegerSteps(spans: readonly ReadableSpan[]): { stepIds: string[]; wholeSpans: boolean } {
  const input = fromReadableSpans(spans);
  const sections = jaegerCriticalPath(input);
  const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
  const inputById = new Map(input.map((span) => [span.spanId, span]));
  const steps = sections.filter((section) => byId.get(section.spanId)?.attributes[tt.ATTR_STEP_ID] !== undefined).reverse();
  const wholeSpans = steps.every((section) => {
    const span = inputById.get(section.spanId);
    return span?.startTime === section.sectionStart && span.endTime === section.sectionEnd;
  });
  return { stepIds: steps.map((section) => String(byId.get(section.spanId)?.attributes[tt.ATTR_STEP_ID])), wholeSpans };
}

/** Whether some execution group started before the previous one ended. */
function groupsOverlap(result: tt.RunResult): boolean {
  const ranges = new Map<number, { start: number; end: number }>();
  for (const step of result.steps) {
    if (step.startTime === null || step.endTime === null) continue;
    const range = ranges.get(step.groupIndex) ?? { start: Number.POSITIVE_INFINITY, end: 0 };
    ranges.set(step.groupIndex, { start: Math.min(range.start, step.startTime), end: Math.max(range.end, step.endTime) });
  }
  return [...ranges.entries()].some(([index, range]) => (ranges.get(index - 1)?.end ?? 0) > range.start);
}

function orchestrateSpan(spans: readonly ReadableSpan[]): ReadableSpan | undefined {
  return spans.find((span) => span.attributes[tt.ATTR_PLAN_STEP_IDS] !== undefined);
}

describe("Jaeger UI's critical path, ported", () => {
  const span = (spanId: string, parentSpanId: string | undefined, startTime: number, duration: number): CriticalPathInputSpan => ({
    spanId,
    parentSpanId,
    kind: SpanKind.INTERNAL,
    startTime,
    endTime: startTime + duration,
  });

  test("Jaeger's test case 1: the parent's gaps between its children are critical", () => {
    const spans = [span('E', 'C', 50, 10), span('C', undefined, 1, 100), span('D', 'C', 20, 20)];
    expect(jaegerCriticalPath(spans)).toEqual([
      { spanId: 'C', sectionStart: 60, sectionEnd: 101 },
      { spanId: 'E', sectionStart: 50, sectionEnd: 60 },
      { spanId: 'C', sectionStart: 40, sectionEnd: 50 },
      { spanId: 'D', sectionStart: 20, sectionEnd: 40 },
      { spanId: 'C', sectionStart: 1, sectionEnd: 20 },
    ]);
  });

  test("Jaeger's test case 2: a child overlapped by the last-finishing one is not critical", () => {
    const spans = [span('X', undefined, 1, 100), span('A', 'X', 10, 40), span('C', 'X', 20, 40)];
    expect(jaegerCriticalPath(spans)).toEqual([
      { spanId: 'X', sectionStart: 60, sectionEnd: 101 },
      { spanId: 'C', sectionStart: 20, sectionEnd: 60 },
      { spanId: 'X', sectionStart: 1, sectionEnd: 20 },
    ]);
  });

  test('a consumer child of a producer is not blocking, and children are clipped to their parent', () => {
    const spans = [
      span('P', undefined, 0, 100),
      { ...span('Q', 'P', 10, 200), kind: SpanKind.PRODUCER },
      { ...span('R', 'Q', 20, 50), kind: SpanKind.CONSUMER },
    ];
    expect(jaegerCriticalPath(spans)).toEqual([
      { spanId: 'Q', sectionStart: 10, sectionEnd: 100 },
      { spanId: 'P', sectionStart: 0, sectionEnd: 10 },
    ]);
  });
});

describe('measured critical path and Jaeger on dag runs', () => {
  test('the flat layout: on random dag runs, Jaeger finds the measured critical path, whole steps, also with overlapping groups', async () => {
    let overlapping = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (input) => {
        const { result, spans } = await runScenario(input, { spanLayout: 'flat' });
        if (groupsOverlap(result)) overlapping++;
        expect(spans.some((s) => s.name.startsWith(tt.SPAN_NAME_GROUP))).toBe(false);
        const jaeger = jaegerSteps(spans);
        expect(jaeger.stepIds).toEqual(result.criticalPath?.stepIds);
        expect(jaeger.wholeSpans).toBe(true);
      }),
      { numRuns: 60 },
    );
    expect(overlapping).toBeGreaterThan(10);
  });

  test('the flat layout under a concurrency limit: slot waits are on the path, and Jaeger agrees', async () => {
    const limited = scenario.chain((input) => fc.integer({ min: 1, max: 3 }).map((maxConcurrency) => ({ ...input, maxConcurrency })));
    await fc.assert(
      fc.asyncProperty(limited, async (input) => {
        const { result, spans } = await runScenario(input, { spanLayout: 'flat' });
        expect(jaegerSteps(spans).stepIds).toEqual(result.criticalPath?.stepIds);
      }),
      { numRuns: 40 },
    );
  });

  test('the measured path is the chain of dependencies that determined the end', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (input) => {
        const { result, spans } = await runScenario(input);
        const path = result.criticalPath?.stepIds ?? [];
        const steps = new Map(result.steps.map((step) => [step.id, step]));
        const last = result.steps.reduce((a, b) => ((b.endTime ?? 0) >= (a.endTime ?? 0) ? b : a));
        expect(path.at(-1)).toBe(last.id);
        expect(steps.get(path[0] ?? '')?.dependsOn).toEqual([]);
        for (let i = 1; i < path.length; i++) {
          const step = steps.get(path[i] ?? '');
          const ends = (step?.dependsOn ?? []).map((dep) => steps.get(dep)?.endTime ?? 0);
          expect(step?.dependsOn).toContain(path[i - 1]);
          expect(steps.get(path[i - 1] ?? '')?.endTime).toBe(Math.max(...ends));
        }
        const first = steps.get(path[0] ?? '');
        expect(result.criticalPath?.durationMs).toBeCloseTo((last.endTime ?? 0) - (first?.startTime ?? 0), 9);
        const orchestrate = orchestrateSpan(spans);
        expect(orchestrate?.attributes[tt.ATTR_CRITICAL_PATH]).toEqual(path);
        expect(orchestrate?.attributes[tt.ATTR_CRITICAL_PATH_MS]).toBe(result.criticalPath?.durationMs);
      }),
      { numRuns: 40 },
    );
  });

  test('the grouped layout misleads Jaeger when groups overlap: the chain before the slow step is lost', async () => {
    // The plan: ci (64 ms) feeds logs, which feeds summary, while a slow level-0 step runs on.
    const input: Scenario = { deps: [[], [], [0], [2]], durations: [64, 150, 40, 60], maxConcurrency: undefined };
    const flat = await runScenario(input, { spanLayout: 'flat' });
    expect(flat.result.criticalPath?.stepIds).toEqual(['s0', 's2', 's3']);
    expect(jaegerSteps(flat.spans).stepIds).toEqual(['s0', 's2', 's3']);
    const grouped = await runScenario(input);
    expect(grouped.result.criticalPath?.stepIds).toEqual(['s0', 's2', 's3']);
    expect(orchestrateSpan(grouped.spans)?.attributes[tt.ATTR_CRITICAL_PATH]).toEqual(['s0', 's2', 's3']);
    expect(jaegerSteps(grouped.spans).stepIds).not.toEqual(['s0', 's2', 's3']);
  });

  test('the grouped layout is right when groups cannot overlap: serial runs, parallel runs under a limit', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (input) => {
        const { result, spans } = await runScenario(input, { strategy: 'serial' });
        expect(result.criticalPath?.stepIds).toEqual(result.steps.map((step) => step.id));
        expect(jaegerSteps(spans).stepIds).toEqual(result.criticalPath?.stepIds);
      }),
      { numRuns: 20 },
    );
    const limited = scenario.chain((input) => fc.integer({ min: 1, max: 3 }).map((maxConcurrency) => ({ ...input, maxConcurrency })));
    await fc.assert(
      fc.asyncProperty(limited, async (input) => {
        const { result, spans } = await runScenario(input, { strategy: 'parallel' });
        expect(jaegerSteps(spans).stepIds).toEqual(result.criticalPath?.stepIds);
      }),
      { numRuns: 20 },
    );
  });
});
