import {
  ATTR_ATTEMPT_STATUS,
  ATTR_BLOCKED_BY,
  ATTR_EXECUTION_ORDER,
  ATTR_GROUP_INDEX,
  ATTR_OUTCOME,
  ATTR_SKIP_REASON,
  ATTR_STEP_ATTEMPTS,
  ATTR_STEP_ID,
  ATTR_STEP_STATUS,
} from '@tooltrace/core';
import { describeGroupTiming, groupTiming, keptOpenBy } from '../model/group-timing.js';
import { ATTR_EXCEPTION_STACKTRACE, EVENT_EXCEPTION } from '../model/otel-attributes.js';
import { compiledNote, firstFrameLine, stackLineText } from '../model/stack-trace.js';
import { summarizeTrace } from '../model/summarize.js';
import { buildTraceView } from '../model/trace-view.js';
import type { InspectorSpan, InspectorTrace } from '../model/types.js';
import { plural } from '../text/plural.js';
import { fit, paint, type Style } from './ansi.js';
import { formatDuration } from './format-duration.js';

/** Options of {@link formatTraceTree}. */
export interface TraceTreeOptions {
  /** Total line width in characters (default 100, at least 60). */
  width?: number;
  /** ANSI colours (default false). */
  color?: boolean;
}

const GROUP_WIDTH = 3;
const ORDER_WIDTH = 3;
const STATUS_WIDTH = 9;
const DURATION_WIDTH = 8;
/** Spaces between the columns: four single ones, and two before the bar. */
const SEPARATORS_WIDTH = 6;
const FIXED_WIDTH = GROUP_WIDTH + ORDER_WIDTH + STATUS_WIDTH + DURATION_WIDTH + SEPARATORS_WIDTH;
const MIN_LABEL_WIDTH = 16;
const MIN_BAR_WIDTH = 12;
const MIN_WIDTH = 60;

const ANSI_CODES = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

const STATUS_STYLES: Record<string, Style> = {
  ok: 'green',
  error: 'red',
  timed_out: 'magenta',
  cancelled: 'yellow',
  skipped: 'gray',
};

interface Row {
  span: InspectorSpan;
  prefix: string;
  /** The prefix of lines under this span (its detail line, its children). */
  childPrefix: string;
  hasChildren: boolean;
}

/**
 * Draws a trace as a tree with one line per span: name (and step id), group, execution order,
 * status, duration and a timeline bar; failed steps get a line with their error, skipped steps one
 * with the reason. What `tooltrace-inspector print` writes, readable in CI logs.
 *
 * @example
 * console.log(formatTraceTree(inspector.store.get(traceId)!, { color: process.stdout.isTTY }));
 */
export function formatTraceTree(trace: InspectorTrace, options: TraceTreeOptions = {}): string {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? 100));
  const color = options.color ?? false;
  const summary = summarizeTrace(trace);
  const rows = treeRows(trace);
  const available = width - FIXED_WIDTH;
  const longestLabel = rows.reduce((longest, row) => Math.max(longest, [...(row.prefix + labelOf(row.span))].length), 4);
  const labelWidth = Math.min(longestLabel, Math.max(MIN_LABEL_WIDTH, available - MIN_BAR_WIDTH));
  const barWidth = available - labelWidth;
  const scale = { startMs: summary.startMs, durationMs: summary.durationMs, width: barWidth };

  const headerParts = [
    paint(`trace ${trace.traceId}`, 'bold', color),
    fit(summary.rootName, width).trimEnd(),
    ...(summary.strategy === null ? [] : [`strategy ${summary.strategy}`]),
    ...(summary.outcome === null ? [] : [paint(`outcome ${summary.outcome}`, STATUS_STYLES[summary.outcome] ?? null, color)]),
    plural(summary.spanCount, 'span'),
    ...(summary.errorCount > 0 ? [paint(plural(summary.errorCount, 'error'), 'red', color)] : []),
    formatDuration(summary.durationMs),
  ];
  const axis = fit(
    `0${' '.repeat(Math.max(1, barWidth - 1 - formatDuration(summary.durationMs).length))}${formatDuration(summary.durationMs)}`,
    barWidth,
  );
  const lines = [
    ...wrapParts(headerParts, '  ·  ', width, (text) => text.replace(ANSI_CODES, '').length),
    paint(
      `${fit('span', labelWidth)} ${'grp'.padStart(GROUP_WIDTH)} ${'ord'.padStart(ORDER_WIDTH)} ${fit('status', STATUS_WIDTH)} ${'duration'.padStart(DURATION_WIDTH)}  ${axis}`,
      'dim',
      color,
    ),
  ];
  const groupDetails = groupTimingDetails(trace);
  for (const row of rows) {
    lines.push(formatRow(row, labelWidth, scale, color));
    const indent = `${row.childPrefix}${row.hasChildren ? '│ ' : '  '}`;
    const detail = detailOf(row.span);
    if (detail !== null) {
      lines.push(paint(fit(`${indent}${detail.text}`, width).trimEnd(), detail.style, color));
      if (detail.style !== 'gray') for (const where of whereOf(row.span)) lines.push(paint(fitEnd(indent, where, width), 'gray', color));
    }
    const groupDetail = groupDetails.get(row.span.spanId);
    if (groupDetail !== undefined) lines.push(paint(fit(`${indent}${groupDetail.text}`, width).trimEnd(), groupDetail.style, color));
  }
  return `${lines.join('\n')}\n`;
}

/** Joins parts with a separator into lines of at most `width` visible characters. */
function wrapParts(parts: string[], separator: string, width: number, visibleLength: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    if (line !== '' && visibleLength(line) + separator.length + visibleLength(part) > width) {
      lines.push(line);
      line = part;
    } else {
      line = line === '' ? part : line + separator + part;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function formatRow(row: Row, labelWidth: number, scale: { startMs: number; durationMs: number; width: number }, color: boolean): string {
  const { span } = row;
  const status = statusOf(span);
  const statusStyle = STATUS_STYLES[status] ?? null;
  const group = span.attributes[ATTR_GROUP_INDEX];
  const order = span.attributes[ATTR_EXECUTION_ORDER];
  const label = fit(row.prefix + labelOf(span), labelWidth);
  const cells = [
    paint(label.slice(0, row.prefix.length), 'gray', color) + label.slice(row.prefix.length),
    (typeof group === 'number' ? String(group) : '').padStart(GROUP_WIDTH),
    (typeof order === 'number' ? String(order) : '').padStart(ORDER_WIDTH),
    paint(fit(status, STATUS_WIDTH), statusStyle, color),
    formatDuration(span.durationMs).padStart(DURATION_WIDTH),
  ];
  const barStyle: Style = statusStyle ?? (span.status.code === 'ERROR' ? 'red' : 'cyan');
  return `${cells.join(' ')}  ${bar(span, scale, barStyle, color)}`.trimEnd();
}

/** The span's bar on the trace's time axis; a zero-length span is a `·` mark. */
function bar(span: InspectorSpan, scale: { startMs: number; durationMs: number; width: number }, style: Style, color: boolean): string {
  const total = scale.durationMs > 0 ? scale.durationMs : 1;
  const from = Math.min(scale.width - 1, Math.floor(((span.startMs - scale.startMs) / total) * scale.width));
  const to = Math.min(scale.width, Math.ceil(((span.endMs - scale.startMs) / total) * scale.width));
  const filled = span.durationMs > 0 ? '█'.repeat(Math.max(1, to - from)) : '·';
  return ' '.repeat(Math.max(0, from)) + paint(filled, style, color);
}

function labelOf(span: InspectorSpan): string {
  const stepId = span.attributes[ATTR_STEP_ID];
  if (typeof stepId !== 'string') return span.name;
  const attempts = span.attributes[ATTR_STEP_ATTEMPTS];
  const retried = typeof attempts === 'number' && attempts > 1 ? ` ×${attempts} attempts` : '';
  return `${span.name} [${stepId}]${retried}`;
}

function statusOf(span: InspectorSpan): string {
  const stepStatus = span.attributes[ATTR_STEP_STATUS] ?? span.attributes[ATTR_ATTEMPT_STATUS];
  if (typeof stepStatus === 'string') return stepStatus;
  const outcome = span.attributes[ATTR_OUTCOME];
  if (typeof outcome === 'string') return outcome;
  return span.status.code === 'ERROR' ? 'error' : span.status.code === 'OK' ? 'ok' : '';
}

function detailOf(span: InspectorSpan): { text: string; style: Style } | null {
  const stepStatus = span.attributes[ATTR_STEP_STATUS];
  if (stepStatus === 'skipped') {
    const reason = span.attributes[ATTR_SKIP_REASON];
    const blockedBy = span.attributes[ATTR_BLOCKED_BY];
    const parts = [typeof reason === 'string' ? reason : null, typeof blockedBy === 'string' ? `blocked by ${blockedBy}` : null];
    return { text: `↳ skipped: ${parts.filter((part) => part !== null).join(', ') || 'not run'}`, style: 'gray' };
  }
  if (span.status.code !== 'ERROR' && stepStatus !== 'cancelled') return null;
  const exception = span.events.find((event) => event.name === 'exception');
  const exceptionType = exception?.attributes['exception.type'];
  const exceptionMessage = exception?.attributes['exception.message'];
  const message = span.status.message ?? (typeof exceptionMessage === 'string' ? exceptionMessage : null);
  if (message === null) return null;
  const prefix = typeof exceptionType === 'string' ? `${exceptionType}: ` : '';
  return { text: `✗ ${prefix}${message.split('\n')[0] ?? ''}`, style: stepStatus === 'cancelled' ? 'yellow' : 'red' };
}

/** Each group span's timing line (`↳ 86ms wall · 156ms busy · kept open by metrics`), by span id. */
function groupTimingDetails(trace: InspectorTrace): Map<string, { text: string; style: Style }> {
  const details = new Map<string, { text: string; style: Style }>();
  for (const group of buildTraceView(trace).runs.flatMap((run) => run.groups)) {
    if (group.span === null) continue;
    const timing = groupTiming(group);
    const keptOpen = keptOpenBy(group, timing);
    const text = `↳ ${describeGroupTiming(timing, formatDuration)}${keptOpen === null ? '' : ` · kept open by ${keptOpen.stepId}`}`;
    details.set(group.span.spanId, { text, style: 'gray' });
  }
  return details;
}

/**
 * Where the span's exception was thrown: the first frame of its stack, source-mapped when a map
 * placed it (then with the compiled frame on a second line).
 */
function whereOf(span: InspectorSpan): string[] {
  const exception = span.events.find((event) => event.name === EVENT_EXCEPTION);
  const stack = exception?.attributes[ATTR_EXCEPTION_STACKTRACE];
  const lines = exception?.mappedStack ?? (typeof stack === 'string' ? stack.split('\n').map((text) => ({ text })) : []);
  const frame = firstFrameLine(lines);
  if (frame === null) return [];
  const note = compiledNote(frame);
  return [`↳ ${stackLineText(frame)}`, ...(note === null ? [] : [`  ${note}`])];
}

/** `indent` and `text` in `width` characters, cutting the text's start (a path's end is what tells). */
function fitEnd(indent: string, text: string, width: number): string {
  const room = width - [...indent].length;
  const chars = [...text];
  const kept = chars.length <= room ? text : `${chars.slice(0, 2).join('')}…${chars.slice(chars.length - Math.max(0, room - 3)).join('')}`;
  return fit(`${indent}${kept}`, width).trimEnd();
}

/**
 * Depth-first rows in trace order (children by start time), with tree-drawing prefixes. Spans
 * caught in a parent cycle (malformed input) are drawn as extra roots rather than lost.
 */
function treeRows(trace: InspectorTrace): Row[] {
  const children = new Map<string | null, InspectorSpan[]>();
  for (const span of trace.spans) {
    const siblings = children.get(span.parentSpanId);
    if (siblings) siblings.push(span);
    else children.set(span.parentSpanId, [span]);
  }
  const rows: Row[] = [];
  const visited = new Set<string>();
  const walk = (root: InspectorSpan): void => {
    const stack: Omit<Row, 'hasChildren'>[] = [{ span: root, prefix: '', childPrefix: '' }];
    while (stack.length > 0) {
      const next = stack.pop() as Omit<Row, 'hasChildren'>;
      if (visited.has(next.span.spanId)) continue;
      visited.add(next.span.spanId);
      const kids = (children.get(next.span.spanId) ?? []).filter((kid) => !visited.has(kid.spanId));
      rows.push({ ...next, hasChildren: kids.length > 0 });
      for (let index = kids.length - 1; index >= 0; index -= 1) {
        const last = index === kids.length - 1;
        stack.push({
          span: kids[index] as InspectorSpan,
          prefix: `${next.childPrefix}${last ? '└─ ' : '├─ '}`,
          childPrefix: `${next.childPrefix}${last ? '   ' : '│  '}`,
        });
      }
    }
  };
  for (const root of children.get(null) ?? []) walk(root);
  for (const span of trace.spans) if (!visited.has(span.spanId)) walk(span);
  return rows;
}
