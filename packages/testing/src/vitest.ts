/**
 * Types only: puts the span matchers (`toHaveSpan`, `toMatchPlan`, ...) on vitest's `expect` for
 * test files that do not import `@tooltrace/testing`. List it in tsconfig
 * (`"types": ["node", "@tooltrace/testing/vitest"]`) or reference it from any included file:
 *
 * @example
 * /// <reference types="@tooltrace/testing/vitest" />
 */
export type { SpanMatchers } from './matchers/types.js';
