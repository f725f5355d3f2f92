import {
  type Attributes,
  type Context,
  type Span,
  type SpanContext,
  SpanKind,
  type SpanOptions,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { ValidatedPlan } from '../plan/types.js';
import type { CriticalPath } from '../schedule/critical-path.js';
import type { RunOutcome, SkipReason, StepStatus } from '../schedule/types.js';
import { type AttemptStatus, annotateAttempt, attemptAttributes, attemptSpanName } from './attempt-spans.js';
import * as attr from './attributes.js';
import {
  dependencyLinks,
  executionPlanEventJson,
  groupAttributes,
  orchestrateAttributes,
  recordFailure,
  stepAttributes,
} from './plan-spans.js';
import { type RecordIoOptions, serializeForSpan } from './record-io.js';
import { endSpanSafely, isRecordingSafely, safely, spanContextSafely, startSpanSafely } from './safe-span.js';
import { withStepSpan } from './step-context.js';

/**
 * Where step spans go. `grouped` (default): under one `group {index}` span per execution group.
 * `flat`: directly under the orchestrate span, with no group spans, so that Jaeger's critical path
 * (which follows parent/child spans only) is right on `dag` runs whose groups overlap in time.
 */
export type SpanLayout = 'grouped' | 'flat';

/** Step span names: `execute_tool {tool}` (`tool`, default) or `execute_tool {tool} ({stepId})` (`tool_and_step`). */
export type StepSpanNames = 'tool' | 'tool_and_step';

/** What the spans of one run need to know, fixed when the run starts. */
export interface RunSpansOptions {
  plan: ValidatedPlan;
  tracer: Tracer;
  /** Tool descriptions by tool name, for `gen_ai.tool.description`. */
  toolDescriptions: ReadonlyMap<string, string>;
  layout: SpanLayout;
  stepSpanNames: StepSpanNames;
  /** The parent context, already carrying the run's clock. */
  parentContext: Context;
  maxConcurrency: number | null;
  recordIO: RecordIoOptions | null;
}

/** How a step ended, as its span records it. */
export interface StepEnding {
  status: StepStatus;
  error?: Error | undefined;
  skipReason?: SkipReason | undefined;
  blockedBy?: string | undefined;
  /** The validated input and output, recorded only with `recordIO`. */
  input?: unknown;
  output?: unknown;
  /** Tries of the tool that started; undefined for a step that never started. Recorded when the step may retry. */
  attempts?: number | undefined;
}

interface GroupSpan {
  span: Span | undefined;
  context: Context | undefined;
  remaining: number;
  failed: boolean;
}

const FAILED: ReadonlySet<StepStatus> = new Set(['error', 'timed_out']);

/**
 * The spans of one run: `orchestrate`, one `group` per execution group, one `execute_tool` per step.
 * The scheduler tells it what happened and when; every span it starts it ends exactly once.
 */
export class RunSpans {
  private readonly options: RunSpansOptions;
  // Made when the run opens, and only when it records.
  private groups: GroupSpan[] = [];
  /** Each step's span until it ends. */
  private steps: (Span | undefined)[] = [];
  /** A step's span context, kept for its dependents' links until the last of them has its span. */
  private stepSpanContexts: (SpanContext | undefined)[] = [];
  /** Dependents of each step whose spans (and links) are not made yet. */
  private linksToMake: Int32Array = new Int32Array(0);
  /** The open attempt span of each step, while one of its tries runs. */
  private attempts: (Span | undefined)[] = [];
  private span!: Span;
  private context!: Context;
  /**
   * False only when no SDK is registered (the orchestrate span is the API's no-op): then groups and
   * steps get no spans of their own, no attributes, links or contexts are built, and a run costs
   * close to a hand-written one. With an SDK, every span is offered to its sampler.
   */
  #recording = true;
  /** Start time of a recording run, whose execution-plan event is still to add. */
  #planEventTime: number | undefined;
  /** Whether the orchestrate span's name and plan attributes are still to set, and to keep its name. */
  #description: { keepName: boolean } | undefined;

  constructor(options: RunSpansOptions) {
    this.options = options;
  }

  /** Whether groups and steps get spans: false only when no SDK is registered (known once the run opened). */
  get recording(): boolean {
    return this.#recording;
  }

  /** The orchestrate span (the API's no-op when nothing records). */
  get runSpan(): Span {
    return this.span;
  }

  /**
   * Takes the orchestrate span (started before validation). Naming it `orchestrate {strategy}` (unless
   * `keepName`) and recording the plan's attributes and execution plan wait until the first steps have
   * started ({@link addExecutionPlanEvent}) or the run ends: nothing reads them before the span ends.
   */
  openRun(span: Span, startTime: number, keepName: boolean): void {
    const { plan, parentContext } = this.options;
    this.span = span;
    this.#description = { keepName };
    const recordsItself = isRecordingSafely(this.span);
    // The execution-plan event (timed at the run's start) is added once the first steps have started
    // (addExecutionPlanEvent), or when the run ends: describing the plan is not needed before then.
    if (recordsItself) this.#planEventTime = startTime;
    this.#recording = recordsItself || !isNoopSpan(this.span, parentContext);
    this.context = trace.setSpan(parentContext, this.span);
    if (this.#recording) {
      this.groups = new Array<GroupSpan>(plan.groups.length);
      for (let group = 0; group < plan.groups.length; group++)
        this.groups[group] = { span: undefined, context: undefined, remaining: (plan.groups[group] as number[]).length, failed: false };
      this.steps = new Array<Span | undefined>(plan.steps.length).fill(undefined);
      this.stepSpanContexts = new Array<SpanContext | undefined>(plan.steps.length).fill(undefined);
      this.linksToMake = new Int32Array(plan.steps.length);
      for (let index = 0; index < plan.steps.length; index++) this.linksToMake[index] = plan.dependents[index]?.length ?? 0;
      this.attempts = new Array<Span | undefined>(plan.steps.length).fill(undefined);
    }
  }

  /** The context of a group's steps, starting the group span if needed. */
  groupContext(groupIndex: number, startTime: number): Context {
    if (!this.#recording) return this.context;
    const group = this.groups[groupIndex] as GroupSpan;
    if (!group.context && this.options.layout === 'flat') group.context = this.context;
    if (!group.context) {
      const { plan, maxConcurrency, tracer } = this.options;
      const limit = maxConcurrency ?? Number.POSITIVE_INFINITY;
      const parallel = plan.strategy !== 'serial' && limit > 1 && (plan.groups[groupIndex]?.length ?? 0) > 1;
      group.span = startSpanSafely(
        tracer,
        `${attr.SPAN_NAME_GROUP} ${groupIndex}`,
        { kind: SpanKind.INTERNAL, attributes: groupAttributes(plan, groupIndex, parallel), startTime },
        this.context,
      );
      group.context = trace.setSpan(this.context, group.span);
    }
    return group.context;
  }

  /** Starts a step's span; undefined when the run does not record. */
  openStep(index: number, executionOrder: number | null, startTime: number, queuedMs: number | null = null): Span | undefined {
    const { plan, tracer, stepSpanNames, toolDescriptions } = this.options;
    const step = plan.steps[index];
    if (!step) throw new Error(`internal: no step ${index}`);
    if (!this.#recording) return undefined;
    const parent = this.groupContext(step.groupIndex, startTime);
    const name = `${attr.SPAN_NAME_EXECUTE_TOOL} ${step.tool}`;
    const options: SpanOptions = {
      kind: SpanKind.INTERNAL,
      attributes: stepAttributes(plan, step, executionOrder, queuedMs, toolDescriptions.get(step.tool)),
      startTime,
    };
    // No links to make for a step without dependencies (the first steps of a run): `links` is left out.
    if (step.dependencyIndexes.length > 0) options.links = dependencyLinks(plan, step, this.spanContextOf);
    const span = startSpanSafely(tracer, stepSpanNames === 'tool_and_step' ? `${name} (${step.id})` : name, options, parent);
    this.steps[index] = span;
    // Long-lived objects are what a 100k-step run's garbage collections copy: keep each only as long as needed.
    if ((this.linksToMake[index] as number) > 0) this.stepSpanContexts[index] = spanContextSafely(span);
    const dependencies = step.dependencyIndexes;
    for (let at = 0; at < dependencies.length; at++) {
      const dep = dependencies[at] as number;
      if (--(this.linksToMake[dep] as number) === 0) this.stepSpanContexts[dep] = undefined;
    }
    return span;
  }

  private readonly spanContextOf = (index: number): SpanContext | undefined => this.stepSpanContexts[index];

  /** The context a step's tool runs in: its open attempt span's, else its span's, or the group's when it has none. */
  stepContext(index: number): Context {
    if (!this.#recording) return this.context;
    const step = this.options.plan.steps[index];
    const group = this.groups[step?.groupIndex ?? -1];
    const parent = group?.context ?? this.context;
    const span = this.attempts[index] ?? this.steps[index];
    return span ? withStepSpan(parent, span) : parent;
  }

  /**
   * Starts the span of try `attempt` of a step, a child of its step span, when the step's retry
   * policy allows more than one try (a step tried once keeps the v1 shape: no attempt span).
   */
  openAttempt(index: number, attempt: number, backoffMs: number | null, startTime: number): void {
    const step = this.options.plan.steps[index];
    const stepSpan = this.steps[index];
    if (!step || !stepSpan || step.retry.attempts <= 1) return;
    const parent = withStepSpan(this.groups[step.groupIndex]?.context ?? this.context, stepSpan);
    this.attempts[index] = startSpanSafely(
      this.options.tracer,
      attemptSpanName(attempt),
      { kind: SpanKind.INTERNAL, attributes: attemptAttributes(attempt, backoffMs), startTime },
      parent,
    );
  }

  /** Ends a step's open attempt span, if any. */
  endAttempt(index: number, status: AttemptStatus, error: Error | undefined, endTime: number): void {
    const span = this.attempts[index];
    if (!span) return;
    this.attempts[index] = undefined;
    annotateAttempt(span, status, error, endTime);
    endSpanSafely(span, endTime);
  }

  /**
   * Ends a step's span (a zero-length one when the step never started), and its group's span
   * when it was the group's last step.
   */
  endStep(index: number, ending: StepEnding, endTime: number): void {
    const step = this.options.plan.steps[index];
    if (!step || !this.#recording) return;
    this.groupContext(step.groupIndex, endTime);
    const span = this.steps[index] ?? this.openStep(index, null, endTime);
    if (ending.status !== 'skipped') this.endAttempt(index, ending.status, ending.error, endTime);
    if (span) {
      const attempts = ending.attempts;
      if (attempts !== undefined && step.retry.attempts > 1) safely(() => span.setAttribute(attr.ATTR_STEP_ATTEMPTS, attempts));
      annotateStep(span, ending, endTime);
      this.recordIO(span, ending.input, ending.output);
      endSpanSafely(span, endTime);
      // An ended span is the exporter's: holding 100k of them to the run's end costs the GC dearly.
      this.steps[index] = undefined;
    }
    const group = this.groups[step.groupIndex] as GroupSpan;
    if (FAILED.has(ending.status)) group.failed = true;
    if (--group.remaining === 0) closeGroup(group, endTime);
  }

  /** Ends the orchestrate span with the run's outcome and measured critical path; ERROR when any step failed. */
  endRun(
    outcome: RunOutcome,
    failedIds: readonly string[],
    failedErrorType: string | undefined,
    criticalPath: CriticalPath | null,
    endTime: number,
  ): void {
    this.describeRun();
    safely(() => {
      this.span.setAttribute(attr.ATTR_OUTCOME, outcome);
      if (failedErrorType) this.span.setAttribute(attr.ATTR_ERROR_TYPE, failedErrorType);
      if (criticalPath) {
        this.span.setAttribute(attr.ATTR_CRITICAL_PATH, criticalPath.stepIds);
        this.span.setAttribute(attr.ATTR_CRITICAL_PATH_MS, criticalPath.durationMs);
      }
      // ERROR whenever a step failed, also when the caller then aborted the run (outcome cancelled).
      if (failedIds.length > 0) {
        const message = `${failedIds.length} of ${this.options.plan.steps.length} steps failed: ${failedIds.join(', ')}`;
        this.span.setStatus({ code: SpanStatusCode.ERROR, message });
      }
    });
    this.addExecutionPlanEvent();
    endSpanSafely(this.span, endTime);
  }

  /** Trace id of the orchestrate span (or of the run's remote parent); null when there is none. */
  traceId(): string | null {
    const spanContext = spanContextSafely(this.span);
    return trace.isSpanContextValid(spanContext) ? spanContext.traceId : null;
  }

  /** Adds the execution-plan event, timed at the run's start, to a recording run; once (later calls do nothing). */
  addExecutionPlanEvent(): void {
    this.describeRun();
    const time = this.#planEventTime;
    if (time === undefined) return;
    this.#planEventTime = undefined;
    const { plan, maxConcurrency } = this.options;
    safely(() =>
      this.span.addEvent(attr.EVENT_EXECUTION_PLAN, { [attr.ATTR_EXECUTION_PLAN]: executionPlanEventJson(plan, maxConcurrency) }, time),
    );
  }

  /** Names the orchestrate span after the plan's strategy and sets the plan's attributes; once. */
  private describeRun(): void {
    const description = this.#description;
    if (!description) return;
    this.#description = undefined;
    const { plan, maxConcurrency } = this.options;
    const span = this.span;
    safely(() => {
      if (!description.keepName) span.updateName(`${attr.SPAN_NAME_ORCHESTRATE} ${plan.strategy}`);
      span.setAttributes(orchestrateAttributes(plan, maxConcurrency));
    });
  }

  /** Opt-in I/O attributes go last, so an attribute-count limit drops them before any contract attribute. */
  private recordIO(span: Span, input: unknown, output: unknown): void {
    const options = this.options.recordIO;
    if (!options || !isRecordingSafely(span)) return;
    safely(() => {
      if (input !== undefined) span.setAttribute(attr.ATTR_GEN_AI_TOOL_CALL_ARGUMENTS, serializeForSpan(input, options));
      if (output !== undefined) span.setAttribute(attr.ATTR_GEN_AI_TOOL_CALL_RESULT, serializeForSpan(output, options));
    });
  }
}

function annotateStep(span: Span, ending: StepEnding, time: number): void {
  safely(() => {
    span.setAttribute(attr.ATTR_STEP_STATUS, ending.status);
    if (ending.skipReason) span.setAttribute(attr.ATTR_SKIP_REASON, ending.skipReason);
    if (ending.blockedBy) span.setAttribute(attr.ATTR_BLOCKED_BY, ending.blockedBy);
    // An event draws a marker on the zero-length span in Jaeger and Grafana, with the reason beside it.
    if (ending.status === 'skipped') span.addEvent(attr.EVENT_STEP_SKIPPED, skippedEventAttributes(ending), time);
  });
  if (ending.error) recordFailure(span, ending.error, time, FAILED.has(ending.status));
}

function skippedEventAttributes(ending: StepEnding): Attributes {
  const attributes: Attributes = {};
  if (ending.skipReason) attributes[attr.ATTR_SKIP_REASON] = ending.skipReason;
  if (ending.blockedBy) attributes[attr.ATTR_BLOCKED_BY] = ending.blockedBy;
  return attributes;
}

function closeGroup(group: GroupSpan, endTime: number): void {
  const span = group.span;
  if (!span) return;
  if (group.failed) safely(() => span.setStatus({ code: SpanStatusCode.ERROR, message: 'a step of this group failed' }));
  endSpanSafely(span, endTime);
}

/**
 * Whether `span` is the API's no-op: not recording, and either invalid or the parent's own context
 * passed through (what the no-op tracer returns). An SDK makes a fresh span id even when it samples
 * a span out.
 */
function isNoopSpan(span: Span, parent: Context): boolean {
  const spanContext = spanContextSafely(span);
  if (!trace.isSpanContextValid(spanContext)) return true;
  return trace.getSpanContext(parent)?.spanId === spanContext.spanId;
}
