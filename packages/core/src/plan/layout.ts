import { type DependencyRows, dependencyRows } from './graph.js';
import type { ValidatedPlan } from './types.js';

/**
 * A plan's graph in typed arrays: its dependencies and each step's group. Validation computes it;
 * `explain` describes a plan from it without building a {@link ValidatedPlan} (at 100k steps every
 * object that lives through the call is copied by scavenges, and typed arrays are not).
 */
export interface PlanLayout {
  dependencies: DependencyRows;
  /** Group of each step. */
  groupIndexes: Int32Array;
  groupCount: number;
}

/** The layout of an already validated plan. */
export function layoutOf(plan: ValidatedPlan): PlanLayout {
  const groupIndexes = new Int32Array(plan.steps.length);
  for (let index = 0; index < plan.steps.length; index++) groupIndexes[index] = plan.steps[index]?.groupIndex ?? 0;
  return {
    dependencies: dependencyRows(plan.steps.map((step) => step.dependencyIndexes)),
    groupIndexes,
    groupCount: plan.groups.length,
  };
}

/** The steps of each group in plan order, as rows: group g holds `targets[offsets[g]]` up to `targets[offsets[g + 1] - 1]`. */
export function groupRows({ groupIndexes, groupCount }: PlanLayout): DependencyRows {
  const oneEach = new Int32Array(groupIndexes.length + 1);
  for (let index = 0; index < oneEach.length; index++) oneEach[index] = index;
  return invertRows({ offsets: oneEach, targets: groupIndexes }, groupCount);
}

/** Row `row` as a new array. */
export function rowList({ offsets, targets }: DependencyRows, row: number): number[] {
  const start = offsets[row] as number;
  const list: number[] = new Array((offsets[row + 1] as number) - start);
  for (let position = 0; position < list.length; position++) list[position] = targets[start + position] as number;
  return list;
}

/** Every row as a new array. */
export function rowLists(rows: DependencyRows): number[][] {
  const lists: number[][] = new Array(rows.offsets.length - 1);
  for (let row = 0; row < lists.length; row++) lists[row] = rowList(rows, row);
  return lists;
}

/** The reverse graph: row i lists the steps that depend on step i, in plan order. */
export function dependentRows(dependencies: DependencyRows): DependencyRows {
  return invertRows(dependencies, dependencies.offsets.length - 1);
}

/** Row t of the result lists, ascending, the rows of `rows` that hold target t (of `targets` targets). */
function invertRows({ offsets, targets }: DependencyRows, targetCount: number): DependencyRows {
  const starts = new Int32Array(targetCount + 1);
  const used = offsets[offsets.length - 1] as number;
  for (let position = 0; position < used; position++)
    starts[(targets[position] as number) + 1] = (starts[(targets[position] as number) + 1] as number) + 1;
  for (let target = 0; target < targetCount; target++) starts[target + 1] = (starts[target + 1] as number) + (starts[target] as number);
  const filled = starts.slice(0, targetCount);
  const inverted = new Int32Array(used);
  for (let row = 0; row < offsets.length - 1; row++) {
    for (let position = offsets[row] as number; position < (offsets[row + 1] as number); position++) {
      const target = targets[position] as number;
      inverted[filled[target] as number] = row;
      filled[target] = (filled[target] as number) + 1;
    }
  }
  return { offsets: starts, targets: inverted };
}
