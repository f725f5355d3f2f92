import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { layered, parallelPlan, sameSpanDifferences } from './plans.js';

// The bench refuses to print a ratio when its hand-written baseline drifts from the contract; this
// keeps that drift from reaching main unnoticed (a contract change must update examples/bench/baseline.ts).
describe("the bench's hand-written baseline emits the engine's spans", () => {
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  });

  it('span for span on a layered DAG and on a parallel plan', async () => {
    expect((await sameSpanDifferences(layered(60, 10))).differences).toEqual([]);
    expect((await sameSpanDifferences(parallelPlan(20))).differences).toEqual([]);
  });
});
