import { escapeControl } from './escape-control.js';

/** The ANSI styles the terminal output uses. */
export type Style = 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'gray' | 'bold' | 'dim';

const CODES: Record<Style, number> = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1, dim: 2 };

/** Wraps text in an ANSI style when `enabled`. */
export function paint(text: string, style: Style | null, enabled: boolean): string {
  return enabled && style !== null && text !== '' ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text;
}

/**
 * Cuts text to `width` characters, ending with `…` when cut, and pads it to `width`. Control
 * characters are escaped first (every cell of the terminal output passes through here).
 */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = [...escapeControl(text)];
  if (chars.length > width) return `${chars.slice(0, width - 1).join('')}…`;
  return chars.join('') + ' '.repeat(width - chars.length);
}
