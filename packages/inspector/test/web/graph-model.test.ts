import { describe, expect, it } from 'vitest';
import { criticalEdges, criticalPath } from '../../src/model/critical-path.js';
import { buildTraceView } from '../../src/model/trace-view.js';
import type { RunView } from '../../src/model/trace-view-types.js';
import { buildGraphModel } from '../../src/web/client/graph-model.js';
import { demoFixture } from '../web/fixtures.js';

const demoRun = (): { run: RunView; critical: Set<string>; edges: Set<string> } => {
  const run = buildTraceView(demoFixture()).runs[0] as RunView;
  const path = criticalPath(run.steps.map((step) => ({ ...step, startMs: step.span.startMs, endMs: step.span.endMs })));
  return { run, critical: new Set(path), edges: new Set(criticalEdges(path)) };
};

describe('buildGraphModel', () => {
  it('draws one node per step and one edge per dependency, named by step ids', () => {
    const { run, critical, edges } = demoRun();
    const model = buildGraphModel(run.steps, critical, edges, 300);
    expect(model.summarized).toBe(false);
    expect(model.nodes.map((node) => [node.label, node.status, node.badge])).toEqual([
      ['primary', 'ok', 'G0 #0'],
      ['metrics', 'ok', 'G1 #0'],
      ['events', 'error', 'G1 #1'],
      ['changes', 'ok', 'G1 #2'],
      ['correlate', 'ok', 'G2 #0'],
      ['timeline', 'skipped', 'G2'],
      ['summarize', 'ok', 'G3 #0'],
    ]);
    expect(model.edges.map((edge) => edge.name).sort()).toEqual(
      [
        'primary->metrics',
        'primary->events',
        'primary->changes',
        'metrics->correlate',
        'changes->correlate',
        'events->timeline',
        'correlate->summarize',
      ].sort(),
    );
  });

  it('flags the critical path on nodes and edges', () => {
    const { run, critical, edges } = demoRun();
    const model = buildGraphModel(run.steps, critical, edges, 300);
    expect(model.nodes.filter((node) => node.critical).map((node) => node.label)).toEqual(['primary', 'metrics', 'correlate', 'summarize']);
    expect(model.edges.filter((edge) => edge.critical).map((edge) => edge.name)).toEqual([
      'primary->metrics',
      'metrics->correlate',
      'correlate->summarize',
    ]);
  });

  it('summarises past the node limit: one node per group, edges counted between groups', () => {
    const { run, critical, edges } = demoRun();
    const model = buildGraphModel(run.steps, critical, edges, 3);
    expect(model.summarized).toBe(true);
    expect(model.nodes.map((node) => [node.label, node.detail, node.status, node.critical])).toEqual([
      ['Group 0', '1 step', 'ok', true],
      ['Group 1', '3 steps', 'error', true],
      ['Group 2', '2 steps', 'skipped', true],
      ['Group 3', '1 step', 'ok', true],
    ]);
    expect(model.edges.map((edge) => [edge.name, edge.count, edge.critical])).toEqual([
      ['g0->g1', 3, true],
      ['g1->g2', 3, true],
      ['g2->g3', 1, true],
    ]);
  });
});
