import type { Context, MeterProvider, Span, Tracer } from '@opentelemetry/api';
import type { ValidatedPlan } from '../plan/types.js';
import type { ToolRegistry } from '../plan/validate.js';
import type { RecordIoOptions } from '../trace/record-io.js';
import type { RunMetrics } from '../trace/run-metrics.js';
import type { RunSpans, SpanLayout, StepSpanNames } from '../trace/run-spans.js';
import type { WorkflowRuns } from '../trace/workflow.js';
import type { Clock } from './clock.js';
import type { StepStates } from './step-states.js';
import type { SkipReason, StepStatus } from './types.js';

/** Everything one run needs. */
export interface PlanRunOptions {
  plan: ValidatedPlan;
  tools: ToolRegistry;
  tracer: Tracer;
  /** The parent context of the run's spans, already carrying the run's clock (see clock.ts). */
  parentContext: Context;
  maxConcurrency: number | null;
  signal: AbortSignal | undefined;
  recordIO: RecordIoOptions | null;
  spanLayout: SpanLayout;
  stepSpanNames: StepSpanNames;
  /** Tool descriptions by tool name. */
  toolDescriptions: ReadonlyMap<string, string>;
  /** The orchestrate span, started before validation at `startTime` (by the run's clock, carried by `parentContext`). */
  span: Span;
  startTime: number;
  /** Keep the span's name (`invoke_workflow {name}` under the GenAI opt-in) instead of `orchestrate {strategy}`. */
  keepSpanName: boolean;
  /** The pipeline this run is part of, told how the run ended. */
  workflow: WorkflowRuns | undefined;
  /** Where measurements go (`undefined`: the global provider); the run looks it up when it first records. */
  meterProvider: MeterProvider | undefined;
  /** `gen_ai.workflow.name` of a run outside a pipeline (it is then the workflow). */
  workflowName: string | undefined;
}

/**
 * What the step functions of a run (step-tries, try-retries, stop-and-skip) read and change of it;
 * `PlanRun` implements it. They are plain functions of the run: no collaborator objects per run or per step.
 */
export interface RunState {
  readonly plan: ValidatedPlan;
  readonly options: PlanRunOptions;
  readonly states: StepStates;
  readonly spans: RunSpans;
  readonly now: Clock;
  /** Where measurements go: null when no MeterProvider is registered. */
  readonly metrics: RunMetrics | null;
  /** Steps holding a concurrency slot. */
  running: number;
  /** Concurrency slots given back so far (a step settling, or a try failing before its retry). */
  slotsFreed: number;
  stopped: boolean;
  cancelledByCaller: boolean;
  finished: boolean;
  /** Queues a ready step for a concurrency slot. */
  enqueue(index: number): void;
  /** Settles doomed steps and starts ready ones until nothing more can happen now. */
  advance(): void;
  /** Records how a step ended and releases its successors. */
  settle(index: number, status: StepStatus, error: Error | undefined, output?: unknown, skipReason?: SkipReason, blockedBy?: string): void;
}
