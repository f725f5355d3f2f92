import { describe, expect, test } from 'vitest';
import * as tt from '../../src/index.js';
import { controlledTool, flush, stepSpans, tracing } from '../support.js';

describe('skipped steps', () => {
  test('a skipped step span carries an event naming the reason and the blocking step, at the skip time', async () => {
    const otel = tracing();
    const tool = controlledTool();
    const orchestrator = new tt.Orchestrator({ tools: [tool.tool], tracerProvider: otel.provider });
    const running = orchestrator.run({
      failurePolicy: 'continue',
      steps: [
        { id: 'root', tool: 'controlled' },
        { id: 'child', tool: 'controlled', dependsOn: ['root'] },
        { id: 'grandchild', tool: 'controlled', dependsOn: ['child'] },
        { id: 'other', tool: 'controlled' },
      ],
    });
    await flush();
    tool.fail('root', new Error('boom'));
    tool.release('other');
    await running;
    const spans = stepSpans(otel.spans());
    for (const id of ['child', 'grandchild']) {
      const span = spans.get(id);
      const events = span?.events.filter((event) => event.name === tt.EVENT_STEP_SKIPPED) ?? [];
      expect(events).toHaveLength(1);
      expect(events[0]?.attributes).toEqual({ [tt.ATTR_SKIP_REASON]: 'dependency_failed', [tt.ATTR_BLOCKED_BY]: 'root' });
      expect(events[0]?.time).toEqual(span?.endTime);
    }
    for (const id of ['root', 'other']) {
      expect(spans.get(id)?.events.some((event) => event.name === tt.EVENT_STEP_SKIPPED)).toBe(false);
    }
  });

  test('under fail-fast the event says fail_fast and names the failed step', async () => {
    const otel = tracing();
    const tool = controlledTool();
    const orchestrator = new tt.Orchestrator({ tools: [tool.tool], tracerProvider: otel.provider });
    const running = orchestrator.run({
      strategy: 'serial',
      steps: [
        { id: 'first', tool: 'controlled' },
        { id: 'second', tool: 'controlled' },
      ],
    });
    await flush();
    tool.fail('first', new Error('boom'));
    await running;
    const event = stepSpans(otel.spans())
      .get('second')
      ?.events.find((e) => e.name === tt.EVENT_STEP_SKIPPED);
    expect(event?.attributes).toEqual({ [tt.ATTR_SKIP_REASON]: 'fail_fast', [tt.ATTR_BLOCKED_BY]: 'first' });
  });
});
