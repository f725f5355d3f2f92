import http from 'node:http';
import { Orchestrator, Pipeline, type PlanInput, type RunResult } from '@tooltrace/core';
import { incidentTools } from './tools.js';

/** What `GET /incidents?host=...` answers. */
export interface IncidentReport {
  host: string;
  outcome: RunResult['outcome'];
  summary: string;
  steps: Array<{ id: string; status: string }>;
}

/**
 * The user's HTTP service. Nothing here knows about tracing: the HTTP server span comes from
 * auto-instrumentation, and the pipeline, orchestrate, group and step spans from tooltrace, which
 * nests them under whatever span is active — here the server span.
 */
export function createIncidentService(options: { inventoryUrl: string }): http.Server {
  const orchestrator = new Orchestrator({ tools: incidentTools(options.inventoryUrl) });
  const pipeline = new Pipeline<string>('incident')
    .stage(
      'plan',
      (host: string): PlanInput => ({
        strategy: 'dag',
        steps: [
          { id: 'inventory', tool: 'inventory_lookup', input: { host } },
          {
            id: 'runbook',
            tool: 'runbook_search',
            dependsOn: ['inventory'],
            inputFrom: { owner: 'inventory.owner', cpuPercent: 'inventory.cpuPercent' },
          },
        ],
      }),
    )
    .stage('execute', (plan, ctx) => orchestrator.run(plan, { signal: ctx.signal }))
    .stage(
      'compose',
      (result): Omit<IncidentReport, 'host'> => ({
        outcome: result.outcome,
        summary: summarize(result),
        steps: result.steps.map((step) => ({ id: step.id, status: step.status })),
      }),
    );

  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const host = url.searchParams.get('host');
    if (url.pathname !== '/incidents' || host === null) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"try GET /incidents?host=web-01"}');
      return;
    }
    pipeline.run(host).then(
      (report) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ host, ...report }));
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
      },
    );
  });
}

function summarize(result: RunResult): string {
  const runbook = result.outputs.runbook as { runbook?: string } | undefined;
  if (result.outcome === 'ok' && runbook?.runbook) return `Follow ${runbook.runbook}`;
  const failed = result.steps.find((step) => step.status !== 'ok');
  return `Could not finish: step ${failed?.id ?? '?'} ${failed?.status ?? ''} (${failed?.error?.message ?? 'no error'})`;
}
