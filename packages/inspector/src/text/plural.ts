/** `1 trace`, `2 traces`: a count with its noun in the right number (regular plurals only). */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
