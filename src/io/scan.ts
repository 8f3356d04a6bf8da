/**
 * What every STXM reader returns: all the stacks of one scan file (one per region and
 * detector channel), plus the options the readers share.
 *
 * @module
 */
import type { Stack } from "../types/stack";

/** The file formats the readers know. */
export type StxmFormat = "sdf" | "nxstxm" | "ncb" | "stk";

/**
 * All the data of one scan file: one {@link Stack} per (region, channel), region-major
 * (all channels of region 0, then region 1, …).
 *
 * Every stack's `metadata` holds at least:
 * - `format` ({@link StxmFormat}), `region` (0-based), `channelIndex` (0-based);
 * - `nonFiniteCount`: how many NaN / ±Infinity values the data holds (0 for clean data;
 *   they are kept as read — see the `rejectNonFinite` option to refuse them instead).
 */
export interface StxmScan {
  /** The file format that was read. */
  readonly format: StxmFormat;
  /** The file name or path given to the reader. */
  readonly source: string;
  /** One stack per region × channel, region-major. */
  readonly stacks: readonly Stack[];
  /** File-level metadata (the parsed header for `.hdr`, entry attributes for NXstxm). */
  readonly metadata: Readonly<Record<string, unknown>>;
  /**
   * What the reader noticed but could read past: disagreeing energies (and which were used),
   * uninitialised values, fallbacks taken (e.g. axes found by conventional names). Empty for a
   * clean file; the kernel shows them under the result.
   */
  readonly warnings: readonly string[];
}

/** Options every reader accepts. */
export interface ReadOptions {
  /** Name used in error messages and as `Stack.source` (default: the path, or "" for bytes). */
  name?: string;
  /** Throw when the data hold NaN or ±Infinity (default false: keep them, count in `metadata.nonFiniteCount`). */
  rejectNonFinite?: boolean;
  /** Largest number of values the reader allocates before refusing the file (default 2^31). */
  maxValues?: number;
}

/** The option keys of {@link ReadOptions}. */
export const READ_OPTION_KEYS: readonly string[] = ["name", "rejectNonFinite", "maxValues"];

/** A monitor signal kept for normalisation (e.g. NXstxm `control`: storage-ring current). */
export interface MonitorData {
  /** Values; shape `[nE, ny, nx]` like the stack when `sameShape`, else as stored (flattened). */
  readonly data: Float64Array;
  /** Units as written in the file (e.g. "mA"); "" when absent. */
  readonly units: string;
  /** True when `data` has the stack's shape and index order. */
  readonly sameShape: boolean;
}

/**
 * The monitor signal recorded with a stack (NXstxm NXmonitor groups), if any.
 * The storage-ring current of PolLux files is the monitor named `"control"` (mA).
 *
 * @param stack a stack from {@link readNxstxm} (other readers record no monitors).
 * @param name the NXmonitor group name (default "control").
 * @returns the monitor, or `undefined` when the file had none of that name.
 * @example
 * const ring = monitorOf(stack, "control"); // ring?.data: Float64Array [nE, ny, nx] in mA
 */
export function monitorOf(stack: Stack, name: string = "control"): MonitorData | undefined {
  const m = stack.metadata["monitors"];
  if (!m || typeof m !== "object") return undefined;
  const v = (m as Record<string, unknown>)[name];
  return v && typeof v === "object" && (v as MonitorData).data instanceof Float64Array ? (v as MonitorData) : undefined;
}
