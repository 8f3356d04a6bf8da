// Shared helpers for the STXM io tests: tiny stacks, temporary folders, exact comparisons.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeStack, type Stack, type StackInit } from "../../src/types/stack";

/** A 2×3×4 stack ([nE, ny, nx]) with distinct, hand-checkable values: value = 1000e + 10y + x + 0.25. */
export function tinyStack(over: Partial<StackInit> = {}): Stack {
  const nE = over.nE ?? 2;
  const ny = over.ny ?? 3;
  const nx = over.nx ?? 4;
  const data = new Float64Array(nE * ny * nx);
  for (let e = 0; e < nE; e++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) data[(e * ny + y) * nx + x] = 1000 * e + 10 * y + x + 0.25;
  return makeStack({
    data,
    nE,
    ny,
    nx,
    energies: Array.from({ length: nE }, (_, i) => 700.5 + 1.25 * i),
    x: Array.from({ length: nx }, (_, i) => -1.5 + 0.5 * i),
    y: Array.from({ length: ny }, (_, i) => 7.25 + 0.5 * i),
    dwell: Array.from({ length: nE }, (_, i) => 2 + i),
    channel: "PMT",
    ...over,
  });
}

/** Assert that two stacks hold the same numbers, shape, axes and labels (metadata and source aside). */
export function assertSameStack(got: Stack, want: Stack): void {
  assert.deepEqual([got.nE, got.ny, got.nx], [want.nE, want.ny, want.nx], "shape");
  assert.deepEqual(Array.from(got.data), Array.from(want.data), "data");
  assert.deepEqual(Array.from(got.energies), Array.from(want.energies), "energies");
  assert.deepEqual(Array.from(got.x), Array.from(want.x), "x");
  assert.deepEqual(Array.from(got.y), Array.from(want.y), "y");
  assert.deepEqual(Array.from(got.dwell), Array.from(want.dwell), "dwell");
  assert.equal(got.channel, want.channel, "channel");
  assert.equal(got.scanType, want.scanType, "scanType");
  assert.equal(got.quantity, want.quantity, "quantity");
}

/** A fresh temporary folder; call the returned function to remove it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "edgeworks-io-test-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** SHA-256 of a file, to check that readers never modify their input. */
export function fileHash(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** The folder of real instrument files, or undefined when it is absent. */
export const EXTERNAL_STXM: string = join(__dirname, "..", "..", "..", "shared", "external", "stxm");
