import type { RunView } from '../../model/trace-view-types.js';
import type { TracePage } from './app-types.js';
import { card, el, makeKeyboardClickable, svgEl } from './dom.js';
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
  const width = Math.ceil(placed.width);
  const height = Math.ceil(placed.height);
  const svg = svgEl('svg', {
    viewBox: `0 0 ${width} ${height}`,
    preserveAspectRatio: 'xMidYMid meet',
    role: 'img',
    'aria-label': `dependency graph of ${run.steps.length} steps`,
    'data-graph': run.key,
    'data-natural-width': width,
    'data-natural-height': height,
  });
  svg.append(svgEl('defs', {}, arrowMarker('arrow', '#9aa4b2'), arrowMarker('arrow-critical', '#7c3aed')));
  const edges = [...placed.edges].sort((a, b) => Number(a.critical) - Number(b.critical));
  for (const edge of edges) svg.append(renderEdge(edge, model.summarized));
  for (const node of placed.nodes) svg.append(renderNode(page, run, node));
  const path = page.criticalPaths.get(run.key) ?? [];
  const wrap = el('div', { className: 'graph-wrap', attrs: { title: 'Ctrl + wheel or the buttons zoom; drag to pan' } }, svg);
  enableZoomAndPan(svg);
  const zoomButton = (label: string, action: string, title: string): HTMLElement => {
    const button = el('button', { className: 'button small', attrs: { 'data-zoom': action, title } }, label);
    button.addEventListener('click', () => {
      if (action === 'fit') showWhole(svg);
      else zoomBy(svg, action === 'in' ? 1 / 1.25 : 1.25, 0.5, 0.5);
    });
    return button;
  };
  const fit = el(
    'span',
    { className: 'zoom-buttons' },
    zoomButton('−', 'out', 'Zoom out'),
    zoomButton('+', 'in', 'Zoom in'),
    zoomButton('Fit', 'fit', 'Show the whole graph'),
  );
  const strategy = run.strategy ?? 'unknown';
  return card(
    'graph',
    'Dependency graph',
    [
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
    ],
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
    attrs['data-group'] = String(node.groupIndex);
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
    svgEl('text', { class: 'label', x: 26, y: 24 }, truncate(node.label, node.badge === '' ? 20 : Math.max(10, 21 - node.badge.length))),
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

/** The tallest a graph box grows before the whole graph is scaled down to fit it. */
const MAX_GRAPH_HEIGHT = 640;

/**
 * Sizes every dependency graph's box to its card: the full width, and the graph's height at the
 * scale that fits its width (at most {@link MAX_GRAPH_HEIGHT}). The graph is shown whole, scaled
 * down as needed but never up; zooming and panning change only what part of it the box shows.
 */
export function fitGraphs(): void {
  document.querySelectorAll<SVGSVGElement>('.graph-wrap svg').forEach((svg) => {
    const wrap = svg.parentElement;
    if (wrap === null) return;
    const naturalWidth = Number(svg.getAttribute('data-natural-width'));
    const naturalHeight = Number(svg.getAttribute('data-natural-height'));
    const scale = Math.min(1, wrap.clientWidth / Math.max(naturalWidth, 1));
    svg.style.width = '100%';
    svg.style.height = `${Math.max(120, Math.min(MAX_GRAPH_HEIGHT, Math.ceil(naturalHeight * scale)))}px`;
  });
}

function viewBoxOf(svg: SVGSVGElement): { x: number; y: number; width: number; height: number } {
  const [x = 0, y = 0, width = 1, height = 1] = (svg.getAttribute('viewBox') ?? '').split(' ').map(Number);
  return { x, y, width, height };
}

function setViewBox(svg: SVGSVGElement, box: { x: number; y: number; width: number; height: number }): void {
  svg.setAttribute('viewBox', `${box.x} ${box.y} ${box.width} ${box.height}`);
  const naturalWidth = Number(svg.getAttribute('data-natural-width'));
  svg.toggleAttribute('data-zoomed', box.width < naturalWidth - 0.5);
}

/** Shows the whole graph again. */
export function showWhole(svg: SVGSVGElement): void {
  setViewBox(svg, {
    x: 0,
    y: 0,
    width: Number(svg.getAttribute('data-natural-width')),
    height: Number(svg.getAttribute('data-natural-height')),
  });
}

/** Zooms by `factor` (< 1 zooms in) about a point given as fractions of the box; never out past the whole graph. */
export function zoomBy(svg: SVGSVGElement, factor: number, atX: number, atY: number): void {
  const box = viewBoxOf(svg);
  const naturalWidth = Number(svg.getAttribute('data-natural-width'));
  const naturalHeight = Number(svg.getAttribute('data-natural-height'));
  const next = Math.min(1, Math.max(0.05, (box.width * factor) / naturalWidth));
  if (next >= 1) {
    showWhole(svg);
    return;
  }
  const width = naturalWidth * next;
  const height = naturalHeight * next;
  setViewBox(svg, { x: box.x + (box.width - width) * atX, y: box.y + (box.height - height) * atY, width, height });
}

/** Ctrl/⌘ + wheel zooms about the pointer; dragging pans a zoomed graph (a click still selects). */
function enableZoomAndPan(svg: SVGSVGElement): void {
  svg.addEventListener(
    'wheel',
    (event) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      const rect = svg.getBoundingClientRect();
      zoomBy(svg, event.deltaY < 0 ? 1 / 1.15 : 1.15, (event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.height);
    },
    { passive: false },
  );
  let drag: { x: number; y: number; box: ReturnType<typeof viewBoxOf> } | null = null;
  svg.addEventListener('pointerdown', (event) => {
    if (!svg.hasAttribute('data-zoomed')) return;
    drag = { x: event.clientX, y: event.clientY, box: viewBoxOf(svg) };
  });
  svg.addEventListener('pointermove', (event) => {
    if (drag === null || (event.buttons & 1) === 0) return;
    const rect = svg.getBoundingClientRect();
    const perPixel = Math.max(drag.box.width / rect.width, drag.box.height / rect.height);
    setViewBox(svg, {
      ...drag.box,
      x: drag.box.x - (event.clientX - drag.x) * perPixel,
      y: drag.box.y - (event.clientY - drag.y) * perPixel,
    });
  });
  const stop = (): void => {
    drag = null;
  };
  svg.addEventListener('pointerup', stop);
  svg.addEventListener('pointerleave', stop);
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
