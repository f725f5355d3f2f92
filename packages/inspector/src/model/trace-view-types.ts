import type { SpanTreeNode } from './span-tree.js';
import type { InspectorSpan, InspectorTrace } from './types.js';

/** A step's outcome as the view colours it; `unknown` when a span carries no tooltrace status. */
export type StepStatusName = 'ok' | 'error' | 'timed_out' | 'cancelled' | 'skipped' | 'unknown';

/** One try of a retried step: an `attempt {n}` span. */
export interface AttemptView {
  span: InspectorSpan;
  /** 1-based number of the try. */
  number: number;
  /** `ok`, `error`, `timed_out`, `cancelled` (or `running` in a trace cut short). */
  status: string;
  /** The wait after the previous try failed, for tries after the first. */
  backoffMs: number | null;
  /** The try's error (its exception's type and message), when it failed. */
  error: string | null;
}

/** One `execute_tool` span with its dependencies resolved inside its run. */
export interface StepView {
  /** The step span's id: unique in the trace, unlike step ids when a trace holds several runs. */
  key: string;
  stepId: string;
  tool: string;
  span: InspectorSpan;
  status: StepStatusName;
  groupIndex: number;
  /** Order in which the steps of the group started; null for steps that never started. */
  executionOrder: number | null;
  /** Whether the tool actually ran (skipped steps and steps cancelled before starting did not). */
  ran: boolean;
  /** Step ids this step depended on, as declared. */
  dependsOn: string[];
  /** Keys of the dependency steps found in the same run. */
  dependsOnKeys: string[];
  /** Keys of the steps in the same run that depended on this one. */
  dependedOnByKeys: string[];
  /** When the step could have started: the last dependency's end, else its start minus queueing. */
  readyMs: number;
  /** `startMs - readyMs`: time spent waiting after it was ready (never negative). */
  waitMs: number;
  /** The step's tries when its retry policy allowed more than one, in order; empty otherwise. */
  attempts: AttemptView[];
}

/** An execution group: a swimlane. */
export interface GroupView {
  index: number;
  span: InspectorSpan | null;
  /** Steps by execution order; steps that never started come last, in plan order. */
  steps: StepView[];
  parallel: boolean | null;
}

/** One `orchestrate` span (one `Orchestrator.run()`) and its steps. */
export interface RunView {
  /** The orchestrate span's id, or `orphan` for steps whose orchestrate span is missing. */
  key: string;
  span: InspectorSpan | null;
  strategy: string | null;
  outcome: string | null;
  failurePolicy: string | null;
  maxConcurrency: number | null;
  /** Steps in plan order. */
  steps: StepView[];
  groups: GroupView[];
}

/** A `stage` span of a pipeline. */
export interface StageView {
  span: InspectorSpan;
  name: string;
  index: number;
  failed: boolean;
}

/** Everything the trace page shows, derived from one trace. */
export interface TraceView {
  trace: InspectorTrace;
  startMs: number;
  endMs: number;
  rootName: string;
  serviceName: string;
  pipeline: InspectorSpan | null;
  stages: StageView[];
  runs: RunView[];
  /** Every span as a tree (see {@link buildSpanTree}). */
  spanTree: SpanTreeNode[];
  /** The trace's errors (see `countErrors`). */
  errorCount: number;
}
