import { ATTR_BLOCKED_BY, ATTR_SKIP_REASON, EVENT_EXECUTION_PLAN } from '@tooltrace/core';
import { readExecutionPlan } from '../../model/execution-plan.js';
import { ATTR_EXCEPTION_MESSAGE, ATTR_EXCEPTION_STACKTRACE, ATTR_EXCEPTION_TYPE, EVENT_EXCEPTION } from '../../model/otel-attributes.js';
import { describeSpan } from '../../model/span-description.js';
import { tooltraceRole } from '../../model/span-roles.js';
import { compiledNote, type StackLine, stackLineText } from '../../model/stack-trace.js';
import type { StepView } from '../../model/trace-view-types.js';
import type { Attributes, AttributeValue, InspectorEvent, InspectorSpan } from '../../model/types.js';
import type { TracePage } from './app-types.js';
import { el, replaceChildren } from './dom.js';
import { renderGroupTiming } from './render-group-timing.js';
import { renderExecutionPlan } from './render-plan.js';
import { stepChip } from './step-chip.js';
import { formatDuration } from './time-scale.js';

/** Fills the detail panel for a span: facts, dependencies both ways, exceptions, events, attributes. */
export function renderDetails(page: TracePage, spanId: string): void {
  const span = page.spanById.get(spanId);
  const panel = page.shell.details;
  if (span === undefined) return;
  const step = page.stepByKey.get(spanId);
  const role = tooltraceRole(span);
  const close = el(
    'button',
    {
      className: 'details-close',
      attrs: { 'aria-label': 'Close details', 'data-close': '' },
      onClick: () => page.select(null, false),
    },
    '×',
  );
  // UNSET is how instrumentations report success: a span that did not fail is ok.
  const status = step?.status ?? (span.status.code === 'ERROR' ? 'error' : 'ok');
  const exceptions = span.events.filter((event) => event.name === EVENT_EXCEPTION);
  replaceChildren(
    panel,
    el(
      'div',
      { className: 'details-head' },
      el('div', { className: 'details-kind' }, role === null ? `${span.kind.toLowerCase()} span` : role),
      el('div', { className: 'details-title', attrs: { 'data-details-title': '' } }, step === undefined ? span.name : step.stepId),
      el('span', { className: `pill status-${status}` }, status.replace('_', ' ')),
      close,
    ),
    renderFacts(page, span, step),
    renderGroupTiming(page, spanId),
    step === undefined || step.attempts.length === 0 ? null : renderAttempts(page, step),
    step === undefined ? renderSpanLinks(page, span) : renderStepLinks(page, step),
    exceptions.length === 0
      ? null
      : el(
          'div',
          { className: 'section', attrs: { 'data-exceptions': '' } },
          el('h3', null, 'Exception'),
          ...exceptions.map((event) => renderException(event)),
        ),
    renderEvents(page, span),
    el(
      'div',
      { className: 'section', attrs: { 'data-attributes': '' } },
      el('h3', null, `Attributes (${Object.keys(span.attributes).length})`),
      attributeTable(page, span.attributes),
    ),
    el(
      'div',
      { className: 'section' },
      el(
        'details',
        { className: 'raw' },
        el('summary', null, `Resource (${Object.keys(span.resource).length}) · scope ${span.scope.name}`),
        attributeTable(page, span.resource),
      ),
    ),
  );
  panel.scrollTop = 0;
}

const CATEGORY_LABELS = { http: 'HTTP', db: 'Database', gen_ai: 'GenAI', other: 'What' } as const;

/** The key facts of a span, and of a step (tool, group, order, wait) when it is one. */
export function renderFacts(page: TracePage, span: InspectorSpan, step: StepView | undefined): HTMLElement {
  const rows: [string, string][] = [];
  if (step !== undefined) {
    rows.push(
      ['Tool', step.tool],
      ['Group', String(step.groupIndex)],
      ['Execution order', step.executionOrder === null ? 'never started' : `#${step.executionOrder}`],
    );
    const skipReason = span.attributes[ATTR_SKIP_REASON];
    const blockedBy = span.attributes[ATTR_BLOCKED_BY];
    if (typeof skipReason === 'string') rows.push(['Skipped because', skipReason]);
    if (typeof blockedBy === 'string') rows.push(['Blocked by', blockedBy]);
  }
  if (step === undefined) {
    const description = describeSpan(span);
    rows.push(['Kind', span.kind.toLowerCase()]);
    if (description.summary !== '') rows.push([CATEGORY_LABELS[description.category], description.summary]);
  }
  rows.push(['Start', `+${formatDuration(span.startMs - page.view.startMs)}`], ['Duration', formatDuration(span.durationMs)]);
  if (step?.ran) {
    rows.push(['Waited', step.waitMs > 0 ? `${formatDuration(step.waitMs)} after its dependencies ended` : 'no wait']);
    if (page.criticalKeys.has(step.key)) rows.push(['Critical path', 'yes']);
  }
  if (span.status.message !== undefined && span.status.message !== '') rows.push(['Status message', span.status.message]);
  rows.push(['Name', span.name], ['Span id', span.spanId]);
  const list = el('dl', { className: 'kv' });
  for (const [label, value] of rows) list.append(el('dt', null, label), el('dd', null, value));
  return el('div', { className: 'section', attrs: { 'data-facts': '' } }, el('h3', null, 'Overview'), list);
}

/** A retried step's tries: number, status, duration, the wait before it, its error; each opens its span. */
export function renderAttempts(page: TracePage, step: StepView): HTMLElement {
  const section = el('div', { className: 'section', attrs: { 'data-attempts': '' } }, el('h3', null, `Attempts (${step.attempts.length})`));
  for (const attempt of step.attempts) {
    const wait = attempt.backoffMs === null ? '' : ` · after ${formatDuration(attempt.backoffMs)} backoff`;
    section.append(
      el(
        'div',
        { className: 'attempt', attrs: { 'data-attempt': String(attempt.number) } },
        el(
          'button',
          { className: 'chip', onClick: () => page.select(attempt.span.spanId, true) },
          el('span', { className: `dot status-${attempt.status}` }),
          `#${attempt.number} ${attempt.status.replace('_', ' ')}`,
        ),
        ` ${formatDuration(attempt.span.durationMs)}${wait}`,
        attempt.error === null ? null : el('div', { className: 'exception-message' }, attempt.error),
      ),
    );
  }
  return section;
}

/** Dependencies of a step both ways, as clickable chips. */
export function renderStepLinks(page: TracePage, step: StepView): HTMLElement {
  const chips = (keys: string[], direction: string): HTMLElement =>
    keys.length === 0
      ? el('div', { className: 'none' }, 'none')
      : el('div', { className: 'links', attrs: { [`data-${direction}`]: '' } }, ...keys.map((key) => stepChip(page, key, false)));
  const missing = step.dependsOn.filter((id) => !step.dependsOnKeys.some((key) => page.stepByKey.get(key)?.stepId === id));
  return el(
    'div',
    { className: 'section' },
    el('h3', null, 'Depends on'),
    chips(step.dependsOnKeys, 'depends-on'),
    missing.length === 0 ? null : el('div', { className: 'none' }, `not in this trace: ${missing.join(', ')}`),
    el('h3', { style: { 'margin-top': '12px' } }, 'Depended on by'),
    chips(step.dependedOnByKeys, 'depended-on-by'),
  );
}

/** A non-step span's links (with their attributes), clickable when they point into this trace. */
export function renderSpanLinks(page: TracePage, span: InspectorSpan): HTMLElement | null {
  if (span.links.length === 0) return null;
  const section = el('div', { className: 'section', attrs: { 'data-links': '' } }, el('h3', null, `Links (${span.links.length})`));
  for (const link of span.links) {
    const target = page.spanById.get(link.spanId);
    section.append(
      el(
        'div',
        { className: 'event' },
        target === undefined
          ? el('div', { className: 'mono' }, `${link.traceId} / ${link.spanId}`)
          : el('button', { className: 'chip', onClick: () => page.select(target.spanId, true) }, target.name),
        Object.keys(link.attributes).length === 0 ? null : attributeTable(page, link.attributes),
      ),
    );
  }
  return section;
}

/** An `exception` event: type, message and stack trace (source-mapped when the server mapped it). */
export function renderException(event: InspectorEvent): HTMLElement {
  const text = (value: AttributeValue | undefined): string | null => (value === undefined || value === null ? null : formatValue(value));
  const stack = text(event.attributes[ATTR_EXCEPTION_STACKTRACE]);
  return el(
    'div',
    { className: 'exception' },
    el('div', { className: 'exception-type' }, text(event.attributes[ATTR_EXCEPTION_TYPE]) ?? 'Error'),
    el('div', { className: 'exception-message' }, text(event.attributes[ATTR_EXCEPTION_MESSAGE]) ?? ''),
    stack === null ? null : renderStack(stack, event.mappedStack),
  );
}

/**
 * A stack trace as recorded, or, when source maps placed some of its frames, those frames in the
 * original source with their compiled frame under each, and the stack as recorded one click away.
 */
function renderStack(stack: string, mapped: StackLine[] | undefined): HTMLElement {
  if (mapped === undefined) return el('pre', { className: 'stack' }, stack);
  return el(
    'div',
    { attrs: { 'data-mapped-stack': '' } },
    el('pre', { className: 'stack' }, ...mapped.map((line) => renderStackLine(line))),
    el(
      'details',
      { className: 'raw' },
      el('summary', null, 'Stack as recorded'),
      el('pre', { className: 'stack', attrs: { 'data-recorded-stack': '' } }, stack),
    ),
  );
}

function renderStackLine(line: StackLine): HTMLElement {
  const indent = /^\s*/.exec(line.text)?.[0] ?? '';
  const note = compiledNote(line);
  if (note === null) return el('span', { className: 'stack-line' }, line.text);
  return el(
    'span',
    { className: 'stack-line is-mapped', title: note, attrs: { 'data-mapped-frame': '' } },
    indent + stackLineText(line),
    el('span', { className: 'stack-compiled' }, `${indent}  ${note}`),
  );
}

/** The span's events with their time since the span started and their attributes. */
export function renderEvents(page: TracePage, span: InspectorSpan): HTMLElement {
  const section = el('div', { className: 'section', attrs: { 'data-events': '' } }, el('h3', null, `Events (${span.events.length})`));
  if (span.events.length === 0) section.append(el('div', { className: 'none' }, 'none'));
  for (const event of span.events) {
    section.append(
      el(
        'div',
        { className: 'event' },
        el(
          'div',
          { className: 'event-head' },
          el('span', { className: 'event-name' }, event.name),
          el('span', { className: 'event-time' }, `+${formatDuration(event.timeMs - span.startMs)}`),
        ),
        eventBody(page, span, event),
      ),
    );
  }
  return section;
}

/** What an event shows under its name: the plan for an execution-plan event, else its attributes. */
function eventBody(page: TracePage, span: InspectorSpan, event: InspectorEvent): HTMLElement | null {
  if (event.name === EVENT_EXCEPTION || Object.keys(event.attributes).length === 0) return null;
  const plan = event.name === EVENT_EXECUTION_PLAN ? readExecutionPlan(event) : null;
  if (plan === null) return attributeTable(page, event.attributes);
  const run = page.view.runs.find((each) => each.key === span.spanId);
  const stepKeys = new Map((run?.steps ?? []).map((step) => [step.stepId, step.key]));
  return el(
    'div',
    null,
    renderExecutionPlan(page, plan, stepKeys),
    el('details', { className: 'raw' }, el('summary', null, 'Event attributes'), attributeTable(page, event.attributes)),
  );
}

/** A key/value table; rows matching the current search are highlighted. */
export function attributeTable(page: TracePage, attributes: Attributes): HTMLElement {
  const keys = Object.keys(attributes).sort();
  if (keys.length === 0) return el('div', { className: 'none' }, 'none');
  const table = el('table', { className: 'attrs' });
  for (const key of keys) {
    const value = attributes[key];
    const match = page.query !== null && page.query.attribute === key;
    table.append(
      el(
        'tr',
        { className: match ? 'is-match' : '', attrs: { 'data-attr': key } },
        el('td', { className: 'key' }, ...keyWithBreaks(key)),
        el('td', { className: 'value' }, value === undefined ? '' : renderValue(value)),
      ),
    );
  }
  return table;
}

/** An attribute value as text: strings as they are, everything else as JSON. */
export function formatValue(value: AttributeValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** An attribute key as text with soft line breaks (`<wbr>` elements, never markup) after each dot. */
export function keyWithBreaks(key: string): Node[] {
  const nodes: Node[] = [];
  splitAfterDots(key).forEach((part, index) => {
    if (index > 0) nodes.push(document.createElement('wbr'));
    nodes.push(document.createTextNode(part));
  });
  return nodes;
}

/** `a.b.c` → `['a.', 'b.', 'c']`: where a key may wrap. */
export function splitAfterDots(key: string): string[] {
  return key.split(/(?<=\.)/).filter((part) => part !== '');
}

/** The pretty-printed form of a string that holds a JSON object or array, else null. */
export function prettyJson(text: string): string | null {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return null;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return typeof parsed === 'object' && parsed !== null ? JSON.stringify(parsed, null, 2) : null;
  } catch {
    return null;
  }
}

/** An attribute value: JSON in a string becomes a collapsible pretty-printed block, the rest text. */
export function renderValue(value: AttributeValue): Node | string {
  const text = formatValue(value);
  const pretty = typeof value === 'string' ? prettyJson(value) : null;
  if (pretty === null) return text;
  return el(
    'details',
    { className: 'json', attrs: { 'data-json': '' } },
    el('summary', null, el('span', { className: 'json-preview' }, text)),
    el('pre', { className: 'json-body' }, pretty),
  );
}
