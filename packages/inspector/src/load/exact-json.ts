/** Integer literals this long or longer may be beyond 2^53; shorter ones never are. */
const MIN_UNSAFE_DIGITS = 16;

/**
 * `JSON.parse` that keeps integers beyond ±2^53 exact: such a number literal (a Jaeger `int64` tag,
 * an OTLP `intValue` written as a number) is read as its decimal string instead of a rounded
 * double. The decoders read 64-bit integers and times given as strings anyway; strings, and
 * numbers with a fraction or an exponent, are left alone.
 */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(new RegExp(`\\d{${MIN_UNSAFE_DIGITS}}`).test(text) ? quoteUnsafeIntegers(text) : text);
}

/** The text with every integer literal beyond ±2^53 (outside strings) put in quotes. */
export function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let from = 0;
  let index = 0;
  while (index < text.length) {
    const char = text.charCodeAt(index);
    if (char === 0x22) {
      index = endOfString(text, index);
      continue;
    }
    const isMinus = char === 0x2d;
    if (!isMinus && !isDigit(char)) {
      index++;
      continue;
    }
    let end = index + (isMinus ? 1 : 0);
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    const next = text.charCodeAt(end);
    const integer = next !== 0x2e && next !== 0x65 && next !== 0x45;
    const digits = end - index - (isMinus ? 1 : 0);
    if (integer && digits >= MIN_UNSAFE_DIGITS && !Number.isSafeInteger(Number(text.slice(index, end)))) {
      out += `${text.slice(from, index)}"${text.slice(index, end)}"`;
      from = end;
    }
    index = end;
    while (index < text.length && (isDigit(text.charCodeAt(index)) || '.eE+-'.includes(text[index] as string))) index++;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Index just past the string literal that starts at `start` (a `"`). */
function endOfString(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const char = text.charCodeAt(index);
    if (char === 0x5c) index += 2;
    else if (char === 0x22) return index + 1;
    else index++;
  }
  return index;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
