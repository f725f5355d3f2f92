import { captureSpans } from '@tooltrace/testing';
import { expect, test } from 'vitest';
import { emit, failureOf, SMALL_RUN } from '../support.js';

function small() {
  const capture = captureSpans();
  emit(capture.getTracer(), SMALL_RUN);
  return capture.treeNow();
}

test('passes when exactly that many spans match', () => {
  const tree = small();
  expect(tree).toHaveSpanCount('execute_tool', 2);
  expect(tree).toHaveSpanCount('group', 2);
  expect(tree).toHaveSpanCount('pipeline', 0);
  expect(tree).not.toHaveSpanCount('execute_tool', 3);
});

test('fails with the count and the matching spans', () => {
  expect(
    failureOf(() => expect(small()).toHaveSpanCount('group > execute_tool', 3)).split('\n\nCaptured spans:')[0],
  ).toMatchInlineSnapshot(`
    "Expected 3 span(s) matching \`group > execute_tool\`, found 2:
      orchestrate dag › group 0 › execute_tool ci_lookup
      orchestrate dag › group 1 › execute_tool metrics_query"
  `);
});

test('fails with near misses when nothing matched', () => {
  expect(failureOf(() => expect(small()).toHaveSpanCount('execute_tool[tooltrace.step.id="event"]', 1))).toContain(
    'attribute tooltrace.step.id is "primary", expected "event"',
  );
});

test('.not fails when the count is equal', () => {
  expect(failureOf(() => expect(small()).not.toHaveSpanCount('group', 2))).toMatchInlineSnapshot(`
    "Expected the number of spans matching \`group\` not to be 2, but it is:
      orchestrate dag › group 0
      orchestrate dag › group 1"
  `);
});

test('rejects a count that is not a non-negative integer', () => {
  expect(() => expect(small()).toHaveSpanCount('group', -1)).toThrowError('toHaveSpanCount: count must be a non-negative integer, got -1');
});
