/**
 * A maximum matching between expected items (rows) and actual items (columns) where `fits(i, j)`
 * says whether actual j satisfies expected i. Returns, per expected item, its actual index or -1.
 * Small inputs only (Kuhn's algorithm), which span trees in tests are.
 */
export function assignUnordered(rows: number, columns: number, fits: (row: number, column: number) => boolean): number[] {
  const rowOfColumn = new Array<number>(columns).fill(-1);
  const tryRow = (row: number, seen: boolean[]): boolean => {
    for (let column = 0; column < columns; column++) {
      if (seen[column] || !fits(row, column)) continue;
      seen[column] = true;
      const holder = rowOfColumn[column] ?? -1;
      if (holder === -1 || tryRow(holder, seen)) {
        rowOfColumn[column] = row;
        return true;
      }
    }
    return false;
  };
  for (let row = 0; row < rows; row++) tryRow(row, new Array<boolean>(columns).fill(false));
  const columnOfRow = new Array<number>(rows).fill(-1);
  rowOfColumn.forEach((row, column) => {
    if (row !== -1) columnOfRow[row] = column;
  });
  return columnOfRow;
}

/** Like {@link assignUnordered}, but matched actual indexes must increase with the expected index. */
export function assignOrdered(rows: number, columns: number, fits: (row: number, column: number) => boolean): number[] {
  const columnOfRow = new Array<number>(rows).fill(-1);
  let next = 0;
  for (let row = 0; row < rows; row++) {
    for (let column = next; column < columns; column++) {
      if (fits(row, column)) {
        columnOfRow[row] = column;
        next = column + 1;
        break;
      }
    }
  }
  return columnOfRow;
}
