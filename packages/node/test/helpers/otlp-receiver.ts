import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got, with its JSON body parsed. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** How the receiver answers: accept (200), fail (503, which the exporter retries), or never answer. */
export type ReceiverBehaviour = 'accept' | 'unavailable' | 'hang';

/** A local OTLP/HTTP endpoint on 127.0.0.1 that records what exporters send. */
export interface OtlpReceiver {
  /** Base endpoint, e.g. `http://127.0.0.1:41234` (exporters append `/v1/traces`). */
  readonly url: string;
  readonly requests: readonly ReceivedRequest[];
  /** Resolves once at least `count` requests have arrived (hanging ones included). */
  waitForRequests(count: number): Promise<void>;
  /** Answers every request held by `hang` with 200, and accepts the following ones. */
  release(): void;
  /** Closes the server and destroys every open connection. */
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1, port 0. */
export async function startOtlpReceiver(behaviour: ReceiverBehaviour = 'accept'): Promise<OtlpReceiver> {
  const requests: ReceivedRequest[] = [];
  const held: ServerResponse[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let current = behaviour;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: parseJson(text) });
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) waiter.resolve();
      answer(res, current, held);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    waitForRequests: (count) => (requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    release: () => {
      current = 'accept';
      for (const res of held.splice(0)) answer(res, 'accept', held);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(res: ServerResponse, behaviour: ReceiverBehaviour, held: ServerResponse[]): void {
  if (behaviour === 'hang') {
    held.push(res);
  } else if (behaviour === 'unavailable') {
    res.writeHead(503, { 'content-type': 'text/plain' }).end('backend down');
  } else {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A URL on 127.0.0.1 where nothing listens: connections are refused. */
export async function refusingEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
