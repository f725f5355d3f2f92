import { type Attributes, type Context, createContextKey, type Span, SpanKind, type Tracer } from '@opentelemetry/api';
import { PlanValidationError } from '../plan/errors.js';
import type { RunOutcome } from '../schedule/types.js';
import * as attr from './attributes.js';
import { recordFailure } from './plan-spans.js';
import { endSpanSafely, safely, startSpanSafely } from './safe-span.js';

const WORKFLOW_KEY = createContextKey('tooltrace.workflow');

/** How one orchestration inside a workflow (a pipeline) ended, as the workflow span records it. */
export interface RunReport {
  outcome: RunOutcome;
  /** `error.type` of the run's first failed step, when it failed. */
  errorType: string | undefined;
}

/** What a pipeline learns from the orchestrations run inside it. */
export class WorkflowRuns {
  readonly reports: RunReport[] = [];

  report(report: RunReport): void {
    this.reports.push(report);
  }

  /** The first failed run's report, else the first cancelled one, else undefined. */
  worst(): RunReport | undefined {
    return this.reports.find((r) => r.outcome === 'error') ?? this.reports.find((r) => r.outcome === 'cancelled');
  }
}

/** The workflow (pipeline) a context runs in, if any: then the orchestrate span is not the workflow span. */
export function workflowOf(ctx: Context): WorkflowRuns | undefined {
  return ctx.getValue(WORKFLOW_KEY) as WorkflowRuns | undefined;
}

/** `ctx` marking the runs under it as part of `runs`' workflow. */
export function withWorkflow(ctx: Context, runs: WorkflowRuns): Context {
  return ctx.setValue(WORKFLOW_KEY, runs);
}

/**
 * Whether `OTEL_SEMCONV_STABILITY_OPT_IN` asks for the latest experimental GenAI conventions
 * (`gen_ai_latest_experimental`): then tooltrace's workflow span is named `invoke_workflow {name}`.
 */
export function genAiLatestExperimental(): boolean {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.OTEL_SEMCONV_STABILITY_OPT_IN;
  return value?.split(',').some((item) => item.trim() === 'gen_ai_latest_experimental') ?? false;
}

/** GenAI attributes of a workflow span. */
export function workflowAttributes(name: string | undefined): Attributes {
  const attributes: Attributes = { [attr.ATTR_GEN_AI_OPERATION_NAME]: attr.GEN_AI_OPERATION_INVOKE_WORKFLOW };
  if (name) attributes[attr.ATTR_GEN_AI_WORKFLOW_NAME] = name;
  return attributes;
}

/** `invoke_workflow {name}` (or `invoke_workflow` with no name): the span name under the opt-in. */
export function invokeWorkflowName(name: string | undefined): string {
  return name ? `${attr.SPAN_NAME_INVOKE_WORKFLOW} ${name}` : attr.SPAN_NAME_INVOKE_WORKFLOW;
}

/** Largest `tooltrace.plan.problems` JSON recorded; longer lists are cut at a whole problem. */
const MAX_PROBLEMS_LENGTH = 65_536;

/**
 * Starts the orchestrate span before the plan is validated, so validation time belongs to it. Its
 * name is `orchestrate` until the plan's strategy is known (or `invoke_workflow {name}` when it is
 * the workflow span under the GenAI opt-in).
 */
export function startOrchestrateSpan(
  tracer: Tracer,
  parent: Context,
  startTime: number,
  workflow: { name: string | undefined; latestGenAi: boolean } | null,
): Span {
  const name = workflow?.latestGenAi ? invokeWorkflowName(workflow.name) : attr.SPAN_NAME_ORCHESTRATE;
  const attributes = workflow ? workflowAttributes(workflow.name) : {};
  return startSpanSafely(tracer, name, { kind: SpanKind.INTERNAL, attributes, startTime }, parent);
}

/** Ends an orchestrate span whose plan or options were rejected: ERROR, the error recorded, a PlanValidationError's problems in an event. */
export function endRejectedRun(span: Span, error: Error, time: number): void {
  safely(() => {
    span.setAttribute(attr.ATTR_OUTCOME, 'error');
    if (error instanceof PlanValidationError) {
      span.addEvent(
        attr.EVENT_PLAN_INVALID,
        { [attr.ATTR_PLAN_PROBLEMS]: problemsJson(error), [attr.ATTR_PLAN_PROBLEM_COUNT]: error.issues.length },
        time,
      );
    }
  });
  recordFailure(span, error, time);
  endSpanSafely(span, time);
}

function problemsJson(error: PlanValidationError): string {
  const issues = error.issues.map(({ path, code, message }) => ({ path, code, message }));
  let json = JSON.stringify(issues);
  while (json.length > MAX_PROBLEMS_LENGTH && issues.length > 1) {
    issues.splice(Math.ceil(issues.length / 2));
    json = JSON.stringify(issues);
  }
  return json.length > MAX_PROBLEMS_LENGTH ? '[]' : json;
}
