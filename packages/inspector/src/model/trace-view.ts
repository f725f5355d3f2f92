import {
  ATTR_ATTEMPT_BACKOFF_MS,
  ATTR_ATTEMPT_NUMBER,
  ATTR_ATTEMPT_STATUS,
  ATTR_DEPENDS_ON,
  ATTR_EXECUTION_ORDER,
  ATTR_GROUP_INDEX,
  ATTR_GROUP_PARALLEL,
  ATTR_LINK_KIND,
  ATTR_OUTCOME,
  ATTR_PIPELINE_NAME,
  ATTR_PLAN_FAILURE_POLICY,
  ATTR_PLAN_MAX_CONCURRENCY,
  ATTR_PLAN_STEP_IDS,
  ATTR_QUEUED_MS,
  ATTR_STAGE_INDEX,
  ATTR_STAGE_NAME,
  ATTR_STEP_ID,
  ATTR_STRATEGY,
  ATTR_TOOL_NAME,
  LINK_KIND_DEPENDS_ON,
} from '@tooltrace/core';
import { countErrors } from './errors.js';
import { ATTR_EXCEPTION_MESSAGE, ATTR_EXCEPTION_TYPE, ATTR_SERVICE_NAME, EVENT_EXCEPTION } from './otel-attributes.js';
import { hasAttribute, numberAttribute, stringArrayAttribute, stringAttribute } from './span-attributes.js';
import { spanTitle } from './span-description.js';
import { stepStatus, tooltraceRole } from './span-roles.js';
import { buildSpanTree } from './span-tree.js';
import type { AttemptView, GroupView, RunView, StageView, StepView, TraceView } from './trace-view-types.js';
import type { InspectorSpan, InspectorTrace } from './types.js';

/**
 * Derives what the trace page shows from a trace: the pipeline and its stages, one run per
 * `orchestrate` span with its steps, groups and resolved dependencies, and the other spans.
 */
export function buildTraceView(trace: InspectorTrace): TraceView {
  const spans = trace.spans;
  const byId = new Map<string, InspectorSpan>();
  for (const span of spans) byId.set(span.spanId, span);
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  for (const span of spans) {
    startMs = Math.min(startMs, span.startMs);
    endMs = Math.max(endMs, span.endMs);
  }
  if (spans.length === 0) {
    startMs = 0;
    endMs = 0;
  }
  const root = spans.find((span) => span.parentSpanId === null || !byId.has(span.parentSpanId)) ?? null;
  const serviceName = root === null ? '' : root.resource[ATTR_SERVICE_NAME];
  const pipeline = spans.find((span) => hasAttribute(span, ATTR_PIPELINE_NAME) && !hasAttribute(span, ATTR_STAGE_NAME));
  const runs = collectRuns(spans, byId);
  return {
    trace,
    startMs,
    endMs,
    rootName: root === null ? '(empty trace)' : spanTitle(root),
    serviceName: typeof serviceName === 'string' ? serviceName : '',
    pipeline: pipeline ?? null,
    stages: collectStages(spans),
    runs,
    spanTree: buildSpanTree(trace),
    errorCount: countErrors(trace),
  };
}

export function collectStages(spans: InspectorSpan[]): StageView[] {
  const stages: StageView[] = [];
  for (const span of spans) {
    if (tooltraceRole(span) !== 'stage') continue;
    const index = numberAttribute(span, ATTR_STAGE_INDEX);
    stages.push({
      span,
      name: stringAttribute(span, ATTR_STAGE_NAME) ?? span.name,
      index: index ?? stages.length,
      failed: span.status.code === 'ERROR',
    });
  }
  return stages.sort((a, b) => a.span.startMs - b.span.startMs || a.index - b.index);
}

export function collectRuns(spans: InspectorSpan[], byId: Map<string, InspectorSpan>): RunView[] {
  const runs = new Map<string, RunView>();
  const runOf = (span: InspectorSpan): RunView => {
    const orchestrate = ancestorWithRole(span, byId, 'orchestrate');
    const key = orchestrate === null ? 'orphan' : orchestrate.spanId;
    let run = runs.get(key);
    if (run === undefined) {
      run = emptyRun(key, orchestrate);
      runs.set(key, run);
    }
    return run;
  };
  for (const span of spans) {
    if (tooltraceRole(span) === 'orchestrate') runOf(span);
  }
  const groupSpans = new Map<RunView, InspectorSpan[]>();
  const stepsByKey = new Map<string, StepView>();
  for (const span of spans) {
    const role = tooltraceRole(span);
    if (role === 'step') {
      const step = stepFromSpan(span);
      stepsByKey.set(step.key, step);
      runOf(span).steps.push(step);
    }
    if (role === 'group') {
      const run = runOf(span);
      groupSpans.set(run, [...(groupSpans.get(run) ?? []), span]);
    }
  }
  attachAttempts(spans, stepsByKey);
  for (const run of runs.values()) {
    orderSteps(run);
    resolveDependencies(run);
    run.groups = groupSteps(run, groupSpans.get(run) ?? []);
  }
  return [...runs.values()].sort((a, b) => (a.span?.startMs ?? Number.POSITIVE_INFINITY) - (b.span?.startMs ?? Number.POSITIVE_INFINITY));
}

export function emptyRun(key: string, span: InspectorSpan | null): RunView {
  return {
    key,
    span,
    strategy: span === null ? null : stringAttribute(span, ATTR_STRATEGY),
    outcome: span === null ? null : stringAttribute(span, ATTR_OUTCOME),
    failurePolicy: span === null ? null : stringAttribute(span, ATTR_PLAN_FAILURE_POLICY),
    maxConcurrency: span === null ? null : numberAttribute(span, ATTR_PLAN_MAX_CONCURRENCY),
    steps: [],
    groups: [],
  };
}

export function stepFromSpan(span: InspectorSpan): StepView {
  const status = stepStatus(span);
  const executionOrder = numberAttribute(span, ATTR_EXECUTION_ORDER);
  return {
    key: span.spanId,
    stepId: stringAttribute(span, ATTR_STEP_ID) ?? span.spanId,
    tool: stringAttribute(span, ATTR_TOOL_NAME) ?? span.name,
    span,
    status,
    groupIndex: numberAttribute(span, ATTR_GROUP_INDEX) ?? 0,
    executionOrder,
    ran: status !== 'skipped' && (executionOrder !== null || status !== 'cancelled'),
    dependsOn: stringArrayAttribute(span, ATTR_DEPENDS_ON) ?? [],
    dependsOnKeys: [],
    dependedOnByKeys: [],
    readyMs: span.startMs,
    waitMs: 0,
    attempts: [],
  };
}

/** Gives each step its `attempt {n}` child spans, ordered by number then start. */
export function attachAttempts(spans: InspectorSpan[], stepsByKey: Map<string, StepView>): void {
  for (const span of spans) {
    if (tooltraceRole(span) !== 'attempt' || span.parentSpanId === null) continue;
    stepsByKey.get(span.parentSpanId)?.attempts.push(attemptFromSpan(span));
  }
  for (const step of stepsByKey.values()) {
    if (step.attempts.length > 1) step.attempts.sort((a, b) => a.number - b.number || a.span.startMs - b.span.startMs);
  }
}

function attemptFromSpan(span: InspectorSpan): AttemptView {
  const exception = span.events.find((event) => event.name === EVENT_EXCEPTION);
  const type = exception?.attributes[ATTR_EXCEPTION_TYPE];
  const message = exception?.attributes[ATTR_EXCEPTION_MESSAGE] ?? span.status.message;
  const error = typeof message === 'string' && message !== '' ? (typeof type === 'string' ? `${type}: ${message}` : message) : null;
  return {
    span,
    number: numberAttribute(span, ATTR_ATTEMPT_NUMBER) ?? 0,
    status: stringAttribute(span, ATTR_ATTEMPT_STATUS) ?? (span.status.code === 'ERROR' ? 'error' : 'ok'),
    backoffMs: numberAttribute(span, ATTR_ATTEMPT_BACKOFF_MS),
    error,
  };
}

/** Plan order from the orchestrate span's step ids; steps it does not list follow by start time. */
export function orderSteps(run: RunView): void {
  const planned = run.span === null ? null : stringArrayAttribute(run.span, ATTR_PLAN_STEP_IDS);
  const position = new Map<string, number>();
  (planned ?? []).forEach((id, index) => {
    position.set(id, index);
  });
  const rank = (step: StepView): number => position.get(step.stepId) ?? Number.POSITIVE_INFINITY;
  run.steps.sort((a, b) => rank(a) - rank(b) || a.span.startMs - b.span.startMs);
}

/**
 * Links of kind `depends_on` name the exact dependency span; the `depends_on` attribute is the
 * fallback (traces whose links were dropped), resolved by step id within the same run.
 */
export function resolveDependencies(run: RunView): void {
  const byKey = new Map(run.steps.map((step) => [step.key, step]));
  const byStepId = new Map(run.steps.map((step) => [step.stepId, step]));
  for (const step of run.steps) {
    const found: StepView[] = [];
    for (const link of step.span.links) {
      const dependency = byKey.get(link.spanId);
      if (link.attributes[ATTR_LINK_KIND] === LINK_KIND_DEPENDS_ON && dependency !== undefined) {
        found.push(dependency);
      }
    }
    for (const id of step.dependsOn) {
      const dependency = byStepId.get(id);
      if (dependency !== undefined && !found.some((known) => known.stepId === id)) found.push(dependency);
    }
    if (step.dependsOn.length === 0) step.dependsOn = found.map((dependency) => dependency.stepId);
    step.dependsOnKeys = found.map((dependency) => dependency.key);
    for (const dependency of found) dependency.dependedOnByKeys.push(step.key);
    const ranDependencies = found.filter((dependency) => dependency.ran);
    if (ranDependencies.length > 0) {
      step.readyMs = Math.max(...ranDependencies.map((dependency) => dependency.span.endMs));
    } else {
      step.readyMs = step.span.startMs - (numberAttribute(step.span, ATTR_QUEUED_MS) ?? 0);
    }
    step.waitMs = step.ran ? Math.max(0, step.span.startMs - step.readyMs) : 0;
    if (!step.ran) step.readyMs = step.span.startMs;
  }
}

export function groupSteps(run: RunView, groupSpans: InspectorSpan[]): GroupView[] {
  const groups = new Map<number, GroupView>();
  const groupAt = (index: number): GroupView => {
    let group = groups.get(index);
    if (group === undefined) {
      group = { index, span: null, steps: [], parallel: null };
      groups.set(index, group);
    }
    return group;
  };
  for (const span of groupSpans) {
    const group = groupAt(numberAttribute(span, ATTR_GROUP_INDEX) ?? groups.size);
    group.span = span;
    const parallel = span.attributes[ATTR_GROUP_PARALLEL];
    group.parallel = typeof parallel === 'boolean' ? parallel : null;
  }
  for (const step of run.steps) groupAt(step.groupIndex).steps.push(step);
  const order = (step: StepView): number => step.executionOrder ?? Number.POSITIVE_INFINITY;
  for (const group of groups.values()) group.steps.sort((a, b) => order(a) - order(b));
  return [...groups.values()].sort((a, b) => a.index - b.index);
}

export function ancestorWithRole(span: InspectorSpan, byId: Map<string, InspectorSpan>, role: 'orchestrate'): InspectorSpan | null {
  let current: InspectorSpan | undefined = span;
  const seen = new Set<string>();
  while (current !== undefined && !seen.has(current.spanId)) {
    if (tooltraceRole(current) === role) return current;
    seen.add(current.spanId);
    current = current.parentSpanId === null ? undefined : byId.get(current.parentSpanId);
  }
  return null;
}
