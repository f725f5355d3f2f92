import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

/**
 * Parent/child across awaits needs a context manager. The tests pass their provider explicitly
 * (nothing global to fight over between files), but the context manager is global: install one
 * unless the worker already has one.
 */
export function ensureContextManager(): void {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}
