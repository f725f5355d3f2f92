import type { TracerProvider } from '@opentelemetry/api';
import { defineTool, Orchestrator, Pipeline, type PlanInput, type RunResult } from '@tooltrace/core';
import { z } from 'zod';

/**
 * A DAG that exercises the whole trace contract: a root step, a failing step (TypeError), a sibling
 * that succeeds and records its own event with an array attribute, and a step skipped because a
 * dependency failed. Runs under `failurePolicy: 'continue'` so every branch happens.
 */
export const INCIDENT_PLAN: PlanInput = {
  strategy: 'dag',
  failurePolicy: 'continue',
  maxConcurrency: 4,
  steps: [
    { id: 'primary', tool: 'ci_lookup', input: { query: 'web-01' } },
    {
      id: 'metrics',
      tool: 'metrics_query',
      dependsOn: ['primary'],
      input: { window: '1h' },
      inputFrom: { ciId: 'primary.ci.id' },
      timeoutMs: 2000,
    },
    { id: 'events', tool: 'event_search', dependsOn: ['primary'], inputFrom: { ciId: 'primary.ci.id' } },
    { id: 'report', tool: 'report_compose', dependsOn: ['metrics', 'events'], inputFrom: { events: 'events.events' } },
  ],
};

export function incidentTools() {
  return [
    defineTool({
      name: 'ci_lookup',
      input: z.object({ query: z.string() }),
      output: z.object({ ci: z.object({ id: z.string() }) }),
      run: ({ query }) => ({ ci: { id: `ci-${query}` } }),
    }),
    defineTool({
      name: 'metrics_query',
      input: z.object({ window: z.string(), ciId: z.string() }),
      output: z.object({ cpu: z.number() }),
      run: ({ ciId }) => {
        throw new TypeError(`metrics backend has no series for ${ciId}`);
      },
    }),
    defineTool({
      name: 'event_search',
      input: z.object({ ciId: z.string() }),
      output: z.object({ events: z.array(z.string()) }),
      run: ({ ciId }, ctx) => {
        ctx.span.addEvent('events.cache_miss', { 'events.ci_id': ciId, 'events.sources': ['syslog', 'deploys'], 'events.count': 2 });
        return { events: ['deploy 42', 'restart'] };
      },
    }),
    defineTool({
      name: 'report_compose',
      input: z.object({ events: z.array(z.string()) }),
      output: z.object({ text: z.string() }),
      run: ({ events }) => ({ text: events.join('; ') }),
    }),
  ];
}

/** Runs the incident plan through a two-stage pipeline, spans to `tracerProvider` (default: global). */
export function runIncident(tracerProvider?: TracerProvider): Promise<RunResult> {
  const providerOption = tracerProvider === undefined ? {} : { tracerProvider };
  const orchestrator = new Orchestrator({ tools: incidentTools(), ...providerOption });
  return new Pipeline<PlanInput>('incident', providerOption)
    .stage('execute', (plan: PlanInput, ctx) => orchestrator.run(plan, { signal: ctx.signal }))
    .stage('summarize', (result: RunResult) => result)
    .run(INCIDENT_PLAN);
}

/** A run result without its clock readings, to compare two runs. */
export function withoutTimes(result: RunResult): unknown {
  return {
    outcome: result.outcome,
    strategy: result.strategy,
    outputs: result.outputs,
    steps: result.steps.map((step) => ({
      id: step.id,
      tool: step.tool,
      status: step.status,
      output: step.output,
      error: step.error === undefined ? undefined : `${step.error.name}: ${step.error.message}`,
      skipReason: step.skipReason,
      blockedBy: step.blockedBy,
      groupIndex: step.groupIndex,
      executionOrder: step.executionOrder,
      dependsOn: step.dependsOn,
    })),
  };
}
