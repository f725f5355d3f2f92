import {
  type Context,
  context,
  type MeterProvider,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { InvalidArgumentError } from '../invalid-argument-error.js';
import { checkRunOptions } from '../run-options.js';
import { type Clock, clockFor, withClock } from '../schedule/clock.js';
import { toError } from '../tools/to-error.js';
import * as attr from '../trace/attributes.js';
import { errorType, recordFailure } from '../trace/plan-spans.js';
import { RunMetrics } from '../trace/run-metrics.js';
import { endSpanSafely, safely, startSpanSafely } from '../trace/safe-span.js';
import { SpanHandle } from '../trace/span-handle.js';
import { tracerFrom } from '../trace/tracer.js';
import { genAiLatestExperimental, invokeWorkflowName, WorkflowRuns, withWorkflow, workflowAttributes } from '../trace/workflow.js';

/** What a stage receives besides the previous stage's output. */
export interface StageContext {
  readonly signal: AbortSignal;
  readonly pipelineName: string;
  readonly stageName: string;
  readonly stageIndex: number;
  /** The stage span. `end()` is ignored: tooltrace ends it. */
  readonly span: Span;
}

/** A named stage: receives the previous stage's output, returns its own. */
export interface Stage<In = unknown, Out = unknown> {
  name: string;
  run(input: In, ctx: StageContext): Out | Promise<Out>;
}

/** Options of a pipeline. */
export interface PipelineOptions {
  /** Where spans go. Default: the global provider, looked up at each run. */
  tracerProvider?: TracerProvider;
  /** Where metrics go (`gen_ai.invoke_workflow.duration`). Default: the global provider; none registered, nothing recorded. */
  meterProvider?: MeterProvider | undefined;
}

/** Options of one pipeline run. */
export interface PipelineRunOptions {
  /** Passed to every stage; a stage that starts after it aborted is not run. */
  signal?: AbortSignal;
  /** Parent context of the pipeline span. Default: the active context. */
  parentContext?: Context;
}

/** Thrown when the run's signal is aborted between stages. */
export class PipelineAbortedError extends Error {
  readonly code = 'PIPELINE_ABORTED';
  readonly stageName: string;

  constructor(stageName: string) {
    super(`pipeline aborted before stage "${stageName}"`);
    this.name = 'PipelineAbortedError';
    this.stageName = stageName;
  }
}

/**
 * Named stages run in order, each receiving the previous stage's output, under a
 * `pipeline {name}` span with one `stage {name}` span per stage.
 *
 * @example
 * const pipeline = new Pipeline('incident')
 *   .stage('plan', (question: string) => makePlan(question))
 *   .stage('execute', (plan, ctx) => orchestrator.run(plan, { signal: ctx.signal }))
 *   .stage('present', (result) => render(result));
 * const answer = await pipeline.run('why is web-01 slow?');
 */
export class Pipeline<In = unknown, Out = In> {
  readonly name: string;
  private readonly stages: readonly Stage[];
  private readonly options: PipelineOptions;

  constructor(name: string, options: PipelineOptions = {}, stages: readonly Stage[] = []) {
    if (!name) throw new InvalidArgumentError('name', 'a pipeline needs a non-empty name');
    const seen = new Set<string>();
    for (const stage of stages) {
      if (!stage?.name) throw new InvalidArgumentError('stages', 'every stage needs a non-empty name');
      if (seen.has(stage.name)) throw new InvalidArgumentError('stages', `a stage is already named "${stage.name}"`);
      if (typeof stage.run !== 'function') throw new InvalidArgumentError('stages', `stage "${stage.name}" needs a run function`);
      seen.add(stage.name);
    }
    this.name = name;
    this.options = options;
    this.stages = stages;
  }

  /** Returns a new pipeline with one more stage. */
  stage<Next>(name: string, run: (input: Out, ctx: StageContext) => Next | Promise<Next>): Pipeline<In, Next> {
    return new Pipeline<In, Next>(this.name, this.options, [...this.stages, { name, run } as Stage]);
  }

  /** Runs the stages in order; rejects with the first stage error (after recording it on the spans). */
  async run(input: In, options: PipelineRunOptions = {}): Promise<Out> {
    checkRunOptions(options);
    const tracer = tracerFrom(this.options.tracerProvider);
    const signal = options.signal ?? new AbortController().signal;
    const parent = options.parentContext ?? context.active();
    const now = clockFor(parent);
    // The pipeline is the workflow span (GenAI `invoke_workflow`); its name changes only on opt-in.
    const name = genAiLatestExperimental() ? invokeWorkflowName(this.name) : `${attr.SPAN_NAME_PIPELINE} ${this.name}`;
    const startTime = now();
    const pipelineSpan = startSpanSafely(
      tracer,
      name,
      { kind: SpanKind.INTERNAL, attributes: { [attr.ATTR_PIPELINE_NAME]: this.name, ...workflowAttributes(this.name) }, startTime },
      parent,
    );
    const runs = new WorkflowRuns();
    const pipelineContext = withWorkflow(trace.setSpan(withClock(parent, now), pipelineSpan), runs);
    let value: unknown = input;
    let failedErrorType: string | undefined;
    try {
      for (const [stageIndex, stage] of this.stages.entries()) {
        if (signal.aborted) throw new PipelineAbortedError(stage.name);
        value = await this.runStage(stage, stageIndex, value, { tracer, signal, now, parent: pipelineContext });
      }
      recordRunsOutcome(pipelineSpan, runs);
      failedErrorType = runs.worst()?.outcome === 'error' ? runs.worst()?.errorType : undefined;
    } catch (thrown) {
      const error = toError(thrown);
      failedErrorType = errorType(error);
      safely(() => pipelineSpan.setAttribute(attr.ATTR_OUTCOME, error instanceof PipelineAbortedError ? 'cancelled' : 'error'));
      recordFailure(pipelineSpan, error, now());
      throw thrown;
    } finally {
      const endTime = now();
      endSpanSafely(pipelineSpan, endTime);
      RunMetrics.for(this.options.meterProvider)?.workflowEnded(this.name, failedErrorType, endTime - startTime);
    }
    return value as Out;
  }

  private async runStage(
    stage: Stage,
    stageIndex: number,
    input: unknown,
    run: { tracer: Tracer; signal: AbortSignal; now: Clock; parent: Context },
  ): Promise<unknown> {
    const span = startSpanSafely(
      run.tracer,
      `${attr.SPAN_NAME_STAGE} ${stage.name}`,
      {
        kind: SpanKind.INTERNAL,
        attributes: { [attr.ATTR_PIPELINE_NAME]: this.name, [attr.ATTR_STAGE_NAME]: stage.name, [attr.ATTR_STAGE_INDEX]: stageIndex },
        startTime: run.now(),
      },
      run.parent,
    );
    const ctx: StageContext = {
      signal: run.signal,
      pipelineName: this.name,
      stageName: stage.name,
      stageIndex,
      span: new SpanHandle(span),
    };
    try {
      return await context.with(trace.setSpan(run.parent, span), () => stage.run(input, ctx));
    } catch (thrown) {
      recordFailure(span, toError(thrown), run.now());
      throw thrown;
    } finally {
      endSpanSafely(span, run.now());
    }
  }
}

/**
 * The pipeline's outcome when every stage returned: `error` (with ERROR status and the first failed
 * step's `error.type`) when an orchestration inside it failed, `cancelled` when one was aborted, else `ok`.
 */
function recordRunsOutcome(span: Span, runs: WorkflowRuns): void {
  const worst = runs.worst();
  safely(() => {
    span.setAttribute(attr.ATTR_OUTCOME, worst?.outcome ?? 'ok');
    if (worst?.outcome !== 'error') return;
    const failed = runs.reports.filter((report) => report.outcome === 'error').length;
    if (worst.errorType) span.setAttribute(attr.ATTR_ERROR_TYPE, worst.errorType);
    span.setStatus({ code: SpanStatusCode.ERROR, message: `${failed} of ${runs.reports.length} orchestrations failed` });
  });
}

/**
 * Runs named stages in order under a `pipeline {name}` span: the function form of {@link Pipeline}.
 */
export function runStages<Out = unknown>(
  name: string,
  stages: readonly Stage<never, unknown>[],
  input: unknown,
  options: PipelineOptions & PipelineRunOptions = {},
): Promise<Out> {
  const pipeline = new Pipeline<unknown, unknown>(
    name,
    { ...(options.tracerProvider ? { tracerProvider: options.tracerProvider } : {}) },
    stages as readonly Stage[],
  );
  const { signal, parentContext } = options;
  return pipeline.run(input, { ...(signal ? { signal } : {}), ...(parentContext ? { parentContext } : {}) }) as Promise<Out>;
}
