import type { AttributeValue, InspectorSpan, InspectorTrace } from '../../model/types.js';
import type { TraceKeys } from '../trace-keys.js';
import type { GroupView, RunView, StageView, StepStatusName, StepView, TraceView, WaterfallRow } from './view-types.js';

// Runs in the browser as well as in Node: every function here calls only functions of this file
// (the page serializes them with Function.prototype.toString).

/**
 * Derives what the trace page shows from a trace: the pipeline and its stages, one run per
 * `orchestrate` span with its steps, groups and resolved dependencies, and the other spans.
 */
export function buildTraceView(keys: TraceKeys, trace: InspectorTrace): TraceView {
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
  const serviceName = root === null ? '' : root.resource[keys.serviceName];
  const pipeline = spans.find((span) => hasAttribute(span, keys.pipelineName) && !hasAttribute(span, keys.stageName));
  const runs = collectRuns(keys, spans, byId);
  // Failed steps, not ERROR spans: group, orchestrate, stage and pipeline spans inherit the error.
  let errorCount = 0;
  for (const run of runs) {
    for (const step of run.steps) if (step.status === 'error' || step.status === 'timed_out') errorCount += 1;
  }
  return {
    trace,
    startMs,
    endMs,
    rootName: root === null ? '(empty trace)' : root.name,
    serviceName: typeof serviceName === 'string' ? serviceName : '',
    pipeline: pipeline ?? null,
    stages: collectStages(keys, spans),
    runs,
    waterfall: collectWaterfall(keys, spans, byId),
    errorCount,
  };
}

/** The span kinds of the tooltrace hierarchy, told apart by their contract attributes. */
export function tooltraceRole(keys: TraceKeys, span: InspectorSpan): 'pipeline' | 'stage' | 'orchestrate' | 'group' | 'step' | null {
  if (hasAttribute(span, keys.stepId)) return 'step';
  if (hasAttribute(span, keys.groupStepIds) || hasAttribute(span, keys.groupIndex)) return 'group';
  if (hasAttribute(span, keys.planTotalSteps) || hasAttribute(span, keys.strategy)) return 'orchestrate';
  if (hasAttribute(span, keys.stageName)) return 'stage';
  if (hasAttribute(span, keys.pipelineName)) return 'pipeline';
  return null;
}

export function collectStages(keys: TraceKeys, spans: InspectorSpan[]): StageView[] {
  const stages: StageView[] = [];
  for (const span of spans) {
    if (tooltraceRole(keys, span) !== 'stage') continue;
    const index = numberAttribute(span, keys.stageIndex);
    stages.push({
      span,
      name: stringAttribute(span, keys.stageName) ?? span.name,
      index: index ?? stages.length,
      failed: span.status.code === 'ERROR',
    });
  }
  return stages.sort((a, b) => a.span.startMs - b.span.startMs || a.index - b.index);
}

export function collectRuns(keys: TraceKeys, spans: InspectorSpan[], byId: Map<string, InspectorSpan>): RunView[] {
  const runs = new Map<string, RunView>();
  const runOf = (span: InspectorSpan): RunView => {
    const orchestrate = ancestorWithRole(keys, span, byId, 'orchestrate');
    const key = orchestrate === null ? 'orphan' : orchestrate.spanId;
    let run = runs.get(key);
    if (run === undefined) {
      run = emptyRun(keys, key, orchestrate);
      runs.set(key, run);
    }
    return run;
  };
  for (const span of spans) {
    if (tooltraceRole(keys, span) === 'orchestrate') runOf(span);
  }
  const groupSpans = new Map<RunView, InspectorSpan[]>();
  for (const span of spans) {
    const role = tooltraceRole(keys, span);
    if (role === 'step') runOf(span).steps.push(stepFromSpan(keys, span));
    if (role === 'group') {
      const run = runOf(span);
      groupSpans.set(run, [...(groupSpans.get(run) ?? []), span]);
    }
  }
  for (const run of runs.values()) {
    orderSteps(keys, run);
    resolveDependencies(keys, run);
    run.groups = groupSteps(keys, run, groupSpans.get(run) ?? []);
  }
  return [...runs.values()].sort((a, b) => (a.span?.startMs ?? Number.POSITIVE_INFINITY) - (b.span?.startMs ?? Number.POSITIVE_INFINITY));
}

export function emptyRun(keys: TraceKeys, key: string, span: InspectorSpan | null): RunView {
  return {
    key,
    span,
    strategy: span === null ? null : stringAttribute(span, keys.strategy),
    outcome: span === null ? null : stringAttribute(span, keys.outcome),
    failurePolicy: span === null ? null : stringAttribute(span, keys.planFailurePolicy),
    maxConcurrency: span === null ? null : numberAttribute(span, keys.planMaxConcurrency),
    steps: [],
    groups: [],
  };
}

export function stepFromSpan(keys: TraceKeys, span: InspectorSpan): StepView {
  const status = stepStatus(keys, span);
  const executionOrder = numberAttribute(span, keys.executionOrder);
  return {
    key: span.spanId,
    stepId: stringAttribute(span, keys.stepId) ?? span.spanId,
    tool: stringAttribute(span, keys.toolName) ?? span.name,
    span,
    status,
    groupIndex: numberAttribute(span, keys.groupIndex) ?? 0,
    executionOrder,
    ran: status !== 'skipped' && (executionOrder !== null || status !== 'cancelled'),
    dependsOn: stringArrayAttribute(span, keys.dependsOn) ?? [],
    dependsOnKeys: [],
    dependedOnByKeys: [],
    readyMs: span.startMs,
    waitMs: 0,
  };
}

export function stepStatus(keys: TraceKeys, span: InspectorSpan): StepStatusName {
  const value = stringAttribute(span, keys.stepStatus);
  if (value === null) return span.status.code === 'ERROR' ? 'error' : 'ok';
  const known: StepStatusName[] = ['ok', 'error', 'timed_out', 'cancelled', 'skipped'];
  return known.find((status) => status === value) ?? 'unknown';
}

/** Plan order from the orchestrate span's step ids; steps it does not list follow by start time. */
export function orderSteps(keys: TraceKeys, run: RunView): void {
  const planned = run.span === null ? null : stringArrayAttribute(run.span, keys.planStepIds);
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
export function resolveDependencies(keys: TraceKeys, run: RunView): void {
  const byKey = new Map(run.steps.map((step) => [step.key, step]));
  const byStepId = new Map(run.steps.map((step) => [step.stepId, step]));
  for (const step of run.steps) {
    const found: StepView[] = [];
    for (const link of step.span.links) {
      const dependency = byKey.get(link.spanId);
      if (link.attributes[keys.linkKind] === keys.linkKindDependsOn && dependency !== undefined) {
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
      step.readyMs = step.span.startMs - (numberAttribute(step.span, keys.queuedMs) ?? 0);
    }
    step.waitMs = step.ran ? Math.max(0, step.span.startMs - step.readyMs) : 0;
    if (!step.ran) step.readyMs = step.span.startMs;
  }
}

export function groupSteps(keys: TraceKeys, run: RunView, groupSpans: InspectorSpan[]): GroupView[] {
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
    const group = groupAt(numberAttribute(span, keys.groupIndex) ?? groups.size);
    group.span = span;
    const parallel = span.attributes[keys.groupParallel];
    group.parallel = typeof parallel === 'boolean' ? parallel : null;
  }
  for (const step of run.steps) groupAt(step.groupIndex).steps.push(step);
  const order = (step: StepView): number => step.executionOrder ?? Number.POSITIVE_INFINITY;
  for (const group of groups.values()) group.steps.sort((a, b) => order(a) - order(b));
  return [...groups.values()].sort((a, b) => a.index - b.index);
}

/** Spans outside the tooltrace hierarchy, depth-first, indented under their own kind only. */
export function collectWaterfall(keys: TraceKeys, spans: InspectorSpan[], byId: Map<string, InspectorSpan>): WaterfallRow[] {
  const children = new Map<string | null, InspectorSpan[]>();
  for (const span of spans) {
    const parent = span.parentSpanId !== null && byId.has(span.parentSpanId) ? span.parentSpanId : null;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const rows: WaterfallRow[] = [];
  type Pending = { span: InspectorSpan; depth: number; stepKey: string | null };
  const stack: Pending[] = [...(children.get(null) ?? [])].reverse().map((span) => ({ span, depth: 0, stepKey: null }));
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined) break;
    const role = tooltraceRole(keys, next.span);
    if (role === null) rows.push({ span: next.span, depth: next.depth, stepKey: next.stepKey });
    const childDepth = role === null ? next.depth + 1 : next.depth;
    const stepKey = role === 'step' ? next.span.spanId : next.stepKey;
    const kids = children.get(next.span.spanId) ?? [];
    for (let index = kids.length - 1; index >= 0; index -= 1) {
      const kid = kids[index];
      if (kid !== undefined) stack.push({ span: kid, depth: childDepth, stepKey });
    }
  }
  return rows;
}

export function ancestorWithRole(
  keys: TraceKeys,
  span: InspectorSpan,
  byId: Map<string, InspectorSpan>,
  role: 'orchestrate',
): InspectorSpan | null {
  let current: InspectorSpan | undefined = span;
  const seen = new Set<string>();
  while (current !== undefined && !seen.has(current.spanId)) {
    if (tooltraceRole(keys, current) === role) return current;
    seen.add(current.spanId);
    current = current.parentSpanId === null ? undefined : byId.get(current.parentSpanId);
  }
  return null;
}

export function hasAttribute(span: InspectorSpan, key: string): boolean {
  return Object.hasOwn(span.attributes, key);
}

export function stringAttribute(span: InspectorSpan, key: string): string | null {
  const value = span.attributes[key];
  return typeof value === 'string' ? value : null;
}

export function numberAttribute(span: InspectorSpan, key: string): number | null {
  const value = span.attributes[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

export function stringArrayAttribute(span: InspectorSpan, key: string): string[] | null {
  const value: AttributeValue | undefined = span.attributes[key];
  if (!Array.isArray(value)) return null;
  return value.filter((item): item is string => typeof item === 'string');
}
