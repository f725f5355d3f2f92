import type { z } from 'zod';
import type { AnyTool } from '../tools/define-tool.js';
import { type ObjectSchemaShape, objectSchemaShape, parseOptionsFor } from '../tools/zod-shape.js';
import { didYouMean } from './did-you-mean.js';
import { type PlanIssue, PlanValidationError } from './errors.js';
import { findCycle, levelsOrCycle } from './graph.js';
import { type InputPath, parseInputPath } from './input-path.js';
import { dependentRows, groupRows, type PlanLayout, rowList, rowLists } from './layout.js';
import { ListedSteps } from './listed-steps.js';
import { type RetryPolicyInput, resolveRetryPolicy } from './retry-policy.js';
import { type FailurePolicy, PlanSchema, PlanStepSchema, type Strategy } from './schema.js';
import { StepIdIndex } from './step-id-index.js';
import type { InputMapping, ValidatedPlan, ValidatedStep } from './types.js';
import { hasReservedKey, type KeptPlan, type ParsedStep, parseWellFormedPlan, type StepKeeper } from './well-formed.js';

/** Tools by name, for the checks that need them (unknown tool, input shape). */
export type ToolRegistry = ReadonlyMap<string, AnyTool>;

const MAX_CYCLE_NAMES = 40;
const NO_FIELDS: readonly string[] = Object.freeze([]);

/**
 * Validates a plan and resolves its defaults. Throws {@link PlanValidationError} listing every
 * problem, each with the path of the offending field. Pass the tools to also check tool names,
 * `inputFrom` targets and the static part of each step's input.
 */
export function validatePlan(plan: unknown, tools?: ToolRegistry): ValidatedPlan {
  const { strategy, failurePolicy, maxConcurrency, retry, steps, layout, mappings } = checkPlan(plan, tools, keepParsedStep);
  const validated: ValidatedStep[] = new Array(steps.length);
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index] as ParsedStep;
    validated[index] = {
      id: step.id,
      tool: step.tool,
      index,
      input: step.input ?? {},
      dependsOn: step.dependsOn ?? [],
      dependencyIndexes: rowList(layout.dependencies, index),
      inputFrom: mappings[index] ?? NO_MAPPINGS,
      inputFromSource: step.inputFrom ?? null,
      timeoutMs: step.timeoutMs ?? null,
      deadlineMs: step.deadlineMs ?? null,
      retry: resolveRetryPolicy(retry, step.retry),
      groupIndex: layout.groupIndexes[index] ?? 0,
    };
  }
  return {
    strategy,
    failurePolicy,
    maxConcurrency,
    steps: validated,
    groups: rowLists(groupRows(layout)),
    dependents: rowLists(dependentRows(layout.dependencies)),
  };
}

const keepParsedStep: StepKeeper<ParsedStep> = (step) => step;

/** A valid plan as the checks leave it: what was kept of its steps, their ids and dependsOn, its layout and mappings. */
export interface CheckedPlan<Kept> {
  strategy: Strategy;
  failurePolicy: FailurePolicy;
  maxConcurrency: number | null;
  /** The plan's default retry policy, as written. */
  retry: RetryPolicyInput | undefined;
  steps: readonly Kept[];
  /** Each step's id and dependsOn, as listed. */
  listed: ListedSteps;
  layout: PlanLayout;
  /** Each step's mappings; a step without is missing (most plans have none: no list at all). */
  mappings: readonly (InputMapping[] | undefined)[];
}

/**
 * Every check of {@link validatePlan}; each step is what `keep` makes of it once its own checks
 * (mappings, tool input) have run, so that `explain` keeps only what it returns. Throws
 * {@link PlanValidationError} as validatePlan does.
 */
export function checkPlan<Kept>(plan: unknown, tools: ToolRegistry | undefined, keep: StepKeeper<Kept>): CheckedPlan<Kept> {
  let findings = new StepFindings(0);
  const checkAndKeep: StepKeeper<Kept> = (step, index, retry, stepCount) => {
    // A pass starts afresh: the well-formed pass may have checked some steps before it gave up.
    if (index === 0) findings = new StepFindings(stepCount);
    findings.check(step, index, tools);
    return keep(step, index, retry, stepCount);
  };
  // A certainly valid plan skips the generic parse; any other is parsed, and reported, by the schema.
  let parsed = parseWellFormedPlan(plan, checkAndKeep);
  let reserved = NO_ISSUES;
  if (!parsed) ({ parsed, reserved } = parseBySchema(plan, tools, checkAndKeep));
  const { listed } = findings;
  const strategy = resolveStrategy(parsed.strategy, listed);
  const { issues, dependencies, levels } = checkAcrossSteps(strategy, findings);
  if (reserved.length > 0 || issues.length > 0) throw new PlanValidationError([...reserved, ...issues]);
  return {
    strategy,
    failurePolicy: parsed.failurePolicy ?? 'fail-fast',
    maxConcurrency: parsed.maxConcurrency ?? null,
    retry: parsed.retry,
    steps: parsed.steps,
    listed,
    layout: { dependencies, ...assignGroups(strategy, levels, listed.ids.length) },
    mappings: findings.mappings,
  };
}

const NO_ISSUES: readonly PlanIssue[] = Object.freeze([]);

/**
 * A plan that is not certainly well-formed, parsed by the schema (which throws, listing every
 * problem, when it fails), and its reserved-field issues. Apart from checkPlan: a valid plan never comes here.
 */
function parseBySchema<Kept>(
  plan: unknown,
  tools: ToolRegistry | undefined,
  checkAndKeep: StepKeeper<Kept>,
): { parsed: KeptPlan<Kept>; reserved: readonly PlanIssue[] } {
  // A well-formed plan has no "__proto__" key in any input or inputFrom (the fast pass leaves those
  // to this path): only a plan the schema parses is searched for them, in a second pass over its steps.
  const reserved = reservedFieldIssues(plan);
  const result = PlanSchema.safeParse(plan);
  if (!result.success) throw new PlanValidationError([...reserved, ...allSchemaIssues(plan, result.error.issues, tools)]);
  const { steps, ...settings } = result.data;
  return { parsed: { ...settings, steps: steps.map((step, index) => checkAndKeep(step, index, settings.retry, steps.length)) }, reserved };
}

function resolveStrategy(strategy: Strategy | undefined, listed: ListedSteps): Strategy {
  if (strategy) return strategy;
  return listed.dependencyCount > 0 ? 'dag' : 'parallel';
}

/** What the checks of single steps find: the steps listed, each one's mappings, and their issues, one list per kind. */
class StepFindings {
  readonly listed: ListedSteps;
  mappings: (InputMapping[] | undefined)[] = NO_STEP_MAPPINGS;
  readonly mappingIssues: PlanIssue[] = [];
  readonly toolIssues: PlanIssue[] = [];

  constructor(stepCount: number) {
    this.listed = new ListedSteps(stepCount);
  }

  /** The checks that need only the step itself: its mappings, its tool and static input. */
  check(step: ParsedStep, index: number, tools: ToolRegistry | undefined): void {
    this.listed.add(step, index);
    const mappings = checkInputFrom(step, index, this.mappingIssues);
    if (mappings !== NO_MAPPINGS) {
      if (this.mappings === NO_STEP_MAPPINGS) this.mappings = new Array(this.listed.ids.length);
      this.mappings[index] = mappings;
    }
    if (tools) checkTool(step, index, tools, this.toolIssues);
  }
}

/** Every problem of a well-formed list of steps: ids, dependencies, mappings, tools, cycles. */
function checkSteps(steps: readonly ParsedStep[], strategy: Strategy | undefined, tools: ToolRegistry | undefined): PlanIssue[] {
  const findings = new StepFindings(steps.length);
  for (let index = 0; index < steps.length; index++) findings.check(steps[index] as ParsedStep, index, tools);
  return checkAcrossSteps(resolveStrategy(strategy, findings.listed), findings).issues;
}

/**
 * The checks across steps (ids, dependencies, cycles), and every issue in order: ids,
 * dependencies, then the single-step `findings` (mappings, tools), then the cycle.
 */
function checkAcrossSteps(strategy: Strategy, findings: StepFindings) {
  const { listed } = findings;
  const { ids } = listed;
  const issues: PlanIssue[] = [];
  const indexById = indexSteps(ids, issues);
  // Room for every listed dependency; each step's valid ones fill its row.
  const dependencies = { offsets: new Int32Array(ids.length + 1), targets: new Int32Array(listed.dependencyCount) };
  for (let index = 0; index < ids.length; index++) {
    const start = dependencies.offsets[index] as number;
    dependencies.offsets[index + 1] = checkDependencies(listed, index, strategy, indexById, dependencies.targets, start, issues);
  }
  // One by one: push(...more) would overflow the stack on a huge list.
  for (const issue of findings.mappingIssues) issues.push(issue);
  for (const issue of findings.toolIssues) issues.push(issue);
  // Levels only group a dag; the other strategies need the cycle check alone.
  const analysis = strategy === 'dag' ? levelsOrCycle(dependencies) : { cycle: findCycle(dependencies), levels: null };
  if (analysis.cycle) reportCycle(ids, analysis.cycle, issues);
  return { issues, dependencies, levels: analysis.levels };
}

/**
 * The schema's issues (one per field), plus — when the steps themselves are well-formed — the
 * problems the step checks find, so that a planner repairing a plan sees everything at once.
 */
function allSchemaIssues(plan: unknown, schemaIssues: readonly z.core.$ZodIssue[], tools: ToolRegistry | undefined): PlanIssue[] {
  const seen = new Set<string>();
  const issues = schemaIssues.flatMap(fromZodIssues).filter((issue) => !seen.has(issue.path) && seen.add(issue.path));
  const rawSteps = PlanSchema.shape.steps.safeParse((plan as { steps?: unknown } | null)?.steps);
  if (!rawSteps.success) return issues;
  const rawStrategy = PlanSchema.shape.strategy.safeParse((plan as { strategy?: unknown }).strategy);
  return [...issues, ...checkSteps(rawSteps.data, rawStrategy.success ? rawStrategy.data : undefined, tools)];
}

/**
 * `"__proto__"` keys of `input` and `inputFrom`, which a JSON plan can hold as own keys: the record
 * schemas drop them silently, so they are looked for in the plan as given.
 */
function reservedFieldIssues(plan: unknown): PlanIssue[] {
  const steps = (plan as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) return [];
  const issues: PlanIssue[] = [];
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index] as Record<string, unknown> | null | undefined;
    if (typeof step !== 'object' || step === null) continue;
    if (hasReservedKey(step.input))
      issues.push({ path: `steps[${index}].input.__proto__`, code: 'invalid_value', message: 'field "__proto__" is reserved' });
    if (hasReservedKey(step.inputFrom))
      issues.push({ path: `steps[${index}].inputFrom.__proto__`, code: 'invalid_value', message: 'field "__proto__" is reserved' });
  }
  return issues;
}

/** Formats a path such as `steps[3].dependsOn[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${String(segment)}` : String(segment);
  }
  return text;
}

function fromZodIssues(issue: z.core.$ZodIssue): PlanIssue[] {
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(issue.path.length === 0 ? PlanSchema.shape : PlanStepSchema.shape);
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      code: 'unknown_field',
      message: `unknown field "${key}"${didYouMean(key, known)}`,
    }));
  }
  const code = issue.code === 'invalid_type' && issue.expected !== 'int' ? 'invalid_type' : 'invalid_value';
  return [{ path: formatPath(issue.path), code, message: issue.message }];
}

function indexSteps(ids: readonly string[], issues: PlanIssue[]): StepIdIndex {
  const indexById = new StepIdIndex(ids);
  for (let index = 0; index < ids.length; index++) {
    const first = indexById.add(index);
    if (first !== -1)
      issues.push({
        path: `steps[${index}].id`,
        code: 'duplicate_id',
        message: `duplicate step id "${ids[index]}" (first used by steps[${first}])`,
      });
  }
  return indexById;
}

/** Writes the step's valid dependencies to `targets` from `start` on; returns where they end. */
function checkDependencies(
  listed: ListedSteps,
  index: number,
  strategy: Strategy,
  indexById: StepIdIndex,
  targets: Int32Array,
  start: number,
  issues: PlanIssue[],
): number {
  const first = listed.dependsOnStarts[index] as number;
  const count = (listed.dependsOnStarts[index + 1] as number) - first;
  if (strategy === 'parallel' && count > 0) {
    issues.push({
      path: `steps[${index}].dependsOn`,
      code: 'dependency_not_allowed',
      message: 'dependsOn is not allowed under the "parallel" strategy (use "dag", or omit strategy)',
    });
    return start;
  }
  let end = start;
  for (let position = 0; position < count; position++) {
    const target = indexById.indexOf(listed.dependsOn[first + position] as string);
    const listedBefore = includes(targets, start, end, target);
    if (target !== -1 && target !== index && (strategy !== 'serial' || target < index) && !listedBefore) {
      targets[end++] = target;
      continue;
    }
    const issue = dependencyIssue(listed, index, position, target, listedBefore, strategy);
    if (issue) issues.push(issue);
  }
  return end;
}

/**
 * The problem with dependency `position` of a step, which `target` (its step index, -1 when unknown)
 * did not pass. Apart from checkDependencies, so that a process's first plan compiles only the valid path.
 */
function dependencyIssue(
  listed: ListedSteps,
  index: number,
  position: number,
  target: number,
  listedBefore: boolean,
  strategy: Strategy,
): PlanIssue | undefined {
  const { ids } = listed;
  const stepId = ids[index] as string;
  const id = listed.dependsOn[(listed.dependsOnStarts[index] as number) + position] as string;
  // Only a problem pays for its path string (plans can have 100k dependencies).
  const path = `steps[${index}].dependsOn[${position}]`;
  if (target === -1)
    return { path, code: 'missing_dependency', message: `depends on "${id}", which is not a step of this plan${didYouMean(id, ids)}` };
  if (target === index) return { path, code: 'self_dependency', message: `step "${stepId}" depends on itself` };
  if (listedBefore) return { path, code: 'invalid_value', message: `"${id}" is listed twice` };
  if (strategy === 'serial' && target > index)
    return {
      path,
      code: 'forward_dependency',
      message: `under "serial", "${stepId}" cannot depend on "${id}", which runs later (steps run in listed order)`,
    };
  return undefined;
}

/** Whether `value` is among `items[start]` up to `items[end - 1]`. */
function includes(items: Int32Array, start: number, end: number, value: number): boolean {
  for (let position = start; position < end; position++) if (items[position] === value) return true;
  return false;
}

/**
 * The mappings of a step without inputFrom — most steps: one frozen empty list shared by all, so a
 * 100k-step plan does not keep 100k empty arrays alive (the prepared copy is frozen anyway).
 */
const NO_MAPPINGS: InputMapping[] = Object.freeze([]) as unknown as InputMapping[];
/** The mappings of a plan none of whose steps has inputFrom. */
const NO_STEP_MAPPINGS = Object.freeze([]) as unknown as (InputMapping[] | undefined)[];

function checkInputFrom(step: ParsedStep, index: number, issues: PlanIssue[]): InputMapping[] {
  if (!step.inputFrom) return NO_MAPPINGS;
  const mappings: InputMapping[] = [];
  for (const [field, source] of Object.entries(step.inputFrom)) {
    const parsed = parseInputPath(source);
    if (parsed && (step.dependsOn ?? []).includes(parsed.stepId)) mappings.push({ field, source, path: parsed });
    else issues.push(mappingIssue(step, index, field, source, parsed));
  }
  return mappings;
}

/** The problem with a mapping that is not a valid source or reads from a step not in dependsOn (kept off the valid path). */
function mappingIssue(step: ParsedStep, index: number, field: string, source: string, parsed: InputPath | null): PlanIssue {
  const path = `steps[${index}].inputFrom.${field}`;
  if (!parsed)
    return { path, code: 'invalid_mapping', message: `"${source}" is not a valid source; write "<stepId>.<field>[.<field>|[<n>]]..."` };
  return {
    path,
    code: 'invalid_mapping',
    message: `reads from step "${parsed.stepId}", which is not in this step's dependsOn${didYouMean(parsed.stepId, step.dependsOn ?? [])}`,
  };
}

function checkTool(step: ParsedStep, index: number, tools: ToolRegistry, issues: PlanIssue[]): void {
  const tool = tools.get(step.tool);
  if (!tool) {
    issues.push(unknownToolIssue(step, index, tools));
    return;
  }
  const mappedFields = step.inputFrom ? Object.keys(step.inputFrom) : NO_FIELDS;
  const object = cachedObjectShape(tool.input);
  const given = step.input ?? {};
  if (mappedFields.length > 0) {
    if (object) checkMappedInput(tool.name, object, given, mappedFields, index, issues);
    return;
  }
  // Without inputFrom the whole input is parsed anyway; when that passes, every given field passed
  // too (an object parses each of its fields), so only absent fields remain to check.
  const whole = staticParse(tool.input, given);
  if (object && whole?.success) reportMissingFields(tool.name, object.shape, given, index, issues);
  else reportStaticInputIssues(tool.name, object, given, whole, index, issues);
}

/** The problems of a step's whole static input that did not pass (or is no object, or could not be parsed here). */
function reportStaticInputIssues(
  toolName: string,
  object: ObjectSchemaShape | null,
  given: Record<string, unknown>,
  whole: z.ZodSafeParseResult<unknown> | undefined,
  index: number,
  issues: PlanIssue[],
): void {
  const before = issues.length;
  // Field by field first, for paths that name the field.
  if (object) checkFields(toolName, object.shape, given, null, index, issues);
  // The whole object can still fail: unknown keys of a strict object, object-level refinements.
  if (issues.length === before && whole && !whole.success) addInputIssues(whole.error.issues, () => `steps[${index}].input`, issues);
}

/** The static input of a step with inputFrom: each mapped field exists, each other field is given and valid, no unknown key. */
function checkMappedInput(
  toolName: string,
  object: ObjectSchemaShape,
  given: Record<string, unknown>,
  mappedFields: readonly string[],
  index: number,
  issues: PlanIssue[],
): void {
  const { shape } = object;
  const before = issues.length;
  for (const field of mappedFields) {
    if (!(field in shape || object.acceptsUnknownKeys)) issues.push(unknownMappedFieldIssue(toolName, shape, field, index));
  }
  // Fields given by inputFrom (valid or not) are not also reported as missing.
  checkFields(toolName, shape, given, new Set(mappedFields), index, issues);
  if (issues.length === before && object.rejectsUnknownKeys) reportUnknownFields(toolName, shape, given, index, issues);
}

/** Each field of `shape` not `mapped`: a required one absent from `given` is missing, a given one is parsed. */
function checkFields(
  toolName: string,
  shape: Record<string, z.ZodType>,
  given: Record<string, unknown>,
  mapped: ReadonlySet<string> | null,
  index: number,
  issues: PlanIssue[],
): void {
  for (const [field, schema] of shapeEntries(shape)) {
    if (mapped?.has(field)) continue;
    if (field in given) reportInputIssues(schema, given[field], () => `steps[${index}].input.${field}`, issues);
    else if (staticParse(schema, undefined)?.success === false) issues.push(missingFieldIssue(toolName, field, index));
  }
}

function unknownMappedFieldIssue(toolName: string, shape: Record<string, z.ZodType>, field: string, index: number): PlanIssue {
  return {
    path: `steps[${index}].inputFrom.${field}`,
    code: 'invalid_mapping',
    message: `tool "${toolName}" has no input field "${field}"${didYouMean(field, Object.keys(shape))}`,
  };
}

function missingFieldIssue(toolName: string, field: string, index: number): PlanIssue {
  return {
    path: `steps[${index}].input.${field}`,
    code: 'invalid_input',
    message: `tool "${toolName}" requires "${field}"; give it in input or inputFrom`,
  };
}

function reportUnknownFields(
  toolName: string,
  shape: Record<string, z.ZodType>,
  given: Record<string, unknown>,
  index: number,
  issues: PlanIssue[],
): void {
  for (const field of Object.keys(given)) {
    if (!(field in shape))
      issues.push({
        path: `steps[${index}].input.${field}`,
        code: 'invalid_input',
        message: `tool "${toolName}" does not accept "${field}"`,
      });
  }
}

function unknownToolIssue(step: ParsedStep, index: number, tools: ToolRegistry): PlanIssue {
  const known = [...tools.keys()].sort().join(', ') || '(none registered)';
  return {
    path: `steps[${index}].tool`,
    code: 'unknown_tool',
    message: `unknown tool "${step.tool}"${didYouMean(step.tool, tools.keys())}; registered tools: ${known}`,
  };
}

/** A required field absent from `given` (the field schema rejects undefined) is reported as missing. */
function reportMissingFields(
  toolName: string,
  shape: Record<string, z.ZodType>,
  given: Record<string, unknown>,
  index: number,
  issues: PlanIssue[],
): void {
  // Indexed, not for-of with destructuring: at 100k steps its iterator results were 27 B of garbage per step.
  const entries = shapeEntries(shape);
  for (let position = 0; position < entries.length; position++) {
    const [field, schema] = entries[position] as [string, z.ZodType];
    if (!(field in given) && staticParse(schema, undefined)?.success === false) issues.push(missingFieldIssue(toolName, field, index));
  }
}

/** A tool input's object shape, read once per schema rather than once per step. */
const objectShapeCache = new WeakMap<object, ObjectSchemaShape | null>();

function cachedObjectShape(schema: z.ZodType): ObjectSchemaShape | null {
  let object = objectShapeCache.get(schema);
  if (object === undefined) {
    object = objectSchemaShape(schema);
    objectShapeCache.set(schema, object);
  }
  return object;
}

/** A tool's input fields, listed once per schema rather than once per step. */
const shapeEntryCache = new WeakMap<object, [string, z.ZodType][]>();

function shapeEntries(shape: Record<string, z.ZodType>): [string, z.ZodType][] {
  let entries = shapeEntryCache.get(shape);
  if (!entries) {
    entries = Object.entries(shape);
    shapeEntryCache.set(shape, entries);
  }
  return entries;
}

function reportInputIssues(schema: z.ZodType, input: unknown, path: () => string, issues: PlanIssue[]): void {
  const result = staticParse(schema, input);
  if (!result || result.success) return;
  addInputIssues(result.error.issues, path, issues);
}

function addInputIssues(zodIssues: readonly z.core.$ZodIssue[], path: () => string, issues: PlanIssue[]): void {
  for (const issue of zodIssues) issues.push({ path: formatPath([path(), ...issue.path]), code: 'invalid_input', message: issue.message });
}

/**
 * A synchronous parse for plan-time checks, or undefined when the schema cannot be checked that way
 * (async refinements, a refinement that throws): such input is validated when the step runs.
 */
function staticParse(schema: z.ZodType, value: unknown): z.ZodSafeParseResult<unknown> | undefined {
  try {
    return schema.safeParse(value, parseOptionsFor(schema));
  } catch {
    return undefined;
  }
}

function reportCycle(stepIds: readonly string[], cycle: readonly number[], issues: PlanIssue[]): void {
  const ids = cycle.map((index) => stepIds[index] ?? '');
  // Named in full up to a readable length; a huge cycle keeps its two ends.
  const names =
    ids.length <= MAX_CYCLE_NAMES
      ? ids.join(' → ')
      : `${ids.slice(0, 10).join(' → ')} → …(${ids.length - 15} more)… → ${ids.slice(-5).join(' → ')}`;
  const first = cycle[0] ?? 0;
  issues.push({ path: `steps[${first}].dependsOn`, code: 'cycle', message: `dependency cycle: ${names}` });
}

/** Group of each step: its position under serial, 0 under parallel, its dependency level under dag. */
function assignGroups(strategy: Strategy, levels: Int32Array | null, steps: number): { groupIndexes: Int32Array; groupCount: number } {
  const groupIndexes = levels ?? new Int32Array(steps);
  if (strategy === 'serial') for (let index = 0; index < steps; index++) groupIndexes[index] = index;
  let groupCount = 0;
  for (let index = 0; index < steps; index++) groupCount = Math.max(groupCount, (groupIndexes[index] as number) + 1);
  return { groupIndexes, groupCount };
}
