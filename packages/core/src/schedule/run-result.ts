import type { Strategy } from '../plan/schema.js';
import type { ValidatedPlan, ValidatedStep } from '../plan/types.js';
import type { CriticalPath } from './critical-path.js';
import type { StepStates } from './step-states.js';
import type { RunOutcome, RunResult, StepResult, StepStatus } from './types.js';

/**
 * The empty `dependsOn` and `attemptErrors` of step results: one frozen array shared by all, as most
 * results have no dependencies or failed tries (a 100k-step run holds 200k fewer objects). A result
 * gets its own `attemptErrors` array on its first failed try.
 */
const EMPTY: never[] = Object.freeze([]) as never[];

/** One result per planned step, made from the step states when the run ends. */
export function stepResults(plan: ValidatedPlan, states: StepStates): StepResult[] {
  const { steps } = plan;
  const { endings } = states;
  const results = new Array<StepResult>(steps.length);
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index] as ValidatedStep;
    const startTime = states.startTime[index] as number;
    const endTime = endings.endTime[index] as number;
    const started = !Number.isNaN(startTime);
    const executionOrder = states.executionOrder[index] as number;
    const result: StepResult = {
      id: step.id,
      tool: step.tool,
      status: endings.status[index] as StepStatus,
      groupIndex: step.groupIndex,
      executionOrder: executionOrder === -1 ? null : executionOrder,
      // A copy: a prepared plan's arrays are frozen and shared by its runs.
      dependsOn: step.dependsOn.length === 0 ? EMPTY : [...step.dependsOn],
      attempts: states.attempt[index] as number,
      attemptErrors: endings.attemptErrors[index] ?? EMPTY,
      startTime: started ? startTime : null,
      endTime: Number.isNaN(endTime) ? null : endTime,
      durationMs: started && !Number.isNaN(endTime) ? endTime - startTime : null,
    };
    // Only the fields that apply, as before: `'output' in result` only for ok steps.
    if (result.status === 'ok') result.output = endings.output[index];
    const error = endings.error[index];
    if (error !== undefined) result.error = error;
    const skipReason = endings.skipReason[index];
    if (skipReason !== undefined) result.skipReason = skipReason;
    const blockedBy = endings.blockedBy[index];
    if (blockedBy !== undefined) result.blockedBy = blockedBy;
    results[index] = result;
  }
  return results;
}

/** What a run resolves with, from its step results; `outputs` holds the output of each `ok` step by id. */
export function runResult(
  outcome: RunOutcome,
  strategy: Strategy,
  results: StepResult[],
  traceId: string | null,
  startTime: number,
  endTime: number,
  criticalPath: CriticalPath | null,
): RunResult {
  const outputs: Record<string, unknown> = {};
  for (const result of results) if (result.status === 'ok') outputs[result.id] = result.output;
  return {
    outcome,
    strategy,
    steps: results,
    outputs,
    traceId,
    startTime,
    endTime,
    durationMs: endTime - startTime,
    criticalPath,
  };
}
