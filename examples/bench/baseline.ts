import { type Attributes, type Context, context, type Link, type Span, SpanKind, type Tracer, trace } from '@opentelemetry/api';
import * as tt from '@tooltrace/core';

/** A benchmark plan as the hand-written runners see it: step ids, one tool, dependencies as indexes (to earlier steps). */
export interface BenchPlan {
  strategy: 'dag' | 'parallel';
  tool: string;
  ids: readonly string[];
  deps: readonly (readonly number[])[];
}

/** The untraced baselines: what an app without an orchestrator writes. */
export async function plainSerial(count: number, run: (index: number) => Promise<unknown>): Promise<unknown[]> {
  const outputs: unknown[] = [];
  for (let index = 0; index < count; index++) outputs.push(await run(index));
  return outputs;
}

export function plainParallel(count: number, run: (index: number) => Promise<unknown>): Promise<unknown[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => run(index)));
}

/** Groups (dependency levels), each group's members, and the longest chain: what the contract's attributes need. */
interface Layout {
  levels: number[];
  groups: number[][];
  criticalPath: number[];
}

function layout(plan: BenchPlan): Layout {
  const levels = new Array<number>(plan.ids.length).fill(0);
  const from = new Array<number>(plan.ids.length).fill(-1);
  let deepest = 0;
  plan.deps.forEach((own, index) => {
    for (const dep of own) {
      const level = (levels[dep] as number) + 1;
      // Ties go to the lowest index, as in the engine's critical path.
      if (level > (levels[index] as number) || (level === levels[index] && dep < (from[index] as number))) {
        levels[index] = level;
        from[index] = dep;
      }
    }
    if ((levels[index] as number) > (levels[deepest] as number)) deepest = index;
  });
  const groups: number[][] = [];
  levels.forEach((level, index) => {
    let members = groups[level];
    if (!members) {
      members = [];
      groups[level] = members;
    }
    members.push(index);
  });
  const criticalPath: number[] = [];
  for (let step = deepest; step !== -1; step = from[step] as number) criticalPath.push(step);
  return { levels, groups, criticalPath: criticalPath.reverse() };
}

/**
 * Every attribute, event and link the trace contract (docs/semantic-conventions.md) puts on a
 * fault-free run with unbounded concurrency, written out by hand. When the contract grows, this is
 * the one place to extend; the bench refuses to compare when the shapes differ.
 */
const contract = {
  orchestrateName: (plan: BenchPlan) => `${tt.SPAN_NAME_ORCHESTRATE} ${plan.strategy}`,
  orchestrateStart: (plan: BenchPlan, shape: Layout): Attributes => ({
    // With no pipeline around it, the orchestrate span is the GenAI workflow span (contract v2).
    [tt.ATTR_GEN_AI_OPERATION_NAME]: tt.GEN_AI_OPERATION_INVOKE_WORKFLOW,
    [tt.ATTR_STRATEGY]: plan.strategy,
    [tt.ATTR_PLAN_TOTAL_GROUPS]: shape.groups.length,
    [tt.ATTR_PLAN_TOTAL_STEPS]: plan.ids.length,
    [tt.ATTR_PLAN_STEP_IDS]: plan.ids as string[],
    [tt.ATTR_PLAN_FAILURE_POLICY]: 'fail-fast',
  }),
  executionPlan: (plan: BenchPlan, shape: Layout): Attributes => ({ [tt.ATTR_EXECUTION_PLAN]: executionPlanJson(plan, shape) }),
  orchestrateEnd: (plan: BenchPlan, timing: Timing): Attributes => {
    const path = measuredCriticalPath(timing);
    return {
      [tt.ATTR_OUTCOME]: 'ok',
      [tt.ATTR_CRITICAL_PATH]: path.steps.map((index) => plan.ids[index] as string),
      [tt.ATTR_CRITICAL_PATH_MS]: path.durationMs,
    };
  },
  groupName: (group: number) => `${tt.SPAN_NAME_GROUP} ${group}`,
  groupStart: (plan: BenchPlan, shape: Layout, group: number): Attributes => {
    const members = shape.groups[group] ?? [];
    return {
      [tt.ATTR_STRATEGY]: plan.strategy,
      [tt.ATTR_GROUP_INDEX]: group,
      [tt.ATTR_GROUP_STEP_IDS]: members.map((index) => plan.ids[index] as string),
      [tt.ATTR_GROUP_PARALLEL]: members.length > 1,
    };
  },
  stepName: (plan: BenchPlan) => `${tt.SPAN_NAME_EXECUTE_TOOL} ${plan.tool}`,
  stepStart: (plan: BenchPlan, index: number, group: number, order: number): Attributes => {
    const id = plan.ids[index] as string;
    return {
      [tt.ATTR_GEN_AI_OPERATION_NAME]: tt.GEN_AI_OPERATION_EXECUTE_TOOL,
      [tt.ATTR_GEN_AI_TOOL_NAME]: plan.tool,
      [tt.ATTR_GEN_AI_TOOL_CALL_ID]: id,
      [tt.ATTR_STEP_ID]: id,
      [tt.ATTR_TOOL_NAME]: plan.tool,
      [tt.ATTR_STRATEGY]: plan.strategy,
      [tt.ATTR_GROUP_INDEX]: group,
      [tt.ATTR_DEPENDS_ON]: (plan.deps[index] ?? []).map((dep) => plan.ids[dep] as string),
      [tt.ATTR_EXECUTION_ORDER]: order,
      [tt.ATTR_STEP_STATUS]: 'running',
      [tt.ATTR_GEN_AI_TOOL_TYPE]: tt.GEN_AI_TOOL_TYPE_FUNCTION,
    };
  },
  stepLinks: (plan: BenchPlan, index: number, spans: readonly (Span | undefined)[]): Link[] =>
    (plan.deps[index] ?? []).map((dep) => ({
      context: (spans[dep] as Span).spanContext(),
      attributes: { [tt.ATTR_LINK_KIND]: tt.LINK_KIND_DEPENDS_ON, [tt.ATTR_STEP_ID]: plan.ids[dep] as string },
    })),
  stepEnd: (): Attributes => ({ [tt.ATTR_STEP_STATUS]: 'ok' }),
};

/** When each step started and ended, and which dependency's end let it start (the last to end). */
interface Timing {
  starts: number[];
  ends: number[];
  waitedFor: number[];
}

/** The measured critical path: from the step that ended last, back through the dependency each step waited for. */
function measuredCriticalPath(timing: Timing): { steps: number[]; durationMs: number } {
  let last = 0;
  for (let index = 1; index < timing.ends.length; index++)
    if ((timing.ends[index] as number) >= (timing.ends[last] as number)) last = index;
  const steps: number[] = [];
  for (let index = last; index !== -1; index = timing.waitedFor[index] as number) steps.push(index);
  steps.reverse();
  return { steps, durationMs: (timing.ends[last] as number) - (timing.starts[steps[0] as number] as number) };
}

/** The contract's cap on the execution-plan JSON: 64 KiB. */
const MAX_EXECUTION_PLAN_LENGTH = 65_536;

/** The execution-plan event's JSON (the shape of `explain(plan)`), within the contract's 64 KiB cap. */
function executionPlanJson(plan: BenchPlan, shape: Layout): string {
  const groups = shape.groups.map((members, index) => ({
    index,
    parallel: members.length > 1,
    stepIds: members.map((member) => plan.ids[member]),
    steps: members.map((member) => ({
      id: plan.ids[member],
      tool: plan.tool,
      dependsOn: (plan.deps[member] ?? []).map((dep) => plan.ids[dep]),
      dependsOnGroups: [...new Set((plan.deps[member] ?? []).map((dep) => shape.levels[dep] as number))].sort((a, b) => a - b),
    })),
  }));
  const description = {
    strategy: plan.strategy,
    failurePolicy: 'fail-fast',
    maxConcurrency: null,
    totalSteps: plan.ids.length,
    totalGroups: groups.length,
    stepIds: plan.ids,
    groups,
    criticalPath: shape.criticalPath.map((index) => plan.ids[index]),
  };
  const full = JSON.stringify(description);
  if (full.length <= MAX_EXECUTION_PLAN_LENGTH) return full;
  const compact = JSON.stringify({
    ...description,
    groups: groups.map(({ index, parallel, stepIds }) => ({ index, parallel, stepIds })),
    truncated: 'steps',
  });
  if (compact.length <= MAX_EXECUTION_PLAN_LENGTH) return compact;
  const path = description.criticalPath;
  return JSON.stringify({
    strategy: description.strategy,
    failurePolicy: description.failurePolicy,
    maxConcurrency: null,
    totalSteps: description.totalSteps,
    totalGroups: description.totalGroups,
    criticalPathLength: path.length,
    criticalPathEnds: [path[0], path.at(-1)],
    truncated: 'groups',
  });
}

/**
 * The same run written by hand, traced: each step awaits its dependencies with Promise.all, then
 * runs inside its span's context. It emits every span, attribute, event and link the engine emits
 * (the bench checks), and computes what those need (levels, groups, critical path) inside the run.
 */
export async function handWrittenRun(tracer: Tracer, plan: BenchPlan, run: (index: number) => Promise<unknown>): Promise<unknown[]> {
  const shape = layout(plan);
  const root = tracer.startSpan(contract.orchestrateName(plan), {
    kind: SpanKind.INTERNAL,
    attributes: contract.orchestrateStart(plan, shape),
  });
  root.addEvent(tt.EVENT_EXECUTION_PLAN, contract.executionPlan(plan, shape));
  const rootContext = trace.setSpan(context.active(), root);
  const groups = shape.groups.map((members) => ({
    span: undefined as Span | undefined,
    context: rootContext as Context,
    started: 0,
    remaining: members.length,
  }));
  const spans: (Span | undefined)[] = new Array(plan.ids.length);
  const timing: Timing = {
    starts: new Array(plan.ids.length),
    ends: new Array(plan.ids.length),
    waitedFor: new Array(plan.ids.length).fill(-1),
  };
  const promises: Promise<unknown>[] = new Array(plan.ids.length);
  const runStep = async (index: number): Promise<unknown> => {
    const level = shape.levels[index] as number;
    const group = groups[level] as (typeof groups)[number];
    if (!group.span) {
      group.span = tracer.startSpan(
        contract.groupName(level),
        { kind: SpanKind.INTERNAL, attributes: contract.groupStart(plan, shape, level) },
        rootContext,
      );
      group.context = trace.setSpan(rootContext, group.span);
    }
    const span = tracer.startSpan(
      contract.stepName(plan),
      {
        kind: SpanKind.INTERNAL,
        attributes: contract.stepStart(plan, index, level, group.started++),
        links: contract.stepLinks(plan, index, spans),
      },
      group.context,
    );
    spans[index] = span;
    timing.starts[index] = performance.now();
    let waitedFor = -1;
    for (const dep of plan.deps[index] ?? [])
      if (waitedFor === -1 || (timing.ends[dep] as number) > (timing.ends[waitedFor] as number)) waitedFor = dep;
    timing.waitedFor[index] = waitedFor;
    const output = await context.with(trace.setSpan(group.context, span), () => run(index));
    timing.ends[index] = performance.now();
    span.setAttributes(contract.stepEnd());
    span.end();
    if (--group.remaining === 0) group.span.end();
    return output;
  };
  plan.deps.forEach((own, index) => {
    promises[index] = own.length === 0 ? runStep(index) : Promise.all(own.map((dep) => promises[dep])).then(() => runStep(index));
  });
  const outputs = await Promise.all(promises);
  root.setAttributes(contract.orchestrateEnd(plan, timing));
  root.end();
  return outputs;
}
