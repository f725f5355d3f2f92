import { describeGroupTiming, groupTiming, keptOpenBy } from '../../model/group-timing.js';
import type { GroupView, RunView, StepView } from '../../model/trace-view-types.js';
import type { TracePage } from './app-types.js';
import { card, el } from './dom.js';
import { laneProfile } from './lane-profile.js';
import { failedStepKeys, laneRows } from './lane-rows.js';
import { formatDuration, placeBar, placeLabel, timeTicks } from './time-scale.js';

/** The timeline card: a time axis, the stage lane, and one swimlane per execution group of each run. */
export function renderTimeline(page: TracePage): HTMLElement {
  const view = page.view;
  const rangeMs = Math.max(view.endMs - view.startMs, 1e-6);
  const ticks = timeTicks(rangeMs, 8);
  const legend = el(
    'div',
    { className: 'legend' },
    ...['ok', 'error', 'timed_out', 'cancelled', 'skipped'].map((status) =>
      el('span', { className: 'legend-item' }, el('span', { className: `swatch ${status}` }), status.replace('_', ' ')),
    ),
    el('span', { className: 'legend-item' }, el('span', { className: 'swatch wait' }), 'waiting for dependencies'),
    el('span', { className: 'legend-item' }, el('span', { className: 'swatch critical' }), 'critical path'),
  );
  const body = el(
    'div',
    { className: 'timeline' },
    el(
      'div',
      { className: 'tl-axis' },
      el('div', { className: 'tl-axis-label' }, 'Time since start'),
      el(
        'div',
        { className: 'tl-axis-track' },
        ...ticks.map((tick) => el('span', { className: 'tl-tick', style: { left: `${tick.percent}%` } }, tick.label)),
      ),
    ),
    el(
      'div',
      { className: 'tl-grid' },
      ...ticks.map((tick) => el('div', { className: 'tl-gridline', style: { left: `${tick.percent}%` } })),
    ),
    view.stages.length === 0 ? null : renderStageLane(page, rangeMs),
  );
  for (const run of view.runs) {
    if (view.runs.length > 1) {
      body.append(
        el(
          'div',
          { className: 'run-divider' },
          run.span?.name ?? 'steps without an orchestrate span',
          run.outcome === null ? null : el('span', { className: `pill status-${run.outcome}` }, run.outcome),
        ),
      );
    }
    for (const group of run.groups) body.append(renderGroupLane(page, run, group, rangeMs));
  }
  if (view.runs.length === 0 && view.stages.length === 0) {
    body.append(el('div', { className: 'empty' }, 'This trace has no tooltrace steps; its spans are listed below.'));
  }
  return card(
    'timeline',
    'Timeline',
    [el('span', { className: 'card-sub' }, 'one swimlane per execution group'), el('span', { className: 'spacer' }), legend],
    body,
  );
}

/**
 * The pipeline's stages, one row each, labelled beside their bar like steps (so a sub-millisecond
 * stage still shows its name).
 */
export function renderStageLane(page: TracePage, rangeMs: number): HTMLElement {
  const view = page.view;
  const rows = el('div', null);
  for (const stage of view.stages) {
    const placement = placeBar(stage.span, stage.span.startMs, view.startMs, rangeMs);
    rows.append(
      el(
        'div',
        { className: 'tl-row' },
        el('div', {
          className: `tl-bar kind-stage${stage.failed ? ' failed' : ''}`,
          attrs: { 'data-span-id': stage.span.spanId, 'data-stage': stage.name },
          style: { left: `${placement.leftPercent}%`, width: `${placement.widthPercent}%` },
          title: `stage ${stage.name} · ${formatDuration(stage.span.durationMs)}`,
          onClick: () => page.select(stage.span.spanId, false),
        }),
        el(
          'div',
          {
            className: `tl-label on-${placement.labelSide}`,
            style: initialLabelStyle(placement),
            attrs: { 'data-stage-label': stage.name },
          },
          stage.name,
          el('span', { className: 'dur' }, formatDuration(stage.span.durationMs)),
        ),
      ),
    );
  }
  const row = rows;
  const pipelineName = view.pipeline?.name ?? '';
  return el(
    'div',
    { className: 'lane' },
    el(
      'div',
      { className: 'lane-label' },
      el('div', { className: 'lane-title' }, 'Stages'),
      el('div', { className: 'lane-sub' }, pipelineName),
    ),
    el('div', { className: 'lane-track' }, row),
  );
}

/** One execution group: a row per step (in execution order), capped for very large groups. */
export function renderGroupLane(page: TracePage, run: RunView, group: GroupView, rangeMs: number): HTMLElement {
  const laneKey = `${run.key}/${group.index}`;
  const limit = page.expandedLanes.has(laneKey) ? -1 : page.shell.boot.limits.laneRows;
  const rows = laneRows(group.steps, pinnedKeys(page), limit);
  const track = el('div', { className: 'lane-track' });
  if (page.shell.boot.limits.laneRows >= 0 && group.steps.length > page.shell.boot.limits.laneRows) {
    track.append(renderLaneProfile(page, group, rangeMs));
  }
  for (const step of rows.visible) track.append(renderStepRow(page, step, rangeMs));
  if (rows.hiddenCount > 0) {
    track.append(
      el(
        'div',
        { className: 'tl-more' },
        el(
          'button',
          {
            className: 'button small',
            attrs: { 'data-show-lane': laneKey },
            onClick: () => {
              page.expandedLanes.add(laneKey);
              refreshTimeline(page);
            },
          },
          `Show ${rows.hiddenCount} more step${rows.hiddenCount === 1 ? '' : 's'}`,
        ),
      ),
    );
  }
  const timing = groupTiming(group);
  const keptOpen = keptOpenBy(group, timing);
  const mode = group.parallel === null || group.steps.length < 2 ? '' : group.parallel ? ' · parallel' : ' · sequential';
  return el(
    'div',
    { className: 'lane', attrs: { 'data-group-index': String(group.index), 'data-run': run.key } },
    el(
      'div',
      { className: 'lane-label' },
      el('div', { className: 'lane-title' }, `Group ${group.index}`),
      el('div', { className: 'lane-sub' }, `${group.steps.length} step${group.steps.length === 1 ? '' : 's'}${mode}`),
      el(
        'div',
        {
          className: 'lane-sub',
          attrs: { 'data-group-timing': '' },
          title: 'wall time (first start to last end) · busy time (step durations added) · waits after dependencies were done',
        },
        describeGroupTiming(timing, formatDuration),
      ),
      keptOpen === null
        ? null
        : el('div', { className: 'lane-sub', attrs: { 'data-kept-open': keptOpen.stepId } }, `kept open by ${keptOpen.stepId}`),
    ),
    track,
  );
}

/** A large group's concurrency profile: how many of its steps ran over time, failures in red. */
export function renderLaneProfile(page: TracePage, group: GroupView, rangeMs: number): HTMLElement {
  const buckets = laneProfile(group.steps, page.view.startMs, rangeMs, 160);
  const peak = Math.max(1, ...buckets.map((bucket) => bucket.running));
  const profile = el('div', { className: 'tl-profile', attrs: { 'data-lane-profile': String(group.index) } });
  buckets.forEach((bucket, index) => {
    if (bucket.running === 0) return;
    profile.append(
      el('div', {
        className: bucket.failed ? 'tl-profile-bar failed' : 'tl-profile-bar',
        style: {
          left: `${(index / buckets.length) * 100}%`,
          width: `${100 / buckets.length}%`,
          height: `${Math.max(2, (bucket.running / peak) * 24)}px`,
        },
        title: `${bucket.running} step${bucket.running === 1 ? '' : 's'} running`,
      }),
    );
  });
  profile.append(el('span', { className: 'tl-profile-caption' }, `steps running · peak ${peak}`));
  return profile;
}

/** A step's row: the wait segment, the bar, and a label with its execution order. */
export function renderStepRow(page: TracePage, step: StepView, rangeMs: number): HTMLElement {
  const origin = page.view.startMs;
  const placement = placeBar(step.span, step.readyMs, origin, rangeMs);
  const classes = ['tl-bar', `status-${step.status}`];
  if (page.criticalKeys.has(step.key)) classes.push('is-critical');
  if (page.matches.has(step.key)) classes.push('is-match');
  if (page.selectedSpanId === step.key) classes.push('is-selected');
  const duration = step.ran ? formatDuration(step.span.durationMs) : step.status;
  const waited = step.waitMs > 0 ? ` · waited ${formatDuration(step.waitMs)}` : '';
  return el(
    'div',
    { className: 'tl-row' },
    placement.waitWidthPercent > 0
      ? el('div', {
          className: 'tl-wait',
          attrs: { 'data-wait-for': step.stepId },
          style: { left: `${placement.waitLeftPercent}%`, width: `${placement.waitWidthPercent}%` },
          title: `waited ${formatDuration(step.waitMs)} after its dependencies finished`,
        })
      : null,
    el(
      'div',
      {
        className: classes.join(' '),
        attrs: { 'data-span-id': step.key, 'data-step-id': step.stepId, 'data-status': step.status },
        style: { left: `${placement.leftPercent}%`, width: `${placement.widthPercent}%` },
        title: `${step.stepId} (${step.tool}) · ${step.status} · ${duration}${waited}${attemptsNote(step)}`,
        onClick: () => page.select(step.key, false),
      },
      ...attemptSegments(step),
    ),
    el(
      'div',
      { className: `tl-label on-${placement.labelSide}`, style: initialLabelStyle(placement) },
      step.executionOrder === null ? null : el('span', { className: 'order' }, `#${step.executionOrder}`),
      step.stepId,
      step.attempts.length > 1
        ? el('span', { className: 'attempts', title: attemptsNote(step).slice(3) }, `×${step.attempts.length}`)
        : null,
      el('span', { className: 'dur' }, duration + waited),
    ),
  );
}

/** ` · 3 attempts (2 failed)` for a retried step, else nothing. */
function attemptsNote(step: StepView): string {
  if (step.attempts.length === 0) return '';
  const failed = step.attempts.filter((attempt) => attempt.status === 'error' || attempt.status === 'timed_out').length;
  return ` · ${step.attempts.length} attempt${step.attempts.length === 1 ? '' : 's'}${failed > 0 ? ` (${failed} failed)` : ''}`;
}

/** The tries of a retried step drawn inside its bar; the gaps between them are the backoff waits. */
function attemptSegments(step: StepView): HTMLElement[] {
  const total = step.span.durationMs;
  if (step.attempts.length === 0 || total <= 0) return [];
  return step.attempts.map((attempt) => {
    const left = Math.max(0, Math.min(100, ((attempt.span.startMs - step.span.startMs) / total) * 100));
    const width = Math.max(0, Math.min(100 - left, (attempt.span.durationMs / total) * 100));
    return el('div', {
      className: `tl-attempt status-${attempt.status}`,
      attrs: { 'data-attempt': String(attempt.number) },
      style: { left: `${left}%`, width: `${width}%` },
      title: `attempt ${attempt.number} · ${attempt.status} · ${formatDuration(attempt.span.durationMs)}${attempt.error === null ? '' : ` · ${attempt.error}`}`,
    });
  });
}

/** Rows a capped swimlane always shows: the critical path, failed steps, the selection and the first matches. */
export function pinnedKeys(page: TracePage): Set<string> {
  const pinned = new Set(page.criticalKeys);
  for (const key of failedStepKeys(page.stepByKey.values())) pinned.add(key);
  if (page.selectedSpanId !== null) pinned.add(page.selectedSpanId);
  let count = 0;
  for (const key of page.matches) {
    if (count >= 200) break;
    pinned.add(key);
    count += 1;
  }
  return pinned;
}

/** Redraws the timeline in place (after expanding a lane or pinning a hidden step). */
export function refreshTimeline(page: TracePage): void {
  const next = renderTimeline(page);
  page.timeline.replaceWith(next);
  page.timeline = next;
  layoutTimelineLabels(next);
}

/** A label's position before {@link layoutTimelineLabels} measures it: beside the bar, in percent. */
export function initialLabelStyle(placement: {
  leftPercent: number;
  widthPercent: number;
  waitLeftPercent: number;
  labelSide: 'left' | 'right';
}): Record<string, string> {
  if (placement.labelSide === 'right') return { left: `${placement.leftPercent + placement.widthPercent}%` };
  return { right: `${100 - placement.waitLeftPercent}%` };
}

/**
 * Places every bar label under `root` in pixels so that it stays inside its track: right of the
 * bar if it fits, else left of it, else truncated with an ellipsis (see `placeLabel`). Reads every
 * size first, then writes, so a long timeline is laid out once. Run after drawing and on resize.
 */
export function layoutTimelineLabels(root: ParentNode): void {
  const labels = Array.from(root.querySelectorAll<HTMLElement>('.tl-label'));
  const measured = labels.map((label) => {
    const track = label.parentElement;
    const bar = track?.querySelector<HTMLElement>(':scope > .tl-bar') ?? null;
    if (track === null || bar === null) return null;
    const wait = track.querySelector<HTMLElement>(':scope > .tl-wait');
    const barLeft = Math.min(bar.offsetLeft, wait === null ? Number.POSITIVE_INFINITY : wait.offsetLeft);
    // +1: scrollWidth rounds down a fractional text width, which would show an ellipsis.
    return placeLabel(track.clientWidth, barLeft, bar.offsetLeft + bar.offsetWidth, label.scrollWidth + 1, 6);
  });
  labels.forEach((label, index) => {
    const placed = measured[index];
    if (placed === null || placed === undefined) return;
    label.style.removeProperty('right');
    label.style.left = `${placed.leftPx}px`;
    label.style.width = `${placed.widthPx}px`;
    label.classList.remove('on-left', 'on-right', 'on-inside');
    label.classList.add(`on-${placed.side}`);
    label.classList.toggle('truncated', placed.truncated);
    label.setAttribute('data-label-side', placed.side);
  });
}
