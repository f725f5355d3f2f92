import { toError } from '../tools/to-error.js';

/** Decides what a recorded value becomes: return the value, a replacement, or undefined to drop the key. */
export type Redactor = (key: string, value: unknown) => unknown;

/** Opt-in recording of tool inputs and outputs on step spans. */
export interface RecordIoOptions {
  /** Applied to every key at every depth. Default: {@link defaultRedactor}. */
  redact?: Redactor;
  /** Longest JSON string recorded, in UTF-16 units (at least 20); longer ones are cut. Default 4096. */
  maxLength?: number;
}

// Whole words of a key (snake_case, kebab-case, camelCase or dotted): `password`, `authToken`,
// `x-api-key`, `client_secret` match; `passenger`, `compass`, `max_tokens`, `tokenizer` do not.
const SENSITIVE_WORDS =
  /(^|[^a-z])(pass(word|wd|phrase)?|secret|token|authori[sz]ation|auth|api[-_]?key|apikey|cookie|set[-_]?cookie|credentials?|private[-_]?key|session[-_]?id)($|[^a-z])/;
const splitCamel = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** Masks the values of keys that look sensitive (password, token, secret, authorization, api_key...). */
export const defaultRedactor: Redactor = (key, value) => (SENSITIVE_WORDS.test(splitCamel(key)) ? '[REDACTED]' : value);

const TRUNCATED = '…[truncated]';
/** The smallest useful budget: the truncation marker and a few characters. */
const MIN_LENGTH = TRUNCATED.length + 8;

/** JSON of `value` after redaction, cut to the size budget; never throws. */
export function serializeForSpan(value: unknown, options: RecordIoOptions): string {
  const redact = options.redact ?? defaultRedactor;
  const maxLength = Math.max(MIN_LENGTH, Math.floor(options.maxLength ?? 4096));
  let json: string;
  try {
    json = JSON.stringify(value, (key, inner: unknown) => (key === '' ? inner : redact(key, inner))) ?? 'null';
  } catch (error) {
    json = JSON.stringify({ unserializable: toError(error).message });
  }
  if (json.length <= maxLength) return json;
  let cut = maxLength - TRUNCATED.length;
  // Never split a surrogate pair.
  const last = json.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return json.slice(0, cut) + TRUNCATED;
}
