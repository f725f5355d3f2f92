/**
 * The characters of a step id, `[A-Za-z0-9_-]`, checked by code: the plan's hot checks use this
 * rather than a regular expression, which a process would compile on its first plan.
 */
export function isStepIdChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 95 || // _
    code === 45 // -
  );
}

/** Whether `text` is made of step-id characters only, and not empty (`/^[A-Za-z0-9_-]+$/`). */
export function isStepIdText(text: string): boolean {
  if (text.length === 0) return false;
  for (let position = 0; position < text.length; position++) if (!isStepIdChar(text.charCodeAt(position))) return false;
  return true;
}
