import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningInspector, startInspector } from '../../src/index.js';
import { seededRandom } from '../support/random-dag.js';

/**
 * Random OTLP bodies of every depth, size and encoding (JSON, protobuf, either gzipped), some
 * corrupted, against a real receiver on loopback. The receiver must answer each with 200, 400 or
 * 413 — never 500, never a dropped connection — and keep serving. Seeded, so a failure replays.
 */
const RUNS = 64;
const SEED = 0x7e57_f022;
const BODY_LIMIT_BYTES = 1024 * 1024;

let inspector: RunningInspector;

beforeAll(async () => {
  inspector = await startInspector({ port: 0, bodyLimitBytes: BODY_LIMIT_BYTES });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await inspector.close();
});

const TRACE_ID = Buffer.from('0af7651916cd43dd8448eb211c80319c', 'hex');
const SPAN_ID = Buffer.from('b7ad6b7169203331', 'hex');

function jsonBody(depth: number, textLength: number, shape: 'kvlist' | 'array'): Buffer {
  const leaf = `{"stringValue":"${'x'.repeat(textLength)}"}`;
  const value =
    shape === 'kvlist'
      ? `${'{"kvlistValue":{"values":[{"key":"k","value":'.repeat(depth)}${leaf}${'}]}}'.repeat(depth)}`
      : `${'{"arrayValue":{"values":['.repeat(depth)}${leaf}${']}}'.repeat(depth)}`;
  const span = `{"traceId":"${TRACE_ID.toString('hex')}","spanId":"${SPAN_ID.toString('hex')}","name":"fuzz","startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000001000000000","attributes":[{"key":"a","value":${value}}]}`;
  return Buffer.from(`{"resourceSpans":[{"scopeSpans":[{"spans":[${span}]}]}]}`);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** The header of a length-delimited protobuf field. */
function header(number: number, length: number): Buffer {
  return Buffer.concat([varint((number << 3) | 2), varint(length)]);
}

/** A length-delimited protobuf field. */
function field(number: number, bytes: Buffer): Buffer {
  return Buffer.concat([header(number, bytes.length), bytes]);
}

function fixed64(number: number, value: bigint): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(value);
  return Buffer.concat([varint((number << 3) | 1), bytes]);
}

/**
 * The same request hand-encoded as protobuf. A nested value is all headers then the leaf (nothing
 * follows an inner message), so the headers are computed inside out and the leaf is copied once.
 */
function protobufBody(depth: number, textLength: number, shape: 'kvlist' | 'array'): Buffer {
  const leaf = field(1, Buffer.from('x'.repeat(textLength)));
  const key = field(1, Buffer.from('k'));
  const prefixes: Buffer[] = [];
  let length = leaf.length;
  for (let level = 0; level < depth; level++) {
    if (shape === 'kvlist') {
      const valueHeader = header(2, length);
      const keyValueLength = key.length + valueHeader.length + length;
      const keyValueHeader = header(1, keyValueLength);
      const listHeader = header(6, keyValueHeader.length + keyValueLength);
      prefixes.push(Buffer.concat([listHeader, keyValueHeader, key, valueHeader]));
      length = listHeader.length + keyValueHeader.length + keyValueLength;
    } else {
      const valueHeader = header(1, length);
      const arrayHeader = header(5, valueHeader.length + length);
      prefixes.push(Buffer.concat([arrayHeader, valueHeader]));
      length = arrayHeader.length + valueHeader.length + length;
    }
  }
  const value = Buffer.concat([...prefixes.reverse(), leaf]);
  const attribute = Buffer.concat([field(1, Buffer.from('a')), field(2, value)]);
  const span = Buffer.concat([
    field(1, TRACE_ID),
    field(2, SPAN_ID),
    field(5, Buffer.from('fuzz')),
    fixed64(7, 1_700_000_000_000_000_000n),
    fixed64(8, 1_700_000_001_000_000_000n),
    field(9, attribute),
  ]);
  return field(1, field(2, field(2, span)));
}

function corrupt(body: Buffer, next: () => number, how: 'truncate' | 'flip' | 'garbage'): Buffer {
  if (how === 'truncate') return body.subarray(0, Math.floor(next() * body.length));
  if (how === 'garbage') return Buffer.from(Array.from({ length: 1 + Math.floor(next() * 512) }, () => Math.floor(next() * 256)));
  const copy = Buffer.from(body);
  for (let flips = 0; flips < 8; flips++) copy[Math.floor(next() * copy.length)] = Math.floor(next() * 256);
  return copy;
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

describe('receiver fuzzing (depth, size, encodings)', () => {
  it(`answers ${RUNS} random and corrupted bodies with 200, 400 or 413 and keeps serving`, async () => {
    const failures = vi.spyOn(console, 'error');
    const next = seededRandom(SEED);
    const outcomes: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const encoding = pick(next, ['json', 'protobuf'] as const);
      const depth = pick(next, [0, 1, 8, 40, 100, 130, 400, 5000, 20_000]);
      const textLength = pick(next, [0, 16, 4096, BODY_LIMIT_BYTES + 1]);
      const shape = pick(next, ['kvlist', 'array'] as const);
      const gzip = next() < 0.4;
      const mutation = pick(next, ['none', 'none', 'truncate', 'flip', 'garbage'] as const);
      const plain = encoding === 'json' ? jsonBody(depth, textLength, shape) : protobufBody(depth, textLength, shape);
      const mutated = mutation === 'none' ? plain : corrupt(plain, next, mutation);
      const body = gzip ? gzipSync(mutated) : mutated;
      const response = await fetch(inspector.tracesUrl, {
        method: 'POST',
        body: new Uint8Array(body),
        headers: {
          'content-type': encoding === 'json' ? 'application/json' : 'application/x-protobuf',
          ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        },
      });
      await response.arrayBuffer();
      const label = `${encoding}${gzip ? '+gzip' : ''} depth ${depth} text ${textLength} ${shape} ${mutation}`;
      outcomes.push(`${label}: ${response.status}`);
      expect([200, 400, 413], label).toContain(response.status);
      // An intact body within the limits is accepted.
      if (mutation === 'none' && plain.length <= BODY_LIMIT_BYTES && depth <= 100) expect(response.status, label).toBe(200);
    }
    expect(new Set(outcomes.map((outcome) => outcome.slice(-3)))).toEqual(new Set(['200', '400', '413']));
    expect(failures).not.toHaveBeenCalled();
    expect((await fetch(`${inspector.url}/api/traces`)).status).toBe(200);
  }, 60_000);
});
