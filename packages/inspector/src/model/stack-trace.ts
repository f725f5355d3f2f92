// Reading V8 stack traces (`exception.stacktrace`) and writing their source-mapped frames: pure, so
// the server, the web page and the terminal show a mapped frame in the same words.

/** A position in a file: 1-based line and column, as stack traces and editors count. */
export interface SourcePosition {
  /** A path, or a URL when the stack or the source map names one (`file:///…`, `webpack://…`). */
  file: string;
  line: number;
  column: number;
}

/** One frame of a V8 stack trace: `at fn (/app/dist/x.js:12:34)` or `at /app/dist/x.js:12:34`. */
export interface StackFrame {
  /** What stands before the location (`greet`, `async Object.run`, `new Client`); null when nothing does. */
  functionName: string | null;
  /** Where the frame points, as the stack names it. */
  position: SourcePosition;
}

/** A line of a stack trace, with where a source map places it when one did. */
export interface StackLine {
  /** The line exactly as the stack trace has it. */
  text: string;
  /** The frame's position in the original source (and its original function name), when mapped. */
  original?: StackFrame;
  /** The frame as compiled (what `text` names), when mapped. */
  compiled?: StackFrame;
}

// `at [async |new ]name (location:line:column)` or `at location:line:column`; the location may hold
// colons (URLs, Windows drives) and parentheses are only the frame's own.
const FRAME_WITH_NAME = /^\s*at (.+?) \((.+):(\d+):(\d+)\)$/;
const FRAME_WITHOUT_NAME = /^\s*at (?!.* \()(.+):(\d+):(\d+)$/;

/** The frame a stack-trace line names, or null for lines that are not frames with a position. */
export function parseStackFrame(line: string): StackFrame | null {
  const trimmed = line.trimEnd();
  const named = FRAME_WITH_NAME.exec(trimmed);
  if (named !== null) {
    const [, functionName = '', file = '', lineText = '', columnText = ''] = named;
    return { functionName, position: { file, line: Number(lineText), column: Number(columnText) } };
  }
  const bare = FRAME_WITHOUT_NAME.exec(trimmed);
  if (bare === null) return null;
  const [, file = '', lineText = '', columnText = ''] = bare;
  return { functionName: null, position: { file, line: Number(lineText), column: Number(columnText) } };
}

/** `file:line:column`. */
export function formatPosition(position: SourcePosition): string {
  return `${position.file}:${position.line}:${position.column}`;
}

/** A frame as V8 writes it, without indentation: `at fn (file:line:column)` or `at file:line:column`. */
export function formatStackFrame(frame: StackFrame): string {
  const where = formatPosition(frame.position);
  return frame.functionName === null ? `at ${where}` : `at ${frame.functionName} (${where})`;
}

/**
 * How a stack line reads in every view: the original frame when a source map placed it, else the
 * line as recorded (trimmed). The compiled frame is {@link compiledNote}.
 */
export function stackLineText(line: StackLine): string {
  return line.original === undefined ? line.text.trim() : formatStackFrame(line.original);
}

/** `compiled: dist/x.js:12:34` for a mapped line, null for one shown as recorded. */
export function compiledNote(line: StackLine): string | null {
  return line.compiled === undefined ? null : `compiled: ${formatPosition(line.compiled.position)}`;
}

/** The first line of a stack that is a frame (where the error was thrown), or null. */
export function firstFrameLine(lines: readonly StackLine[]): StackLine | null {
  return lines.find((line) => line.original !== undefined || parseStackFrame(line.text) !== null) ?? null;
}
