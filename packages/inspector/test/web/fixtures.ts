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
  LINK_KIND_DEPENDS_ON,
} from '@tooltrace/core';
import type { Attributes, InspectorEvent, InspectorSpan, InspectorTrace } from '../../src/model/types.js';

/** A hand-made step for {@link fixtureTrace}: times in ms from the run's start. */
export interface FixtureStep {
  id: string;
  tool?: string;
  dependsOn?: string[];
  start: number;
  end: number;
  status?: 'ok' | 'error' | 'timed_out' | 'cancelled' | 'skipped';
  executionOrder?: number | null;
  group: number;
  /** Omit the `depends_on` links (only the attribute remains). */
  withoutLinks?: boolean;
  events?: InspectorEvent[];
  attributes?: Attributes;
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const ORIGIN = Date.UTC(2026, 0, 15, 9, 30, 0);

export function spanIdFor(name: string): string {
  let hash = 0x811c9dc5;
  for (const character of name) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
  return (hash.toString(16).padStart(8, '0') + ((hash ^ 0x5a5a5a5a) >>> 0).toString(16).padStart(8, '0')).slice(0, 16);
}

export function span(partial: Partial<InspectorSpan> & { name: string; spanId: string; startMs: number; endMs: number }): InspectorSpan {
  return {
    traceId: TRACE_ID,
    parentSpanId: null,
    kind: 'INTERNAL',
    durationMs: partial.endMs - partial.startMs,
    status: { code: 'UNSET' },
    attributes: {},
    events: [],
    links: [],
    resource: { 'service.name': 'incident-bot' },
    scope: { name: '@tooltrace/core', version: '0.1.0' },
    ...partial,
  };
}

/**
 * A pipeline (plan → execute → compose) whose execute stage runs an orchestrate span with the
 * given steps, groups derived from the steps, plus an HTTP client span inside the first step.
 */
export function fixtureTrace(steps: FixtureStep[], options: { strategy?: string; outcome?: string } = {}): InspectorTrace {
  const at = (ms: number): number => ORIGIN + ms;
  const runEnd = Math.max(...steps.map((step) => step.end));
  const pipelineId = spanIdFor('pipeline');
  const executeId = spanIdFor('stage execute');
  const orchestrateId = spanIdFor('orchestrate');
  const spans: InspectorSpan[] = [
    span({
      name: 'pipeline incident',
      spanId: pipelineId,
      startMs: at(0),
      endMs: at(runEnd + 40),
      attributes: { [ATTR_PIPELINE_NAME]: 'incident' },
    }),
    span({
      name: 'stage plan',
      spanId: spanIdFor('stage plan'),
      parentSpanId: pipelineId,
      startMs: at(0),
      endMs: at(10),
      attributes: { [ATTR_PIPELINE_NAME]: 'incident', [ATTR_STAGE_NAME]: 'plan', [ATTR_STAGE_INDEX]: 0 },
    }),
    span({
      name: 'stage execute',
      spanId: executeId,
      parentSpanId: pipelineId,
      startMs: at(10),
      endMs: at(runEnd + 20),
      attributes: { [ATTR_PIPELINE_NAME]: 'incident', [ATTR_STAGE_NAME]: 'execute', [ATTR_STAGE_INDEX]: 1 },
    }),
    span({
      name: 'stage compose',
      spanId: spanIdFor('stage compose'),
      parentSpanId: pipelineId,
      startMs: at(runEnd + 20),
      endMs: at(runEnd + 40),
      attributes: { [ATTR_PIPELINE_NAME]: 'incident', [ATTR_STAGE_NAME]: 'compose', [ATTR_STAGE_INDEX]: 2 },
    }),
  ];
  const strategy = options.strategy ?? 'dag';
  const groups = [...new Set(steps.map((step) => step.group))].sort((a, b) => a - b);
  spans.push(
    span({
      name: `orchestrate ${strategy}`,
      spanId: orchestrateId,
      parentSpanId: executeId,
      startMs: at(10),
      endMs: at(runEnd + 10),
      attributes: {
        [ATTR_STRATEGY]: strategy,
        [ATTR_PLAN_TOTAL_STEPS]: steps.length,
        [ATTR_PLAN_TOTAL_GROUPS]: groups.length,
        [ATTR_PLAN_STEP_IDS]: steps.map((step) => step.id),
        [ATTR_PLAN_FAILURE_POLICY]: 'continue',
        [ATTR_OUTCOME]: options.outcome ?? (steps.some((step) => step.status === 'error' || step.status === 'timed_out') ? 'error' : 'ok'),
      },
    }),
  );
  for (const group of groups) {
    const members = steps.filter((step) => step.group === group);
    spans.push(
      span({
        name: `group ${group}`,
        spanId: spanIdFor(`group ${group}`),
        parentSpanId: orchestrateId,
        startMs: at(Math.min(...members.map((step) => step.start))),
        endMs: at(Math.max(...members.map((step) => step.end))),
        attributes: {
          [ATTR_STRATEGY]: strategy,
          [ATTR_GROUP_INDEX]: group,
          [ATTR_GROUP_STEP_IDS]: members.map((step) => step.id),
          [ATTR_GROUP_PARALLEL]: members.length > 1,
        },
      }),
    );
  }
  for (const step of steps) {
    const status = step.status ?? 'ok';
    const tool = step.tool ?? `${step.id}_tool`;
    const attributes: Attributes = {
      [ATTR_STEP_ID]: step.id,
      [ATTR_TOOL_NAME]: tool,
      [ATTR_STRATEGY]: strategy,
      [ATTR_GROUP_INDEX]: step.group,
      [ATTR_DEPENDS_ON]: step.dependsOn ?? [],
      [ATTR_STEP_STATUS]: status,
      ...step.attributes,
    };
    if (step.executionOrder !== null) attributes[ATTR_EXECUTION_ORDER] = step.executionOrder ?? 0;
    if (status === 'skipped') {
      attributes[ATTR_SKIP_REASON] = 'dependency_failed';
      attributes[ATTR_BLOCKED_BY] = step.dependsOn?.[0] ?? '';
    }
    if (status === 'error' || status === 'timed_out') attributes[ATTR_ERROR_TYPE] = status === 'error' ? 'TypeError' : 'StepTimeoutError';
    spans.push(
      span({
        name: `execute_tool ${tool}`,
        spanId: spanIdFor(`step ${step.id}`),
        parentSpanId: spanIdFor(`group ${step.group}`),
        startMs: at(step.start),
        endMs: at(step.end),
        status: status === 'error' || status === 'timed_out' ? { code: 'ERROR', message: `${step.id} failed` } : { code: 'UNSET' },
        attributes,
        events: step.events ?? [],
        links: step.withoutLinks
          ? []
          : (step.dependsOn ?? []).map((dependency) => ({
              traceId: TRACE_ID,
              spanId: spanIdFor(`step ${dependency}`),
              attributes: { [ATTR_LINK_KIND]: LINK_KIND_DEPENDS_ON, [ATTR_STEP_ID]: dependency },
            })),
      }),
    );
  }
  const first = steps[0];
  if (first !== undefined) {
    spans.push(
      span({
        name: 'GET',
        spanId: spanIdFor('http'),
        parentSpanId: spanIdFor(`step ${first.id}`),
        kind: 'CLIENT',
        startMs: at(first.start + 1),
        endMs: at(first.end - 1),
        attributes: { 'http.request.method': 'GET', 'url.full': 'http://cmdb.local/ci?q=web-01', 'http.response.status_code': 200 },
        scope: { name: '@opentelemetry/instrumentation-http', version: '0.223.0' },
      }),
    );
  }
  spans.sort((a, b) => a.startMs - b.startMs);
  return { traceId: TRACE_ID, spans };
}

/** The incident demo's shape: ci_lookup → (metrics, events, changes) → correlate → summarize; `events` fails. */
export function demoFixture(): InspectorTrace {
  return fixtureTrace([
    { id: 'primary', tool: 'ci_lookup', start: 0, end: 42, group: 0, executionOrder: 0 },
    { id: 'metrics', tool: 'metrics_query', dependsOn: ['primary'], start: 44, end: 130, group: 1, executionOrder: 0 },
    {
      id: 'events',
      tool: 'event_search',
      dependsOn: ['primary'],
      start: 45,
      end: 80,
      group: 1,
      executionOrder: 1,
      status: 'error',
      events: [
        {
          name: 'exception',
          timeMs: ORIGIN + 80,
          attributes: {
            'exception.type': 'TypeError',
            'exception.message': 'event index unavailable',
            'exception.stacktrace': 'TypeError: event index unavailable\n    at search (events.ts:12:9)\n    at run (tool.ts:40:3)',
          },
        },
      ],
    },
    { id: 'changes', tool: 'change_log', dependsOn: ['primary'], start: 60, end: 95, group: 1, executionOrder: 2 },
    { id: 'correlate', tool: 'correlate', dependsOn: ['metrics', 'changes'], start: 133, end: 170, group: 2, executionOrder: 0 },
    { id: 'timeline', tool: 'timeline', dependsOn: ['events'], start: 80, end: 80, group: 2, executionOrder: null, status: 'skipped' },
    { id: 'summarize', tool: 'summarize', dependsOn: ['correlate'], start: 171, end: 240, group: 3, executionOrder: 0 },
  ]);
}
