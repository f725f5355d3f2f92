import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { type AnyTool, defineTool } from '@tooltrace/core';
import { z } from 'zod';

/** Simulated latency that honours the step's abort signal, as a real client call would. */
function latency(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

const ciSchema = z.object({ id: z.string(), name: z.string(), service: z.string(), environment: z.string() });

export const ciLookup = defineTool({
  name: 'ci_lookup',
  description: 'Finds the configuration item (host, service) a question is about in the CMDB.',
  input: z.object({ query: z.string().min(1) }),
  output: z.object({ ci: ciSchema }),
  async run({ query }, ctx) {
    await latency(40, ctx.signal);
    ctx.span.addEvent('cmdb.match', { 'cmdb.query': query, 'cmdb.candidates': 3 });
    return { ci: { id: `ci-${query}`, name: query, service: 'checkout', environment: 'prod' } };
  },
});

export const metricsQuery = defineTool({
  name: 'metrics_query',
  description: 'Reads latency and error-rate series for a CI.',
  // failTries: the metrics backend answers 503 to this many tries first (`pnpm demo --flaky`).
  input: z.object({ ciId: z.string(), window: z.enum(['15m', '1h', '24h']), failTries: z.number().int().min(0).default(0) }),
  output: z.object({ p99Ms: z.number(), errorRate: z.number(), anomaly: z.boolean() }),
  async run({ failTries }, ctx) {
    if (failTries === 0) {
      await latency(120, ctx.signal);
      return { p99Ms: 2340, errorRate: 0.031, anomaly: true };
    }
    // The flaky backend's call as an HTTP client span, to show that each try's spans nest under its `attempt {n}`.
    const span = trace.getTracer('metrics-client').startSpan('GET /api/v1/query_range', {
      kind: SpanKind.CLIENT,
      attributes: { 'http.request.method': 'GET', 'server.address': 'metrics.internal' },
    });
    try {
      const fails = ctx.attempt <= failTries;
      await latency(fails ? 25 : 120, ctx.signal);
      span.setAttribute('http.response.status_code', fails ? 503 : 200);
      if (fails) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: '503 Service Unavailable' });
        throw new Error(`metrics backend returned 503 Service Unavailable (try ${ctx.attempt})`);
      }
      return { p99Ms: 2340, errorRate: 0.031, anomaly: true };
    } finally {
      span.end();
    }
  },
});

export const eventSearch = defineTool({
  name: 'event_search',
  description: 'Searches alerts and log events for a CI.',
  input: z.object({ ciId: z.string(), severity: z.enum(['warning', 'critical']), fail: z.boolean().default(false) }),
  output: z.object({ events: z.array(z.object({ at: z.string(), message: z.string() })) }),
  async run({ fail }, ctx) {
    await latency(70, ctx.signal);
    if (fail) throw new Error('event store returned 503 Service Unavailable');
    return {
      events: [
        { at: '10:02', message: 'connection pool exhausted (db-primary)' },
        { at: '10:04', message: 'p99 latency alert fired' },
      ],
    };
  },
});

export const changeHistory = defineTool({
  name: 'change_history',
  description: 'Lists recent deployments and config changes for a service.',
  input: z.object({ service: z.string(), sinceHours: z.number().int().positive() }),
  output: z.object({ changes: z.array(z.object({ at: z.string(), change: z.string() })) }),
  async run(_input, ctx) {
    await latency(55, ctx.signal);
    return { changes: [{ at: '09:58', change: 'deploy checkout v2.14.0 (pool size 50 → 10)' }] };
  },
});

export const correlate = defineTool({
  name: 'correlate',
  description: 'Lines up metrics, events and changes into candidate causes.',
  input: z.object({ metrics: z.unknown(), events: z.unknown(), changes: z.unknown() }),
  output: z.object({ causes: z.array(z.object({ cause: z.string(), confidence: z.number() })) }),
  async run(_input, ctx) {
    await latency(30, ctx.signal);
    return { causes: [{ cause: 'checkout v2.14.0 shrank the DB pool from 50 to 10', confidence: 0.86 }] };
  },
});

export const summarize = defineTool({
  name: 'summarize',
  description: 'Writes the answer (an LLM call in production).',
  input: z.object({ question: z.string(), causes: z.array(z.object({ cause: z.string(), confidence: z.number() })) }),
  output: z.object({ answer: z.string() }),
  async run({ question, causes }, ctx) {
    await latency(90, ctx.signal);
    const top = causes[0];
    return { answer: `${question} Most likely: ${top?.cause ?? 'unknown'} (confidence ${top?.confidence ?? 0}).` };
  },
});

/** Every tool of the demo. */
export const incidentTools: readonly AnyTool[] = [ciLookup, metricsQuery, eventSearch, changeHistory, correlate, summarize];
