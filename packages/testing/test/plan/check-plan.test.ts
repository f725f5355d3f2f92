import { type Link, ROOT_CONTEXT, type Span, type Tracer, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { explain, type PlanInput } from '@tooltrace/core';
import { captureSpans, checkPlanTrace } from '@tooltrace/testing';
import { describe, expect, test } from 'vitest';
import { T0 } from '../support.js';

/** One step span of a hand-built run; times are ms offsets. */
interface StepSpec {
  id: string;
  tool?: string;
  /** Group span it sits under. */
  group: number;
  /** Value of its own tooltrace.group_index (default: `group`). */
  groupAttribute?: number;
  start: number;
  end: number | null;
  links?: string[];
  status?: string;
  started?: boolean;
}

interface RunSpec {
  strategy: string;
  stepIds: string[];
  groups: number[];
  steps: StepSpec[];
}

/** Emits a hand-built `orchestrate` run: groups, then steps in the order given (links point back). */
function emitRun(tracer: Tracer, run: RunSpec): void {
  const root = tracer.startSpan(`orchestrate ${run.strategy}`, {
    startTime: T0,
    attributes: { 'tooltrace.strategy': run.strategy, 'tooltrace.plan.step_ids': run.stepIds },
  });
  const rootContext = trace.setSpan(ROOT_CONTEXT, root);
  const groups = new Map<number, Span>();
  for (const index of run.groups) {
    groups.set(index, tracer.startSpan(`group ${index}`, { startTime: T0, attributes: { 'tooltrace.group_index': index } }, rootContext));
  }
  const steps = new Map<string, Span>();
  for (const step of run.steps) {
    const group = groups.get(step.group);
    if (!group) throw new Error(`no group ${step.group}`);
    const links: Link[] = (step.links ?? []).map((id) => ({
      context: (steps.get(id) ?? outsideSpan()).spanContext(),
      attributes: { 'tooltrace.link.kind': 'depends_on', 'tooltrace.step.id': id },
    }));
    const span = tracer.startSpan(
      `execute_tool ${step.tool ?? 'echo'}`,
      {
        startTime: T0 + step.start,
        links,
        attributes: {
          'tooltrace.step.id': step.id,
          'tooltrace.tool.name': step.tool ?? 'echo',
          'tooltrace.group_index': step.groupAttribute ?? step.group,
          'tooltrace.step.status': step.status ?? 'ok',
          ...(step.started === false ? {} : { 'tooltrace.execution_order': 0 }),
        },
      },
      trace.setSpan(rootContext, group),
    );
    steps.set(step.id, span);
    if (step.end !== null) span.end(T0 + step.end);
  }
  for (const group of groups.values()) group.end(T0 + 100);
  root.end(T0 + 100);
}

function outsideSpan(): Span {
  const span = new BasicTracerProvider().getTracer('outside').startSpan('outside');
  span.end();
  return span;
}

const dagPlan: PlanInput = {
  steps: [
    { id: 'primary', tool: 'echo' },
    { id: 'metrics', tool: 'echo', dependsOn: ['primary'] },
    { id: 'events', tool: 'echo', dependsOn: ['primary'] },
  ],
};

const goodDag = (): RunSpec => ({
  strategy: 'dag',
  stepIds: ['primary', 'metrics', 'events'],
  groups: [0, 1],
  steps: [
    { id: 'primary', group: 0, start: 0, end: 10 },
    { id: 'metrics', group: 1, start: 10, end: 20, links: ['primary'] },
    { id: 'events', group: 1, start: 11, end: 15, links: ['primary'] },
  ],
});

function problemsOf(runs: RunSpec[], plan: PlanInput = dagPlan): readonly string[] {
  // allowUnended: one case leaves a step span running on purpose.
  const capture = captureSpans({ allowUnended: true });
  for (const run of runs) emitRun(capture.getTracer(), run);
  return checkPlanTrace(capture.treeNow().nodes, explain(plan)).problems;
}

describe('a trace that follows its plan', () => {
  test('has no problems', () => {
    expect(problemsOf([goodDag()])).toEqual([]);
  });

  test('a skipped or never-started step may be settled before its dependencies end', () => {
    const run = goodDag();
    run.steps[2] = { id: 'events', group: 1, start: 5, end: 5, links: ['primary'], status: 'skipped', started: false };
    expect(problemsOf([run])).toEqual([]);
  });
});

describe('each departure from the plan is one problem', () => {
  const cases: [string, (run: RunSpec) => void, string[]][] = [
    [
      'another strategy',
      (run) => {
        run.strategy = 'parallel';
      },
      ['the orchestrate span has tooltrace.strategy "parallel", the plan\'s strategy is "dag"'],
    ],
    ['a missing step span', (run) => void run.steps.pop(), ['step "events": expected 1 execute_tool span, found 0']],
    [
      'a step span twice',
      (run) => void run.steps.push({ id: 'events', group: 1, start: 12, end: 13, links: ['primary'] }),
      ['step "events": expected 1 execute_tool span, found 2'],
    ],
    [
      'a step under the wrong group',
      (run) => {
        run.steps[1] = { id: 'metrics', group: 0, groupAttribute: 1, start: 10, end: 20, links: ['primary'] };
      },
      ['step "metrics": its span is under group 0, the plan puts it in group 1'],
    ],
    [
      'a step whose group attribute is wrong',
      (run) => {
        run.steps[1] = { id: 'metrics', group: 1, groupAttribute: 2, start: 10, end: 20, links: ['primary'] };
      },
      ['step "metrics": tooltrace.group_index is 2, the plan puts it in group 1'],
    ],
    [
      'another tool',
      (run) => {
        run.steps[1] = { id: 'metrics', tool: 'other', group: 1, start: 10, end: 20, links: ['primary'] };
      },
      ['step "metrics": tooltrace.tool.name is "other", the plan names "echo"'],
    ],
    [
      'links that differ from dependsOn',
      (run) => {
        run.steps[2] = { id: 'events', group: 1, start: 11, end: 15, links: [] };
      },
      ['step "events": links to [], but dependsOn is ["primary"]'],
    ],
    [
      'a link to a span that was not captured',
      (run) => {
        run.steps[2] = { id: 'events', group: 1, start: 11, end: 15, links: ['elsewhere'] };
      },
      [
        'step "events": links to ["elsewhere"], but dependsOn is ["primary"]',
        'step "events": 1 dependency link(s) point to spans that were not captured',
      ],
    ],
    [
      'a step that started before its dependency ended',
      (run) => {
        run.steps[1] = { id: 'metrics', group: 1, start: 9, end: 20, links: ['primary'] };
      },
      ['dag: step "metrics" started before its dependency "primary" ended'],
    ],
    [
      'an unplanned group span',
      (run) => {
        run.groups = [0, 1, 2];
      },
      ['unexpected group spans: "group 2"'],
    ],
    [
      'an unplanned step',
      (run) => void run.steps.push({ id: 'extra', group: 1, start: 12, end: 13 }),
      ['unexpected step span "execute_tool echo" (tooltrace.step.id = "extra")'],
    ],
    [
      'a span that never ended',
      (run) => {
        run.steps[2] = { id: 'events', group: 1, start: 11, end: null, links: ['primary'] };
      },
      ['spans not ended: "execute_tool echo"'],
    ],
  ];
  test.each(cases)('%s', (_name, change, problems) => {
    const run = goodDag();
    change(run);
    expect(problemsOf([run])).toEqual(problems);
  });

  test('a group without its span', () => {
    const run = goodDag();
    run.steps = run.steps.map((step) => ({ ...step, group: 0, groupAttribute: step.group }));
    run.groups = [0];
    expect(problemsOf([run])).toEqual([
      'group 1: expected 1 group span with tooltrace.group_index = 1, found 0',
      'step "metrics": its span is under group 0, the plan puts it in group 1',
      'step "events": its span is under group 0, the plan puts it in group 1',
    ]);
  });
});

describe('serial plans', () => {
  const serialPlan: PlanInput = {
    strategy: 'serial',
    steps: [
      { id: 'a', tool: 'echo' },
      { id: 'b', tool: 'echo' },
    ],
  };
  const run = (bStart: number): RunSpec => ({
    strategy: 'serial',
    stepIds: ['a', 'b'],
    groups: [0, 1],
    steps: [
      { id: 'a', group: 0, start: 0, end: 10 },
      { id: 'b', group: 1, start: bStart, end: 20 },
    ],
  });

  test('steps one after the other pass', () => {
    expect(problemsOf([run(10)], serialPlan)).toEqual([]);
  });

  test('overlapping steps are a problem', () => {
    expect(problemsOf([run(9)], serialPlan)).toEqual(['serial: steps "a" and "b" overlap ("b" started before "a" ended)']);
  });
});

describe('finding the runs', () => {
  test('no orchestrate span at all', () => {
    expect(problemsOf([])).toEqual(['no orchestrate span was captured']);
  });

  test('orchestrate spans of other plans are named', () => {
    expect(problemsOf([{ ...goodDag(), stepIds: ['x'] }])).toEqual([
      'no orchestrate span has tooltrace.plan.step_ids = ["primary", "metrics", "events"]; captured orchestrate spans have ["x"]',
    ]);
  });

  test('every run of the plan is checked, and problems say which run', () => {
    const bad = goodDag();
    bad.steps.pop();
    expect(problemsOf([goodDag(), bad])).toEqual(['run 2: step "events": expected 1 execute_tool span, found 0']);
  });
});
