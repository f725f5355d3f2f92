import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTrace, decodeOtlpJson, formatDuration, formatTraceTree, groupIntoTraces, type InspectorTrace } from '../../src/index.js';
import { describeGroupTiming, groupTiming } from '../../src/model/group-timing.js';
import { buildTraceView } from '../../src/model/trace-view.js';
import { recordIncidentRun } from '../support/incident-run.js';
import { modelSpan, spanIdOf, traceIdOf } from '../support/model-spans.js';

const ANSI_PATTERN = `${String.fromCharCode(27)}\\[[0-9;]*m`;
const ANSI = new RegExp(ANSI_PATTERN);
const ALL_ANSI = new RegExp(ANSI_PATTERN, 'g');

let incident: InspectorTrace;

beforeAll(async () => {
  const { spans } = await recordIncidentRun();
  const request = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)));
  const [trace] = groupIntoTraces(decodeOtlpJson(request).spans);
  if (trace === undefined) throw new Error('no trace');
  incident = trace;
});

/** The label column of a row: tree prefix and name, up to the first run of spaces after the name. */
function labelOf(line: string): string | undefined {
  return /^([│├└─ ]*\S.*?)(?= {2,}|$)/.exec(line)?.[1];
}

/** The line of the span whose label starts with `label` (after the tree prefix). */
function rowOf(output: string, label: string): string {
  const line = output.split('\n').find((candidate) => candidate.replace(/^[│├└─ ]*/, '').startsWith(label));
  if (line === undefined) throw new Error(`no line with ${label}:\n${output}`);
  return line;
}

describe('formatTraceTree on a real run', () => {
  it('starts with a header naming the trace, root, strategy, outcome and counts', () => {
    const [header] = formatTraceTree(incident, { width: 200 }).split('\n');
    expect(header).toBe(
      `trace ${incident.traceId}  ·  pipeline incident  ·  strategy dag  ·  outcome error  ·  12 spans  ·  1 error  ·  ${formatDuration(
        incident.spans[0]?.durationMs ?? 0,
      )}`,
    );
    const wrapped = formatTraceTree(incident, { width: 80 }).split('\n');
    expect(wrapped[0]).toBe(`trace ${incident.traceId}  ·  pipeline incident  ·  strategy dag`);
    expect(wrapped[1]).toMatch(/^outcome error {2}· {2}12 spans {2}· {2}1 error/);
  });

  it('draws the span tree: pipeline > stage > orchestrate > group > execute_tool', () => {
    const output = formatTraceTree(incident, { width: 120 });
    const lines = output.split('\n');
    const labels = lines
      .slice(lines.findIndex((line) => line.startsWith('span ')) + 1)
      .filter((line) => /^[│├└─ ]*[a-z]/.test(line) && !line.includes('✗') && !line.includes('↳'))
      .map(labelOf);
    expect(labels).toEqual([
      'pipeline incident',
      '├─ stage plan',
      '├─ stage execute',
      '│  └─ orchestrate dag',
      '│     ├─ group 0',
      '│     │  └─ execute_tool ci_lookup [primary]',
      '│     ├─ group 1',
      '│     │  ├─ execute_tool metrics_query [metrics]',
      '│     │  └─ execute_tool event_search [events]',
      '│     └─ group 2',
      '│        └─ execute_tool summarize [summary]',
      '└─ stage compose',
    ]);
  });

  it('shows group, execution order, status and duration of each step', () => {
    const output = formatTraceTree(incident, { width: 120 });
    const events = incident.spans.find((span) => span.attributes['tooltrace.step.id'] === 'events');
    expect(rowOf(output, 'execute_tool event_search [events]')).toMatch(
      new RegExp(`\\[events\\] +1 +1 error +${formatDuration(events?.durationMs ?? 0)} `),
    );
    expect(rowOf(output, 'execute_tool ci_lookup [primary]')).toMatch(/\[primary\] +0 +0 ok /);
    expect(rowOf(output, 'execute_tool summarize [summary]')).toMatch(/\[summary\] +2 {5}skipped +0ms +·$/);
  });

  it('adds a line with the error of a failed step and the reason of a skipped one', () => {
    const output = formatTraceTree(incident, { width: 120 });
    expect(output).toContain('│     │       ✗ TypeError: events backend <down> & "unreachable"\n');
    expect(output).toContain('│             ↳ skipped: dependency_failed, blocked by events\n');
    expect(output).toContain('│     │ ✗ 1 of 4 steps failed: events\n');
  });

  it("adds each group's timing under its group span: wall, busy, waits, the step that kept it open", () => {
    const output = formatTraceTree(incident, { width: 120 });
    const groups = buildTraceView(incident).runs[0]?.groups ?? [];
    const [first, second, third] = groups.map((group) => groupTiming(group));
    if (first === undefined || second === undefined || third === undefined) throw new Error('expected three groups');
    expect(output).toContain(`│     │  │ ↳ ${describeGroupTiming(first, formatDuration)}\n`);
    // Group 1 ran metrics and events: the one that ended last kept it open.
    expect(['metrics', 'events']).toContain(second.lastStep?.stepId);
    expect(output).toContain(
      `│     │  │ ✗ a step of this group failed\n│     │  │ ↳ ${describeGroupTiming(second, formatDuration)} · kept open by ${second.lastStep?.stepId}\n`,
    );
    expect(output).toContain('│        │ ↳ no step ran\n');
    expect(third.lastStep).toBeNull();
  });

  it('keeps every line within the width, and uses ANSI colours only when asked', () => {
    for (const width of [60, 80, 140]) {
      const plain = formatTraceTree(incident, { width });
      expect(plain).not.toMatch(ANSI);
      for (const line of plain.split('\n')) expect([...line].length).toBeLessThanOrEqual(width);
      const coloured = formatTraceTree(incident, { width, color: true });
      expect(coloured).toMatch(ANSI);
      expect(coloured.replace(ALL_ANSI, '')).toBe(plain);
    }
  });
});

describe('formatTraceTree timeline bars', () => {
  const traceId = traceIdOf(1);
  const trace = buildTrace(traceId, [
    modelSpan({ traceId, spanId: spanIdOf(1), name: 'top', startMs: 0, endMs: 100 }),
    modelSpan({ traceId, spanId: spanIdOf(2), parentSpanId: spanIdOf(1), name: 'second-half', startMs: 50, endMs: 100 }),
    modelSpan({ traceId, spanId: spanIdOf(3), parentSpanId: spanIdOf(1), name: 'instant', startMs: 25, endMs: 25 }),
  ]);

  it('places bars on the trace time axis, and zero-length spans as a dot', () => {
    const output = formatTraceTree(trace, { width: 60 });
    const root = rowOf(output, 'top');
    const barStart = root.indexOf('█');
    const barWidth = root.length - barStart;
    expect(root.slice(barStart)).toBe('█'.repeat(barWidth));
    const half = rowOf(output, 'second-half');
    expect(half.indexOf('█')).toBe(barStart + Math.floor(barWidth / 2));
    expect(half.endsWith('█')).toBe(true);
    expect(rowOf(output, 'instant').indexOf('·')).toBe(barStart + Math.floor(barWidth / 4));
  });

  it('still draws spans whose parents form a cycle', () => {
    const cyclic: InspectorTrace = {
      traceId,
      spans: [
        modelSpan({ traceId, spanId: spanIdOf(1), parentSpanId: spanIdOf(2), name: 'a' }),
        modelSpan({ traceId, spanId: spanIdOf(2), parentSpanId: spanIdOf(1), name: 'b' }),
      ],
    };
    const output = formatTraceTree(cyclic);
    const labels = output.split('\n').map(labelOf);
    expect(labels).toContain('a');
    expect(labels).toContain('└─ b');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [0.42, '0.42ms'],
    [12.34, '12.3ms'],
    [456.7, '457ms'],
    [1234, '1.23s'],
    [125_000, '2m05s'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
