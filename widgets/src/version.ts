/**
 * The module name and version the kernel's widget models name (`_model_module`,
 * `_model_module_version`), both read from widgets/package.json (bundled by webpack), the one
 * place the version is written; the kernel reads the same file.
 */
declare const require: (id: string) => unknown;
const pkg = require("../package.json") as { name: string; version: string };

/** "edgeworks-widgets". */
export const MODULE_NAME: string = pkg.name;
/** The package version, e.g. "0.2.0". */
export const MODULE_VERSION: string = pkg.version;
