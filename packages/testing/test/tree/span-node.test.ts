import { captureSpans, SpanNotFoundError } from '@tooltrace/testing';
import { expect, test } from 'vitest';
import { emit } from '../support.js';

function sample() {
  const capture = captureSpans();
  emit(capture.getTracer(), [
    {
      name: 'orchestrate dag',
      start: 0,
      end: 10,
      children: [
        { name: 'group 0', start: 1, end: 4, children: [{ name: 'execute_tool a', start: 1, end: 3, attributes: { id: 'a' } }] },
        {
          name: 'group 1',
          start: 4,
          end: 9,
          children: [
            { name: 'execute_tool b', start: 4, end: 6, attributes: { id: 'b' } },
            { name: 'execute_tool c', start: 5, end: 8, attributes: { id: 'c' } },
          ],
        },
      ],
    },
  ]);
  return capture.treeNow();
}

test('a node knows its ancestors, descendants, depth and path', () => {
  const tree = sample();
  const c = tree.get('"execute_tool c"');
  expect(c.ancestors().map((node) => node.name)).toEqual(['group 1', 'orchestrate dag']);
  expect(c.depth).toBe(2);
  expect(c.path).toBe('orchestrate dag › group 1 › execute_tool c');
  expect(
    tree
      .get('orchestrate')
      .descendants()
      .map((node) => node.name),
  ).toEqual(['group 0', 'execute_tool a', 'group 1', 'execute_tool b', 'execute_tool c']);
  expect(c.attribute('id')).toBe('c');
  expect(c.startMs - tree.get('orchestrate').startMs).toBe(5);
  expect(c.durationMs).toBe(3);
});

test('queries on a node search its descendants only, and positions count among them', () => {
  const group1 = sample().get('"group 1"');
  expect(group1.findAll('execute_tool').map((node) => node.attribute('id'))).toEqual(['b', 'c']);
  expect(group1.find('execute_tool:first')?.attribute('id')).toBe('b');
  expect(group1.find('group')).toBeUndefined();
  expect(group1.find('orchestrate > group > execute_tool:last')?.attribute('id')).toBe('c');
});

test('get() on a node names the node in its error', () => {
  const group0 = sample().get('"group 0"');
  expect(() => group0.get('execute_tool[id="b"]')).toThrowError(SpanNotFoundError);
  expect(() => group0.get('execute_tool[id="b"]')).toThrowError('No span matched `execute_tool[id="b"]` under "group 0".');
});
