import {
  ATTR_EXECUTION_ORDER,
  ATTR_GROUP_INDEX,
  ATTR_LINK_KIND,
  ATTR_PLAN_STEP_IDS,
  ATTR_STEP_ID,
  ATTR_STEP_STATUS,
  ATTR_STRATEGY,
  ATTR_TOOL_NAME,
  type ExecutionPlan,
  LINK_KIND_DEPENDS_ON,
  SPAN_NAME_EXECUTE_TOOL,
  SPAN_NAME_GROUP,
  SPAN_NAME_ORCHESTRATE,
} from '@tooltrace/core';
import { formatValue } from '../query/format-value.js';
import { matchesName } from '../query/name-match.js';
import type { SpanNode } from '../tree/span-node.js';
import { checkAttempts } from './check-attempts.js';

/** What a trace is expected to show beyond the plan itself. */
export interface PlanExpectations {
  /** Tries of the tool per step id, e.g. `{ fetch: 3 }` for a step that succeeded on its third try. */
  readonly attempts?: Readonly<Record<string, number>>;
}

/** What {@link checkPlanTrace} found. */
export interface PlanTraceCheck {
  /** The `orchestrate` spans of runs of this plan (same step ids). */
  readonly runs: readonly SpanNode[];
  /** Every way the trace departs from the plan; empty when it matches. */
  readonly problems: readonly string[];
}

/** HrTime conversions round to the nanosecond, so "b started at a's end" may read a hair earlier. */
const CLOCK_EPSILON_MS = 0.001;

const list = (ids: readonly string[]): string => `[${ids.map((id) => JSON.stringify(id)).join(', ')}]`;

/**
 * Checks the spans of every run of `plan` (each orchestrate span — a span with
 * `tooltrace.plan.step_ids`, whatever its name — whose step ids equal the plan's) against the plan:
 * strategy; one group span per planned group; exactly one step span per planned step, under the
 * group of its dependency level; links equal to `dependsOn`; in `serial` no two steps overlap; in
 * `dag` every step that ran started after its dependencies ended; retried steps show their tries as
 * `attempt {n}` spans in order (and as many as `expected.attempts` says); every span ended. A run in
 * the `flat` span layout (step spans directly under the orchestrate span, no group spans) is checked
 * the same way, with each step's group read from its `tooltrace.group_index`.
 */
export function checkPlanTrace(nodes: readonly SpanNode[], plan: ExecutionPlan, expected: PlanExpectations = {}): PlanTraceCheck {
  const orchestrations = nodes.filter(
    (node) => matchesName(SPAN_NAME_ORCHESTRATE, node.name) || node.attributes[ATTR_PLAN_STEP_IDS] !== undefined,
  );
  const runs = orchestrations.filter((node) => sameIds(node.attributes[ATTR_PLAN_STEP_IDS], plan.stepIds));
  if (runs.length === 0) {
    const seen = orchestrations.map((node) => formatValue(node.attributes[ATTR_PLAN_STEP_IDS]));
    const problem =
      orchestrations.length === 0
        ? 'no orchestrate span was captured'
        : `no orchestrate span has ${ATTR_PLAN_STEP_IDS} = ${list(plan.stepIds)}; captured orchestrate spans have ${seen.join(', ')}`;
    return { runs, problems: [problem] };
  }
  const unknown = Object.keys(expected.attempts ?? {}).filter((id) => !plan.stepIds.includes(id));
  const problems = unknown.map((id) => `expected attempts name step "${id}", which is not in the plan`);
  problems.push(
    ...runs.flatMap((run, index) =>
      checkRun(run, plan, expected).map((problem) => (runs.length > 1 ? `run ${index + 1}: ${problem}` : problem)),
    ),
  );
  return { runs, problems };
}

function sameIds(actual: unknown, expected: readonly string[]): boolean {
  return Array.isArray(actual) && actual.length === expected.length && actual.every((id, index) => id === expected[index]);
}

function checkRun(run: SpanNode, plan: ExecutionPlan, expected: PlanExpectations): string[] {
  const problems: string[] = [];
  if (run.attributes[ATTR_STRATEGY] !== plan.strategy) {
    problems.push(
      `the orchestrate span has ${ATTR_STRATEGY} ${formatValue(run.attributes[ATTR_STRATEGY])}, the plan's strategy is "${plan.strategy}"`,
    );
  }
  const groups = run.children.filter((node) => matchesName(SPAN_NAME_GROUP, node.name));
  const isStep = (node: SpanNode): boolean => matchesName(SPAN_NAME_EXECUTE_TOOL, node.name);
  const flat = groups.length === 0 && run.children.some(isStep);
  const stepSpans = new Map<string, SpanNode>();
  for (const group of flat ? [] : plan.groups) {
    const spans = groups.filter((node) => node.attributes[ATTR_GROUP_INDEX] === group.index);
    if (spans.length !== 1)
      problems.push(`group ${group.index}: expected 1 group span with ${ATTR_GROUP_INDEX} = ${group.index}, found ${spans.length}`);
  }
  const planned = new Set(plan.groups.map((group) => group.index));
  const extra = groups.filter((node) => !planned.has(node.attributes[ATTR_GROUP_INDEX] as number));
  if (extra.length > 0) problems.push(`unexpected group spans: ${extra.map((node) => formatValue(node.name)).join(', ')}`);
  const steps = flat ? run.children.filter(isStep) : groups.flatMap((group) => group.children.filter(isStep));
  for (const group of plan.groups) {
    for (const step of group.steps) {
      const spans = steps.filter((node) => node.attributes[ATTR_STEP_ID] === step.id);
      const [span] = spans;
      if (spans.length !== 1 || !span) {
        problems.push(`step "${step.id}": expected 1 execute_tool span, found ${spans.length}`);
        continue;
      }
      stepSpans.set(step.id, span);
      problems.push(...checkStep(span, step.id, step.tool, group.index, step.dependsOn, flat));
      problems.push(...checkAttempts(span, step, expected.attempts?.[step.id]));
    }
  }
  const plannedIds = new Set(plan.stepIds);
  for (const node of steps) {
    const id = node.attributes[ATTR_STEP_ID];
    if (typeof id !== 'string' || !plannedIds.has(id))
      problems.push(`unexpected step span ${formatValue(node.name)} (${ATTR_STEP_ID} = ${formatValue(id)})`);
  }
  if (plan.strategy === 'serial') problems.push(...checkSerial(plan.stepIds, stepSpans));
  if (plan.strategy === 'dag') problems.push(...checkDag(plan, stepSpans));
  const unended = [run, ...run.descendants()].filter((node) => !node.ended);
  if (unended.length > 0) problems.push(`spans not ended: ${unended.map((node) => formatValue(node.name)).join(', ')}`);
  return problems;
}

function checkStep(span: SpanNode, id: string, tool: string, groupIndex: number, dependsOn: readonly string[], flat: boolean): string[] {
  const problems: string[] = [];
  const parentIndex = span.parent?.attributes[ATTR_GROUP_INDEX];
  if (!flat && parentIndex !== groupIndex)
    problems.push(`step "${id}": its span is under group ${formatValue(parentIndex)}, the plan puts it in group ${groupIndex}`);
  if (span.attributes[ATTR_GROUP_INDEX] !== groupIndex) {
    problems.push(
      `step "${id}": ${ATTR_GROUP_INDEX} is ${formatValue(span.attributes[ATTR_GROUP_INDEX])}, the plan puts it in group ${groupIndex}`,
    );
  }
  if (span.attributes[ATTR_TOOL_NAME] !== tool)
    problems.push(`step "${id}": ${ATTR_TOOL_NAME} is ${formatValue(span.attributes[ATTR_TOOL_NAME])}, the plan names "${tool}"`);
  const links = span.links.filter((link) => link.attributes[ATTR_LINK_KIND] === LINK_KIND_DEPENDS_ON);
  const linked = links.map((link) => {
    const target = link.target?.attributes[ATTR_STEP_ID] ?? link.attributes[ATTR_STEP_ID];
    return typeof target === 'string' ? target : '(unknown)';
  });
  if (!sameSet(linked, dependsOn)) problems.push(`step "${id}": links to ${list(linked)}, but dependsOn is ${list(dependsOn)}`);
  const missing = links.filter((link) => !link.target);
  if (missing.length > 0) problems.push(`step "${id}": ${missing.length} dependency link(s) point to spans that were not captured`);
  return problems;
}

function sameSet(actual: readonly string[], expected: readonly string[]): boolean {
  const sorted = (ids: readonly string[]): string => JSON.stringify([...ids].sort());
  return sorted(actual) === sorted(expected);
}

function checkSerial(stepIds: readonly string[], spans: ReadonlyMap<string, SpanNode>): string[] {
  const ordered = stepIds.flatMap((id) => {
    const span = spans.get(id);
    return span?.endMs === undefined ? [] : [{ id, span, endMs: span.endMs }];
  });
  ordered.sort((a, b) => a.span.startMs - b.span.startMs);
  const problems: string[] = [];
  for (let index = 1; index < ordered.length; index++) {
    const before = ordered[index - 1];
    const after = ordered[index];
    if (before && after && after.span.startMs < before.endMs - CLOCK_EPSILON_MS) {
      problems.push(`serial: steps "${before.id}" and "${after.id}" overlap ("${after.id}" started before "${before.id}" ended)`);
    }
  }
  return problems;
}

function checkDag(plan: ExecutionPlan, spans: ReadonlyMap<string, SpanNode>): string[] {
  const problems: string[] = [];
  for (const step of plan.groups.flatMap((group) => group.steps)) {
    const span = spans.get(step.id);
    if (!span || span.attributes[ATTR_STEP_STATUS] === 'skipped' || span.attributes[ATTR_EXECUTION_ORDER] === undefined) continue;
    for (const dependency of step.dependsOn) {
      const endMs = spans.get(dependency)?.endMs;
      if (endMs !== undefined && span.startMs < endMs - CLOCK_EPSILON_MS) {
        problems.push(`dag: step "${step.id}" started before its dependency "${dependency}" ended`);
      }
    }
  }
  return problems;
}
