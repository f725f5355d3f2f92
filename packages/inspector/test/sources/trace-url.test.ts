import { describe, expect, it } from 'vitest';
import { parseBackendTraceUrl } from '../../src/index.js';

const ID = '5fed08115fb617a8e0cf57c104b31b77';

describe('backend trace URLs', () => {
  it.each([
    [`http://host:16686/trace/${ID}`, 'jaeger', 'http://host:16686'],
    [`http://host:16686/api/traces/${ID}`, 'jaeger', 'http://host:16686'],
    [`http://host:16686/api/v3/traces/${ID}`, 'jaeger', 'http://host:16686'],
    [`https://ops.example/jaeger/trace/${ID}?uiFind=abc`, 'jaeger', 'https://ops.example/jaeger'],
    [`http://host:3200/api/v2/traces/${ID}`, 'tempo', 'http://host:3200'],
    [`http://host:3200/tempo/api/v2/traces/${ID}/`, 'tempo', 'http://host:3200/tempo'],
  ])('%s is a %s trace at %s', (url, kind, baseUrl) => {
    expect(parseBackendTraceUrl(url)).toEqual({ kind, baseUrl, traceId: ID });
  });

  it('pads a short id and lower-cases it', () => {
    expect(parseBackendTraceUrl('http://host:16686/trace/ABC')?.traceId).toBe('abc'.padStart(32, '0'));
  });

  it.each([
    'http://127.0.0.1:4318',
    'http://127.0.0.1:4318/v1/traces',
    `http://host:16686/search?traceID=${ID}`,
    `http://host:16686/trace/${ID}0`,
    'trace.json',
    `file:///tmp/trace/${ID}`,
  ])('%s is not a trace URL', (text) => {
    expect(parseBackendTraceUrl(text)).toBeNull();
  });
});
