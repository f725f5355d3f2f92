import { criticalEdges } from '../../model/critical-path.js';
import { runCriticalPath } from '../../model/run-critical-path.js';
import { initiallyCollapsed } from '../../model/span-tree.js';
import { buildTraceView } from '../../model/trace-view.js';
import type { InspectorTrace } from '../../model/types.js';
import type { AppShell, TracePage } from './app-types.js';
import { el, replaceChildren } from './dom.js';
import { writeLocation } from './navigation.js';
import { renderDetails } from './render-details.js';
import { fitGraphs, renderGraphCard } from './render-graph.js';
import { renderFailureBanner, renderTraceHeader } from './render-header.js';
import { refreshSpanTree, renderSpanTree, revealSpan } from './render-span-tree.js';
import { layoutTimelineLabels, refreshTimeline, renderTimeline } from './render-timeline.js';

/** Shows a trace: header, timeline, one dependency graph per run, and the span tree. */
export function openTracePage(shell: AppShell, trace: InspectorTrace, listHref: string | null): TracePage {
  const view = buildTraceView(trace);
  const page: TracePage = {
    shell,
    view,
    spanById: new Map(trace.spans.map((span) => [span.spanId, span])),
    stepByKey: new Map(view.runs.flatMap((run) => run.steps.map((step) => [step.key, step] as const))),
    criticalKeys: new Set(),
    criticalEdges: new Set(),
    criticalPaths: new Map(),
    selectedSpanId: null,
    query: null,
    matches: new Set(),
    expandedLanes: new Set(),
    spanTreeExpanded: false,
    collapsedSpans: initiallyCollapsed(view.spanTree, shell.boot.limits.spanChildren),
    timeline: el('section', null),
    spanTree: null,
    select: (spanId, scroll) => selectSpan(page, spanId, scroll),
  };
  for (const run of view.runs) {
    const path = runCriticalPath(run);
    page.criticalPaths.set(run.key, path);
    for (const key of path) page.criticalKeys.add(key);
    for (const edge of criticalEdges(path)) page.criticalEdges.add(edge);
  }
  page.timeline = renderTimeline(page);
  page.spanTree = trace.spans.length === 0 ? null : renderSpanTree(page);
  replaceChildren(
    shell.main,
    renderTraceHeader(page, listHref),
    renderFailureBanner(page),
    page.timeline,
    ...view.runs.filter((run) => run.steps.length > 0).map((run) => renderGraphCard(page, run)),
    page.spanTree,
  );
  shell.page = page;
  relayoutPage();
  document.title = `${view.rootName} · tooltrace inspector`;
  return page;
}

/** Selects a span (null clears): highlights it everywhere, opens the detail panel, optionally scrolls to it. */
export function selectSpan(page: TracePage, spanId: string | null, scroll: boolean): void {
  page.selectedSpanId = spanId;
  if (spanId === null) {
    document.body.classList.remove('has-details');
    applyHighlights(page);
    relayoutPage();
    writeLocation(page.shell);
    return;
  }
  const selector = `[data-span-id="${CSS.escape(spanId)}"]`;
  if (page.stepByKey.has(spanId) && page.timeline.querySelector(selector) === null) refreshTimeline(page);
  if (revealSpan(page, spanId)) refreshSpanTree(page);
  if (page.spanTree !== null && page.spanTree.querySelector(selector) === null) {
    page.spanTreeExpanded = true;
    refreshSpanTree(page);
  }
  renderDetails(page, spanId);
  document.body.classList.add('has-details');
  applyHighlights(page);
  relayoutPage();
  writeLocation(page.shell);
  if (scroll) {
    const target = document.querySelector(`svg ${selector}`) ?? document.querySelector(selector);
    target?.scrollIntoView({ block: 'center', inline: 'center', behavior: 'smooth' });
  }
}

/** Sets the selection and search-match classes on every element that stands for a span. */
export function applyHighlights(page: TracePage): void {
  document.querySelectorAll('[data-span-id]').forEach((element) => {
    const spanId = element.getAttribute('data-span-id') ?? '';
    element.classList.toggle('is-selected', spanId === page.selectedSpanId);
    element.classList.toggle('is-match', page.matches.has(spanId));
  });
}

/** Fits the graphs and re-places the timeline labels after the available width changed. */
export function relayoutPage(): void {
  fitGraphs();
  layoutTimelineLabels(document);
}
