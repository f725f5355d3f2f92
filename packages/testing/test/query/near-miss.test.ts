import { captureSpans, type SpanTree } from '@tooltrace/testing';
import { expect, test } from 'vitest';
import { explainNoMatch, formatNearMisses } from '../../src/query/near-miss.js';
import { emit } from '../support.js';

function sample(): SpanTree {
  const capture = captureSpans();
  emit(capture.getTracer(), [
    {
      name: 'orchestrate dag',
      start: 0,
      children: [
        {
          name: 'group 0',
          start: 1,
          attributes: { 'tooltrace.group_index': 0 },
          children: [
            { name: 'execute_tool ci_lookup', start: 1, attributes: { 'tooltrace.step.id': 'primary', 'tooltrace.group_index': 0 } },
            { name: 'execute_tool metrics_query', start: 2, attributes: { 'tooltrace.step.id': 'metrics', 'tooltrace.group_index': 0 } },
          ],
        },
      ],
    },
    { name: 'done handler', start: 9 },
  ]);
  return capture.treeNow();
}

const explain = (tree: SpanTree, selector: Parameters<typeof explainNoMatch>[0]): string =>
  formatNearMisses(explainNoMatch(selector, tree.nodes, tree.nodes));

test('names the spans that met most conditions, nearest attribute value first, what differed, and their attributes', () => {
  expect(explain(sample(), 'execute_tool[tooltrace.step.id="metrix"]')).toBe(
    [
      'Nearest spans:',
      '  orchestrate dag › group 0 › execute_tool metrics_query',
      '    - attribute tooltrace.step.id is "metrics", expected "metrix"',
      '    attributes:',
      '      tooltrace.group_index: 0',
      '      tooltrace.step.id: "metrics"',
      '  orchestrate dag › group 0 › execute_tool ci_lookup',
      '    - attribute tooltrace.step.id is "primary", expected "metrix"',
      '    attributes:',
      '      tooltrace.group_index: 0',
      '      tooltrace.step.id: "primary"',
    ].join('\n'),
  );
});

test('says when only the type of a value differs', () => {
  expect(explain(sample(), 'group[tooltrace.group_index="0"]')).toContain(
    'attribute tooltrace.group_index is 0, expected "0" (the attribute is a number, the filter a string)',
  );
});

test('says which relation failed', () => {
  const tree = sample();
  expect(explain(tree, 'orchestrate > execute_tool[tooltrace.step.id="primary"]')).toContain(
    'its parent "group 0" does not match `orchestrate`',
  );
  expect(explain(tree, 'pipeline execute_tool[tooltrace.step.id="primary"]')).toContain('no ancestor matches `pipeline`');
});

test('says when a position asked for more spans than matched', () => {
  expect(explain(sample(), 'execute_tool:nth(5)')).toContain('only 2 spans matched before the position was applied');
});

test('suggests quoting a name that contains spaces', () => {
  expect(explain(sample(), 'done handler')).toContain(`to match this span's name, quote it: '"done handler"'`);
});

test('explains shape selectors with their mismatches', () => {
  expect(explain(sample(), { name: 'execute_tool', attributes: { 'tooltrace.step.id': 'events' } })).toContain(
    'attribute tooltrace.step.id is "primary", expected "events"',
  );
});

test('has nothing to say when no span comes close, or about predicates', () => {
  const tree = sample();
  expect(explain(tree, 'pipeline')).toBe('');
  expect(explain(tree, () => false)).toBe('');
});

function probes(): SpanTree {
  const capture = captureSpans();
  const kind = { 'probe.kind': 'tool' };
  emit(capture.getTracer(), [
    {
      name: 'run checks',
      start: 0,
      children: [
        { name: 'lookup', start: 1, attributes: kind },
        { name: 'report', start: 2, attributes: kind },
        { name: 'ping', start: 3, attributes: kind },
      ],
    },
  ]);
  return capture.treeNow();
}

test('a typo in a name suggests the span whose name is a few edits away', () => {
  expect(explain(probes(), 'pnig')).toBe(
    ['Nearest spans:', '  run checks › ping', '    - name is "ping", expected "pnig"', '    attributes:', '      probe.kind: "tool"'].join(
      '\n',
    ),
  );
  expect(explain(probes(), { name: 'pnig' })).toContain('  run checks › ping\n    - name is "ping", expected "pnig"');
  expect(explain(probes(), 'rnu')).toContain('  run checks\n    - name is "run checks", expected "rnu"');
});

test('spans that met as many conditions are ranked by how close their name is', () => {
  const paths = (text: string): string[] => text.split('\n').filter((line) => line.startsWith('  run checks'));
  const typo = paths(explain(probes(), 'pnig[probe.kind="tool"]'));
  expect(typo[0]).toBe('  run checks › ping');
  expect([...typo].sort()).toEqual(['  run checks › lookup', '  run checks › ping', '  run checks › report']);
  expect(paths(explain(probes(), 'repot[probe.kind="tool"]'))[0]).toBe('  run checks › report');
  expect(paths(explain(probes(), { name: 'lokup', attributes: { 'probe.kind': 'tool' } }))[0]).toBe('  run checks › lookup');
});
