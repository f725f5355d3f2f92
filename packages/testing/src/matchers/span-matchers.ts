import { toHaveLinkTo } from './to-have-link-to.js';
import { toHaveSpan } from './to-have-span.js';
import { toHaveSpanCount } from './to-have-span-count.js';
import { toHaveSpanTree } from './to-have-span-tree.js';
import { toMatchPlan } from './to-match-plan.js';

/**
 * The span matchers, for `expect.extend(spanMatchers)` when not using the
 * `@tooltrace/testing/setup` file.
 */
export const spanMatchers = { toHaveSpan, toHaveSpanCount, toHaveSpanTree, toHaveLinkTo, toMatchPlan };
