import { captureSpans, groupSelector, stepSelector } from '@tooltrace/testing';
import { expect, test } from 'vitest';
import { emit, SMALL_RUN } from '../support.js';

test('stepSelector and groupSelector select tooltrace step and group spans', () => {
  const capture = captureSpans();
  emit(capture.getTracer(), SMALL_RUN);
  const tree = capture.treeNow();
  expect(stepSelector('metrics')).toBe('execute_tool[tooltrace.step.id="metrics"]');
  expect(tree.get(stepSelector('metrics')).name).toBe('execute_tool metrics_query');
  expect(tree.get(`${groupSelector(1)} > ${stepSelector('metrics')}`).name).toBe('execute_tool metrics_query');
  expect(tree.find(`${groupSelector(0)} > ${stepSelector('metrics')}`)).toBeUndefined();
});

test('step ids with quotes and backslashes stay exact', () => {
  const capture = captureSpans();
  capture
    .getTracer()
    .startSpan('execute_tool odd', { attributes: { 'tooltrace.step.id': 'say "hi" \\ bye' } })
    .end();
  expect(capture).toHaveSpan(stepSelector('say "hi" \\ bye'));
});
