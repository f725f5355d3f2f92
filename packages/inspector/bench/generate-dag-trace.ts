import {
  ATTR_BLOCKED_BY,
  ATTR_DEPENDS_ON,
  ATTR_ERROR_TYPE,
  ATTR_EXECUTION_ORDER,
  ATTR_GROUP_INDEX,
  ATTR_GROUP_PARALLEL,
  ATTR_GROUP_STEP_IDS,
  ATTR_LINK_KIND,
  ATTR_OUTCOME,
  ATTR_PIPELINE_NAME,
  ATTR_PLAN_FAILURE_POLICY,
  ATTR_PLAN_STEP_IDS,
  ATTR_PLAN_TOTAL_GROUPS,
  ATTR_PLAN_TOTAL_STEPS,
  ATTR_SKIP_REASON,
  ATTR_STAGE_INDEX,
  ATTR_STAGE_NAME,
  ATTR_STEP_ID,
  ATTR_STEP_STATUS,
  ATTR_STRATEGY,
  ATTR_TOOL_NAME,
  INSTRUMENTATION_SCOPE,
  LINK_KIND_DEPENDS_ON,
} from '@tooltrace/core';
import type { Attributes, InspectorSpan, InspectorTrace } from '../src/model/types.js';
import { seededRandom } from '../test/support/random-dag.js';

/** Shape of a generated trace. */
export interface DagTraceOptions {
  levels: number;
  stepsPerLevel: number;
  /** Share of steps that fail in the last `failingLevels` levels (their dependents are skipped). */
  failureRate: number;
  /** Failures only happen this close to the end, so skips do not cascade through the whole DAG. */
  failingLevels: number;
  /** One HTTP client span under every n-th step (the waterfall's content). */
  httpSpanEvery: number;
  seed: number;
}

interface PlannedStep {
  id: string;
  level: number;
  dependsOn: PlannedStep[];
  spanId: string;
  startMs: number;
  endMs: number;
  status: 'ok' | 'error' | 'skipped';
  blockedBy: string | null;
  executionOrder: number | null;
}

/**
 * A tooltrace-shaped trace of a large DAG run, following the trace contract: pipeline → stages →
 * orchestrate dag → one group per dependency level → execute_tool per step with `depends_on`
 * links, timings of an unbounded-concurrency run, a few failures and their skipped dependents.
 */
export function generateDagTrace(options: DagTraceOptions): InspectorTrace {
  const next = seededRandom(options.seed);
  let counter = 0;
  const newSpanId = (): string => (counter++).toString(16).padStart(16, '0').replace(/^0/, 'a');
  const traceId = '5eed'.padEnd(32, '0').slice(0, 28) + options.seed.toString(16).padStart(4, '0');
  const origin = Date.UTC(2026, 0, 15, 9, 30, 0);
  const runStart = origin + 5;
  const levels: PlannedStep[][] = [];
  for (let level = 0; level < options.levels; level += 1) {
    const steps: PlannedStep[] = [];
    for (let index = 0; index < options.stepsPerLevel; index += 1) {
      const previous = levels[level - 1] ?? [];
      const dependencies = new Set<PlannedStep>();
      const wanted = previous.length === 0 ? 0 : 1 + Math.floor(next() * 3);
      while (dependencies.size < Math.min(wanted, previous.length)) {
        const candidate = previous[Math.floor(next() * previous.length)];
        if (candidate !== undefined) dependencies.add(candidate);
      }
      const dependsOn = [...dependencies];
      const failedDependency = dependsOn.find((dependency) => dependency.status !== 'ok');
      const readyMs = dependsOn.length === 0 ? runStart : Math.max(...dependsOn.map((dependency) => dependency.endMs));
      const step: PlannedStep = {
        id: `s${level}_${index}`,
        level,
        dependsOn,
        spanId: newSpanId(),
        startMs: 0,
        endMs: 0,
        status: 'ok',
        blockedBy: null,
        executionOrder: null,
      };
      if (failedDependency !== undefined) {
        step.status = 'skipped';
        step.blockedBy = failedDependency.blockedBy ?? failedDependency.id;
        step.startMs = readyMs;
        step.endMs = readyMs;
      } else {
        step.startMs = readyMs + 0.05 + next() * 0.4;
        step.endMs = step.startMs + 2 + next() * 38;
        if (level >= options.levels - options.failingLevels && next() < options.failureRate) step.status = 'error';
      }
      steps.push(step);
    }
    const started = steps.filter((step) => step.status !== 'skipped').sort((a, b) => a.startMs - b.startMs);
    started.forEach((step, order) => {
      step.executionOrder = order;
    });
    levels.push(steps);
  }
  const all = levels.flat();
  const runEnd = Math.max(...all.map((step) => step.endMs));
  const resource: Attributes = { 'service.name': 'scale-bench' };
  const scope = { name: INSTRUMENTATION_SCOPE, version: '0.1.0' };
  const make = (
    name: string,
    spanId: string,
    parentSpanId: string | null,
    startMs: number,
    endMs: number,
    attributes: Attributes,
  ): InspectorSpan => ({
    traceId,
    spanId,
    parentSpanId,
    name,
    kind: 'INTERNAL',
    startMs,
    endMs,
    durationMs: endMs - startMs,
    status: { code: 'UNSET' },
    attributes,
    events: [],
    links: [],
    resource,
    scope,
  });
  const pipeline = make('pipeline scale', newSpanId(), null, origin, runEnd + 10, { [ATTR_PIPELINE_NAME]: 'scale' });
  const stage = make('stage execute', newSpanId(), pipeline.spanId, origin + 1, runEnd + 5, {
    [ATTR_PIPELINE_NAME]: 'scale',
    [ATTR_STAGE_NAME]: 'execute',
    [ATTR_STAGE_INDEX]: 0,
  });
  const failed = all.filter((step) => step.status === 'error').length;
  const orchestrate = make('orchestrate dag', newSpanId(), stage.spanId, runStart - 1, runEnd + 1, {
    [ATTR_STRATEGY]: 'dag',
    [ATTR_PLAN_TOTAL_STEPS]: all.length,
    [ATTR_PLAN_TOTAL_GROUPS]: levels.length,
    [ATTR_PLAN_STEP_IDS]: all.map((step) => step.id),
    [ATTR_PLAN_FAILURE_POLICY]: 'continue',
    [ATTR_OUTCOME]: failed > 0 ? 'error' : 'ok',
  });
  const spans: InspectorSpan[] = [pipeline, stage, orchestrate];
  levels.forEach((steps, level) => {
    const group = make(
      `group ${level}`,
      newSpanId(),
      orchestrate.spanId,
      Math.min(...steps.map((step) => step.startMs)),
      Math.max(...steps.map((step) => step.endMs)),
      {
        [ATTR_STRATEGY]: 'dag',
        [ATTR_GROUP_INDEX]: level,
        [ATTR_GROUP_STEP_IDS]: steps.map((step) => step.id),
        [ATTR_GROUP_PARALLEL]: true,
      },
    );
    spans.push(group);
    steps.forEach((step, index) => {
      const tool = `tool_${index % 12}`;
      const attributes: Attributes = {
        [ATTR_STEP_ID]: step.id,
        [ATTR_TOOL_NAME]: tool,
        [ATTR_STRATEGY]: 'dag',
        [ATTR_GROUP_INDEX]: level,
        [ATTR_DEPENDS_ON]: step.dependsOn.map((dependency) => dependency.id),
        [ATTR_STEP_STATUS]: step.status,
      };
      if (step.executionOrder !== null) attributes[ATTR_EXECUTION_ORDER] = step.executionOrder;
      if (step.status === 'skipped') {
        attributes[ATTR_SKIP_REASON] = 'dependency_failed';
        attributes[ATTR_BLOCKED_BY] = step.blockedBy ?? '';
      }
      const span = make(`execute_tool ${tool}`, step.spanId, group.spanId, step.startMs, step.endMs, attributes);
      span.links = step.dependsOn.map((dependency) => ({
        traceId,
        spanId: dependency.spanId,
        attributes: { [ATTR_LINK_KIND]: LINK_KIND_DEPENDS_ON, [ATTR_STEP_ID]: dependency.id },
      }));
      if (step.status === 'error') {
        attributes[ATTR_ERROR_TYPE] = 'Error';
        span.status = { code: 'ERROR', message: `${step.id} failed` };
        span.events = [
          {
            name: 'exception',
            timeMs: step.endMs,
            attributes: {
              'exception.type': 'Error',
              'exception.message': `${step.id} failed`,
              'exception.stacktrace': `Error: ${step.id} failed\n    at run (tool.ts:1:1)`,
            },
          },
        ];
      }
      spans.push(span);
      if (step.status !== 'skipped' && index % options.httpSpanEvery === 0) {
        const http = make('GET', newSpanId(), span.spanId, step.startMs + 0.5, step.endMs - 0.5, {
          'http.request.method': 'GET',
          'http.response.status_code': 200,
        });
        http.kind = 'CLIENT';
        spans.push(http);
      }
    });
  });
  spans.sort((a, b) => a.startMs - b.startMs);
  return { traceId, spans };
}
