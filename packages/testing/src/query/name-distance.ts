/**
 * Edit distance (optimal string alignment: insertions, deletions, substitutions and swaps of two
 * neighbouring characters), so that the typo `pnig` is one edit away from `ping`.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * How far a span name is from the name a selector asked for: the edit distance to the whole name
 * or to its first word, whichever is smaller (`execute_tool` vs `execute_tools ci_lookup` is 1).
 */
export function nameDistance(expected: string, spanName: string): number {
  const firstWord = spanName.split(' ')[0] ?? spanName;
  return Math.min(editDistance(expected, spanName), editDistance(expected, firstWord));
}

/** Whether a name is close enough to the expected one to be worth suggesting (about one edit in three characters). */
export function isCloseName(expected: string, distance: number): boolean {
  return distance <= Math.max(1, Math.floor(expected.length / 3));
}
