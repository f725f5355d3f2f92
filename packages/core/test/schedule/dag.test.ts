import { describe, expect, test } from 'vitest';
import { Orchestrator } from '../../src/index.js';
import { controlledTool, flush } from '../support.js';

describe('dag scheduling', () => {
  test('a DAG step starts as soon as its last dependency ends, not when its whole level ends', async () => {
    const tool = controlledTool();
    const orchestrator = new Orchestrator({ tools: [tool.tool] });
    const running = orchestrator.run({
      steps: [
        { id: 'a', tool: 'controlled' },
        { id: 'slow', tool: 'controlled' },
        { id: 'afterA', tool: 'controlled', dependsOn: ['a'] },
        { id: 'join', tool: 'controlled', dependsOn: ['afterA', 'slow'] },
      ],
    });
    await flush();
    expect(tool.calls).toEqual(['a', 'slow']);
    tool.release('a');
    await flush();
    expect(tool.calls).toEqual(['a', 'slow', 'afterA']);
    tool.release('afterA');
    await flush();
    expect(tool.calls).not.toContain('join');
    tool.release('slow');
    await flush();
    expect(tool.calls).toContain('join');
    tool.release('join');
    const result = await running;
    expect(result.outcome).toBe('ok');
    expect(result.steps.map((step) => [step.id, step.groupIndex, step.executionOrder])).toEqual([
      ['a', 0, 0],
      ['slow', 0, 1],
      ['afterA', 1, 0],
      ['join', 2, 0],
    ]);
  });

  test('maxConcurrency bounds the steps running at once; freed slots go to the next ready step', async () => {
    const tool = controlledTool();
    const orchestrator = new Orchestrator({ tools: [tool.tool] });
    const steps = ['s0', 's1', 's2', 's3', 's4'].map((id) => ({ id, tool: 'controlled' }));
    const running = orchestrator.run({ steps }, { maxConcurrency: 2 });
    await flush();
    expect(tool.calls).toEqual(['s0', 's1']);
    tool.release('s1');
    await flush();
    expect(tool.calls).toEqual(['s0', 's1', 's2']);
    for (const id of ['s0', 's2', 's3', 's4']) {
      tool.release(id);
      await flush();
    }
    const result = await running;
    expect(result.steps.map((step) => step.executionOrder)).toEqual([0, 1, 2, 3, 4]);
    expect(result.outcome).toBe('ok');
  });

  test('serial runs one step at a time in listed order, each step its own group', async () => {
    const tool = controlledTool();
    const orchestrator = new Orchestrator({ tools: [tool.tool] });
    const running = orchestrator.run({ strategy: 'serial', steps: ['x', 'y', 'z'].map((id) => ({ id, tool: 'controlled' })) });
    await flush();
    expect(tool.calls).toEqual(['x']);
    tool.release('x');
    await flush();
    expect(tool.calls).toEqual(['x', 'y']);
    tool.release('y');
    await flush();
    tool.release('z');
    const result = await running;
    expect(result.steps.map((step) => [step.id, step.groupIndex, step.executionOrder])).toEqual([
      ['x', 0, 0],
      ['y', 1, 0],
      ['z', 2, 0],
    ]);
  });

  test('parallel starts every step together in group 0', async () => {
    const tool = controlledTool();
    const orchestrator = new Orchestrator({ tools: [tool.tool] });
    const running = orchestrator.run({ strategy: 'parallel', steps: ['p', 'q', 'r'].map((id) => ({ id, tool: 'controlled' })) });
    await flush();
    expect(tool.calls).toEqual(['p', 'q', 'r']);
    tool.release('r');
    tool.release('p');
    tool.release('q');
    const result = await running;
    expect(result.steps.every((step) => step.groupIndex === 0)).toBe(true);
    expect(result.steps.map((step) => step.executionOrder)).toEqual([0, 1, 2]);
  });

  test('inputFrom maps dependency outputs, including nested fields and array items', async () => {
    const tool = controlledTool();
    const seen: unknown[] = [];
    const recorder = {
      ...tool.tool,
      name: 'recorder',
      run: (input: unknown) => {
        seen.push(input);
        return { ok: true };
      },
    };
    const withRecorder = new Orchestrator({ tools: [tool.tool, recorder] });
    const running = withRecorder.run({
      steps: [
        { id: 'primary', tool: 'controlled' },
        {
          id: 'use',
          tool: 'recorder',
          dependsOn: ['primary'],
          input: { window: '1h' },
          inputFrom: { ciId: 'primary.ci.id', first: 'primary.items[1].name', all: 'primary' },
        },
      ],
    });
    await flush();
    const output = { ci: { id: 'ci-7' }, items: [{ name: 'a' }, { name: 'b' }] };
    tool.release('primary', output);
    const result = await running;
    expect(seen).toEqual([{ window: '1h', ciId: 'ci-7', first: 'b', all: output }]);
    expect(result.outputs.use).toEqual({ ok: true });
  });
});
