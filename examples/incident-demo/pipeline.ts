import { type Orchestrator, Pipeline, type PlanInput, type RunResult } from '@tooltrace/core';

/** Demo variations: a failing event search (`--fail`), a metrics backend that fails twice (`--flaky`). */
export interface IncidentOptions {
  failEvents?: boolean;
  flakyMetrics?: boolean;
}

/** What the planner would produce (an LLM planner or a config file in production). */
export function incidentPlan(question: string, host: string, options: IncidentOptions = {}): PlanInput {
  return {
    strategy: 'dag',
    failurePolicy: 'continue',
    maxConcurrency: 4,
    steps: [
      { id: 'primary', tool: 'ci_lookup', input: { query: host } },
      {
        id: 'metrics',
        tool: 'metrics_query',
        dependsOn: ['primary'],
        input: { window: '1h', ...(options.flakyMetrics ? { failTries: 2 } : {}) },
        inputFrom: { ciId: 'primary.ci.id' },
        timeoutMs: 2000,
        // --flaky: the backend fails twice; the third try succeeds after 50 + 100 ms of backoff.
        ...(options.flakyMetrics ? { retry: { attempts: 3, backoffMs: 50, factor: 2 } } : {}),
      },
      {
        id: 'events',
        tool: 'event_search',
        dependsOn: ['primary'],
        input: { severity: 'critical', fail: options.failEvents ?? false },
        inputFrom: { ciId: 'primary.ci.id' },
      },
      {
        id: 'changes',
        tool: 'change_history',
        dependsOn: ['primary'],
        input: { sinceHours: 24 },
        inputFrom: { service: 'primary.ci.service' },
      },
      {
        id: 'correlate',
        tool: 'correlate',
        dependsOn: ['metrics', 'events', 'changes'],
        inputFrom: { metrics: 'metrics', events: 'events.events', changes: 'changes.changes' },
      },
      { id: 'summarize', tool: 'summarize', dependsOn: ['correlate'], input: { question }, inputFrom: { causes: 'correlate.causes' } },
    ],
  };
}

/** The demo's answer: the text, and the run it came from. */
export interface IncidentAnswer {
  answer: string;
  run: RunResult;
}

/** plan → execute → compose → present, one span per stage. */
export function incidentPipeline(orchestrator: Orchestrator, options: IncidentOptions = {}) {
  return new Pipeline<string>('incident-lookup')
    .stage('plan', (question: string) => ({ question, plan: incidentPlan(question, 'web-01', options) }))
    .stage('execute', async ({ question, plan }, ctx) => ({ question, run: await orchestrator.run(plan, { signal: ctx.signal }) }))
    .stage('compose', ({ run }) => {
      const summary = run.outputs.summarize as { answer: string } | undefined;
      const failed = run.steps.filter((step) => step.status !== 'ok').map((step) => `${step.id} (${step.status})`);
      const caveat = failed.length > 0 ? ` [partial: ${failed.join(', ')}]` : '';
      return { answer: (summary?.answer ?? 'No answer: the summary step did not run.') + caveat, run };
    })
    .stage('present', (answer: IncidentAnswer) => answer);
}
