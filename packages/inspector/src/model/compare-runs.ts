import { criticalPath } from './critical-path.js';
import { runCriticalPath } from './run-critical-path.js';
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

/** Two runs of the same plan side by side (see {@link compareRuns}). */
export interface RunComparison {
  before: ComparedRun;
  after: ComparedRun;
  /** Every step of either run: the later run's order, then steps only the earlier one had. */
  steps: StepComparison[];
  /** Steps that ran both times and took longer now, slowest change first. */
  slower: StepComparison[];
}

function stepsOf(trace: InspectorTrace): { steps: StepView[]; run: ComparedRun } {
  const view = buildTraceView(trace);
  const steps = view.runs.flatMap((run) => run.steps);
  const only = view.runs.length === 1 ? view.runs[0] : undefined;
  const keys =
    only !== undefined
      ? runCriticalPath(only)
      : criticalPath(
          steps.map((step) => ({
            key: step.key,
            ran: step.ran,
            startMs: step.span.startMs,
            endMs: step.span.endMs,
            dependsOnKeys: step.dependsOnKeys,
          })),
        );
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
 * each run's critical path, and which steps got slower. Used by the web view's comparison page and
 * `tooltrace-inspector diff`.
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
  return { before: then.run, after: now.run, steps, slower };
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
