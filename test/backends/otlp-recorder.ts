import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** An OTLP/HTTP endpoint that keeps each request body and forwards it to another endpoint. */
export interface OtlpRecorder {
  /** Give this to exporters: `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  url: string;
  /** The bodies received on `/v1/traces`, in order (gzip undone). */
  bodies: Buffer[];
  close(): Promise<void>;
}

/**
 * Records what an exporter sends ("its own export") on its way to `forwardTo` (e.g. the Collector),
 * answering with the upstream's status, headers and body, so the exporter sees the real answer.
 */
export async function startOtlpRecorder(forwardTo: string): Promise<OtlpRecorder> {
  const bodies: Buffer[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const gzipped = request.headers['content-encoding'] === 'gzip';
    if (request.method === 'POST' && request.url === '/v1/traces') bodies.push(gzipped ? gunzipSync(body) : body);
    try {
      const upstream = await fetch(`${forwardTo}${request.url ?? ''}`, {
        method: request.method ?? 'POST',
        headers: {
          'content-type': request.headers['content-type'] ?? 'application/json',
          ...(gzipped ? { 'content-encoding': 'gzip' } : {}),
        },
        ...(body.length > 0 ? { body } : {}),
      });
      const answer = Buffer.from(await upstream.arrayBuffer());
      response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(answer);
    } catch (error) {
      response.writeHead(502).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
