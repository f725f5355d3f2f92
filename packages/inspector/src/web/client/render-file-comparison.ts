import { readTraceFile, type TraceFile } from '../../load/read-trace-file.js';
import { compareRuns } from '../../model/compare-runs.js';
import { summarizeTrace } from '../../model/summarize.js';
import type { InspectorTrace } from '../../model/types.js';
import { plural } from '../../text/plural.js';
import { card, el, replaceChildren } from './dom.js';
import { renderComparison } from './render-comparison.js';
import { formatDuration } from './time-scale.js';

/** Which run a picked file holds: the earlier one (then) or the later one (now). */
type Side = 'before' | 'after';

/** One side's file: being read, refused (with why), or read, with the trace picked from it. */
type Picked =
  | { state: 'empty' }
  | { state: 'reading'; name: string }
  | { state: 'failed'; message: string }
  | { state: 'read'; file: TraceFile; trace: InspectorTrace | null };

const LABELS: Record<Side, string> = { before: 'Then (the earlier run)', after: 'Now (the later run)' };

/**
 * The comparison of two trace files picked in the browser (`/compare`, static `#/compare`): each file
 * is read here with the decoders the CLI uses (OTLP/JSON as `export` writes it, JSONL, Jaeger JSON),
 * never sent anywhere, and the two runs are shown with the comparison of two stored traces
 * (`compareRuns`, `renderComparison`). A file with several traces asks which one to compare.
 */
export function renderFileComparison(): HTMLElement {
  const picked: Record<Side, Picked> = { before: { state: 'empty' }, after: { state: 'empty' } };
  const status: Record<Side, HTMLElement> = {
    before: el('div', { className: 'file-status', attrs: { 'data-file-status': 'before' } }),
    after: el('div', { className: 'file-status', attrs: { 'data-file-status': 'after' } }),
  };
  const result = el('div', { attrs: { 'data-file-comparison': '' } });
  const update = (): void => {
    for (const side of ['before', 'after'] as const) {
      const choose = (trace: InspectorTrace | null): void => {
        const current = picked[side];
        if (current.state !== 'read') return;
        picked[side] = { ...current, trace };
        update();
      };
      replaceChildren(status[side], renderStatus(side, picked[side], choose));
    }
    const before = picked.before.state === 'read' ? picked.before : null;
    const after = picked.after.state === 'read' ? picked.after : null;
    if (before?.trace == null || after?.trace == null) {
      replaceChildren(result);
      return;
    }
    const files = { before: before.file.name, after: after.file.name };
    replaceChildren(result, renderComparison(compareRuns(before.trace, after.trace), { files }));
  };
  const picker = (side: Side): HTMLElement => {
    const input = el('input', {
      attrs: { type: 'file', accept: '.json,.jsonl,.ndjson,application/json', 'data-compare-file': side, 'aria-label': LABELS[side] },
    });
    let reads = 0;
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      const read = ++reads;
      if (file === undefined) {
        picked[side] = { state: 'empty' };
        update();
        return;
      }
      picked[side] = { state: 'reading', name: file.name };
      update();
      void readPicked(file).then((next) => {
        // A file picked while this one was read wins.
        if (read !== reads) return;
        picked[side] = next;
        update();
      });
    });
    return el('div', { className: 'file-pick' }, el('div', { className: 'fact-label' }, LABELS[side]), input, status[side]);
  };
  update();
  return el(
    'div',
    null,
    card(
      'compare-files',
      'Compare two trace files',
      [el('span', { className: 'card-sub', attrs: { 'data-local-only': '' } }, 'Files are read in this browser and never uploaded.')],
      el(
        'div',
        { className: 'card-body' },
        el(
          'p',
          { className: 'file-hint' },
          'Pick two runs of a plan: OTLP/JSON (what ',
          el('code', null, 'tooltrace-inspector export'),
          ' writes, or an OTLP exporter’s JSON), JSONL of it (the Collector’s file exporter), or Jaeger JSON. Steps are matched by id, as ',
          el('code', null, 'tooltrace-inspector diff'),
          ' does.',
        ),
        el('div', { className: 'file-picks' }, picker('before'), picker('after')),
      ),
    ),
    result,
  );
}

async function readPicked(file: File): Promise<Picked> {
  try {
    const traceFile = readTraceFile(file.name, new Uint8Array(await file.arrayBuffer()));
    return { state: 'read', file: traceFile, trace: traceFile.traces.length === 1 ? (traceFile.traces[0] ?? null) : null };
  } catch (error) {
    return { state: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

function renderStatus(side: Side, picked: Picked, choose: (trace: InspectorTrace | null) => void): HTMLElement | string | null {
  switch (picked.state) {
    case 'empty':
      return null;
    case 'reading':
      return `Reading ${picked.name}…`;
    case 'failed':
      return el('div', { className: 'file-error', attrs: { 'data-file-error': side } }, picked.message);
    case 'read':
      return renderRead(side, picked, choose);
  }
}

/** A read file: its run, or (several traces) a choice of run; and how many spans were left out. */
function renderRead(side: Side, picked: Extract<Picked, { state: 'read' }>, choose: (trace: InspectorTrace | null) => void): HTMLElement {
  const { file } = picked;
  const skipped =
    file.rejected.length === 0
      ? null
      : el(
          'div',
          { className: 'file-warning' },
          `${plural(file.rejected.length, 'invalid span')} left out (first: ${file.rejected[0]?.reason})`,
        );
  if (file.traces.length === 1) {
    return el('div', { attrs: { 'data-file-read': side } }, describeTrace(file.traces[0] as InspectorTrace), skipped);
  }
  const choice = el(
    'select',
    { attrs: { 'data-trace-choice': side, 'aria-label': `Trace of ${file.name} to compare` } },
    el('option', { attrs: { value: '' } }, 'Choose a trace…'),
  );
  for (const trace of file.traces) choice.append(el('option', { attrs: { value: trace.traceId } }, describeTrace(trace)));
  choice.value = picked.trace?.traceId ?? '';
  choice.addEventListener('change', () => choose(file.traces.find((trace) => trace.traceId === choice.value) ?? null));
  return el(
    'div',
    { attrs: { 'data-file-read': side } },
    el(
      'div',
      { className: picked.trace === null ? 'file-warning' : '', attrs: { 'data-file-several': String(file.traces.length) } },
      `${file.name} holds ${file.traces.length} traces: choose the run to compare.`,
    ),
    choice,
    skipped,
  );
}

/** A trace as the picker names it: root span, start time, duration, span count, short id. */
function describeTrace(trace: InspectorTrace): string {
  const summary = summarizeTrace(trace);
  return `${summary.rootName} · ${new Date(summary.startMs).toLocaleString()} · ${formatDuration(summary.durationMs)} · ${plural(
    summary.spanCount,
    'span',
  )} · ${trace.traceId.slice(0, 8)}…`;
}
