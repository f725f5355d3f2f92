import { SpanStatusCode } from '@opentelemetry/api';
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
  /** Calls of step i that fail before it answers (a flaky tool), and its retry policy's attempts. */
  flakes: number[];
  attempts: number[];
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
    flakes: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: size, maxLength: size }),
    attempts: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: size, maxLength: size }),
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
  test('start order, groups, links, span completeness and statuses hold for any DAG, failure set and retry policies', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ deps, ticks: delays, failing, flakes, attempts, policy, maxConcurrency }) => {
        const otel = tracing();
        const calls = deps.map(() => 0);
        const work = defineTool({
          name: 'work',
          input: z.object({ n: z.number() }),
          output: z.object({ n: z.number() }),
          run: async ({ n }) => {
            const call = (calls[n] ?? 0) + 1;
            calls[n] = call;
            await ticks(delays[n] ?? 0);
            if (failing[n]) throw new Error(`step ${n} failed`);
            if (call <= (flakes[n] ?? 0)) throw new Error(`step ${n} flaked on call ${call}`);
            return { n };
          },
        });
        // A step fails for good when its tool always fails or flakes more often than it may try.
        const failsForGood = (i: number) => failing[i] || (flakes[i] ?? 0) >= (attempts[i] ?? 1);
        const id = (i: number) => `s${i}`;
        const plan = {
          strategy: 'dag' as const,
          failurePolicy: policy,
          ...(maxConcurrency ? { maxConcurrency } : {}),
          retry: { backoffMs: 0 },
          steps: deps.map((own, i) => ({
            id: id(i),
            tool: 'work',
            input: { n: i },
            dependsOn: own.map(id),
            ...((attempts[i] ?? 1) > 1 ? { retry: { attempts: attempts[i] } } : {}),
          })),
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
          // Retries: as many tool calls as attempts, never more than the policy, one attempt span each.
          const tries = spans.filter(
            (child) => child.parentSpanContext?.spanId === span.spanContext().spanId && child.name.startsWith('attempt '),
          );
          expect(calls[i]).toBe(outcome?.attempts);
          expect(outcome?.attempts).toBeLessThanOrEqual(attempts[i] ?? 1);
          expect(tries).toHaveLength((attempts[i] ?? 1) > 1 ? (outcome?.attempts ?? 0) : 0);
          if (outcome?.startTime !== null && (attempts[i] ?? 1) > 1) expect(span.attributes[tt.ATTR_STEP_ATTEMPTS]).toBe(outcome?.attempts);
          if (outcome?.status === 'ok') {
            expect(outcome.attempts).toBe((flakes[i] ?? 0) + 1);
            expect(outcome.attemptErrors).toHaveLength(flakes[i] ?? 0);
          }
          if (outcome?.status === 'error') {
            expect(failsForGood(i)).toBe(true);
            expect(outcome.attempts).toBe(attempts[i]);
            expect(outcome.attemptErrors).toHaveLength(outcome.attempts);
          }
          const failedTries = tries.filter((child) => child.status.code === SpanStatusCode.ERROR);
          if (tries.length > 0) expect(failedTries).toHaveLength(outcome?.attemptErrors.length ?? 0);
        });
        const anyFailed = result.steps.some((step) => step.status === 'error');
        expect(result.outcome).toBe(anyFailed ? 'error' : 'ok');
        if (policy === 'continue') {
          // Both directions: a step runs exactly when all its dependencies succeeded.
          result.steps.forEach((step, i) => {
            const depsOk = (deps[i] ?? []).every((dep) => result.steps[dep]?.status === 'ok');
            if (depsOk) expect(step.status).toBe(failsForGood(i) ? 'error' : 'ok');
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
          // A step holds its slot while a try runs, not while it waits to retry: count tries, not steps.
          const tried = spans.filter((span) => span.name.startsWith('attempt '));
          const triedParents = new Set(tried.map((span) => span.parentSpanContext?.spanId));
          const intervals = [
            ...tried.map((span) => [hrToMs(span.startTime), hrToMs(span.endTime)] as [number, number]),
            ...[...steps.values()]
              .filter((span) => !triedParents.has(span.spanContext().spanId) && span.attributes[tt.ATTR_EXECUTION_ORDER] !== undefined)
              .map((span) => [hrToMs(span.startTime), hrToMs(span.endTime)] as [number, number]),
          ];
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
