const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** C0 controls, DEL and C1 controls. */
function isControl(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

/**
 * Text from a trace made safe for a terminal: every C0/C1 control character and DEL is written
 * visibly escaped (`\x1b`, `\r`, `\x07`), so span names and attributes cannot retitle the window,
 * clear the screen or overwrite a line. Newlines are kept when `keepNewlines` (multi-line messages).
 */
export function escapeControl(text: string, keepNewlines = false): string {
  let escaped = '';
  let from = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (!isControl(code) || (keepNewlines && code === 0x0a)) continue;
    const char = text[index] as string;
    escaped += text.slice(from, index) + (NAMED[char] ?? `\\x${code.toString(16).padStart(2, '0')}`);
    from = index + 1;
  }
  return from === 0 ? text : escaped + text.slice(from);
}
