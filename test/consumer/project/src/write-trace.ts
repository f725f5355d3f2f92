// startTracing (@tooltrace/node) exports over OTLP/HTTP into startInspector (@tooltrace/inspector),
// and the run's trace is written as OTLP/JSON for the installed CLI to print.
import { writeFileSync } from 'node:fs';
import { Orchestrator } from '@tooltrace/core';
import { startInspector, traceToOtlpJson } from '@tooltrace/inspector';
import { startTracing } from '@tooltrace/node';
import { plan, tools } from './tools.js';

const inspector = await startInspector({ port: 0 });
const tracing = startTracing({ serviceName: 'consumer', endpoint: inspector.url, register: false });
await new Orchestrator({ tools, tracerProvider: tracing.provider }).run(plan);
await tracing.forceFlush();
const [summary] = inspector.store.list();
const trace = summary && inspector.store.get(summary.traceId);
if (!trace) throw new Error('the inspector received no trace');
writeFileSync(process.argv[2] ?? 'trace.json', JSON.stringify(traceToOtlpJson(trace)));
await tracing.shutdown();
await inspector.close();
