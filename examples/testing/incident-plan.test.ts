/**
 * How to test the spans of a tooltrace orchestration — copy this file as a starting point.
 *
 * Set-up, once (vitest.config.ts):
 *   test: { setupFiles: ['@tooltrace/testing/setup'] }   // registers the matchers and the snapshot serializer
 */
import {
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_LINK_KIND,
  ATTR_SKIP_REASON,
  ATTR_STEP_ID,
  ATTR_STEP_STATUS,
  defineTool,
  LINK_KIND_DEPENDS_ON,
  Orchestrator,
  type PlanInput,
} from '@tooltrace/core';
import { groupSelector, type SpanCapture, serializeTree, spanCaptureFixture, stepSelector, useSpanCapture } from '@tooltrace/testing';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';

const ciLookup = defineTool({
  name: 'ci_lookup',
  input: z.object({ query: z.string() }),
  output: z.object({ ci: z.object({ id: z.string() }) }),
  run: ({ query }) => ({ ci: { id: `ci-${query}` } }),
});

const metricsQuery = defineTool({
  name: 'metrics_query',
  input: z.object({ ciId: z.string(), window: z.string() }),
  output: z.object({ p99Ms: z.number() }),
  run: ({ ciId }) => {
    if (ciId === 'ci-broken') throw new Error('metrics backend unavailable');
    return { p99Ms: 840 };
  },
});

const eventSearch = defineTool({
  name: 'event_search',
  input: z.object({ ciId: z.string() }),
  output: z.object({ events: z.array(z.string()) }),
  run: () => ({ events: ['deploy 14:02'] }),
});

const summarize = defineTool({
  name: 'summarize',
  input: z.object({}),
  output: z.object({ text: z.string() }),
  run: () => ({ text: 'p99 up after deploy' }),
});

const tools = [ciLookup, metricsQuery, eventSearch, summarize];

function incidentPlan(host: string): PlanInput {
  return {
    failurePolicy: 'continue',
    steps: [
      { id: 'primary', tool: 'ci_lookup', input: { query: host } },
      { id: 'metrics', tool: 'metrics_query', dependsOn: ['primary'], input: { window: '1h' }, inputFrom: { ciId: 'primary.ci.id' } },
      { id: 'events', tool: 'event_search', dependsOn: ['primary'], inputFrom: { ciId: 'primary.ci.id' } },
      { id: 'summary', tool: 'summarize', dependsOn: ['metrics', 'events'] },
    ],
  };
}

describe('the incident plan', () => {
  // Each test gets a fresh capture; spans of the global OpenTelemetry API are captured.
  const capture = useSpanCapture();
  const orchestrator = new Orchestrator({ tools });

  test('its trace follows the plan: groups, one span per step, links, DAG timing', async () => {
    const plan = incidentPlan('web-01');
    await orchestrator.run(plan);
    expect(capture).toMatchPlan(plan);
  });

  test('metrics and events both wait for primary', async () => {
    await orchestrator.run(incidentPlan('web-01'));
    expect(capture).toHaveLinkTo(stepSelector('metrics'), stepSelector('primary'), { [ATTR_LINK_KIND]: LINK_KIND_DEPENDS_ON });
    expect(capture).toHaveLinkTo(stepSelector('events'), stepSelector('primary'));
    expect(capture).toHaveSpanCount(`${groupSelector(1)} > execute_tool`, 2);
  });

  test('the shape of the trace', async () => {
    await orchestrator.run(incidentPlan('web-01'));
    expect(capture).toHaveSpanTree({
      name: 'orchestrate dag',
      children: [
        { name: 'group 0', children: ['execute_tool ci_lookup'] },
        { name: 'group 1', children: ['execute_tool event_search', 'execute_tool metrics_query'] },
        { name: 'group 2', children: [{ name: 'execute_tool summarize', attributes: { [ATTR_STEP_STATUS]: 'ok' } }] },
      ],
    });
  });

  test('a failing tool: error status on its span, its dependents skipped', async () => {
    await orchestrator.run(incidentPlan('broken'));
    expect(capture).toHaveSpan(stepSelector('metrics'), {
      status: { code: 'error', message: 'metrics backend unavailable' },
      events: ['exception'],
    });
    expect(capture).toHaveSpan(stepSelector('summary'), {
      attributes: { [ATTR_STEP_STATUS]: 'skipped', [ATTR_SKIP_REASON]: 'dependency_failed' },
    });
    expect(capture).toHaveSpan('orchestrate:error');
  });

  test('recorded tool inputs, checked with an asymmetric matcher', async () => {
    await new Orchestrator({ tools, recordIO: true }).run(incidentPlan('web-01'));
    expect(capture).toHaveSpan(stepSelector('metrics'), {
      attributes: { [ATTR_GEN_AI_TOOL_CALL_ARGUMENTS]: expect.stringContaining('"ciId":"ci-web-01"') },
    });
  });

  test('a snapshot of the trace, with the attributes that matter here', async () => {
    await orchestrator.run(incidentPlan('web-01'));
    expect(serializeTree(await capture.tree(), { attributes: [ATTR_STEP_ID, ATTR_STEP_STATUS], events: 'none' })).toMatchInlineSnapshot(`
      "orchestrate dag
      ├─ group 0
      │  └─ execute_tool ci_lookup #1
      │        tooltrace.step.id: "primary"
      │        tooltrace.step.status: "ok"
      ├─ group 1
      │  ├─ execute_tool metrics_query #2
      │  │     tooltrace.step.id: "metrics"
      │  │     tooltrace.step.status: "ok"
      │  │     link → #1 execute_tool ci_lookup {tooltrace.link.kind: "depends_on", tooltrace.step.id: "primary"}
      │  └─ execute_tool event_search #3
      │        tooltrace.step.id: "events"
      │        tooltrace.step.status: "ok"
      │        link → #1 execute_tool ci_lookup {tooltrace.link.kind: "depends_on", tooltrace.step.id: "primary"}
      └─ group 2
         └─ execute_tool summarize
               tooltrace.step.id: "summary"
               tooltrace.step.status: "ok"
               link → #2 execute_tool metrics_query {tooltrace.link.kind: "depends_on", tooltrace.step.id: "metrics"}
               link → #3 execute_tool event_search {tooltrace.link.kind: "depends_on", tooltrace.step.id: "events"}"
    `);
  });
});

describe('concurrent tests', () => {
  // A fixture gives each concurrent test its own capture; capture.tracerProvider keeps their spans apart.
  const it = test.extend<{ capture: SpanCapture }>({ capture: spanCaptureFixture() });

  for (const host of ['web-01', 'web-02', 'db-01']) {
    it.concurrent(`host ${host}`, async ({ capture, expect }) => {
      const orchestrator = new Orchestrator({ tools, recordIO: true, tracerProvider: capture.tracerProvider });
      await orchestrator.run(incidentPlan(host));
      expect(capture).toHaveSpanCount('orchestrate', 1);
      expect(capture).toHaveSpan(stepSelector('primary'), { attributes: { [ATTR_GEN_AI_TOOL_CALL_ARGUMENTS]: `{"query":"${host}"}` } });
    });
  }
});
