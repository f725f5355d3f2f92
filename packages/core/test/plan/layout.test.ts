import { describe, expect, test } from 'vitest';
import { validatePlan } from '../../src/index.js';
import { dependencyRows } from '../../src/plan/graph.js';
import { dependentRows, groupRows, layoutOf, rowList, rowLists } from '../../src/plan/layout.js';

describe('plan layout', () => {
  const diamond = [[], [0], [0], [1, 2], [3]];

  test('rows hold each list in order, and give it back as new arrays', () => {
    const rows = dependencyRows(diamond);
    expect(Array.from(rows.offsets)).toEqual([0, 0, 1, 2, 4, 5]);
    expect(rowLists(rows)).toEqual(diamond);
    expect(rowList(rows, 3)).toEqual([1, 2]);
    expect(rowList(rows, 3)).not.toBe(rowList(rows, 3));
  });

  test('the dependents of each step are the steps that depend on it, in plan order', () => {
    expect(rowLists(dependentRows(dependencyRows(diamond)))).toEqual([[1, 2], [3], [3], [4], []]);
  });

  test('the steps of each group, in plan order', () => {
    const groupIndexes = Int32Array.from([0, 1, 1, 2, 3, 0]);
    expect(rowLists(groupRows({ dependencies: dependencyRows([]), groupIndexes, groupCount: 4 }))).toEqual([[0, 5], [1, 2], [3], [4]]);
  });

  test("a validated plan's layout gives back its groups and dependents", () => {
    const plan = validatePlan({
      steps: [
        { id: 'a', tool: 't' },
        { id: 'b', tool: 't', dependsOn: ['a'] },
        { id: 'c', tool: 't', dependsOn: ['a'] },
        { id: 'd', tool: 't', dependsOn: ['c', 'b'] },
      ],
    });
    const layout = layoutOf(plan);
    expect(Array.from(layout.groupIndexes)).toEqual(plan.steps.map((step) => step.groupIndex));
    expect(rowLists(groupRows(layout))).toEqual(plan.groups);
    expect(rowLists(dependentRows(layout.dependencies))).toEqual(plan.dependents);
    expect(rowLists(layout.dependencies)).toEqual(plan.steps.map((step) => step.dependencyIndexes));
  });
});
