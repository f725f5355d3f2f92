import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_HEADERS_TIMEOUT_MILLIS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_REQUEST_TIMEOUT_MILLIS,
  decodeOtlpJson,
  type RunningInspector,
  startInspector,
} from '../../src/index.js';

let inspector: RunningInspector | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await inspector?.close();
  inspector = undefined;
});

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

function spanWith(attributes: unknown[]): Record<string, unknown> {
  return {
    traceId: TRACE_ID,
    spanId: 'b7ad6b7169203331',
    name: 'deep',
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000001000000000',
    attributes,
  };
}

function requestWith(span: Record<string, unknown>): string {
  return JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] });
}

/** An attribute value of `depth` nested kvlistValues, built as text (JSON.stringify itself would overflow). */
function nestedKvlistAttribute(depth: number): string {
  return `{"key":"deep","value":${'{"kvlistValue":{"values":[{"key":"k","value":'.repeat(depth)}{"stringValue":"x"}${'}]}}'.repeat(depth)}}`;
}

async function post(url: string, body: string): Promise<{ status: number; json: { message?: string } }> {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  return { status: response.status, json: (await response.json()) as { message?: string } };
}

describe('deeply nested OTLP JSON', () => {
  it('answers 400 naming the depth limit for an attribute of 5,000 nested kvlistValues', async () => {
    inspector = await startInspector({ port: 0 });
    const body = requestWith(spanWith([])).replace('"attributes":[]', `"attributes":[${nestedKvlistAttribute(5000)}]`);
    const { status, json } = await post(inspector.tracesUrl, body);
    expect(status).toBe(400);
    expect(json.message).toMatch(/nested deeper than \d+ levels/);
  });

  it('answers 400 for 1,000,000 nested arrays', async () => {
    inspector = await startInspector({ port: 0 });
    const body = `{"resourceSpans":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
    const { status, json } = await post(inspector.tracesUrl, body);
    expect(status).toBe(400);
    expect(json.message).toMatch(/nested deeper than \d+ levels|invalid JSON/);
  });

  it('keeps attribute values nested within the limit', () => {
    const document = JSON.parse(requestWith(spanWith([JSON.parse(nestedKvlistAttribute(20))])));
    let value = decodeOtlpJson(document).spans[0]?.attributes.deep;
    for (let level = 0; level < 20; level++) value = (value as Record<string, unknown>).k as never;
    expect(value).toBe('x');
  });
});

describe('attribute maps have no prototype', () => {
  it('an attribute key "__proto__" holding a key/value list is an own key, not the prototype', () => {
    const attribute = { key: '__proto__', value: { kvlistValue: { values: [{ key: 'polluted', value: { stringValue: 'yes' } }] } } };
    const span = decodeOtlpJson(JSON.parse(requestWith(spanWith([attribute])))).spans[0];
    const attributes = span?.attributes as Record<string, unknown>;
    expect(Object.keys(attributes)).toEqual(['__proto__']);
    expect(attributes.polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toMatchObject({ polluted: 'yes' });
    expect(JSON.parse(JSON.stringify(attributes))).toEqual(JSON.parse('{"__proto__":{"polluted":"yes"}}'));
  });
});

describe('the local receiver keeps deliberate server limits', () => {
  it('sets header and request timeouts and a connection cap instead of Node defaults', async () => {
    inspector = await startInspector({ port: 0 });
    expect(inspector.server.headersTimeout).toBe(DEFAULT_HEADERS_TIMEOUT_MILLIS);
    expect(inspector.server.requestTimeout).toBe(DEFAULT_REQUEST_TIMEOUT_MILLIS);
    expect(inspector.server.maxConnections).toBe(DEFAULT_MAX_CONNECTIONS);
    expect(DEFAULT_HEADERS_TIMEOUT_MILLIS).toBeLessThan(60_000);
    expect(DEFAULT_REQUEST_TIMEOUT_MILLIS).toBeLessThan(300_000);
  });

  it('closes a connection beyond the cap unanswered, and serves again once one is freed', async () => {
    inspector = await startInspector({ port: 0 });
    const { port } = inspector;
    const open = async () => {
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      return socket;
    };
    /** What the server answers on `socket` to a request that asks it to close the connection after. */
    const answer = async (socket: Socket) => {
      let received = '';
      socket.on('data', (chunk) => {
        received += String(chunk);
      });
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.write('GET /api/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      await closed;
      return received;
    };
    const held: Socket[] = [];
    for (let count = 0; count < DEFAULT_MAX_CONNECTIONS; count++) held.push(await open());
    expect(await answer(await open())).toBe('');
    const freed = new Promise((resolve) => held[0]?.once('close', resolve));
    held[0]?.destroy();
    await freed;
    await vi.waitFor(async () => expect(await answer(await open())).toMatch(/^HTTP\/1\.1 200 /));
    for (const socket of held) socket.destroy();
  });

  it('logs a client-aborted upload as one line, without a stack trace', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    inspector = await startInspector({ port: 0 });
    const requestArrived = new Promise((resolve) => inspector?.server.once('request', resolve));
    const socket = connect(inspector.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"resourceSpans":[`,
    );
    // Drop the connection while the server is reading the body.
    await requestArrived;
    socket.destroy();
    await vi.waitFor(() => expect(errors.mock.calls.length + warnings.mock.calls.length).toBeGreaterThan(0));
    const logged = [...errors.mock.calls, ...warnings.mock.calls];
    expect(logged).toHaveLength(1);
    expect(logged[0]).toHaveLength(1);
    expect(logged[0]?.[0]).toMatch(/^tooltrace-inspector: the client aborted its upload to \/v1\/traces/);
    expect(String(logged[0]?.[0])).not.toContain('\n');
  });
});
