import { describePlanDifferences, type RunComparison, type StepRun, signedDuration, stepChange } from '../model/compare-runs.js';
import { paint, type Style } from './ansi.js';
import { escapeControl } from './escape-control.js';
import { formatDuration } from './format-duration.js';

const STATUS_STYLES: Record<string, Style> = { ok: 'green', error: 'red', timed_out: 'magenta', cancelled: 'yellow', skipped: 'gray' };

function cell(run: StepRun | null): string {
  if (run === null) return '–';
  return run.durationMs === null ? run.status : `${run.status} ${formatDuration(run.durationMs)}`;
}

function signed(ms: number): string {
  return signedDuration(ms, formatDuration);
}

/**
 * Two runs side by side, as `tooltrace-inspector diff` prints them: the runs, what differs between
 * their plans, a row per step (status and duration then → now, the change), each critical path, and
 * what got slower.
 */
export function formatComparison(comparison: RunComparison, options: { color?: boolean } = {}): string {
  const color = options.color ?? false;
  const { before, after } = comparison;
  const idWidth = Math.max(4, ...comparison.steps.map((step) => escapeControl(step.stepId).length));
  const thenWidth = Math.max(4, ...comparison.steps.map((step) => cell(step.before).length));
  const nowWidth = Math.max(3, ...comparison.steps.map((step) => cell(step.after).length));
  const lines = [
    `then ${before.traceId}  ${escapeControl(before.rootName)}  ${formatDuration(before.durationMs)}`,
    `now  ${after.traceId}  ${escapeControl(after.rootName)}  ${formatDuration(after.durationMs)}  (${signed(after.durationMs - before.durationMs)})`,
    ...describePlanDifferences(comparison.plan).map((line) => paint(escapeControl(line), 'yellow', color)),
    '',
    paint(`${'step'.padEnd(idWidth)}  ${'then'.padEnd(thenWidth)}  ${'now'.padEnd(nowWidth)}  change`, 'dim', color),
  ];
  for (const step of comparison.steps) {
    const now = cell(step.after).padEnd(nowWidth);
    const change = stepChange(step, formatDuration, '');
    const style = STATUS_STYLES[step.after?.status ?? ''] ?? null;
    lines.push(
      `${escapeControl(step.stepId).padEnd(idWidth)}  ${cell(step.before).padEnd(thenWidth)}  ${paint(now, style, color)}  ${
        step.deltaMs !== null && step.deltaMs > 0 ? paint(change, 'red', color) : change
      }`.trimEnd(),
    );
  }
  lines.push(
    '',
    `critical path then: ${comparison.before.criticalPath.map((id) => escapeControl(id)).join(' → ') || 'none'}`,
    `critical path now:  ${comparison.after.criticalPath.map((id) => escapeControl(id)).join(' → ') || 'none'}`,
    comparison.slower.length === 0
      ? 'slower: none'
      : `slower: ${comparison.slower
          .slice(0, 5)
          .map((step) => `${escapeControl(step.stepId)} ${signed(step.deltaMs ?? 0)}`)
          .join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}
