/**
 * Load the Node build of h5wasm (an ES module) from this CommonJS library.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type * as H5 from "h5wasm";

/** The h5wasm module namespace (its Node build, which reads and writes host files). */
export type H5Module = typeof H5;

// A real dynamic import(), kept as such when TypeScript compiles to CommonJS.
const importEsm = new Function("specifier", "return import(specifier)") as (s: string) => Promise<unknown>;
let loading: Promise<H5Module> | undefined;

function nodeBuildUrl(): string {
  const roots = require.resolve.paths("h5wasm") ?? [];
  for (const r of roots) {
    const f = join(r, "h5wasm", "dist", "node", "hdf5_hl.js");
    if (existsSync(f)) return pathToFileURL(f).href;
  }
  return "h5wasm/node";
}

/** The h5wasm Node build, ready to use (loaded once). */
export function loadH5wasm(): Promise<H5Module> {
  if (!loading) {
    loading = (async () => {
      const m = (await importEsm(nodeBuildUrl())) as H5Module & { default?: unknown };
      await m.ready;
      return m;
    })();
    loading.catch(() => (loading = undefined));
  }
  return loading;
}
