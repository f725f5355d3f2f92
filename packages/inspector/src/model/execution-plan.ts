import { ATTR_EXECUTION_PLAN } from '@tooltrace/core';
import type { InspectorEvent } from './types.js';

/** One step of a recorded execution plan. */
export interface PlannedStep {
  id: string;
  tool: string;
  dependsOn: string[];
}

/** One execution group of a recorded execution plan. */
export interface PlannedGroup {
  index: number;
  parallel: boolean | null;
  /** Empty when the plan was recorded without per-step details. */
  steps: PlannedStep[];
  stepIds: string[];
}

/** The `tooltrace.execution_plan` event of an orchestrate span, read back (`explain(plan)`'s JSON). */
export interface ExecutionPlanView {
  strategy: string | null;
  failurePolicy: string | null;
  maxConcurrency: number | null;
  totalSteps: number | null;
  totalGroups: number | null;
  groups: PlannedGroup[];
  criticalPath: string[];
  /** `steps` or `groups` when the recorder cut the plan to fit the event's size cap. */
  truncated: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** Reads the plan an execution-plan event carries; null when the event holds no readable plan. */
export function readExecutionPlan(event: InspectorEvent): ExecutionPlanView | null {
  const json = event.attributes[ATTR_EXECUTION_PLAN];
  if (typeof json !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  const plan = record(parsed);
  if (plan === null) return null;
  const groups: PlannedGroup[] = [];
  for (const item of Array.isArray(plan.groups) ? plan.groups : []) {
    const group = record(item);
    if (group === null) continue;
    const steps: PlannedStep[] = [];
    for (const stepItem of Array.isArray(group.steps) ? group.steps : []) {
      const step = record(stepItem);
      const id = text(step?.id);
      if (step === null || id === null) continue;
      steps.push({ id, tool: text(step.tool) ?? '', dependsOn: texts(step.dependsOn) });
    }
    groups.push({
      index: count(group.index) ?? groups.length,
      parallel: typeof group.parallel === 'boolean' ? group.parallel : null,
      steps,
      stepIds: texts(group.stepIds),
    });
  }
  return {
    strategy: text(plan.strategy),
    failurePolicy: text(plan.failurePolicy),
    maxConcurrency: count(plan.maxConcurrency),
    totalSteps: count(plan.totalSteps),
    totalGroups: count(plan.totalGroups),
    groups,
    criticalPath: texts(plan.criticalPath),
    truncated: text(plan.truncated),
  };
}
