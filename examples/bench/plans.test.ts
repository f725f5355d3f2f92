import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { checkedCall, layered, parallelPlan, sameSpanDifferences, work } from './plans.js';

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

describe("checkedCall (the untraced baselines' call with the engine's two checks)", () => {
  it("parses the input by the tool's input schema, calls, and parses the output by its output schema", async () => {
    const input = vi.spyOn(work.input, 'parse');
    const output = vi.spyOn(work.output, 'parse');
    try {
      await expect(checkedCall(10)(7)).resolves.toEqual({ n: 7 });
      expect(input).toHaveBeenCalledWith({ n: 7 });
      expect(output).toHaveBeenCalledWith({ n: 7 });
      expect(input.mock.invocationCallOrder[0]).toBeLessThan(output.mock.invocationCallOrder[0] as number);
    } finally {
      input.mockRestore();
      output.mockRestore();
    }
  });
});
