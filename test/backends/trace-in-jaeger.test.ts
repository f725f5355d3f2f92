import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { explain, Orchestrator, Pipeline, type PlanInput, type RunResult } from '@tooltrace/core';
import { startTracing } from '@tooltrace/node';
import type { SpanShape } from '@tooltrace/testing';
import { beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../../scripts/backends/src/definitions.js';
import { ensureContextManager } from './context.js';
import { readContractDoc } from './contract-doc.js';
import { JaegerApi, useBackends } from './harness.js';
import { type JaegerTrace, type OtlpSpan, otlpSpans } from './jaeger-api.js';
import { toCapturedSpans } from './otlp-spans.js';
import { randomDag, randomDagTools } from './random-dag.js';
import {
  differencesFromDocumentedTypes,
  differencesFromExported,
  differencesFromStatusRules,
  differencesInV1,
  executionPlanOf,
  waitForCompleteTrace,
} from './trace-checks.js';

const run = promisify(execFile);
const doc = readContractDoc();
const backends = useBackends();
const api = () => new JaegerApi(backends().jaeger.queryUrl);
ensureContextManager();

/** The tree the contract promises, from a plan: pipeline → stages → orchestrate → groups → steps. */
function expectedTree(pipeline: string, stages: string[], executeStage: string, plan: PlanInput): SpanShape {
  const explained = explain(plan);
  return {
    name: `pipeline ${pipeline}`,
    kind: 'internal' as const,
    children: stages.map((stage) => ({
      name: `stage ${stage}`,
      kind: 'internal' as const,
      ...(stage === executeStage
        ? {
            children: [
              {
                name: `orchestrate ${explained.strategy}`,
                children: explained.groups.map((group) => ({
                  name: `group ${group.index}`,
                  children: group.steps.map((step) => ({ name: `execute_tool ${step.tool}`, kind: 'internal' })),
                })),
              },
            ],
          }
        : {}),
    })),
  };
}

// A seed per run covers more shapes over time; the title names it so a failure can be replayed.
const seed = Number(process.env.TOOLTRACE_DAG_SEED ?? Date.now() % 1_000_000);

describe(`a random DAG plan (seed ${seed}) exported to the Collector over OTLP/HTTP, read back from Jaeger`, () => {
  const { plan } = randomDag(seed);
  let exported: ReadableSpan[];
  let result: RunResult;
  let returned: OtlpSpan[];
  let v1: JaegerTrace | undefined;

  beforeAll(async () => {
    const memory = new InMemorySpanExporter();
    const tracing = startTracing({
      serviceName: `tooltrace-e2e-dag-${seed}`,
      endpoint: backends().collector.otlpHttpUrl,
      register: false,
      spanProcessors: [new SimpleSpanProcessor(memory)],
    });
    const tracerProvider = tracing.provider;
    const orchestrator = new Orchestrator({ tools: randomDagTools(), tracerProvider, recordIO: true });
    result = await new Pipeline<PlanInput>('random-dag', { tracerProvider })
      .stage('plan', (input: PlanInput) => input)
      .stage('execute', (input: PlanInput, ctx) => orchestrator.run(input, { signal: ctx.signal }))
      .run(plan);
    await tracing.forceFlush();
    exported = [...memory.getFinishedSpans()];
    await tracing.shutdown();
    const traceId = result.traceId ?? '';
    returned = otlpSpans(await api().waitForTrace(traceId, { spans: exported.length }));
    v1 = await api().traceV1(traceId);
  }, 60_000);

  test('the v3 API returns every span as exported: parent, name, kind, attributes with their OTLP types, status, events, links with attributes', () => {
    expect(exported.length).toBe(3 + 1 + explain(plan).totalGroups + plan.steps.length);
    expect(differencesFromExported(exported, returned)).toEqual([]);
  });

  test('the tree is pipeline → stages → orchestrate → groups → steps, and follows the plan', () => {
    const spans = toCapturedSpans({ resourceSpans: [{ scopeSpans: [{ spans: returned }] }] });
    expect(spans).toHaveSpanTree(expectedTree('random-dag', ['plan', 'execute'], 'execute', plan));
    expect(spans).toMatchPlan(plan);
  });

  test('every contract attribute has the type docs/semantic-conventions.md gives it', () => {
    const { problems, checked } = differencesFromDocumentedTypes(doc, returned);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(plan.steps.length * 8);
  });

  test('statuses and exception events follow each step outcome, as the run reported it', () => {
    expect(differencesFromStatusRules(returned)).toEqual([]);
    const statuses = Object.fromEntries(result.steps.map((step) => [step.id, step.status]));
    const spanStatuses = Object.fromEntries(
      toCapturedSpans({ resourceSpans: [{ scopeSpans: [{ spans: returned }] }] })
        .filter((span) => span.name.startsWith('execute_tool '))
        .map((span) => [span.attributes['tooltrace.step.id'], span.attributes['tooltrace.step.status']]),
    );
    expect(spanStatuses).toEqual(statuses);
    // Every plan has a failed and a timed-out step; skips and further failures depend on the seed.
    expect(Object.values(statuses)).toEqual(expect.arrayContaining(['ok', 'error', 'timed_out']));
  });

  test('the v1 API (Jaeger UI, Grafana): CHILD_OF parents, one FOLLOWS_FROM per dependency link, typed tags, events as logs', () => {
    expect(v1).toBeDefined();
    expect(differencesInV1(exported, v1 as JaegerTrace)).toEqual([]);
  });
});

const demoEntry = join(REPO_ROOT, 'examples/dist/incident-demo/main.js');

/** Runs the built demo (`pnpm demo`) exporting to the Collector; returns the trace id it printed. */
async function runDemo(args: string[]): Promise<string> {
  expect(existsSync(demoEntry), `${demoEntry} is missing: build first (pnpm test and pnpm test:backends run tsc -b)`).toBe(true);
  const { stdout } = await run(process.execPath, [demoEntry, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: backends().collector.otlpHttpUrl, OTEL_SERVICE_NAME: '' },
  });
  const traceId = /Trace ([0-9a-f]{32}) exported/.exec(stdout)?.[1];
  expect(traceId, stdout).toBeDefined();
  return traceId as string;
}

describe.each([
  ['pnpm demo', [] as string[], 'ok'],
  ['pnpm demo --fail', ['--fail'], 'error'],
])('%s exported to the Collector, read back from Jaeger', (_, args, outcome) => {
  let spans: OtlpSpan[];
  let v1: JaegerTrace | undefined;

  beforeAll(async () => {
    const traceId = await runDemo(args);
    spans = otlpSpans(await waitForCompleteTrace(api(), traceId));
    v1 = await api().traceV1(traceId);
  }, 60_000);

  test('the tree follows the plan the run recorded, under pipeline → stages', () => {
    const plan = executionPlanOf(spans);
    expect(plan).toBeDefined();
    const captured = toCapturedSpans({ resourceSpans: [{ scopeSpans: [{ spans }] }] });
    expect(captured).toMatchPlan(plan as ReturnType<typeof explain>);
    expect(captured).toHaveSpanTree({
      name: 'pipeline incident-lookup',
      children: [
        'stage plan',
        { name: 'stage execute', children: [{ name: 'orchestrate dag', children: ['group 0', 'group 1', 'group 2', 'group 3'] }] },
        'stage compose',
        'stage present',
      ],
    });
    expect(captured).toHaveSpan('orchestrate', { attributes: { 'tooltrace.outcome': outcome } });
  });

  test('contract attribute types, statuses and exception events', () => {
    const { problems, checked } = differencesFromDocumentedTypes(doc, spans);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(50);
    expect(differencesFromStatusRules(spans)).toEqual([]);
  });

  test('the v1 API has the same spans, with a FOLLOWS_FROM reference per dependency link', () => {
    expect(v1?.spans.length).toBe(spans.length);
    const links = spans.reduce((total, span) => total + (span.links?.length ?? 0), 0);
    const followsFrom = (v1?.spans ?? []).flatMap((span) => span.references.filter((ref) => ref.refType === 'FOLLOWS_FROM'));
    const plan = executionPlanOf(spans);
    const dependencies = (plan?.groups ?? []).flatMap((group) => group.steps).reduce((total, step) => total + step.dependsOn.length, 0);
    expect(links).toBe(dependencies);
    expect(followsFrom).toHaveLength(links);
  });
});
