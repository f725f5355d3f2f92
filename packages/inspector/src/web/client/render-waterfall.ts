import { ATTR_SERVICE_NAME } from '../../model/otel-attributes.js';
import type { TracePage } from './app-types.js';
import { el } from './dom.js';
import { initialLabelStyle, layoutTimelineLabels } from './render-timeline.js';
import { formatDuration, placeBar } from './time-scale.js';

/** Spans outside the tooltrace hierarchy (HTTP, DB, LLM calls...) as a classic waterfall. */
export function renderWaterfall(page: TracePage): HTMLElement {
  const view = page.view;
  const rows = view.waterfall;
  const limit = page.waterfallExpanded ? rows.length : page.shell.boot.limits.waterfallRows;
  const rangeMs = Math.max(view.endMs - view.startMs, 1e-6);
  const body = el('div', { className: 'timeline' });
  for (const row of rows.slice(0, limit)) {
    const span = row.span;
    const placement = placeBar(span, span.startMs, view.startMs, rangeMs);
    const failed = span.status.code === 'ERROR';
    const classes = ['wf-row'];
    if (page.matches.has(span.spanId)) classes.push('is-match');
    if (page.selectedSpanId === span.spanId) classes.push('is-selected');
    const service = span.resource[ATTR_SERVICE_NAME];
    body.append(
      el(
        'div',
        {
          className: classes.join(' '),
          attrs: { 'data-span-id': span.spanId, 'data-waterfall-row': '' },
          onClick: () => page.select(span.spanId, false),
        },
        el(
          'div',
          { className: 'wf-name', style: { 'padding-left': `${12 + row.depth * 14}px` }, title: span.name },
          el('span', { className: 'name' }, span.name),
          typeof service === 'string' ? el('span', { className: 'svc' }, service) : null,
          row.stepKey === null
            ? null
            : el('span', { className: 'svc' }, `in step ${page.stepByKey.get(row.stepKey)?.stepId ?? row.stepKey}`),
        ),
        el(
          'div',
          { className: 'wf-track' },
          el('div', {
            className: `tl-bar kind-span${failed ? ' failed' : ''}`,
            style: { left: `${placement.leftPercent}%`, width: `${placement.widthPercent}%` },
          }),
          el(
            'div',
            { className: `tl-label on-${placement.labelSide}`, style: initialLabelStyle(placement) },
            el('span', { className: 'dur' }, formatDuration(span.durationMs)),
          ),
        ),
      ),
    );
  }
  if (rows.length > limit) {
    body.append(
      el(
        'div',
        { className: 'tl-more', style: { padding: '6px 12px' } },
        el(
          'button',
          {
            className: 'button small',
            onClick: () => {
              page.waterfallExpanded = true;
              refreshWaterfall(page);
            },
          },
          `Show ${rows.length - limit} more spans`,
        ),
      ),
    );
  }
  return el(
    'section',
    { className: 'card', attrs: { 'data-section': 'waterfall' } },
    el(
      'div',
      { className: 'card-head' },
      el('h2', { className: 'card-title' }, 'Other spans'),
      el('span', { className: 'card-sub' }, `${rows.length} spans outside the tooltrace hierarchy (HTTP, database, model calls…)`),
    ),
    body,
  );
}

/** Redraws the waterfall in place. */
export function refreshWaterfall(page: TracePage): void {
  if (page.waterfall === null) return;
  const next = renderWaterfall(page);
  page.waterfall.replaceWith(next);
  page.waterfall = next;
  layoutTimelineLabels(next);
}
