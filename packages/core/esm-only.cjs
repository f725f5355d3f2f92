'use strict';
// @tooltrace/core is published as ES modules only. Its "require" export condition points here so
// that require() fails saying so, instead of with ERR_PACKAGE_PATH_NOT_EXPORTED. The code lets
// loaders that fall back to import() on ERR_REQUIRE_ESM do so.
const error = new Error(
  "@tooltrace/core is ESM-only and cannot be loaded with require(). Import it from an ES module, or from CommonJS use `const { ... } = await import('@tooltrace/core')`.",
);
error.code = 'ERR_REQUIRE_ESM';
throw error;
