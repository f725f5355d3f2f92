import type { ExecutionPlanView } from '../../model/execution-plan.js';
import type { TracePage } from './app-types.js';
import { el } from './dom.js';
import { stepChip } from './step-chip.js';

/**
 * The `tooltrace.execution_plan` event as the plan it records: strategy and limits, then each
 * execution group with its steps, their tools and what they depend on. Steps of this trace are
 * clickable. `stepKeys` maps step ids of the event's run to their span ids.
 */
export function renderExecutionPlan(page: TracePage, plan: ExecutionPlanView, stepKeys: ReadonlyMap<string, string>): HTMLElement {
  const facts = [
    plan.strategy,
    plan.failurePolicy,
    plan.maxConcurrency === null ? 'unbounded concurrency' : `max concurrency ${plan.maxConcurrency}`,
    plan.totalSteps === null ? null : `${plan.totalSteps} steps`,
    plan.totalGroups === null ? null : `${plan.totalGroups} groups`,
  ].filter((fact) => fact !== null);
  const step = (id: string): HTMLElement => {
    const key = stepKeys.get(id);
    return key === undefined ? el('span', { className: 'chip' }, id) : stepChip(page, key, false);
  };
  const table = el('table', { className: 'plan' });
  for (const group of plan.groups) {
    const steps = group.steps.length > 0 ? group.steps : group.stepIds.map((id) => ({ id, tool: '', dependsOn: [] }));
    steps.forEach((planned, index) => {
      table.append(
        el(
          'tr',
          { attrs: { 'data-plan-step': planned.id, 'data-plan-group': String(group.index) } },
          index === 0
            ? el(
                'td',
                { className: 'plan-group', attrs: { rowspan: String(steps.length) } },
                `G${group.index}`,
                group.parallel === true ? el('div', { className: 'none' }, 'parallel') : null,
              )
            : null,
          el('td', null, step(planned.id)),
          el('td', { className: 'mono' }, planned.tool),
          el('td', null, planned.dependsOn.length === 0 ? el('span', { className: 'none' }, '–') : `← ${planned.dependsOn.join(', ')}`),
        ),
      );
    });
  }
  return el(
    'div',
    { className: 'execution-plan', attrs: { 'data-execution-plan': '' } },
    el('div', { className: 'plan-facts' }, facts.join(' · ')),
    table,
    plan.criticalPath.length === 0
      ? null
      : el('div', { className: 'plan-facts' }, `Longest chain planned: ${plan.criticalPath.join(' → ')}`),
    plan.truncated === null
      ? null
      : el('div', { className: 'none' }, `recorded without ${plan.truncated} (the plan was too big for the event)`),
  );
}
