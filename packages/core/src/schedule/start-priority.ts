import { chainToSink } from '../plan/chain-to-sink.js';
import type { ValidatedPlan } from '../plan/types.js';

/**
 * Which waiting step gets a free slot first: the one with the longest chain of steps still to run
 * from it (it keeps the critical chain moving), or null — first ready, first started — when no step
 * can wait (no limit, or a limit at least the step count) or every step's chain is one step long.
 */
export function startPriority(plan: ValidatedPlan, limit: number): Uint32Array | null {
  const { steps } = plan;
  if (plan.strategy !== 'dag' || limit >= steps.length || !steps.some((step) => step.dependencyIndexes.length > 0)) return null;
  return chainToSink(
    steps.map((step) => step.dependencyIndexes),
    plan.dependents,
  );
}
