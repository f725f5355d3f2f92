import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import * as tt from '../../src/index.js';
import { defaultRedactor, defineTool, Orchestrator } from '../../src/index.js';
import { serializeForSpan } from '../../src/trace/record-io.js';
import { stepSpans, tracing } from '../support.js';

const login = defineTool({
  name: 'login',
  input: z.object({ user: z.string(), password: z.string(), headers: z.record(z.string(), z.string()) }),
  output: z.object({ token: z.string(), note: z.string() }),
  run: () => ({ token: 'tok-123', note: 'x'.repeat(50) }),
});
const step = {
  id: 'l',
  tool: 'login',
  input: { user: 'ann', password: 'hunter2', headers: { Authorization: 'Bearer abc', accept: 'json' } },
};

describe('recording tool inputs and outputs', () => {
  test('is off by default', async () => {
    const otel = tracing();
    await new Orchestrator({ tools: [login], tracerProvider: otel.provider }).run({ steps: [step] });
    const span = stepSpans(otel.spans()).get('l');
    expect(span?.attributes[tt.ATTR_GEN_AI_TOOL_CALL_ARGUMENTS]).toBeUndefined();
    expect(span?.attributes[tt.ATTR_GEN_AI_TOOL_CALL_RESULT]).toBeUndefined();
  });

  test('recordIO: true records JSON with sensitive keys masked at every depth', async () => {
    const otel = tracing();
    await new Orchestrator({ tools: [login], tracerProvider: otel.provider, recordIO: true }).run({ steps: [step] });
    const span = stepSpans(otel.spans()).get('l');
    expect(JSON.parse(String(span?.attributes[tt.ATTR_GEN_AI_TOOL_CALL_ARGUMENTS]))).toEqual({
      user: 'ann',
      password: '[REDACTED]',
      headers: { Authorization: '[REDACTED]', accept: 'json' },
    });
    expect(JSON.parse(String(span?.attributes[tt.ATTR_GEN_AI_TOOL_CALL_RESULT]))).toEqual({ token: '[REDACTED]', note: 'x'.repeat(50) });
  });

  test('a custom redactor and size budget apply', async () => {
    const otel = tracing();
    const redact = (key: string, value: unknown) => (key === 'user' ? undefined : defaultRedactor(key, value));
    await new Orchestrator({ tools: [login], tracerProvider: otel.provider, recordIO: { redact, maxLength: 30 } }).run({ steps: [step] });
    const span = stepSpans(otel.spans()).get('l');
    const args = String(span?.attributes[tt.ATTR_GEN_AI_TOOL_CALL_ARGUMENTS]);
    expect(args).toBe('{"password":"[REDA…[truncated]');
    expect(args).toHaveLength(30);
    const otelWide = tracing();
    await new Orchestrator({ tools: [login], tracerProvider: otelWide.provider, recordIO: { redact } }).run({ steps: [step] });
    const wide = String(stepSpans(otelWide.spans()).get('l')?.attributes[tt.ATTR_GEN_AI_TOOL_CALL_ARGUMENTS]);
    expect(JSON.parse(wide)).toEqual({ password: '[REDACTED]', headers: { Authorization: '[REDACTED]', accept: 'json' } });
  });

  test('contract attributes survive an attribute count limit; recorded I/O is what gets dropped', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
      spanLimits: { attributeCountLimit: 10 },
    });
    await new Orchestrator({ tools: [login], tracerProvider: provider, recordIO: true }).run({ steps: [step] });
    const span = stepSpans(exporter.getFinishedSpans()).get('l');
    expect(span?.attributes).toMatchObject({
      [tt.ATTR_STEP_ID]: 'l',
      [tt.ATTR_GROUP_INDEX]: 0,
      [tt.ATTR_EXECUTION_ORDER]: 0,
      [tt.ATTR_DEPENDS_ON]: [],
      [tt.ATTR_STEP_STATUS]: 'ok',
    });
    expect(span?.attributes[tt.ATTR_GEN_AI_TOOL_CALL_ARGUMENTS]).toBeUndefined();
    expect(span?.droppedAttributesCount).toBeGreaterThan(0);
  });

  test('values JSON cannot encode are recorded as a note, not a crash', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(JSON.parse(serializeForSpan(cyclic, {}))).toEqual({ unserializable: expect.stringContaining('circular') });
  });
});

describe('redaction and budget details', () => {
  test('the default redactor matches whole words of a key, in any case style', () => {
    const masked = [
      'password',
      'userPassword',
      'client_secret',
      'authToken',
      'x-api-key',
      'apiKey',
      'Authorization',
      'set-cookie',
      'credentials',
      'private_key',
    ];
    const kept = ['passenger', 'compass', 'bypass_cache', 'max_tokens', 'tokenizer', 'author', 'keyboard'];
    for (const key of masked) expect(defaultRedactor(key, 'v'), key).toBe('[REDACTED]');
    for (const key of kept) expect(defaultRedactor(key, 'v'), key).toBe('v');
  });

  test('a tiny maxLength is raised to the minimum budget, and a cut never splits a surrogate pair', () => {
    expect(serializeForSpan({ a: 'x'.repeat(100) }, { maxLength: 5 })).toHaveLength(20);
    const emoji = '😀'.repeat(40);
    for (let maxLength = 20; maxLength < 40; maxLength++) {
      const text = serializeForSpan(emoji, { maxLength });
      expect(text.length).toBeLessThanOrEqual(maxLength);
      expect(text.replace('…[truncated]', '')).not.toMatch(/[\ud800-\udbff]$/);
    }
  });
});
