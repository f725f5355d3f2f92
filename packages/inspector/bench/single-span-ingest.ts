/**
 * Ingest benchmark of the receiver and store (a script, not a test): 10,000 posts of one span each
 * into one trace (how a SimpleSpanProcessor exports), then the same spans straight into a store, then
 * the store's memory under a byte budget while 6 MB spans keep arriving. Prints figures; asserts nothing.
 *
 *   pnpm tsc -b && pnpm tsc -p packages/inspector/bench && node --expose-gc packages/inspector/bench/dist/bench/single-span-ingest.js
 *
 * Options: --posts 10000 --big-posts 60 --budget-mib 64
 */

import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { decodeOtlpJson } from '../src/otlp/decode-json.js';
import { startInspector } from '../src/server/inspector-server.js';
import { TraceStore } from '../src/store/trace-store.js';

const { values } = parseArgs({
  options: { posts: { type: 'string' }, 'big-posts': { type: 'string' }, 'budget-mib': { type: 'string' } },
});
const posts = Number(values.posts ?? 10_000);
const bigPosts = Number(values['big-posts'] ?? 60);
const budgetMib = Number(values['budget-mib'] ?? 64);
const MiB = 1024 * 1024;
const TRACE_ID = '5b8efff798038103d269b633813fc60c';

function requestBody(traceId: string, index: number, payload = ''): string {
  const span = {
    traceId,
    spanId: (index + 1).toString(16).padStart(16, '0'),
    ...(index === 0 ? {} : { parentSpanId: '0000000000000001' }),
    name: `span ${index}`,
    kind: 1,
    startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(index) * 1000n),
    endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(index) * 1000n + 500n),
    attributes: [
      { key: 'tooltrace.step.id', value: { stringValue: `step-${index}` } },
      ...(payload === '' ? [] : [{ key: 'payload', value: { stringValue: payload } }]),
    ],
  };
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'bench' } }] },
        scopeSpans: [{ scope: { name: 'bench' }, spans: [span] }],
      },
    ],
  });
}

function post(port: number, agent: Agent, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/traces',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', resolve);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const heapMib = (): string => {
  (globalThis as { gc?: () => void }).gc?.();
  return (process.memoryUsage().heapUsed / MiB).toFixed(1);
};

const bodies = Array.from({ length: posts }, (_, index) => requestBody(TRACE_ID, index));

// 1. What the receiver does per request (parse, decode, add), one span each, into one trace.
const store = new TraceStore();
store.subscribe(() => undefined);
let started = performance.now();
for (const body of bodies) store.add(decodeOtlpJson(JSON.parse(body)).spans);
const ingestMs = performance.now() - started;
console.log(`${posts} single-span requests parsed, decoded and added into one trace: ${ingestMs.toFixed(0)} ms`);
started = performance.now();
const summary = store.summary(TRACE_ID);
console.log(`  then building and summarizing the ${summary?.spanCount}-span trace once: ${(performance.now() - started).toFixed(1)} ms`);

// 2. The same over HTTP on loopback through a keep-alive node:http agent (as the OTLP exporter
// sends): each POST awaited before the next, or 16 in flight. CPU time is of this whole process
// (client and server), which tells more than wall time on a loaded machine.
for (const inFlight of [1, 16]) {
  const inspector = await startInspector({ port: 0 });
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bodies.length) await post(inspector.port, agent, bodies[next++] as string);
  };
  const cpuBefore = process.cpuUsage();
  started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const httpMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const held = inspector.store.summary(TRACE_ID)?.spanCount;
  console.log(
    `${posts} single-span POSTs over HTTP, ${inFlight} in flight: ${httpMs.toFixed(0)} ms wall, ` +
      `${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (client and server); trace holds ${held} spans`,
  );
  agent.destroy();
  await inspector.close();
}

// 3. Memory under a byte budget: 6 MB attributes, first all into one trace, then one trace each.
const budgeted = await startInspector({ port: 0, maxBytes: budgetMib * MiB });
const payload = 'x'.repeat(6 * 1000 * 1000);
const baseline = heapMib();
let rejected = 0;
let evictions = 0;
for (let index = 0; index < bigPosts; index++) {
  const traceId = index < bigPosts / 2 ? TRACE_ID : (index + 1).toString(16).padStart(32, 'c');
  const response = await fetch(budgeted.tracesUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: requestBody(traceId, index, payload),
  });
  const answer = (await response.json()) as { partialSuccess?: { rejectedSpans?: string; errorMessage?: string } };
  rejected += Number(answer.partialSuccess?.rejectedSpans ?? 0);
  if (answer.partialSuccess?.errorMessage?.includes('evicted')) evictions += 1;
}
console.log(
  `${bigPosts} posts of one 6 MB-attribute span (half into one trace, half one trace each), budget ${budgetMib} MiB: ` +
    `store estimate ${(budgeted.store.bytes / MiB).toFixed(1)} MiB (max ${(budgeted.store.maxBytes / MiB).toFixed(0)}), ` +
    `${budgeted.store.size} traces kept, ${rejected} spans rejected, ${evictions} responses reporting evictions; ` +
    `heap ${baseline} MiB before, ${heapMib()} MiB after${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for settled figures)'}`,
);
const largest = Math.max(...budgeted.store.list().map((summary) => summary.spanCount));
console.log(`  largest trace kept: ${largest} spans`);
await budgeted.close();
