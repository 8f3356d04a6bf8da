/**
 * Data files shipped with edgeworks (tables printed in the papers, in `data/`), found from the
 * installed package wherever a notebook is opened.
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

let root: string | undefined;

/** The package root: the nearest folder above this module with the edgeworks package.json. */
function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (;;) {
    const pj = join(dir, "package.json");
    if (existsSync(pj)) {
      try {
        if ((JSON.parse(readFileSync(pj, "utf8")) as { name?: string }).name === "edgeworks") return (root = dir);
      } catch {
        /* not ours; keep looking */
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`dataFile: cannot find the edgeworks package root above ${__dirname}`);
    dir = up;
  }
}

/**
 * The path of a data file shipped in edgeworks' `data/` folder (e.g. the Rietveld table of
 * Gent et al. 2017), independent of the working directory.
 *
 * @param name - path inside `data/`, e.g. `"gent2017/table-s2-rietveld.tsv"`.
 * @returns the absolute path.
 * @throws Error naming the file and listing where it looked when it does not exist.
 * @example
 * const s2 = readTable(dataFile("gent2017/table-s2-rietveld.tsv"));
 */
export function dataFile(name: string): string {
  if (typeof name !== "string" || name === "" || name.split(/[\\/]/).includes("..")) {
    throw new TypeError(`dataFile: name must be a path inside edgeworks' data/ folder (no ".."), got ${JSON.stringify(name)}`);
  }
  const dataDir = join(packageRoot(), "data");
  const p = resolve(dataDir, name);
  if (!existsSync(p)) throw new Error(`dataFile: ${name} is not in edgeworks' data folder (${dataDir})`);
  return p;
}
