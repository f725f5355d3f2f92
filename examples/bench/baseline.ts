import { type Context, context, type Span, SpanKind, type Tracer, trace } from '@opentelemetry/api';
import * as tt from '@tooltrace/core';

/**
 * The same run written by hand: each step awaits its dependencies with Promise.all, then runs,
 * emitting the same spans as the engine (orchestrate, one group per level, step spans with the
 * contract attributes and depends_on links). What the engine adds is measured against this.
 */
export async function handWrittenRun(
  tracer: Tracer,
  deps: readonly number[][],
  levels: readonly number[],
  run: (index: number) => Promise<unknown>,
): Promise<unknown[]> {
  const ids = deps.map((_, index) => `s${index}`);
  const root = tracer.startSpan('orchestrate dag', {
    kind: SpanKind.INTERNAL,
    attributes: { [tt.ATTR_STRATEGY]: 'dag', [tt.ATTR_PLAN_STEP_IDS]: ids },
  });
  const rootContext = trace.setSpan(context.active(), root);
  const groupCount = Math.max(...levels) + 1;
  const groups: { span: Span; context: Context; remaining: number }[] = [];
  for (let group = 0; group < groupCount; group++) {
    const span = tracer.startSpan(`group ${group}`, { kind: SpanKind.INTERNAL, attributes: { [tt.ATTR_GROUP_INDEX]: group } }, rootContext);
    groups.push({ span, context: trace.setSpan(rootContext, span), remaining: levels.filter((level) => level === group).length });
  }
  const spans: Span[] = [];
  const promises: Promise<unknown>[] = [];
  const order = new Array<number>(groupCount).fill(0);
  const nextOrder = (group: number): number => {
    const value = order[group] ?? 0;
    order[group] = value + 1;
    return value;
  };
  deps.forEach((own, index) => {
    promises[index] = Promise.all(own.map((dep) => promises[dep])).then(async () => {
      const group = groups[levels[index] ?? 0] as (typeof groups)[number];
      const span = tracer.startSpan(
        'execute_tool work',
        {
          kind: SpanKind.INTERNAL,
          attributes: {
            [tt.ATTR_GEN_AI_OPERATION_NAME]: 'execute_tool',
            [tt.ATTR_GEN_AI_TOOL_NAME]: 'work',
            [tt.ATTR_GEN_AI_TOOL_CALL_ID]: ids[index],
            [tt.ATTR_STEP_ID]: ids[index],
            [tt.ATTR_TOOL_NAME]: 'work',
            [tt.ATTR_STRATEGY]: 'dag',
            [tt.ATTR_GROUP_INDEX]: levels[index],
            [tt.ATTR_EXECUTION_ORDER]: nextOrder(levels[index] ?? 0),
            [tt.ATTR_DEPENDS_ON]: own.map((dep) => ids[dep] as string),
          },
          links: own.map((dep) => ({ context: (spans[dep] as Span).spanContext(), attributes: { [tt.ATTR_LINK_KIND]: 'depends_on' } })),
        },
        group.context,
      );
      spans[index] = span;
      const output = await context.with(trace.setSpan(group.context, span), () => run(index));
      span.setAttribute(tt.ATTR_STEP_STATUS, 'ok');
      span.end();
      if (--group.remaining === 0) group.span.end();
      return output;
    });
  });
  const outputs = await Promise.all(promises);
  root.end();
  return outputs;
}
