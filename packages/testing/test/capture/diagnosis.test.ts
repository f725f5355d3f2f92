import { formatDiagnosis } from '@tooltrace/testing';
import { expect, test } from 'vitest';
import { diagnose } from '../../src/capture/diagnosis.js';

const facts = {
  label: 'my test',
  spans: 0,
  unended: 0,
  late: 0,
  globalProvider: 'registered' as const,
  globalProviderName: undefined,
  contextManager: 'present' as const,
  openCaptures: 1,
  unroutedSpans: [],
};

test('an empty, well set-up capture points at the code under test', () => {
  expect(formatDiagnosis(diagnose(facts))).toMatchInlineSnapshot(`
    "Capture "my test": 0 span(s) captured, 0 not ended, 0 late.
      global provider: the capture provider is the global provider (spans from trace.getTracer() are captured)
      context manager: present
      open captures: 1
    Hints:
      - If the code under test uses a TracerProvider of its own (not the global one), pass it capture.tracerProvider instead.
      - Spans are captured from captureSpans() until the test ends: check that the code under test ran, and that it was awaited."
  `);
});

test('each set-up problem adds its hint', () => {
  const diagnosis = diagnose({
    ...facts,
    spans: 3,
    globalProvider: 'foreign',
    globalProviderName: 'MyWrapper',
    contextManager: 'missing',
    openCaptures: 2,
    unroutedSpans: ['a', 'b', 'c', 'd'],
  });
  expect(diagnosis.hints).toEqual([
    '4 span(s) started while several captures were open and could not be told apart (a, b, c): in concurrent tests run the code under test inside capture.run(() => ...) or give it capture.tracerProvider.',
    'The global provider (MyWrapper) is not an OpenTelemetry SDK provider this kit can attach to: pass capture.tracerProvider to the code under test, e.g. new Orchestrator({ tools, tracerProvider: capture.tracerProvider }).',
    'No working context manager is registered: spans get no parents and capture.run() cannot route them; register an AsyncLocalStorageContextManager.',
  ]);
  expect(formatDiagnosis(diagnosis)).toContain(
    '  global provider: a global provider is registered that this kit cannot attach to; only capture.tracerProvider is captured (MyWrapper)',
  );
});
