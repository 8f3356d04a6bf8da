// Shared by the XAS reader tests: a scratch folder for hand-made files, the real fixtures and
// the ../shared/external folder (tests skip with a message when it is absent), and the
// comparison with larch's outputs (python/ref_xas_io.py → test/fixtures/xas/io/ref_*.json).
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { XasScan } from "../../src/xas/scan";

/** The committed real files (XDI project data, larch examples, …) with their README. */
export const REAL = resolve(__dirname, "../fixtures/xas/io/real");
/** Real files that may not be redistributed, next to the repository (may be absent). */
export const EXTERNAL = resolve(__dirname, "../../../shared/external/xas");
/** Whether {@link EXTERNAL} is there. */
export const haveExternal = existsSync(EXTERNAL);

let scratch: string | undefined;
/** Write `content` to a new file in a scratch folder and return its path. */
export function tmpFile(name: string, content: string | Uint8Array): string {
  scratch ??= mkdtempSync(join(tmpdir(), "xas-io-"));
  const p = join(scratch, name);
  writeFileSync(p, content);
  return p;
}

/** A reference summary written by python/ref_xas_io.py. */
export interface RefSummary {
  names: string[];
  n: number;
  first: Record<string, number>;
  last: Record<string, number>;
  sum: Record<string, number>;
  external?: boolean;
  [k: string]: unknown;
}

/** The reference JSON `ref_<what>.json`. */
export function loadRef(what: string): Record<string, RefSummary> {
  return JSON.parse(readFileSync(resolve(__dirname, `../fixtures/xas/io/ref_${what}.json`), "utf8")) as Record<string, RefSummary>;
}

/** Relative closeness at the scale of the values (sums: 1e-12 of the sum of magnitudes). */
export function close(a: number, b: number, rel = 1e-12, what = ""): void {
  const tol = rel * Math.max(1, Math.abs(a), Math.abs(b));
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tolerance ${tol})`);
}

/** Assert a scan's columns equal larch's summary (names mapped through `rename` when larch renames). */
export function assertMatchesRef(scan: XasScan, ref: RefSummary, rename: (larchName: string) => string = (n) => n): void {
  assert.equal(scan.nPoints, ref.n, `${scan.file}: row count`);
  for (const ln of ref.names) {
    const name = rename(ln);
    const col = scan.columns[name];
    assert.ok(col, `${scan.file}: column ${name} (larch ${ln}) missing; have ${scan.names.join(", ")}`);
    close(col[0], ref.first[ln], 1e-12, `${scan.file} ${name} first`);
    close(col[col.length - 1], ref.last[ln], 1e-12, `${scan.file} ${name} last`);
    let s = 0, m = 0;
    for (const v of col) {
      s += v;
      m += Math.abs(v);
    }
    assert.ok(Math.abs(s - ref.sum[ln]) <= 1e-12 * Math.max(1, m), `${scan.file} ${name} sum: ${s} vs ${ref.sum[ln]}`);
  }
}
