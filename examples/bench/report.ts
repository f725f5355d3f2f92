import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

/** One figure of the issue's table: lower is better for every one of them. */
export interface Figure {
  key: string;
  label: string;
  /** Null when the figure could not be measured in this run (printed, never written to results.json). */
  value: number | null;
  /** How the value is printed, e.g. `1.006` or `3.2 µs`. */
  shown: string;
  goal: string;
  met: boolean | null;
  /** Context printed next to the value (the parts it was derived from). */
  detail?: string;
}

/** What `pnpm bench --json` writes and later runs compare against. */
export interface Results {
  date: string;
  node: string;
  cpus: number;
  loadAverage: number[];
  figures: Record<string, number>;
  details: Record<string, unknown>;
}

/** A run more than this much worse than the last committed one is flagged. */
const REGRESSION = 1.2;

export function readResults(path: string): Results | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Results;
  } catch {
    return null;
  }
}

export function writeResults(path: string, figures: readonly Figure[], details: Record<string, unknown>): void {
  const results: Results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
    figures: Object.fromEntries(
      figures.flatMap((figure) => (figure.value === null ? [] : [[figure.key, Number(figure.value.toPrecision(4))]])),
    ),
    details,
  };
  const rounded = JSON.stringify(results, (_key, value) => (typeof value === 'number' ? Number(value.toPrecision(4)) : value), 2);
  // Arrays of numbers on one line, as the repo's formatter writes them.
  const text = rounded.replace(/\[\s+([-\d.e,\s]*?)\s+\]/g, (_match, items: string) => `[${items.split(/,\s+/).join(', ')}]`);
  writeFileSync(path, `${text}\n`);
}

/** The issue's table with this run's figures, each goal, and a regression flag against `previous`. */
export function printTable(figures: readonly Figure[], previous: Results | null): boolean {
  const rows = figures.map((figure) => {
    const last = previous?.figures[figure.key];
    const value = figure.value;
    const regressed = value !== null && last !== undefined && last > 0 && value > last * REGRESSION;
    const change =
      value === null ? 'not measured' : last === undefined ? 'new' : `${last > 0 ? `${((value / last - 1) * 100).toFixed(0)} %` : 'n/a'}`;
    return {
      cells: [
        figure.label,
        figure.shown,
        figure.goal,
        figure.met === null ? 'n/a' : figure.met ? 'met' : 'NOT met',
        regressed ? `REGRESSION ${change}` : change,
      ],
      regressed,
      detail: figure.detail,
    };
  });
  const header = ['figure', 'now', 'goal', 'met?', previous ? `vs ${previous.date.slice(0, 16)}` : 'vs last --json'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row.cells[column] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  console.log(`\n${line(header)}`);
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row.cells));
  console.log('');
  for (const [index, row] of rows.entries()) if (row.detail) console.log(`  ${figures[index]?.label}: ${row.detail}`);
  const regressions = rows.filter((row) => row.regressed).length;
  console.log(
    regressions > 0
      ? `\n${regressions} figure(s) more than ${((REGRESSION - 1) * 100).toFixed(0)} % worse than the last committed --json run`
      : `\nno figure more than ${((REGRESSION - 1) * 100).toFixed(0)} % worse than the last committed --json run`,
  );
  return regressions === 0;
}
