// @tooltrace/node is ESM-only: require() throws ERR_REQUIRE_ESM, so nothing is exported to CommonJS.
// From a CommonJS file use `const { ... } = await import('@tooltrace/node')` (typed from the ES module),
// and for types only: `import type { ... } from '@tooltrace/node' with { 'resolution-mode': 'import' }`.
export {};
