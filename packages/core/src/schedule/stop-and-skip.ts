import { topologicalOrder } from '../plan/graph.js';
import type { ValidatedPlan } from '../plan/types.js';
import { StepCancelledError } from '../tools/errors.js';
import type { RunState } from './run-state.js';
import { BLOCKS_DEPENDENTS, SETTLED, STARTED, type StepStates } from './step-states.js';
import { abortTry } from './try-retries.js';
import type { StepStatus } from './types.js';

// Which steps do not run, and why: skipped because a dependency failed, skipped by fail-fast, or
// cancelled when the run stops.

/** Whether a step with this status failed (a cause, unlike a skipped or cancelled step). */
export function isFailed(status: StepStatus): boolean {
  return status === 'error' || status === 'timed_out';
}

/**
 * The root cause behind a step's first dependency that failed, timed out or was skipped because
 * its own dependency failed; null when there is none.
 */
export function failedDependency(plan: ValidatedPlan, states: StepStates, index: number): string | null {
  const dependencies = plan.steps[index]?.dependencyIndexes ?? [];
  for (let at = 0; at < dependencies.length; at++) {
    const dep = dependencies[at] as number;
    // Cancelled and fail_fast-skipped dependencies are collateral of a failure elsewhere, not causes.
    if (states.has(dep, BLOCKS_DEPENDENTS)) return states.endings.blockedBy[dep] ?? plan.steps[dep]?.id ?? null;
  }
  return null;
}

/** Settles a ready step whose dependency failed as skipped. */
export function skipDoomed(run: RunState, index: number): void {
  const blocker = failedDependency(run.plan, run.states, index);
  if (blocker !== null) run.settle(index, 'skipped', undefined, undefined, 'dependency_failed', blocker);
}

/**
 * Stops the run: running steps are aborted through their signal and cancelled; steps not started
 * are skipped (`fail-fast` after step `failed`) or cancelled (the caller's signal, `failed` null).
 */
export function stop(run: RunState, failed: number | null): void {
  if (run.stopped || run.finished) return;
  run.stopped = true;
  const { plan, states } = run;
  const failedId = failed === null ? null : (plan.steps[failed]?.id ?? null);
  if (failedId === null) run.cancelledByCaller = true;
  const reason = failedId === null ? 'the run was aborted' : `fail-fast after step "${failedId}" failed`;
  const order = topologicalOrder(plan.steps.map((step) => step.dependencyIndexes));
  for (const index of order) {
    const step = plan.steps[index];
    if (!step || states.has(index, SETTLED) || index === failed) continue;
    if (states.has(index, STARTED) || failedId === null) {
      const cause = failedId === null ? run.options.signal?.reason : states.endings.error[failed ?? -1];
      const error = new StepCancelledError(step.id, step.tool, reason, cause);
      abortTry(states, index, error);
      run.settle(index, 'cancelled', error);
      continue;
    }
    const blocker = failedDependency(plan, states, index);
    if (blocker === null) run.settle(index, 'skipped', undefined, undefined, 'fail_fast', failedId);
    else run.settle(index, 'skipped', undefined, undefined, 'dependency_failed', blocker);
  }
}
