import { captureSpans, type SpanCapture } from '@tooltrace/testing';
import { describe, expect, test } from 'vitest';
import { emit, failureOf, SMALL_RUN } from '../support.js';

function small(): SpanCapture {
  const capture = captureSpans({ label: 'small' });
  emit(capture.getTracer(), SMALL_RUN);
  return capture;
}

describe('passes', () => {
  test('when a span matches the selector', () => {
    const capture = small();
    expect(capture).toHaveSpan('execute_tool[tooltrace.step.id="metrics"]');
    expect(capture).toHaveSpan('group > execute_tool:error');
  });

  test('when a matching span also has the expected fields (partial, with matchers)', () => {
    expect(small()).toHaveSpan('execute_tool', {
      attributes: { 'tooltrace.step.id': expect.stringMatching(/^met/) },
      status: { code: 'error', message: 'boom' },
      events: ['exception'],
    });
  });
});

describe('fails', () => {
  test('when nothing matches, naming the nearest span and what differed, with the captured tree', () => {
    expect(failureOf(() => expect(small()).toHaveSpan('execute_tool[tooltrace.step.id="metrix"]'))).toMatchInlineSnapshot(`
      "Expected a span matching \`execute_tool[tooltrace.step.id="metrix"]\`, but none matched.

      Nearest spans:
        orchestrate dag › group 1 › execute_tool metrics_query
          - attribute tooltrace.step.id is "metrics", expected "metrix"
          attributes:
            tooltrace.step.id: "metrics"
        orchestrate dag › group 0 › execute_tool ci_lookup
          - attribute tooltrace.step.id is "primary", expected "metrix"
          attributes:
            tooltrace.step.id: "primary"

      Captured spans:
        orchestrate dag
        ├─ group 0
        │  └─ execute_tool ci_lookup
        └─ group 1
           └─ execute_tool metrics_query [error: "boom"]"
    `);
  });

  test('when spans match the selector but not the expected fields, showing the nearest and a diff', () => {
    const capture = small();
    let error: (Error & { actual?: unknown; expected?: unknown }) | undefined;
    try {
      expect(capture).toHaveSpan('execute_tool', { attributes: { 'tooltrace.step.id': 'metrics' }, status: 'ok' });
    } catch (thrown) {
      error = thrown as Error;
    }
    expect(error?.message.split('\n\nCaptured spans:')[0]).toMatchInlineSnapshot(`
      "2 span(s) matched \`execute_tool\`, but none had { attributes: { tooltrace.step.id: "metrics" }, status: "ok" }.

      Nearest: orchestrate dag › group 1 › execute_tool metrics_query
        at execute_tool metrics_query:
          - status is error "boom", expected ok
        attributes of execute_tool metrics_query:
          tooltrace.step.id: "metrics""
    `);
    expect(error?.actual).toEqual({ attributes: { 'tooltrace.step.id': 'metrics' }, status: 'error' });
    expect(error?.expected).toEqual({ attributes: { 'tooltrace.step.id': 'metrics' }, status: 'ok' });
  });

  test('with .not, when a span matches', () => {
    expect(failureOf(() => expect(small()).not.toHaveSpan('execute_tool'))).toMatchInlineSnapshot(`
      "Expected no span matching \`execute_tool\`, but found 2:
        orchestrate dag › group 0 › execute_tool ci_lookup
        orchestrate dag › group 1 › execute_tool metrics_query"
    `);
    expect(failureOf(() => expect(small()).not.toHaveSpan('execute_tool', { status: 'error' }))).toMatchInlineSnapshot(`
      "Expected no span matching \`execute_tool\` with { status: "error" }, but found:
        orchestrate dag › group 1 › execute_tool metrics_query"
    `);
  });

  test('listing the captured spans by name only, at most 40 lines', () => {
    const capture = captureSpans();
    const steps = Array.from({ length: 49 }, (_, index) => ({ name: `step ${index}`, start: index, attributes: { 'step.index': index } }));
    emit(capture.getTracer(), [{ name: 'batch', attributes: { 'batch.size': 49 }, children: steps }]);
    const tree = failureOf(() => expect(capture).toHaveSpan('stpe')).split('\n\nCaptured spans:\n')[1] ?? '';
    const lines = tree.split('\n');
    expect(lines).toHaveLength(41);
    expect(lines.slice(0, 3)).toEqual(['  batch', '  ├─ step 0', '  ├─ step 1']);
    expect(lines[39]).toBe('  ├─ step 38');
    expect(lines[40]).toBe('  … 10 more spans');
    expect(tree).not.toContain('step.index');
    expect(tree).not.toContain('batch.size');
  });

  test('for a misspelt name, naming the closest span first with its attributes', () => {
    const capture = captureSpans();
    emit(capture.getTracer(), [
      {
        name: 'checks',
        children: ['lookup', 'ping', 'report'].map((name, index) => ({ name, start: index, attributes: { 'probe.kind': 'tool' } })),
      },
    ]);
    expect(failureOf(() => expect(capture).toHaveSpan('pnig[probe.kind="tool"]')).split('\n\nCaptured spans:')[0]).toMatchInlineSnapshot(`
      "Expected a span matching \`pnig[probe.kind="tool"]\`, but none matched.

      Nearest spans:
        checks › ping
          - name is "ping", expected "pnig"
          attributes:
            probe.kind: "tool"
        checks › report
          - name is "report", expected "pnig"
          attributes:
            probe.kind: "tool"
        checks › lookup
          - name is "lookup", expected "pnig"
          attributes:
            probe.kind: "tool""
    `);
  });

  test('on an empty capture, explaining the set-up instead', () => {
    const message = failureOf(() => expect(captureSpans({ label: 'empty' })).toHaveSpan('orchestrate'));
    expect(message).toContain('Expected a span matching `orchestrate`, but none matched.');
    expect(message).toContain('No spans were captured.\nCapture "empty": 0 span(s) captured, 0 not ended, 0 late.');
    expect(message).toContain('check that the code under test ran, and that it was awaited');
  });

  test('noting spans that had not ended yet', () => {
    const capture = captureSpans();
    const running = capture.getTracer().startSpan('orchestrate dag');
    const message = failureOf(() => expect(capture).toHaveSpan('group'));
    running.end();
    expect(message).toContain('Note: 1 span(s) had not ended when this was checked ("orchestrate dag"); await the code under test first');
  });
});

test('.not passes when nothing matches', () => {
  expect(small()).not.toHaveSpan('pipeline');
  expect(small()).not.toHaveSpan('execute_tool[tooltrace.step.id="primary"]', { status: 'error' });
});
