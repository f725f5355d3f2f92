import { ATTR_SERVICE_NAME } from '../../model/otel-attributes.js';
import { describeSpan, spanTitle } from '../../model/span-description.js';
import { type SpanTreeNode, visibleSpanRows } from '../../model/span-tree.js';
import type { TracePage } from './app-types.js';
import { card, el } from './dom.js';
import { initialLabelStyle, layoutTimelineLabels } from './render-timeline.js';
import { formatDuration, placeBar } from './time-scale.js';

/** What a tree row says a span is: its tooltrace role, else its category (HTTP, DB, GenAI) or OTel kind. */
export function spanKindLabel(node: SpanTreeNode): string {
  if (node.role !== null) return node.role;
  const category = describeSpan(node.span).category;
  if (category === 'http') return `http ${node.span.kind.toLowerCase()}`;
  if (category === 'db') return 'db';
  if (category === 'gen_ai') return 'gen_ai';
  return node.span.kind.toLowerCase();
}

/**
 * Every span of the trace as a collapsible tree on the trace's time axis: tooltrace spans with
 * their role, other spans with their kind and what they are (HTTP method and route, DB system and
 * operation, model and tokens). Click a row for its details; ▸/▾ folds a span's children.
 */
export function renderSpanTree(page: TracePage): HTMLElement {
  const view = page.view;
  const rows = visibleSpanRows(view.spanTree, page.collapsedSpans);
  const limit = page.spanTreeExpanded ? rows.length : page.shell.boot.limits.spanRows;
  const rangeMs = Math.max(view.endMs - view.startMs, 1e-6);
  const body = el('div', { className: 'timeline' });
  for (const node of rows.slice(0, limit)) body.append(renderTreeRow(page, node, rangeMs));
  if (rows.length > limit) {
    const more = el('button', { className: 'button small' }, `Show ${rows.length - limit} more spans`);
    more.addEventListener('click', () => {
      page.spanTreeExpanded = true;
      refreshSpanTree(page);
    });
    body.append(el('div', { className: 'tl-more', style: { padding: '6px 12px' } }, more));
  }
  return card(
    'spans',
    'Spans',
    [el('span', { className: 'card-sub' }, `${view.trace.spans.length} spans: the pipeline, runs, groups, steps and the tools' own calls`)],
    body,
  );
}

function renderTreeRow(page: TracePage, node: SpanTreeNode, rangeMs: number): HTMLElement {
  const view = page.view;
  const span = node.span;
  const step = page.stepByKey.get(span.spanId);
  const placement = placeBar(span, span.startMs, view.startMs, rangeMs);
  const classes = ['wf-row'];
  if (page.matches.has(span.spanId)) classes.push('is-match');
  if (page.selectedSpanId === span.spanId) classes.push('is-selected');
  const kind = spanKindLabel(node);
  const description = node.role === null ? describeSpan(span).summary : '';
  const parent = span.parentSpanId === null ? undefined : page.spanById.get(span.parentSpanId);
  const service = span.resource[ATTR_SERVICE_NAME];
  const showService = typeof service === 'string' && (parent === undefined || parent.resource[ATTR_SERVICE_NAME] !== service);
  const collapsed = page.collapsedSpans.has(span.spanId);
  const toggle =
    node.children.length === 0
      ? el('span', { className: 'tree-toggle none' })
      : el(
          'button',
          {
            className: 'tree-toggle',
            attrs: {
              'aria-expanded': String(!collapsed),
              'aria-label': `${collapsed ? 'Show' : 'Hide'} ${node.children.length} child spans`,
              'data-toggle': '',
            },
          },
          collapsed ? '▸' : '▾',
        );
  toggle.addEventListener('click', (event) => {
    event.stopPropagation();
    if (page.collapsedSpans.has(span.spanId)) page.collapsedSpans.delete(span.spanId);
    else page.collapsedSpans.add(span.spanId);
    refreshSpanTree(page);
  });
  const status = step?.status ?? (span.status.code === 'ERROR' ? 'error' : null);
  const barClass = step === undefined ? `tl-bar kind-span${span.status.code === 'ERROR' ? ' failed' : ''}` : `tl-bar status-${step.status}`;
  return el(
    'div',
    {
      className: classes.join(' '),
      attrs: {
        'data-span-id': span.spanId,
        'data-tree-row': '',
        'data-kind': kind,
        'data-depth': String(node.depth),
        ...(step === undefined ? {} : { 'data-step-id': step.stepId }),
      },
      onClick: () => page.select(span.spanId, false),
    },
    el(
      'div',
      {
        className: 'wf-name',
        style: { 'padding-left': `${6 + node.depth * 14}px` },
        title: `${span.name}${description === '' ? '' : ` · ${description}`}`,
      },
      toggle,
      el('span', { className: 'name' }, step === undefined ? spanTitle(span) : `${step.stepId} · ${step.tool}`),
      el('span', { className: `kind-chip kind-${kind.split(' ')[0]}` }, kind),
      description === '' ? null : el('span', { className: 'svc', attrs: { 'data-description': '' } }, description),
      showService ? el('span', { className: 'svc' }, service) : null,
      status === null || status === 'ok' ? null : el('span', { className: `dot status-${status}`, title: status }),
    ),
    el(
      'div',
      { className: 'wf-track' },
      el('div', { className: barClass, style: { left: `${placement.leftPercent}%`, width: `${placement.widthPercent}%` } }),
      el(
        'div',
        { className: `tl-label on-${placement.labelSide}`, style: initialLabelStyle(placement) },
        el('span', { className: 'dur' }, formatDuration(span.durationMs)),
      ),
    ),
  );
}

/** Redraws the span tree in place (after folding, a search, or "show more"). */
export function refreshSpanTree(page: TracePage): void {
  if (page.spanTree === null) return;
  const next = renderSpanTree(page);
  page.spanTree.replaceWith(next);
  page.spanTree = next;
  layoutTimelineLabels(next);
}

/** Unfolds every ancestor of a span so its row is drawn (selecting a span from elsewhere). */
export function revealSpan(page: TracePage, spanId: string): boolean {
  let changed = false;
  let current = page.spanById.get(spanId);
  const seen = new Set<string>();
  while (current?.parentSpanId != null && !seen.has(current.spanId)) {
    seen.add(current.spanId);
    if (page.collapsedSpans.delete(current.parentSpanId)) changed = true;
    current = page.spanById.get(current.parentSpanId);
  }
  return changed;
}
