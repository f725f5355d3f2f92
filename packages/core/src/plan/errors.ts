/** One problem found in a plan, located by a path such as `steps[3].dependsOn[0]`. */
export interface PlanIssue {
  /** Path of the offending field, e.g. `steps[1].inputFrom.ciId`; `` for the plan itself. */
  path: string;
  /** Stable machine-readable code, e.g. `unknown_tool`, `cycle`, `missing_dependency`. */
  code: PlanIssueCode;
  message: string;
}

export type PlanIssueCode =
  | 'invalid_type'
  | 'invalid_value'
  | 'duplicate_id'
  | 'unknown_tool'
  | 'missing_dependency'
  | 'self_dependency'
  | 'cycle'
  | 'dependency_not_allowed'
  | 'forward_dependency'
  | 'invalid_mapping'
  | 'invalid_input'
  | 'unknown_field';

/**
 * Thrown before anything runs when a plan is malformed. `issues` lists every problem found, each
 * naming the offending field.
 *
 * @example
 * try { orchestrator.validate(plan) } catch (e) {
 *   if (e instanceof PlanValidationError) console.log(e.issues[0].path) // "steps[1].dependsOn[0]"
 * }
 */
export class PlanValidationError extends Error {
  readonly code = 'PLAN_INVALID';
  readonly issues: readonly PlanIssue[];

  constructor(issues: readonly PlanIssue[]) {
    super(formatIssues(issues));
    this.name = 'PlanValidationError';
    this.issues = issues;
  }
}

function formatIssues(issues: readonly PlanIssue[]): string {
  const lines = issues.map((issue) => `  - ${issue.path || '(plan)'}: ${issue.message} [${issue.code}]`);
  const noun = issues.length === 1 ? 'problem' : 'problems';
  return `Invalid plan (${issues.length} ${noun}); nothing was run:\n${lines.join('\n')}`;
}
