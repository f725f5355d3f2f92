import { Orchestrator } from '@tooltrace/core';
import { captureSpans, serializeTree } from '@tooltrace/testing';
import { describe, expect, test } from 'vitest';
import { echo, emit, explode, SMALL_RUN } from '../support.js';

describe('snapshot serializer', () => {
  test('a real DAG run, through expect(capture).toMatchInlineSnapshot()', async () => {
    const capture = captureSpans();
    await new Orchestrator({ tools: [echo, explode] }).run({
      failurePolicy: 'continue',
      steps: [
        { id: 'primary', tool: 'echo', input: { value: 'web-01' } },
        { id: 'metrics', tool: 'explode', dependsOn: ['primary'] },
        { id: 'events', tool: 'echo', dependsOn: ['primary'] },
        { id: 'report', tool: 'echo', dependsOn: ['metrics', 'events'] },
      ],
    });
    expect(capture).toMatchInlineSnapshot(`
      orchestrate dag [error: "1 of 4 steps failed: metrics"]
      │  error.type: "TypeError"
      │  gen_ai.operation.name: "invoke_workflow"
      │  tooltrace.critical_path: ["primary", "events"]
      │  tooltrace.outcome: "error"
      │  tooltrace.plan.failure_policy: "continue"
      │  tooltrace.plan.step_ids: ["primary", "metrics", "events", "report"]
      │  tooltrace.plan.total_groups: 3
      │  tooltrace.plan.total_steps: 4
      │  tooltrace.strategy: "dag"
      │  event tooltrace.execution_plan
      ├─ group 0
      │  │  tooltrace.group.parallel: false
      │  │  tooltrace.group.step_ids: ["primary"]
      │  │  tooltrace.group_index: 0
      │  │  tooltrace.strategy: "dag"
      │  └─ execute_tool echo #1
      │        gen_ai.operation.name: "execute_tool"
      │        gen_ai.tool.call.id: "primary"
      │        gen_ai.tool.name: "echo"
      │        gen_ai.tool.type: "function"
      │        tooltrace.depends_on: []
      │        tooltrace.execution_order: 0
      │        tooltrace.group_index: 0
      │        tooltrace.step.id: "primary"
      │        tooltrace.step.status: "ok"
      │        tooltrace.strategy: "dag"
      │        tooltrace.tool.name: "echo"
      ├─ group 1 [error: "a step of this group failed"]
      │  │  tooltrace.group.parallel: true
      │  │  tooltrace.group.step_ids: ["metrics", "events"]
      │  │  tooltrace.group_index: 1
      │  │  tooltrace.strategy: "dag"
      │  ├─ execute_tool explode #2 [error: "boom"]
      │  │     error.type: "TypeError"
      │  │     gen_ai.operation.name: "execute_tool"
      │  │     gen_ai.tool.call.id: "metrics"
      │  │     gen_ai.tool.name: "explode"
      │  │     gen_ai.tool.type: "function"
      │  │     tooltrace.depends_on: ["primary"]
      │  │     tooltrace.execution_order: 0
      │  │     tooltrace.group_index: 1
      │  │     tooltrace.step.id: "metrics"
      │  │     tooltrace.step.status: "error"
      │  │     tooltrace.strategy: "dag"
      │  │     tooltrace.tool.name: "explode"
      │  │     event exception
      │  │     link → #1 execute_tool echo {tooltrace.link.kind: "depends_on", tooltrace.step.id: "primary"}
      │  └─ execute_tool echo #3
      │        gen_ai.operation.name: "execute_tool"
      │        gen_ai.tool.call.id: "events"
      │        gen_ai.tool.name: "echo"
      │        gen_ai.tool.type: "function"
      │        tooltrace.depends_on: ["primary"]
      │        tooltrace.execution_order: 1
      │        tooltrace.group_index: 1
      │        tooltrace.step.id: "events"
      │        tooltrace.step.status: "ok"
      │        tooltrace.strategy: "dag"
      │        tooltrace.tool.name: "echo"
      │        link → #1 execute_tool echo {tooltrace.link.kind: "depends_on", tooltrace.step.id: "primary"}
      └─ group 2
         │  tooltrace.group.parallel: false
         │  tooltrace.group.step_ids: ["report"]
         │  tooltrace.group_index: 2
         │  tooltrace.strategy: "dag"
         └─ execute_tool echo
               gen_ai.operation.name: "execute_tool"
               gen_ai.tool.call.id: "report"
               gen_ai.tool.name: "echo"
               gen_ai.tool.type: "function"
               tooltrace.depends_on: ["metrics", "events"]
               tooltrace.group_index: 2
               tooltrace.skip_reason: "dependency_failed"
               tooltrace.step.blocked_by: "metrics"
               tooltrace.step.id: "report"
               tooltrace.step.status: "skipped"
               tooltrace.strategy: "dag"
               tooltrace.tool.name: "echo"
               event tooltrace.step.skipped
               link → #2 execute_tool explode {tooltrace.link.kind: "depends_on", tooltrace.step.id: "metrics"}
               link → #3 execute_tool echo {tooltrace.link.kind: "depends_on", tooltrace.step.id: "events"}
    `);
  });

  test('trees and nodes print the same way', () => {
    const capture = captureSpans();
    emit(capture.getTracer(), SMALL_RUN);
    const tree = capture.treeNow();
    expect(tree.get('"group 0"')).toMatchInlineSnapshot(`
      group 0
      │  tooltrace.group_index: 0
      └─ execute_tool ci_lookup
            tooltrace.step.id: "primary"
    `);
    expect(String(tree)).toBe(serializeTree(tree));
  });
});
