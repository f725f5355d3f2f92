import { runCriticalPath, timedCriticalPath } from './run-critical-path.js';
import { buildTraceView } from './trace-view.js';
import type { StepStatusName, StepView } from './trace-view-types.js';
import type { InspectorTrace } from './types.js';

/** One step in one of the two runs. */
export interface StepRun {
  status: StepStatusName;
  /** null when the step never ran (skipped, cancelled before starting). */
  durationMs: number | null;
}

/** A step of either run: how it went then and now. */
export interface StepComparison {
  stepId: string;
  tool: string;
  /** null when the step is not in that run. */
  before: StepRun | null;
  after: StepRun | null;
  /** `after − before` duration when the step ran both times, else null. */
  deltaMs: number | null;
  statusChanged: boolean;
}

/** One run of the comparison. */
export interface ComparedRun {
  traceId: string;
  rootName: string;
  durationMs: number;
  /** Step ids of the run's critical path (see `criticalPath`), first step first. */
  criticalPath: string[];
}

/** How the plans of two runs differ, step by step (matched by step id). */
export interface PlanDifferences {
  /** Step ids only the earlier run has, in its order. */
  onlyBefore: string[];
  /** Step ids only the later run has, in its order. */
  onlyAfter: string[];
  /** Steps of both runs whose tool changed. */
  toolChanged: { stepId: string; before: string; after: string }[];
  /** Steps of both runs whose declared dependencies changed (sorted ids). */
  dependenciesChanged: { stepId: string; before: string[]; after: string[] }[];
  /** How many step ids both runs have. */
  commonSteps: number;
}

/** Two runs side by side (see {@link compareRuns}). */
export interface RunComparison {
  before: ComparedRun;
  after: ComparedRun;
  /** What differs between the two runs' plans; every list empty when they ran the same plan. */
  plan: PlanDifferences;
  /** Every step of either run: the later run's order, then steps only the earlier one had. */
  steps: StepComparison[];
  /** Steps that ran both times and took longer now, slowest change first. */
  slower: StepComparison[];
}

function stepsOf(trace: InspectorTrace): { steps: StepView[]; run: ComparedRun } {
  const view = buildTraceView(trace);
  const steps = view.runs.flatMap((run) => run.steps);
  const only = view.runs.length === 1 ? view.runs[0] : undefined;
  const keys = only !== undefined ? runCriticalPath(only) : timedCriticalPath(steps);
  const idOf = new Map(steps.map((step) => [step.key, step.stepId]));
  return {
    steps,
    run: {
      traceId: trace.traceId,
      rootName: view.rootName,
      durationMs: view.endMs - view.startMs,
      criticalPath: keys.map((key) => idOf.get(key) ?? key),
    },
  };
}

/**
 * Compares two runs of a plan step by step (matched by step id): status and duration then and now,
 * each run's critical path, which steps got slower, and what differs between their plans (runs of
 * different plans are still compared where they share steps). Used by the web view's comparison
 * pages and `tooltrace-inspector diff`.
 */
export function compareRuns(before: InspectorTrace, after: InspectorTrace): RunComparison {
  const then = stepsOf(before);
  const now = stepsOf(after);
  const beforeById = new Map<string, StepView>();
  for (const step of then.steps) if (!beforeById.has(step.stepId)) beforeById.set(step.stepId, step);
  const runOf = (step: StepView | undefined): StepRun | null =>
    step === undefined ? null : { status: step.status, durationMs: step.ran ? step.span.durationMs : null };
  const seen = new Set<string>();
  const steps: StepComparison[] = [];
  const add = (stepId: string, tool: string, earlier: StepView | undefined, later: StepView | undefined): void => {
    if (seen.has(stepId)) return;
    seen.add(stepId);
    const previous = runOf(earlier);
    const next = runOf(later);
    const deltaMs = previous?.durationMs != null && next?.durationMs != null ? next.durationMs - previous.durationMs : null;
    steps.push({ stepId, tool, before: previous, after: next, deltaMs, statusChanged: previous?.status !== next?.status });
  };
  for (const step of now.steps) add(step.stepId, step.tool, beforeById.get(step.stepId), step);
  for (const step of then.steps) add(step.stepId, step.tool, step, undefined);
  const slower = steps.filter((step) => step.deltaMs !== null && step.deltaMs > 0).sort((a, b) => (b.deltaMs ?? 0) - (a.deltaMs ?? 0));
  return { before: then.run, after: now.run, plan: planDifferences(then.steps, now.steps), steps, slower };
}

function planDifferences(before: StepView[], after: StepView[]): PlanDifferences {
  const firstById = (steps: StepView[]): Map<string, StepView> => {
    const byId = new Map<string, StepView>();
    for (const step of steps) if (!byId.has(step.stepId)) byId.set(step.stepId, step);
    return byId;
  };
  const then = firstById(before);
  const now = firstById(after);
  const differences: PlanDifferences = {
    onlyBefore: [...then.keys()].filter((id) => !now.has(id)),
    onlyAfter: [...now.keys()].filter((id) => !then.has(id)),
    toolChanged: [],
    dependenciesChanged: [],
    commonSteps: 0,
  };
  for (const [stepId, later] of now) {
    const earlier = then.get(stepId);
    if (earlier === undefined) continue;
    differences.commonSteps += 1;
    if (earlier.tool !== later.tool) differences.toolChanged.push({ stepId, before: earlier.tool, after: later.tool });
    const was = [...new Set(earlier.dependsOn)].sort();
    const is = [...new Set(later.dependsOn)].sort();
    if (was.join('\n') !== is.join('\n')) differences.dependenciesChanged.push({ stepId, before: was, after: is });
  }
  return differences;
}

/** Whether two runs ran the same plan: the same step ids, tools and dependencies. */
export function samePlan(plan: PlanDifferences): boolean {
  return plan.onlyBefore.length + plan.onlyAfter.length + plan.toolChanged.length + plan.dependenciesChanged.length === 0;
}

/**
 * What differs between the plans of two runs, in sentences every view prints as they are (the
 * terminal `diff`, the web comparison); empty when they ran the same plan. Steps are still compared
 * where both runs have them.
 */
export function describePlanDifferences(plan: PlanDifferences): string[] {
  if (samePlan(plan)) return [];
  const list = (ids: string[]): string => (ids.length <= 6 ? ids.join(', ') : `${ids.slice(0, 6).join(', ')}, … ${ids.length - 6} more`);
  const count = (n: number): string => `${n} step${n === 1 ? '' : 's'}`;
  const lines = [
    plan.commonSteps === 0
      ? "The runs' plans differ and share no step: there is nothing to compare step by step."
      : `The runs' plans differ; the ${count(plan.commonSteps)} both have are compared.`,
  ];
  if (plan.onlyBefore.length > 0) lines.push(`Only then: ${count(plan.onlyBefore.length)} (${list(plan.onlyBefore)}).`);
  if (plan.onlyAfter.length > 0) lines.push(`Only now: ${count(plan.onlyAfter.length)} (${list(plan.onlyAfter)}).`);
  for (const change of plan.toolChanged) lines.push(`Tool of ${change.stepId}: ${change.before} then, ${change.after} now.`);
  for (const change of plan.dependenciesChanged) {
    const deps = (ids: string[]): string => (ids.length === 0 ? 'none' : ids.join(', '));
    lines.push(`Dependencies of ${change.stepId}: ${deps(change.before)} then, ${deps(change.after)} now.`);
  }
  return lines;
}

/** A duration change with its sign (`+12ms`, `−3ms`), in a view's own duration format. */
export function signedDuration(ms: number, formatMs: (ms: number) => string): string {
  return `${ms >= 0 ? '+' : '−'}${formatMs(Math.abs(ms))}`;
}

/**
 * What changed for a step, worded the same in every view: the signed duration change when it ran
 * both times, else which run lacks it, else a status change; `unchanged` when nothing did.
 */
export function stepChange(step: StepComparison, formatMs: (ms: number) => string, unchanged: string): string {
  if (step.deltaMs !== null) return signedDuration(step.deltaMs, formatMs);
  if (step.after === null) return 'only then';
  if (step.before === null) return 'only now';
  return step.statusChanged ? 'status changed' : unchanged;
}
