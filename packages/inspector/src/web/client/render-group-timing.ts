import { describeGroupTiming, groupOfSpan, groupTiming } from '../../model/group-timing.js';
import type { TracePage } from './app-types.js';
import { el } from './dom.js';
import { stepChip } from './step-chip.js';
import { formatDuration } from './time-scale.js';

/**
 * The details-panel section of a group span: its wall time, its steps' busy time, their waits and
 * the step that kept it open (the figures of the swimlane label, from the same `groupTiming`).
 * Null for any other span.
 */
export function renderGroupTiming(page: TracePage, spanId: string): HTMLElement | null {
  const group = groupOfSpan(page.view, spanId);
  if (group === undefined) return null;
  const timing = groupTiming(group);
  const ran = group.steps.filter((step) => step.ran).length;
  const list = el(
    'dl',
    { className: 'kv' },
    el('dt', null, 'Wall time'),
    el(
      'dd',
      { attrs: { 'data-group-wall': String(timing.wallMs) } },
      `${formatDuration(timing.wallMs)} (first step start to last step end)`,
    ),
    el('dt', null, 'Busy time'),
    el(
      'dd',
      { attrs: { 'data-group-busy': String(timing.busyMs) } },
      `${formatDuration(timing.busyMs)} (${ran} of ${group.steps.length} steps ran; durations added)`,
    ),
    el('dt', null, 'Waits'),
    el(
      'dd',
      { attrs: { 'data-group-waits': String(timing.waitMs) } },
      timing.waitMs > 0 ? `${formatDuration(timing.waitMs)} after dependencies were done` : 'no wait',
    ),
    el('dt', null, 'Kept open by'),
    el(
      'dd',
      null,
      timing.lastStep === null ? el('span', { className: 'none' }, 'no step ran') : stepChip(page, timing.lastStep.key, false),
    ),
  );
  return el(
    'div',
    { className: 'section', attrs: { 'data-group-timing': describeGroupTiming(timing, formatDuration) } },
    el('h3', null, `Group ${group.index} timing`),
    list,
  );
}
