/**
 * vitest setup file: registers the span matchers and the span-tree snapshot serializer.
 * Add it to `test.setupFiles` (`'@tooltrace/testing/setup'`). Importing anything from
 * `@tooltrace/testing` brings the matchers' types; without such an import, add
 * `"@tooltrace/testing/vitest"` to tsconfig `types`.
 */
import { expect } from 'vitest';
import { spanMatchers } from './matchers/span-matchers.js';
import { spanTreeSerializer } from './snapshot/serializer.js';

export type { SpanMatchers } from './matchers/types.js';

expect.extend(spanMatchers);
expect.addSnapshotSerializer(spanTreeSerializer);
