import type { TracePage } from './app-types.js';
import { el } from './dom.js';

/** A clickable step reference, coloured by status. */
export function stepChip(page: TracePage, key: string, critical: boolean): HTMLElement {
  const step = page.stepByKey.get(key);
  const label = step === undefined ? key : step.stepId;
  return el(
    'button',
    {
      className: critical ? 'chip critical' : 'chip',
      attrs: { 'data-step-link': label },
      title: step === undefined ? label : `${step.stepId} (${step.tool}) · ${step.status}`,
      onClick: () => page.select(key, true),
    },
    el('span', { className: `dot status-${step?.status ?? 'unknown'}` }),
    label,
  );
}
