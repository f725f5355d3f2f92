/** Decides what a recorded value becomes: return the value, a replacement, or undefined to drop the key. */
export type Redactor = (key: string, value: unknown) => unknown;

/** Opt-in recording of tool inputs and outputs on step spans. */
export interface RecordIoOptions {
  /** Applied to every key at every depth. Default: {@link defaultRedactor}. */
  redact?: Redactor;
  /** Longest JSON string recorded, in UTF-16 units; longer ones are cut. Default 4096. */
  maxLength?: number;
}

const SENSITIVE_KEY = /pass(word|wd)?|secret|token|authori[sz]ation|api[-_]?key|cookie|credential|private[-_]?key/i;

/** Masks the values of keys that look sensitive (password, token, secret, authorization, api_key...). */
export const defaultRedactor: Redactor = (key, value) => (SENSITIVE_KEY.test(key) ? '[REDACTED]' : value);

const TRUNCATED = '…[truncated]';

/** JSON of `value` after redaction, cut to the size budget; never throws. */
export function serializeForSpan(value: unknown, options: RecordIoOptions): string {
  const redact = options.redact ?? defaultRedactor;
  const maxLength = options.maxLength ?? 4096;
  let json: string;
  try {
    json = JSON.stringify(value, (key, inner: unknown) => (key === '' ? inner : redact(key, inner))) ?? 'null';
  } catch (error) {
    json = JSON.stringify({ unserializable: error instanceof Error ? error.message : String(error) });
  }
  return json.length <= maxLength ? json : json.slice(0, Math.max(0, maxLength - TRUNCATED.length)) + TRUNCATED;
}
