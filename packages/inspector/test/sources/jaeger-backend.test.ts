import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendError, jaegerBackend } from '../../src/index.js';

// The happy paths run against the real Jaeger in test/backends; these cover what it cannot show:
// a Jaeger without API v3, and a URL that is not Jaeger at all.

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
let server: Server | undefined;
const requests: string[] = [];

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
  requests.length = 0;
});

/** A server that answers each path with a status and a body (anything else: 404 text). */
async function serve(routes: Record<string, [number, string]>): Promise<string> {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const [status, body] = routes[request.url ?? ''] ?? [404, '404 page not found\n'];
    response.writeHead(status, { 'Content-Type': body.startsWith('{') ? 'application/json' : 'text/html' }).end(body);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const V1_TRACE = JSON.stringify({
  data: [
    {
      traceID: TRACE_ID,
      spans: [
        {
          traceID: TRACE_ID,
          spanID: '00f067aa0ba902b7',
          operationName: 'orchestrate dag',
          references: [],
          startTime: 1_700_000_000_000_000,
          duration: 5000,
          tags: [{ key: 'otel.scope.name', type: 'string', value: '@tooltrace/core' }],
          logs: [],
          processID: 'p1',
        },
      ],
      processes: { p1: { serviceName: 'svc', tags: [] } },
    },
  ],
  total: 0,
  limit: 0,
  offset: 0,
  errors: null,
});
const V1_NOT_FOUND = JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: 'trace not found' }] });

describe('Jaeger without API v3', () => {
  it('reads the trace from API v1 when /api/v3 answers with the UI page', async () => {
    const url = await serve({
      [`/api/v3/traces/${TRACE_ID}`]: [200, '<!doctype html><title>Jaeger UI</title>'],
      [`/api/traces/${TRACE_ID}`]: [200, V1_TRACE],
    });
    const decoded = await jaegerBackend(url).getTrace(TRACE_ID);
    expect(decoded.spans.map((span) => [span.name, span.scope.name, span.resource['service.name']])).toEqual([
      ['orchestrate dag', '@tooltrace/core', 'svc'],
    ]);
    expect(requests).toEqual([`/api/v3/traces/${TRACE_ID}`, `/api/traces/${TRACE_ID}`]);
  });

  it('reports API v1 not-found as not found', async () => {
    const url = await serve({ [`/api/traces/${TRACE_ID}`]: [404, V1_NOT_FOUND] });
    await expect(jaegerBackend(url).getTrace(TRACE_ID)).rejects.toMatchObject({
      code: 'BACKEND_TRACE_NOT_FOUND',
      message: `trace ${TRACE_ID} not found in Jaeger at ${url}`,
    });
  });

  it('says the URL is not Jaeger query API when neither API answers as Jaeger', async () => {
    const url = await serve({});
    const error = await jaegerBackend(url)
      .getTrace(TRACE_ID)
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({
      code: 'BACKEND_INVALID_RESPONSE',
      message: `Jaeger at ${url} answers neither /api/v3/traces nor /api/traces as Jaeger does: is it Jaeger's query port (16686 by default)?`,
    });
  });
});
