import { serializeTree, stepSelector, useSpanCapture } from '@tooltrace/testing';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import * as tt from '../../src/index.js';
import { defineTool, Orchestrator } from '../../src/index.js';

// The core's trace contract asserted with our own test kit (issue 3), on the demo's plan shape.
const capture = useSpanCapture({ global: false });

const tool = (name: string, fail = false) =>
  defineTool({
    name,
    input: z.object({}).passthrough(),
    output: z.object({ ci: z.object({ id: z.string() }) }).passthrough(),
    run: async () => {
      await Promise.resolve();
      if (fail) throw new Error(`${name}: 503 Service Unavailable`);
      return { ci: { id: 'ci-web-01' } };
    },
  });

const plan = {
  strategy: 'dag',
  failurePolicy: 'continue',
  steps: [
    { id: 'primary', tool: 'ci_lookup' },
    { id: 'metrics', tool: 'metrics_query', dependsOn: ['primary'], inputFrom: { ciId: 'primary.ci.id' } },
    { id: 'events', tool: 'event_search', dependsOn: ['primary'] },
    { id: 'correlate', tool: 'correlate', dependsOn: ['metrics', 'events'] },
  ],
} satisfies tt.PlanInput;

function orchestrator(failing?: string) {
  const tools = ['ci_lookup', 'metrics_query', 'event_search', 'correlate'].map((name) => tool(name, name === failing));
  return new Orchestrator({ tools, tracerProvider: capture.tracerProvider });
}

describe('the trace contract, asserted with @tooltrace/testing', () => {
  test('a DAG run follows its plan: groups, links, levels, start order, every span ended', async () => {
    await orchestrator().run(plan);
    expect(capture).toMatchPlan(plan);
    expect(capture).toHaveSpanCount('orchestrate > group > execute_tool', 4);
    expect(capture).toHaveSpan('group[tooltrace.group_index=1] > execute_tool[tooltrace.step.id="metrics"]', {
      attributes: { [tt.ATTR_DEPENDS_ON]: ['primary'], [tt.ATTR_INPUT_FROM]: '{"ciId":"primary.ci.id"}', [tt.ATTR_STEP_STATUS]: 'ok' },
    });
    expect(capture).toHaveLinkTo(stepSelector('correlate'), stepSelector('events'), { [tt.ATTR_LINK_KIND]: 'depends_on' });
  });

  test('the tree snapshot shows the failure, the skip and the links', async () => {
    await orchestrator('event_search').run(plan);
    expect(capture).toMatchPlan(plan);
    expect(capture).toHaveSpan(stepSelector('events'), { status: { code: 'error', message: /503/ }, events: ['exception'] });
    const tree = await capture.tree();
    expect(
      serializeTree(tree, { attributes: [tt.ATTR_STEP_STATUS, tt.ATTR_SKIP_REASON, tt.ATTR_BLOCKED_BY, tt.ATTR_OUTCOME] }),
    ).toMatchInlineSnapshot(`
        "orchestrate dag [error: "1 of 4 steps failed: events"]
        │  tooltrace.outcome: "error"
        │  event tooltrace.execution_plan
        ├─ group 0
        │  └─ execute_tool ci_lookup #1
        │        tooltrace.step.status: "ok"
        ├─ group 1 [error: "a step of this group failed"]
        │  ├─ execute_tool metrics_query #2
        │  │     tooltrace.step.status: "ok"
        │  │     link → #1 execute_tool ci_lookup {tooltrace.link.kind: "depends_on", tooltrace.step.id: "primary"}
        │  └─ execute_tool event_search #3 [error: "event_search: 503 Service Unavailable"]
        │        tooltrace.step.status: "error"
        │        event exception
        │        link → #1 execute_tool ci_lookup {tooltrace.link.kind: "depends_on", tooltrace.step.id: "primary"}
        └─ group 2
           └─ execute_tool correlate
                 tooltrace.skip_reason: "dependency_failed"
                 tooltrace.step.blocked_by: "events"
                 tooltrace.step.status: "skipped"
                 event tooltrace.step.skipped
                 link → #2 execute_tool metrics_query {tooltrace.link.kind: "depends_on", tooltrace.step.id: "metrics"}
                 link → #3 execute_tool event_search {tooltrace.link.kind: "depends_on", tooltrace.step.id: "events"}"
      `);
  });
});
