import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import * as tt from '../../src/index.js';
import { defineTool, Orchestrator } from '../../src/index.js';
import { hrToMs, stepSpans, tracing, unendedOrTwice } from '../support.js';

interface Scenario {
  /** deps[i] lists indexes < i, so the graph is acyclic by construction. */
  deps: number[][];
  ticks: number[];
  failing: boolean[];
  policy: 'fail-fast' | 'continue';
  maxConcurrency: number | undefined;
}

const scenario: fc.Arbitrary<Scenario> = fc.integer({ min: 1, max: 14 }).chain((size) =>
  fc.record({
    deps: fc.tuple(
      ...Array.from({ length: size }, (_, i) =>
        fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, i - 1) }), { maxLength: i === 0 ? 0 : Math.min(i, 3) }),
      ),
    ),
    ticks: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: size, maxLength: size }),
    failing: fc.array(
      fc.integer({ min: 0, max: 6 }).map((roll) => roll === 0),
      { minLength: size, maxLength: size },
    ),
    policy: fc.constantFrom('fail-fast' as const, 'continue' as const),
    maxConcurrency: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  }),
);

/** Dependency level computed independently of the engine: longest path from a root. */
function level(deps: number[][], index: number): number {
  const own = deps[index] ?? [];
  return own.length === 0 ? 0 : 1 + Math.max(...own.map((dep) => level(deps, dep)));
}

/** Every step index that `index` depends on, directly or through other steps. */
function ancestors(deps: number[][], index: number, into = new Set<number>()): Set<number> {
  for (const dep of deps[index] ?? []) {
    if (!into.has(dep)) {
      into.add(dep);
      ancestors(deps, dep, into);
    }
  }
  return into;
}

/**
 * The skip-label contract (docs/semantic-conventions.md), computed from the outcomes alone:
 * `dependency_failed` exactly when a direct dependency failed, timed out or was itself skipped
 * `dependency_failed`, and then `blocked_by` is the root cause behind one of those dependencies (a
 * failed step on this step's dependency chain); otherwise `fail_fast`, blamed on the step whose
 * failure stopped the run.
 */
function expectSkipLabelContract(steps: tt.StepResult[], deps: number[][], policy: Scenario['policy']): void {
  const failedIds = steps.filter((step) => step.status === 'error' || step.status === 'timed_out').map((step) => step.id);
  steps.forEach((step, i) => {
    if (step.status !== 'skipped') return;
    const blocking = (deps[i] ?? [])
      .map((dep) => steps[dep] as tt.StepResult)
      .filter((dep) => dep.status === 'error' || dep.status === 'timed_out' || dep.skipReason === 'dependency_failed');
    const label = { id: step.id, skipReason: step.skipReason, blockedBy: step.blockedBy };
    if (blocking.length > 0) {
      expect(label).toEqual({ id: step.id, skipReason: 'dependency_failed', blockedBy: expect.any(String) });
      expect(blocking.map((dep) => dep.blockedBy ?? dep.id)).toContain(step.blockedBy);
      const chain = [...ancestors(deps, i)].map((dep) => steps[dep]?.id);
      expect(chain).toContain(step.blockedBy);
    } else {
      expect(policy).toBe('fail-fast');
      // Under fail-fast exactly one step fails: the run stops (cancelling the others) when it does.
      expect(failedIds).toHaveLength(1);
      expect(label).toEqual({ id: step.id, skipReason: 'fail_fast', blockedBy: failedIds[0] });
    }
  });
}

const ticks = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe('random DAGs (property-based)', () => {
  test('start order, groups, links, span completeness and statuses hold for any DAG and failure set', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ deps, ticks: delays, failing, policy, maxConcurrency }) => {
        const otel = tracing();
        const work = defineTool({
          name: 'work',
          input: z.object({ n: z.number() }),
          output: z.object({ n: z.number() }),
          run: async ({ n }) => {
            await ticks(delays[n] ?? 0);
            if (failing[n]) throw new Error(`step ${n} failed`);
            return { n };
          },
        });
        const id = (i: number) => `s${i}`;
        const plan = {
          strategy: 'dag' as const,
          failurePolicy: policy,
          ...(maxConcurrency ? { maxConcurrency } : {}),
          steps: deps.map((own, i) => ({ id: id(i), tool: 'work', input: { n: i }, dependsOn: own.map(id) })),
        };
        const result = await new Orchestrator({ tools: [work], tracerProvider: otel.provider }).run(plan);
        const spans = otel.spans();
        const steps = stepSpans(spans);
        const stepSpanCount = spans.filter((span) => span.name.startsWith('execute_tool')).length;

        expect(stepSpanCount).toBe(deps.length);
        // The same run checked by @tooltrace/testing's plan matcher.
        expect(spans).toMatchPlan(plan);
        expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
        deps.forEach((own, i) => {
          const span = steps.get(id(i)) as ReadableSpan;
          const outcome = result.steps[i];
          expect(span.attributes[tt.ATTR_GROUP_INDEX]).toBe(level(deps, i));
          expect(outcome?.groupIndex).toBe(level(deps, i));
          expect(span.links.map((link) => link.attributes?.[tt.ATTR_STEP_ID])).toEqual(own.map(id));
          expect(span.links.map((link) => link.context.spanId)).toEqual(own.map((dep) => steps.get(id(dep))?.spanContext().spanId));
          if (outcome?.startTime !== null) {
            for (const dep of own) {
              expect(hrToMs(span.startTime)).toBeGreaterThanOrEqual(hrToMs((steps.get(id(dep)) as ReadableSpan).endTime));
              expect(result.steps[dep]?.status).toBe('ok');
            }
          }
          if (outcome?.status === 'ok') expect(own.every((dep) => result.steps[dep]?.status === 'ok')).toBe(true);
          if (own.some((dep) => result.steps[dep]?.status !== 'ok')) expect(['skipped', 'cancelled']).toContain(outcome?.status);
          expect(span.attributes[tt.ATTR_STEP_STATUS]).toBe(outcome?.status);
        });
        const anyFailed = result.steps.some((step) => step.status === 'error');
        expect(result.outcome).toBe(anyFailed ? 'error' : 'ok');
        if (policy === 'continue') {
          // Both directions: a step runs exactly when all its dependencies succeeded.
          result.steps.forEach((step, i) => {
            const depsOk = (deps[i] ?? []).every((dep) => result.steps[dep]?.status === 'ok');
            if (depsOk) expect(step.status).toBe(failing[i] ? 'error' : 'ok');
            else expect(step).toMatchObject({ status: 'skipped', skipReason: 'dependency_failed' });
          });
        }
        // A skip is always blamed on a step that really failed.
        for (const step of result.steps.filter((outcome) => outcome.status === 'skipped')) {
          const blamed = result.steps.find((outcome) => outcome.id === step.blockedBy);
          expect(blamed?.status).toBe('error');
        }
        expectSkipLabelContract(result.steps, deps, policy);
        if (maxConcurrency) {
          const intervals = result.steps
            .filter((step) => step.startTime !== null)
            .map((step) => [step.startTime, step.endTime] as [number, number]);
          for (const [start] of intervals) {
            const overlapping = intervals.filter(([s, e]) => s <= start && e > start).length;
            expect(overlapping).toBeLessThanOrEqual(maxConcurrency);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
