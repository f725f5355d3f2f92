import type { RunView } from '../../model/trace-view-types.js';
import type { TracePage } from './app-types.js';
import { el, makeKeyboardClickable, svgEl } from './dom.js';
import type { PlacedEdge, PlacedNode } from './graph-layout.js';
import { edgePath, layoutGraph } from './graph-layout.js';
import { buildGraphModel } from './graph-model.js';
import { refreshTimeline } from './render-timeline.js';
import { stepChip } from './step-chip.js';
import { formatDuration } from './time-scale.js';

/** The dependency-graph card of a run: dagre layout, status colours, the critical path highlighted. */
export function renderGraphCard(page: TracePage, run: RunView): HTMLElement {
  const limits = page.shell.boot.limits;
  const model = buildGraphModel(run.steps, page.criticalKeys, page.criticalEdges, limits.graphNodes);
  const placed = layoutGraph(model, { width: 188, height: 54 });
  const svg = svgEl('svg', {
    width: Math.ceil(placed.width),
    height: Math.ceil(placed.height),
    viewBox: `0 0 ${Math.ceil(placed.width)} ${Math.ceil(placed.height)}`,
    role: 'img',
    'aria-label': `dependency graph of ${run.steps.length} steps`,
    'data-graph': run.key,
  });
  svg.append(svgEl('defs', {}, arrowMarker('arrow', '#9aa4b2'), arrowMarker('arrow-critical', '#7c3aed')));
  const edges = [...placed.edges].sort((a, b) => Number(a.critical) - Number(b.critical));
  for (const edge of edges) svg.append(renderEdge(edge, model.summarized));
  for (const node of placed.nodes) svg.append(renderNode(page, run, node));
  const path = page.criticalPaths.get(run.key) ?? [];
  const wrap = el('div', { className: 'graph-wrap' }, svg);
  const fit = el('button', { className: 'button small', attrs: { 'data-fit': '' } }, 'Fit to width');
  fit.addEventListener('click', () => {
    svg.setAttribute('data-manual', svg.style.width === '100%' ? 'actual' : 'fit');
    fitGraphs();
  });
  const strategy = run.strategy ?? 'unknown';
  return el(
    'section',
    { className: 'card', attrs: { 'data-section': 'graph' } },
    el(
      'div',
      { className: 'card-head' },
      el('h2', { className: 'card-title' }, 'Dependency graph'),
      el('span', { className: 'pill strategy plain', title: 'execution strategy' }, strategy),
      run.failurePolicy === null ? null : el('span', { className: 'pill plain' }, run.failurePolicy),
      run.maxConcurrency === null ? null : el('span', { className: 'pill plain' }, `max concurrency ${run.maxConcurrency}`),
      el(
        'span',
        { className: 'card-sub' },
        `${run.steps.length} steps · ${model.edges.reduce((sum, edge) => sum + edge.count, 0)} dependencies`,
      ),
      el('span', { className: 'spacer' }),
      fit,
    ),
    model.summarized
      ? el(
          'div',
          { className: 'notice', attrs: { 'data-graph-summary': '' }, style: { 'margin-top': '12px' } },
          `${run.steps.length} steps: the graph shows one node per execution group (steps are drawn individually up to ${limits.graphNodes}). Click a group to open its swimlane; search finds any step.`,
        )
      : null,
    renderCriticalPath(page, path),
    wrap,
  );
}

/** The critical path as a row of clickable steps, with its length in time. */
export function renderCriticalPath(page: TracePage, path: readonly string[]): HTMLElement {
  const steps = path.map((key) => page.stepByKey.get(key)).filter((step) => step !== undefined);
  const first = steps[0];
  const last = steps[steps.length - 1];
  const line = el(
    'div',
    { className: 'critical-line', attrs: { 'data-critical-path': steps.map((step) => step.stepId).join(' ') } },
    el('span', { className: 'pill critical plain' }, 'Critical path'),
    first === undefined || last === undefined ? 'none (no step ran)' : `${formatDuration(last.span.endMs - first.span.startMs)}:`,
  );
  steps.forEach((step, index) => {
    if (index > 0) line.append(el('span', { className: 'arrow' }, '→'));
    line.append(stepChip(page, step.key, true));
  });
  return line;
}

/** An edge path; summarised graphs label it with the number of step dependencies it stands for. */
export function renderEdge(edge: PlacedEdge, summarized: boolean): SVGElement {
  const attrs: Record<string, string> = {
    d: edgePath(edge.points),
    class: edge.critical ? 'edge is-critical' : 'edge',
    'marker-end': edge.critical ? 'url(#arrow-critical)' : 'url(#arrow)',
  };
  attrs[summarized ? 'data-group-edge' : 'data-edge'] = edge.name;
  const path = svgEl('path', attrs);
  const middle = edge.points[Math.floor(edge.points.length / 2)];
  if (!summarized || middle === undefined) return path;
  return svgEl(
    'g',
    {},
    path,
    svgEl('text', { x: middle.x, y: middle.y - 5, 'text-anchor': 'middle', class: 'edge-count' }, String(edge.count)),
  );
}

/** A step (or group) node: status colour, id, tool, duration and execution order. */
export function renderNode(page: TracePage, run: RunView, node: PlacedNode): SVGElement {
  const classes = ['node', `status-${node.status}`];
  if (node.critical) classes.push('is-critical');
  if (node.stepKey !== null && page.matches.has(node.stepKey)) classes.push('is-match');
  const attrs: Record<string, string> = {
    class: classes.join(' '),
    transform: `translate(${node.x - node.width / 2},${node.y - node.height / 2})`,
  };
  if (node.stepKey !== null) {
    attrs['data-span-id'] = node.stepKey;
    attrs['data-step-id'] = node.label;
  } else {
    attrs['data-group-node'] = String(node.groupIndex);
  }
  const duration = node.durationMs === null ? node.status : formatDuration(node.durationMs);
  const detail = node.kind === 'step' ? `${node.detail} · ${duration}` : `${node.detail} · ${duration}`;
  const group = svgEl(
    'g',
    attrs,
    svgEl('title', {}, `${node.label} · ${detail}`),
    svgEl('rect', { class: 'halo', x: -4, y: -4, width: node.width + 8, height: node.height + 8, rx: 12 }),
    svgEl('rect', { class: 'box', width: node.width, height: node.height, rx: 9 }),
    svgEl('circle', { class: 'dot', cx: 15, cy: 20, r: 4 }),
    svgEl('text', { class: 'label', x: 26, y: 24 }, truncate(node.label, node.badge === '' ? 20 : 17)),
    svgEl('text', { class: 'badge', x: node.width - 10, y: 23, 'text-anchor': 'end' }, node.badge),
    svgEl('text', { class: 'detail', x: 26, y: 41 }, truncate(detail, 25)),
  );
  makeKeyboardClickable(group);
  group.addEventListener('click', () => {
    if (node.stepKey !== null) {
      page.select(node.stepKey, false);
      return;
    }
    page.expandedLanes.add(`${run.key}/${node.groupIndex}`);
    refreshTimeline(page);
    page.timeline.querySelector(`[data-group-index="${node.groupIndex}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  });
  return group;
}

/**
 * Sizes every dependency graph to its card: a graph somewhat wider than the card is scaled down to
 * fit (down to 60%), a much wider one keeps its size and scrolls; the "Fit" button overrides both.
 */
export function fitGraphs(): void {
  document.querySelectorAll<SVGSVGElement>('.graph-wrap svg').forEach((svg) => {
    const wrap = svg.parentElement;
    if (wrap === null) return;
    const natural = Number(svg.getAttribute('width'));
    const manual = svg.getAttribute('data-manual');
    const available = wrap.clientWidth;
    const fits = manual === null ? natural > available && available / natural >= 0.6 : manual === 'fit';
    svg.style.width = fits ? '100%' : '';
    svg.style.height = fits ? 'auto' : '';
    const button = wrap.parentElement?.querySelector('[data-fit]');
    if (button) button.textContent = fits ? 'Actual size' : 'Fit to width';
  });
}

/** An arrowhead marker for edge ends. */
export function arrowMarker(id: string, colour: string): SVGElement {
  return svgEl(
    'marker',
    {
      id,
      viewBox: '0 0 10 10',
      refX: 9,
      refY: 5,
      markerWidth: 7,
      markerHeight: 7,
      orient: 'auto-start-reverse',
      markerUnits: 'userSpaceOnUse',
    },
    svgEl('path', { d: 'M0,0 L10,5 L0,10 z', fill: colour }),
  );
}

/** Shortens text to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
