import { beforeAll, describe, expect, it } from 'vitest';
import { countErrors } from '../../src/model/errors.js';
import { visibleSpanRows } from '../../src/model/span-tree.js';
import { buildTraceView } from '../../src/model/trace-view.js';
import type { StepView } from '../../src/model/trace-view-types.js';
import type { InspectorTrace } from '../../src/model/types.js';
import { recordRetriedRun } from '../support/retried-run.js';

let retried: InspectorTrace;
beforeAll(async () => {
  retried = (await recordRetriedRun()).trace;
});

const stepOf = (id: string): StepView => {
  const found = buildTraceView(retried)
    .runs.flatMap((run) => run.steps)
    .find((step) => step.stepId === id);
  if (found === undefined) throw new Error(`no step ${id}`);
  return found;
};

describe('retried steps in the trace view', () => {
  it('a step that succeeded on its third try carries its three attempts, the failed ones with their errors', () => {
    const fetch = stepOf('fetch');
    expect(fetch.status).toBe('ok');
    expect(fetch.attempts.map((attempt) => [attempt.number, attempt.status, attempt.backoffMs, attempt.error])).toEqual([
      [1, 'error', null, 'Error: 503 Service Unavailable (call 1)'],
      [2, 'error', 0, 'Error: 503 Service Unavailable (call 2)'],
      [3, 'ok', 0, null],
    ]);
    for (const attempt of fetch.attempts) expect(attempt.span.parentSpanId).toBe(fetch.key);
  });

  it('attempt spans are not steps, and a step tried once has none', () => {
    const view = buildTraceView(retried);
    expect(view.runs.flatMap((run) => run.steps).map((step) => step.stepId)).toEqual(['fetch', 'flap', 'after']);
    expect(stepOf('after').attempts).toEqual([]);
  });

  it("the tool's own spans sit in the span tree under their try, inside their step", () => {
    const rows = visibleSpanRows(buildTraceView(retried).spanTree, new Set()).filter((row) => row.role === null);
    expect(rows.map((row) => row.span.name)).toEqual(['GET /status try 1', 'GET /status try 2', 'GET /status try 3', 'GET /status try 4']);
    expect(rows.slice(0, 3).every((row) => row.stepSpanId === stepOf('fetch').key)).toBe(true);
    const tries = visibleSpanRows(buildTraceView(retried).spanTree, new Set()).filter((row) => row.role === 'attempt');
    expect(rows.slice(0, 3).map((row) => row.span.parentSpanId)).toEqual(tries.slice(0, 3).map((row) => row.span.spanId));
  });

  it('failed tries of a step that recovered are not errors of the trace; a step that failed every try counts once', () => {
    expect(countErrors(retried)).toBe(1);
    expect(buildTraceView(retried).errorCount).toBe(1);
    expect(stepOf('flap').attempts.map((attempt) => attempt.status)).toEqual(['error', 'error', 'error']);
  });
});
