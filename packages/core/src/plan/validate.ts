import type { z } from 'zod';
import type { AnyTool } from '../tools/define-tool.js';
import { type ObjectSchemaShape, objectSchemaShape, parseOptionsFor } from '../tools/zod-shape.js';
import { didYouMean } from './did-you-mean.js';
import { type PlanIssue, PlanValidationError } from './errors.js';
import { findCycle, levelsOrCycle } from './graph.js';
import { parseInputPath } from './input-path.js';
import { resolveRetryPolicy } from './retry-policy.js';
import { PlanSchema, PlanStepSchema, type Strategy } from './schema.js';
import { StepIdIndex } from './step-id-index.js';
import type { InputMapping, ValidatedPlan, ValidatedStep } from './types.js';
import { type ParsedPlan, parseWellFormedPlan } from './well-formed.js';

/** Tools by name, for the checks that need them (unknown tool, input shape). */
export type ToolRegistry = ReadonlyMap<string, AnyTool>;

const MAX_CYCLE_NAMES = 40;
const NO_FIELDS: readonly string[] = Object.freeze([]);
type ParsedStep = ParsedPlan['steps'][number];

/**
 * Validates a plan and resolves its defaults. Throws {@link PlanValidationError} listing every
 * problem, each with the path of the offending field. Pass the tools to also check tool names,
 * `inputFrom` targets and the static part of each step's input.
 */
export function validatePlan(plan: unknown, tools?: ToolRegistry): ValidatedPlan {
  // A certainly valid plan skips the generic parse; any other is parsed, and reported, by the schema.
  const wellFormed = parseWellFormedPlan(plan);
  const parsed = wellFormed ? { success: true as const, data: wellFormed } : PlanSchema.safeParse(plan);
  const reserved = reservedFieldIssues(plan);
  if (!parsed.success) throw new PlanValidationError([...reserved, ...allSchemaIssues(plan, parsed.error.issues, tools)]);
  const { steps } = parsed.data;
  const strategy = resolveStrategy(parsed.data.strategy, steps);
  const { issues, dependencyIndexes, mappings, levels } = checkSteps(steps, strategy, tools);
  if (reserved.length > 0 || issues.length > 0) throw new PlanValidationError([...reserved, ...issues]);

  const groupIndexes = assignGroups(strategy, levels, steps.length);
  const validated: ValidatedStep[] = new Array(steps.length);
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index] as ParsedStep;
    validated[index] = {
      id: step.id,
      tool: step.tool,
      index,
      input: step.input ?? {},
      dependsOn: step.dependsOn ?? [],
      dependencyIndexes: dependencyIndexes[index] ?? [],
      inputFrom: mappings[index] ?? [],
      inputFromSource: step.inputFrom ?? null,
      timeoutMs: step.timeoutMs ?? null,
      deadlineMs: step.deadlineMs ?? null,
      retry: resolveRetryPolicy(parsed.data.retry, step.retry),
      groupIndex: groupIndexes[index] ?? 0,
    };
  }
  return {
    strategy,
    failurePolicy: parsed.data.failurePolicy ?? 'fail-fast',
    maxConcurrency: parsed.data.maxConcurrency ?? null,
    steps: validated,
    groups: groupSteps(groupIndexes),
    dependents: invert(dependencyIndexes),
  };
}

function resolveStrategy(strategy: Strategy | undefined, steps: readonly ParsedStep[]): Strategy {
  return strategy ?? (steps.some((step) => step.dependsOn?.length) ? 'dag' : 'parallel');
}

/** Every problem of a well-formed list of steps: ids, dependencies, mappings, tools, cycles. */
function checkSteps(steps: readonly ParsedStep[], strategy: Strategy, tools: ToolRegistry | undefined) {
  const issues: PlanIssue[] = [];
  const ids: string[] = new Array(steps.length);
  for (let index = 0; index < steps.length; index++) ids[index] = (steps[index] as ParsedStep).id;
  const indexById = indexSteps(ids, issues);
  // One pass over the steps for the other checks (at 100k steps each pass misses the cache), with
  // one list per kind, so that issues keep their order: ids, dependencies, mappings, tools, cycle.
  const dependencyIssues: PlanIssue[] = [];
  const mappingIssues: PlanIssue[] = [];
  const toolIssues: PlanIssue[] = [];
  const dependencyIndexes: number[][] = new Array(steps.length);
  const mappings: InputMapping[][] = new Array(steps.length);
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index] as ParsedStep;
    dependencyIndexes[index] = checkDependencies(step, index, strategy, indexById, ids, dependencyIssues);
    mappings[index] = checkInputFrom(step, index, mappingIssues);
    if (tools) checkTool(step, index, tools, toolIssues);
  }
  append(issues, dependencyIssues);
  append(issues, mappingIssues);
  append(issues, toolIssues);
  // Levels only group a dag; the other strategies need the cycle check alone.
  const analysis = strategy === 'dag' ? levelsOrCycle(dependencyIndexes) : { cycle: findCycle(dependencyIndexes), levels: null };
  if (analysis.cycle) reportCycle(steps, analysis.cycle, issues);
  return { issues, dependencyIndexes, mappings, levels: analysis.levels ?? [] };
}

/** Appends `more` to `issues` (push(...more) would overflow the stack on a huge list). */
function append(issues: PlanIssue[], more: readonly PlanIssue[]): void {
  for (const issue of more) issues.push(issue);
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
  const strategy = resolveStrategy(rawStrategy.success ? rawStrategy.data : undefined, rawSteps.data);
  return [...issues, ...checkSteps(rawSteps.data, strategy, tools).issues];
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

function hasReservedKey(fields: unknown): boolean {
  return typeof fields === 'object' && fields !== null && Object.hasOwn(fields, '__proto__');
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

function checkDependencies(
  step: ParsedStep,
  index: number,
  strategy: Strategy,
  indexById: StepIdIndex,
  ids: readonly string[],
  issues: PlanIssue[],
): number[] {
  const dependsOn = step.dependsOn ?? [];
  if (strategy === 'parallel' && dependsOn.length > 0) {
    issues.push({
      path: `steps[${index}].dependsOn`,
      code: 'dependency_not_allowed',
      message: 'dependsOn is not allowed under the "parallel" strategy (use "dag", or omit strategy)',
    });
    return [];
  }
  // Sized up front: growing an empty array by push reserves room for 16, and plans hold many small lists.
  const indexes: number[] = new Array(dependsOn.length);
  let count = 0;
  for (let position = 0; position < dependsOn.length; position++) {
    const id = dependsOn[position] as string;
    const target = indexById.indexOf(id);
    if (target !== -1 && target !== index && (strategy !== 'serial' || target < index) && !includes(indexes, count, target)) {
      indexes[count++] = target;
      continue;
    }
    // Only a problem pays for its path string (plans can have 100k dependencies).
    const path = `steps[${index}].dependsOn[${position}]`;
    if (target === -1)
      issues.push({
        path,
        code: 'missing_dependency',
        message: `depends on "${id}", which is not a step of this plan${didYouMean(id, ids)}`,
      });
    else if (target === index) issues.push({ path, code: 'self_dependency', message: `step "${step.id}" depends on itself` });
    else if (indexes.includes(target)) issues.push({ path, code: 'invalid_value', message: `"${id}" is listed twice` });
    else if (strategy === 'serial' && target > index)
      issues.push({
        path,
        code: 'forward_dependency',
        message: `under "serial", "${step.id}" cannot depend on "${id}", which runs later (steps run in listed order)`,
      });
  }
  if (count < indexes.length) indexes.length = count;
  return indexes;
}

/** Whether `value` is among the first `count` items of `items`. */
function includes(items: readonly number[], count: number, value: number): boolean {
  for (let position = 0; position < count; position++) if (items[position] === value) return true;
  return false;
}

/**
 * The mappings of a step without inputFrom — most steps: one frozen empty list shared by all, so a
 * 100k-step plan does not keep 100k empty arrays alive (the prepared copy is frozen anyway).
 */
const NO_MAPPINGS: InputMapping[] = Object.freeze([]) as unknown as InputMapping[];

function checkInputFrom(step: ParsedStep, index: number, issues: PlanIssue[]): InputMapping[] {
  if (!step.inputFrom) return NO_MAPPINGS;
  const mappings: InputMapping[] = [];
  for (const [field, source] of Object.entries(step.inputFrom)) {
    const path = `steps[${index}].inputFrom.${field}`;
    const parsed = parseInputPath(source);
    if (!parsed) {
      issues.push({
        path,
        code: 'invalid_mapping',
        message: `"${source}" is not a valid source; write "<stepId>.<field>[.<field>|[<n>]]..."`,
      });
    } else if (!(step.dependsOn ?? []).includes(parsed.stepId)) {
      issues.push({
        path,
        code: 'invalid_mapping',
        message: `reads from step "${parsed.stepId}", which is not in this step's dependsOn${didYouMean(parsed.stepId, step.dependsOn ?? [])}`,
      });
    } else {
      mappings.push({ field, source, path: parsed });
    }
  }
  return mappings;
}

function checkTool(step: ParsedStep, index: number, tools: ToolRegistry, issues: PlanIssue[]): void {
  const tool = tools.get(step.tool);
  if (!tool) {
    const known = [...tools.keys()].sort().join(', ') || '(none registered)';
    issues.push({
      path: `steps[${index}].tool`,
      code: 'unknown_tool',
      message: `unknown tool "${step.tool}"${didYouMean(step.tool, tools.keys())}; registered tools: ${known}`,
    });
    return;
  }
  const mappedFields = step.inputFrom ? Object.keys(step.inputFrom) : NO_FIELDS;
  const hasInputFrom = mappedFields.length > 0;
  const object = cachedObjectShape(tool.input);
  const given = step.input ?? {};
  // Without inputFrom the whole input is parsed anyway; when that passes, every given field passed
  // too (an object parses each of its fields), so only absent fields remain to check.
  const whole = hasInputFrom ? undefined : staticParse(tool.input, given);
  if (object && whole?.success) {
    reportMissingFields(tool.name, object.shape, given, index, issues);
    return;
  }
  // Made only past the common case above: a closure per step adds up at 100k steps.
  const inputPath = () => `steps[${index}].input`;
  if (!object) {
    if (whole && !whole.success) addInputIssues(whole.error.issues, inputPath, issues);
    return;
  }
  const { shape, acceptsUnknownKeys: acceptsAnyField } = object;
  const before = issues.length;
  // Fields given by inputFrom (valid or not) are not also reported as missing.
  const mapped = hasInputFrom ? new Set(mappedFields) : null;
  for (const field of mappedFields) {
    if (!(field in shape || acceptsAnyField))
      issues.push({
        path: `steps[${index}].inputFrom.${field}`,
        code: 'invalid_mapping',
        message: `tool "${tool.name}" has no input field "${field}"${didYouMean(field, Object.keys(shape))}`,
      });
  }
  for (const [field, schema] of shapeEntries(shape)) {
    if (mapped?.has(field)) continue;
    const path = () => `steps[${index}].input.${field}`;
    if (!(field in given)) {
      if (staticParse(schema, undefined)?.success === false)
        issues.push({
          path: path(),
          code: 'invalid_input',
          message: `tool "${tool.name}" requires "${field}"; give it in input or inputFrom`,
        });
      continue;
    }
    reportInputIssues(schema, given[field], path, issues);
  }
  if (issues.length > before) return;
  // Field by field passed; the whole object can still fail: unknown keys of a strict object, object-level refinements.
  if (!hasInputFrom) {
    if (whole && !whole.success) addInputIssues(whole.error.issues, inputPath, issues);
  } else if (object.rejectsUnknownKeys) {
    for (const field of Object.keys(given).filter((key) => !(key in shape))) {
      issues.push({ path: `${inputPath()}.${field}`, code: 'invalid_input', message: `tool "${tool.name}" does not accept "${field}"` });
    }
  }
}

/** A required field absent from `given` (the field schema rejects undefined) is reported as missing. */
function reportMissingFields(
  toolName: string,
  shape: Record<string, z.ZodType>,
  given: Record<string, unknown>,
  index: number,
  issues: PlanIssue[],
): void {
  for (const [field, schema] of shapeEntries(shape)) {
    if (!(field in given) && staticParse(schema, undefined)?.success === false)
      issues.push({
        path: `steps[${index}].input.${field}`,
        code: 'invalid_input',
        message: `tool "${toolName}" requires "${field}"; give it in input or inputFrom`,
      });
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

function reportCycle(steps: readonly ParsedStep[], cycle: readonly number[], issues: PlanIssue[]): void {
  const ids = cycle.map((index) => steps[index]?.id ?? '');
  // Named in full up to a readable length; a huge cycle keeps its two ends.
  const names =
    ids.length <= MAX_CYCLE_NAMES
      ? ids.join(' → ')
      : `${ids.slice(0, 10).join(' → ')} → …(${ids.length - 15} more)… → ${ids.slice(-5).join(' → ')}`;
  const first = cycle[0] ?? 0;
  issues.push({ path: `steps[${first}].dependsOn`, code: 'cycle', message: `dependency cycle: ${names}` });
}

/** Group of each step: its position under serial, 0 under parallel, its dependency level under dag. */
function assignGroups(strategy: Strategy, levels: number[], steps: number): number[] {
  if (strategy === 'serial') return Array.from({ length: steps }, (_, index) => index);
  if (strategy === 'parallel') return new Array<number>(steps).fill(0);
  return levels;
}

function groupSteps(groupIndexes: readonly number[]): number[][] {
  const groups: number[][] = [];
  groupIndexes.forEach((group, index) => {
    let members = groups[group];
    if (!members) {
      members = [];
      groups[group] = members;
    }
    members.push(index);
  });
  return groups;
}

function invert(dependencyIndexes: readonly number[][]): number[][] {
  // Counted first, so that each list is allocated at its final size.
  const counts = new Uint32Array(dependencyIndexes.length);
  for (const deps of dependencyIndexes) for (const dep of deps) counts[dep] = (counts[dep] ?? 0) + 1;
  const dependents: number[][] = new Array(dependencyIndexes.length);
  for (let index = 0; index < dependencyIndexes.length; index++) dependents[index] = new Array(counts[index] ?? 0);
  counts.fill(0);
  for (let index = 0; index < dependencyIndexes.length; index++) {
    for (const dep of dependencyIndexes[index] as number[]) {
      const list = dependents[dep] as number[];
      list[counts[dep] ?? 0] = index;
      counts[dep] = (counts[dep] ?? 0) + 1;
    }
  }
  return dependents;
}
