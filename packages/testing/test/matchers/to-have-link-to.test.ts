import { captureSpans } from '@tooltrace/testing';
import { expect, test } from 'vitest';
import { emit, failureOf, SMALL_RUN } from '../support.js';

function small() {
  const capture = captureSpans();
  emit(capture.getTracer(), SMALL_RUN);
  return capture;
}

const metrics = 'execute_tool[tooltrace.step.id="metrics"]';
const primary = 'execute_tool[tooltrace.step.id="primary"]';

test('passes when a source span links to a target span, with the link attributes given', () => {
  expect(small()).toHaveLinkTo(metrics, primary);
  expect(small()).toHaveLinkTo('execute_tool', { attributes: { 'tooltrace.step.id': 'primary' } }, { 'tooltrace.link.kind': 'depends_on' });
  expect(small()).not.toHaveLinkTo(primary, metrics);
});

test('fails listing the links the source spans do have', () => {
  expect(failureOf(() => expect(small()).toHaveLinkTo(primary, metrics)).split('\n\nCaptured spans:')[0]).toMatchInlineSnapshot(`
    "Expected a link from \`execute_tool[tooltrace.step.id="primary"]\` to \`execute_tool[tooltrace.step.id="metrics"]\`.
    No span matching the source links to a span matching the target.
    note: the link exists the other way round: \`execute_tool[tooltrace.step.id="metrics"]\` → \`execute_tool[tooltrace.step.id="primary"]\`

    Links of the 1 matching source span(s):
      orchestrate dag › group 0 › execute_tool ci_lookup
        (no links)"
  `);
});

test('hints when the link exists the other way round, and only then', () => {
  expect(failureOf(() => expect(small()).toHaveLinkTo(primary, metrics))).toContain(
    'No span matching the source links to a span matching the target.\n' +
      'note: the link exists the other way round: `execute_tool[tooltrace.step.id="metrics"]` → `execute_tool[tooltrace.step.id="primary"]`\n',
  );
  expect(failureOf(() => expect(small()).toHaveLinkTo(primary, 'group 1'))).not.toContain('the other way round');
});

test('fails when the link exists but its attributes differ', () => {
  expect(failureOf(() => expect(small()).toHaveLinkTo(metrics, primary, { 'tooltrace.link.kind': 'follows' }))).toContain(
    'A link to the target exists, but its attributes differ.',
  );
});

test('fails naming the side that matched nothing', () => {
  const message = failureOf(() => expect(small()).toHaveLinkTo(metrics, 'execute_tool[tooltrace.step.id="events"]'));
  expect(message).toContain('but no span matched the target `execute_tool[tooltrace.step.id="events"]`.');
  expect(message).toContain('attribute tooltrace.step.id is "primary", expected "events"');
  expect(failureOf(() => expect(small()).toHaveLinkTo('pipeline', primary))).toContain('but no span matched the source `pipeline`.');
});

test('.not fails when the link exists', () => {
  expect(failureOf(() => expect(small()).not.toHaveLinkTo(metrics, primary))).toMatchInlineSnapshot(
    `"Expected no link from \`execute_tool[tooltrace.step.id="metrics"]\` to \`execute_tool[tooltrace.step.id="primary"]\`, but orchestrate dag › group 1 › execute_tool metrics_query links to orchestrate dag › group 0 › execute_tool ci_lookup."`,
  );
});
