import { captureSpans } from '@tooltrace/testing';
import { describe, expect, test } from 'vitest';
import { emit, failureOf, SMALL_RUN } from '../support.js';

function small() {
  const capture = captureSpans();
  emit(capture.getTracer(), SMALL_RUN);
  return capture;
}

describe('passes', () => {
  test('when some span has the shape: partial, children in any order', () => {
    expect(small()).toHaveSpanTree({
      name: 'orchestrate',
      children: [
        { name: 'group 1', children: [{ name: 'execute_tool', status: 'error', attributes: { 'tooltrace.step.id': 'metrics' } }] },
        { name: 'group 0', children: ['execute_tool ci_lookup'] },
      ],
    });
    expect(small()).toHaveSpanTree({ name: 'group', children: [{ attributes: { 'tooltrace.step.id': expect.any(String) } }] });
  });

  test('an array of shapes is matched against the roots', () => {
    expect(small()).toHaveSpanTree([{ name: 'orchestrate dag', children: ['group 0', 'group 1'] }], { ordered: true, exact: true });
  });
});

describe('fails', () => {
  test('naming the nearest span, the path to what differed, and the shape expected', () => {
    const message = failureOf(() =>
      expect(small()).toHaveSpanTree({
        name: 'orchestrate',
        children: [{ name: 'group 1', children: [{ name: 'execute_tool', attributes: { 'tooltrace.step.id': 'events' } }] }],
      }),
    );
    expect(message.split('\n\nCaptured spans:')[0]).toMatchInlineSnapshot(`
      "Expected a span tree matching (any order, other spans allowed):
        orchestrate
          group 1
            execute_tool  { tooltrace.step.id: "events" }

      Nearest: orchestrate dag
        at orchestrate dag:
          - no child matched { name: "group 1", children: [1] }; nearest: "group 1"
        at orchestrate dag › group 1:
          - no child matched { name: "execute_tool", attributes: { tooltrace.step.id: "events" } }; nearest: "execute_tool metrics_query"
        at orchestrate dag › group 1 › execute_tool metrics_query:
          - attribute tooltrace.step.id is "metrics", expected "events"
        attributes of execute_tool metrics_query:
          tooltrace.step.id: "metrics""
    `);
    expect(message).toContain('Captured spans:\n  orchestrate dag');
  });

  test('with ordered, when children come in another order', () => {
    const message = failureOf(() =>
      expect(small()).toHaveSpanTree({ name: 'orchestrate', children: ['group 1', 'group 0'] }, { ordered: true }),
    );
    expect(message).toContain('child { name: "group 0" } is there but out of the expected order (ordered: true)');
  });

  test('with exact, when there are other children', () => {
    const message = failureOf(() => expect(small()).toHaveSpanTree({ name: 'orchestrate', children: ['group 1'] }, { exact: true }));
    expect(message).toContain('"orchestrate dag" has 2 spans, expected exactly 1; not expected: "group 0"');
  });

  test('against the roots', () => {
    const message = failureOf(() => expect(small()).toHaveSpanTree(['pipeline incident']));
    expect(message).toContain('Expected the root spans to match (any order, other spans allowed):\n  pipeline incident');
    expect(message).toContain('no span matched { name: "pipeline incident" }; nearest: "orchestrate dag"');
  });

  test('gives vitest both sides for a diff, restricted to what the shape names', () => {
    let error: (Error & { actual?: unknown; expected?: unknown }) | undefined;
    try {
      expect(small()).toHaveSpanTree({ name: 'group', children: [{ attributes: { 'tooltrace.step.id': 'events' } }] });
    } catch (thrown) {
      error = thrown as Error;
    }
    expect(error?.expected).toEqual({ name: 'group', children: [{ attributes: { 'tooltrace.step.id': 'events' } }] });
    expect(error?.actual).toEqual({ name: 'group', children: [{ attributes: { 'tooltrace.step.id': 'primary' } }] });
  });

  test('with .not, when a span has the shape', () => {
    expect(
      failureOf(() => expect(small()).not.toHaveSpanTree({ name: 'group', children: ['execute_tool ci_lookup'] })),
    ).toMatchInlineSnapshot(`
      "Expected no span tree matching (any order, other spans allowed):
        group
          execute_tool ci_lookup
      but orchestrate dag › group 0 matches."
    `);
  });
});
