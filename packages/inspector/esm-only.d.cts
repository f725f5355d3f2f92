// @tooltrace/inspector is ESM-only: require() throws ERR_REQUIRE_ESM, so nothing is exported to CommonJS.
// From a CommonJS file use `const { ... } = await import('@tooltrace/inspector')` (typed from the ES module),
// and for types only: `import type { ... } from '@tooltrace/inspector' with { 'resolution-mode': 'import' }`.
export {};
