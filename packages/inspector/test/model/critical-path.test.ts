import { ATTR_CRITICAL_PATH } from '@tooltrace/core';
import { describe, expect, it } from 'vitest';
import { type CriticalPathStep, criticalEdges, criticalPath } from '../../src/model/critical-path.js';
import { runCriticalPath } from '../../src/model/run-critical-path.js';
import { buildTraceView } from '../../src/model/trace-view.js';
import type { RunView } from '../../src/model/trace-view-types.js';
import { demoFixture } from '../web/fixtures.js';

const step = (key: string, startMs: number, endMs: number, dependsOnKeys: string[] = [], ran = true): CriticalPathStep => ({
  key,
  startMs,
  endMs,
  dependsOnKeys,
  ran,
});

describe('criticalPath', () => {
  it('walks back from the step that ended last through the dependency that finished last', () => {
    const steps = [
      step('primary', 0, 40),
      step('metrics', 42, 130, ['primary']),
      step('changes', 60, 95, ['primary']),
      step('correlate', 133, 170, ['metrics', 'changes']),
      step('summarize', 171, 240, ['correlate']),
    ];
    expect(criticalPath(steps)).toEqual(['primary', 'metrics', 'correlate', 'summarize']);
  });

  it('follows actual timings, not the longest chain by step count', () => {
    const steps = [
      step('a', 0, 10),
      step('b', 10, 20, ['a']),
      step('c', 20, 30, ['b']),
      step('slow', 0, 500),
      step('end', 500, 510, ['c', 'slow']),
    ];
    expect(criticalPath(steps)).toEqual(['slow', 'end']);
  });

  it('ignores steps that never ran', () => {
    const steps = [step('a', 0, 10), step('b', 10, 50, ['a']), step('skipped', 60, 60, ['b'], false)];
    expect(criticalPath(steps)).toEqual(['a', 'b']);
  });

  it('is the last step alone when steps have no dependencies', () => {
    expect(criticalPath([step('a', 0, 10), step('b', 10, 25), step('c', 25, 20)])).toEqual(['b']);
  });

  it('breaks ties by the given order and is empty without steps', () => {
    expect(criticalPath([step('x', 0, 10), step('y', 0, 10)])).toEqual(['x']);
    expect(criticalPath([])).toEqual([]);
  });

  it('stops on a dependency cycle in malformed data', () => {
    expect(criticalPath([step('a', 0, 10, ['b']), step('b', 0, 20, ['a'])])).toEqual(['a', 'b']);
  });
});

describe('criticalEdges', () => {
  it('names consecutive pairs of the path', () => {
    expect(criticalEdges(['a', 'b', 'c'])).toEqual(['a->b', 'b->c']);
    expect(criticalEdges(['a'])).toEqual([]);
  });
});

describe('runCriticalPath', () => {
  it('computes the path from timings when the run recorded none', () => {
    const run = buildTraceView(demoFixture()).runs[0] as RunView;
    expect(runCriticalPath(run).map((key) => run.steps.find((step) => step.key === key)?.stepId)).toEqual([
      'primary',
      'metrics',
      'correlate',
      'summarize',
    ]);
  });

  it('prefers the tooltrace.critical_path the orchestrate span recorded, when the trace holds its steps', () => {
    const trace = demoFixture();
    const recorded = (path: string[]) => ({
      ...trace,
      spans: trace.spans.map((span) =>
        span.name.startsWith('orchestrate') ? { ...span, attributes: { ...span.attributes, [ATTR_CRITICAL_PATH]: path } } : span,
      ),
    });
    const run = buildTraceView(recorded(['primary', 'changes', 'correlate', 'summarize'])).runs[0] as RunView;
    expect(runCriticalPath(run).map((key) => run.steps.find((step) => step.key === key)?.stepId)).toEqual([
      'primary',
      'changes',
      'correlate',
      'summarize',
    ]);
    const unknown = buildTraceView(recorded(['primary', 'elsewhere'])).runs[0] as RunView;
    expect(runCriticalPath(unknown)).toHaveLength(4);
  });
});
