import { captureSpans, type SpanTree } from '@tooltrace/testing';
import { describe, expect, test } from 'vitest';
import { emit, T0 } from '../support.js';

function sample(): SpanTree {
  const capture = captureSpans();
  const tracer = capture.getTracer();
  emit(tracer, [
    {
      name: 'orchestrate dag',
      start: 0,
      end: 20,
      attributes: { 'tooltrace.strategy': 'dag' },
      children: [
        {
          name: 'group 0',
          start: 1,
          end: 5,
          attributes: { 'tooltrace.group_index': 0 },
          children: [
            {
              name: 'execute_tool ci_lookup',
              ref: 'primary',
              start: 1,
              end: 4,
              attributes: { 'tooltrace.step.id': 'primary', 'tooltrace.depends_on': [] },
            },
          ],
        },
        {
          name: 'group 1',
          start: 5,
          end: 19,
          attributes: { 'tooltrace.group_index': 1, 'tooltrace.group.parallel': true },
          children: [
            {
              name: 'execute_tool metrics_query',
              start: 5,
              end: 9,
              error: 'boom',
              attributes: { 'tooltrace.step.id': 'metrics', 'tooltrace.depends_on': ['primary'], 'tooltrace.step.timeout_ms': 2000 },
              children: [{ name: 'GET /metrics', start: 6, end: 8 }],
            },
            {
              name: 'execute_tool event_search',
              start: 6,
              end: 18,
              attributes: { 'tooltrace.step.id': 'events', 'tooltrace.depends_on': ['primary'], 'tooltrace.step.status': 'ok' },
            },
          ],
        },
      ],
    },
    { name: 'execute_tools_helper', start: 30, end: 31 },
  ]);
  const running = tracer.startSpan('still running', { startTime: T0 + 40 });
  const tree = capture.treeNow();
  running.end();
  return tree;
}

const ids = (tree: SpanTree, selector: Parameters<SpanTree['findAll']>[0]): unknown[] =>
  tree.findAll(selector).map((node) => node.attributes['tooltrace.step.id'] ?? node.name);

describe('names', () => {
  test('a bare name matches the whole name or its first words', () => {
    const tree = sample();
    expect(ids(tree, 'execute_tool')).toEqual(['primary', 'metrics', 'events']);
    expect(ids(tree, 'execute_tool metrics_query')).toEqual([]);
    expect(ids(tree, 'execute_tools_helper')).toEqual(['execute_tools_helper']);
  });

  test('a quoted name matches exactly; * matches any span', () => {
    const tree = sample();
    expect(ids(tree, '"execute_tool metrics_query"')).toEqual(['metrics']);
    expect(ids(tree, '"execute_tool"')).toEqual([]);
    expect(tree.findAll('*')).toHaveLength(tree.size);
  });
});

describe('attribute filters', () => {
  test('presence, strings, typed numbers and booleans', () => {
    const tree = sample();
    expect(ids(tree, '[tooltrace.step.timeout_ms]')).toEqual(['metrics']);
    expect(ids(tree, 'execute_tool[tooltrace.step.id="events"]')).toEqual(['events']);
    expect(ids(tree, 'execute_tool[tooltrace.step.id=events]')).toEqual(['events']);
    expect(ids(tree, '[tooltrace.group_index=1]')).toEqual(['group 1']);
    expect(ids(tree, '[tooltrace.group_index="1"]')).toEqual([]);
    expect(ids(tree, '[tooltrace.group.parallel=true]')).toEqual(['group 1']);
    expect(ids(tree, '[tooltrace.step.timeout_ms=2e3]')).toEqual(['metrics']);
  });

  test('an array attribute matches when any element does', () => {
    expect(ids(sample(), '[tooltrace.depends_on="primary"]')).toEqual(['metrics', 'events']);
  });

  test('!= (absent counts as different), ^=, $=, *=, ~=', () => {
    const tree = sample();
    expect(ids(tree, 'execute_tool[tooltrace.step.status!="ok"]')).toEqual(['primary', 'metrics']);
    expect(ids(tree, 'execute_tool[tooltrace.step.id^="me"]')).toEqual(['metrics']);
    expect(ids(tree, 'execute_tool[tooltrace.step.id$="s"]')).toEqual(['metrics', 'events']);
    expect(ids(tree, 'execute_tool[tooltrace.step.id*="ri"]')).toEqual(['primary', 'metrics']);
    expect(ids(tree, 'execute_tool[tooltrace.step.id~=/^(primary|events)$/]')).toEqual(['primary', 'events']);
    expect(ids(tree, '[tooltrace.depends_on~="^prim"]')).toEqual(['metrics', 'events']);
  });
});

describe('combinators', () => {
  test('">" selects children, a space selects descendants', () => {
    const tree = sample();
    expect(ids(tree, 'group > execute_tool')).toEqual(['primary', 'metrics', 'events']);
    expect(ids(tree, 'orchestrate > execute_tool')).toEqual([]);
    expect(ids(tree, 'orchestrate execute_tool')).toEqual(['primary', 'metrics', 'events']);
    expect(ids(tree, 'group[tooltrace.group_index=1] > execute_tool')).toEqual(['metrics', 'events']);
    expect(ids(tree, 'execute_tool > GET')).toEqual(['GET /metrics']);
    expect(ids(tree, 'orchestrate > group > execute_tool > *')).toEqual(['GET /metrics']);
  });
});

describe('pseudo-classes', () => {
  test(':first, :last and :nth(n) pick from what matched so far, in tree order (0-based)', () => {
    const tree = sample();
    expect(ids(tree, 'execute_tool:first')).toEqual(['primary']);
    expect(ids(tree, 'execute_tool:last')).toEqual(['events']);
    expect(ids(tree, 'execute_tool:nth(1)')).toEqual(['metrics']);
    expect(ids(tree, 'execute_tool:nth(3)')).toEqual([]);
    expect(ids(tree, 'group:last > execute_tool')).toEqual(['metrics', 'events']);
    expect(ids(tree, 'group > execute_tool:last')).toEqual(['events']);
  });

  test(':error, :root and :unended filter by status, position and state', () => {
    const tree = sample();
    expect(ids(tree, ':error')).toEqual(['metrics']);
    expect(ids(tree, '*:root')).toEqual(['orchestrate dag', 'execute_tools_helper', 'still running']);
    expect(ids(tree, ':unended')).toEqual(['still running']);
  });
});

describe('shapes and predicates', () => {
  test('a shape object selects spans by name, attributes (exact, RegExp, asymmetric matchers), status', () => {
    const tree = sample();
    expect(ids(tree, { name: 'execute_tool', attributes: { 'tooltrace.step.id': /^(metrics|events)$/ } })).toEqual(['metrics', 'events']);
    expect(ids(tree, { attributes: { 'tooltrace.step.timeout_ms': expect.any(Number) } })).toEqual(['metrics']);
    expect(ids(tree, { name: 'execute_tool', status: 'error' })).toEqual(['metrics']);
    expect(ids(tree, { name: 'execute_tool', attributes: { 'tooltrace.step.status': undefined } })).toEqual(['primary', 'metrics']);
    expect(ids(tree, { name: 'group', children: [{ name: 'execute_tool', status: 'error' }] })).toEqual(['group 1']);
  });

  test('a predicate selects the spans it returns true for', () => {
    expect(ids(sample(), (node) => node.children.length === 2)).toEqual(['orchestrate dag', 'group 1']);
  });
});
