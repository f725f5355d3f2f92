import { describe, expect, it } from 'vitest';
import { buildSpanTree, initiallyCollapsed, type SpanTreeNode, visibleSpanRows } from '../../src/model/span-tree.js';
import { demoFixture, span, spanIdFor } from '../web/fixtures.js';

const names = (rows: SpanTreeNode[]): string[] => rows.map((row) => `${'  '.repeat(row.depth)}${row.span.name}`);

describe('buildSpanTree', () => {
  it('holds every span once, under its parent, with its tooltrace role and the step it ran in', () => {
    const trace = demoFixture();
    const roots = buildSpanTree(trace);
    const rows = visibleSpanRows(roots, new Set());
    expect(rows).toHaveLength(trace.spans.length);
    expect(names(rows).slice(0, 6)).toEqual([
      'pipeline incident',
      '  stage plan',
      '  stage execute',
      '    orchestrate dag',
      '      group 0',
      '        execute_tool ci_lookup',
    ]);
    const http = rows.find((row) => row.span.spanId === spanIdFor('http'));
    expect(http).toMatchObject({ depth: 5, role: null, stepSpanId: spanIdFor('step primary') });
    expect(rows.map((row) => row.role).filter((role) => role !== null)).toContain('orchestrate');
  });

  it('hides the children of collapsed spans, and starts large groups collapsed', () => {
    const roots = buildSpanTree(demoFixture());
    const rows = visibleSpanRows(roots, new Set([spanIdFor('group 1')]));
    expect(rows.some((row) => row.span.spanId === spanIdFor('step metrics'))).toBe(false);
    expect(rows.some((row) => row.span.spanId === spanIdFor('group 1'))).toBe(true);
    expect([...initiallyCollapsed(roots, 3)]).toEqual([spanIdFor('orchestrate')]);
    expect(initiallyCollapsed(roots, 10).size).toBe(0);
  });

  it('keeps spans of a parent cycle (malformed input) as a root instead of losing them', () => {
    const a = span({ name: 'a', spanId: '1'.repeat(16), parentSpanId: '2'.repeat(16), startMs: 0, endMs: 1 });
    const b = span({ name: 'b', spanId: '2'.repeat(16), parentSpanId: '1'.repeat(16), startMs: 0, endMs: 1 });
    const rows = visibleSpanRows(buildSpanTree({ traceId: a.traceId, spans: [a, b] }), new Set());
    expect(names(rows)).toEqual(['a', '  b']);
  });
});
