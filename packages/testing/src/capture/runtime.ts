import { context, createContextKey, ProxyTracerProvider, ROOT_CONTEXT, type TracerProvider, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AlwaysOnSampler, BasicTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { CaptureRouter } from './router.js';

/**
 * How the global tracer provider relates to the capture:
 * - `registered`: none was registered, so the capture provider was registered globally;
 * - `attached`: the user's SDK provider was registered first; the capture's processor was added to it;
 * - `foreign`: a global provider this kit cannot attach to; only `capture.tracerProvider` is captured;
 * - `untouched`: captures were made with `global: false`.
 */
export type GlobalProviderState = 'registered' | 'attached' | 'foreign' | 'untouched';

/** Whether a working global context manager was found (`present`), installed by this kit (`installed`), or is missing. */
export type ContextManagerState = 'present' | 'installed' | 'missing' | 'untouched';

/** The worker-wide capture machinery: one provider, one router, global set-up done once. */
export interface CaptureRuntime {
  readonly router: CaptureRouter;
  /** The capture provider (a `BasicTracerProvider` whose only processor is the router). */
  readonly provider: TracerProvider;
  readonly globalProvider: GlobalProviderState;
  /** Class name of the global provider, when one other than the capture provider is registered. */
  readonly globalProviderName: string | undefined;
  readonly contextManager: ContextManagerState;
  /** Registers or attaches to the global provider and context manager, as needed. Idempotent. */
  ensureGlobal(): void;
  /** Next capture id. */
  nextId(): number;
}

const RUNTIME_KEY = Symbol.for('@tooltrace/testing:runtime@1');
const PROBE_KEY = createContextKey('@tooltrace/testing context probe');

type ProviderInternals = {
  _activeSpanProcessor?: { _spanProcessors?: unknown };
  addSpanProcessor?: (processor: SpanProcessor) => void;
};

class Runtime implements CaptureRuntime {
  readonly router = new CaptureRouter();
  // AlwaysOn: a test sees every span, whatever OTEL_TRACES_SAMPLER says.
  readonly provider = new BasicTracerProvider({ sampler: new AlwaysOnSampler(), spanProcessors: [this.router] });
  globalProvider: GlobalProviderState = 'untouched';
  globalProviderName: string | undefined;
  contextManager: ContextManagerState = 'untouched';
  private seenDelegate: unknown;
  private ids = 0;

  nextId(): number {
    return ++this.ids;
  }

  ensureGlobal(): void {
    this.ensureProvider();
    this.ensureContextManager();
  }

  private ensureProvider(): void {
    const global = trace.getTracerProvider();
    const delegate =
      global instanceof ProxyTracerProvider || 'getDelegate' in global ? (global as ProxyTracerProvider).getDelegate() : global;
    if (delegate === this.seenDelegate) return;
    if (isNoopProvider(delegate)) {
      trace.setGlobalTracerProvider(this.provider);
      this.globalProvider = 'registered';
      this.globalProviderName = undefined;
      this.seenDelegate = this.provider;
      return;
    }
    this.seenDelegate = delegate;
    if (delegate === this.provider) {
      this.globalProvider = 'registered';
      return;
    }
    this.globalProviderName = delegate.constructor?.name;
    this.globalProvider = attach(delegate, this.router) ? 'attached' : 'foreign';
  }

  /** Pitfall: without a context manager there is no parent/child and `capture.run` routes nothing. */
  private ensureContextManager(): void {
    if (contextWorks()) {
      if (this.contextManager !== 'installed') this.contextManager = 'present';
      return;
    }
    const installed = context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    this.contextManager = installed && contextWorks() ? 'installed' : 'missing';
  }
}

function isNoopProvider(provider: TracerProvider): boolean {
  return provider === new ProxyTracerProvider().getDelegate() || provider.constructor?.name === 'NoopTracerProvider';
}

/** Adds the router to an SDK provider: `_activeSpanProcessor._spanProcessors` in SDK 2, `addSpanProcessor` in SDK 1. */
function attach(provider: TracerProvider, router: CaptureRouter): boolean {
  const internals = provider as TracerProvider & ProviderInternals;
  const processors = internals._activeSpanProcessor?._spanProcessors;
  if (Array.isArray(processors)) {
    if (!processors.includes(router)) processors.push(router);
    return true;
  }
  if (typeof internals.addSpanProcessor === 'function') {
    internals.addSpanProcessor(router);
    return true;
  }
  return false;
}

function contextWorks(): boolean {
  return context.with(ROOT_CONTEXT.setValue(PROBE_KEY, true), () => context.active().getValue(PROBE_KEY) === true);
}

/** The runtime of this worker, created on first use and shared by every copy of this package. */
export function captureRuntime(): CaptureRuntime {
  const store = globalThis as { [RUNTIME_KEY]?: CaptureRuntime };
  store[RUNTIME_KEY] ??= new Runtime();
  return store[RUNTIME_KEY];
}
