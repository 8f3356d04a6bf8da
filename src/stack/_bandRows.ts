/**
 * @internal The rows of a {@link StackSource} as optical density, band after band, for
 * `preprocessSeriesInBands`: raw rows are read into one reused window (in whole stored chunks of
 * rows when the source says how it is chunked, as float32 when its values are float32), and each
 * row is turned into OD once, into a second reused buffer that holds the rows of the current
 * band and its margins. Nothing grows with the number of bands.
 * @module
 */
import type { Stack } from "../types/stack";
import type { StackSource } from "../io/stackSource";
import { derive, type Rect } from "./_util";
import type { I0Result } from "./extractI0";
import { opticalDensity } from "./opticalDensity";

/** The raw window is read in whole chunks of rows only while it stays below this many bytes. */
const MAX_CHUNK_WINDOW_BYTES = 256 * 2 ** 20;

/**
 * @internal A rectangle of a source at every energy as a counts {@link Stack} like `base` (a
 * read of the source): through `readInto` when the source has it (float32 values stay float32,
 * so the rectangle takes half the memory and the HDF5 library holds one energy at a time).
 */
export async function readRect(src: StackSource, base: Stack, rect: Rect): Promise<Stack> {
  const rows: [number, number] = [rect.y0, rect.y1];
  const columns: [number, number] = [rect.x0, rect.x1];
  if (!src.readInto) return src.read({ rows, columns });
  const h = rect.y1 - rect.y0, w = rect.x1 - rect.x0;
  const n = src.nE * h * w;
  const buf = src.valueType === "float32" ? new Float32Array(n) : new Float64Array(n);
  await src.readInto({ rows, columns }, buf);
  return derive(base, { data: buf, ny: h, nx: w, x: src.x.subarray(rect.x0, rect.x1), y: src.y.subarray(rect.y0, rect.y1) });
}

/**
 * @internal A pass applied to each OD row as it is made (e.g. the x pass of a separable shift),
 * writing `width` values: `apply(e, src, row, dst, dstOff)` reads the row of `nx` values at
 * `src[row]` (energy e) and writes `dst[dstOff … dstOff + width − 1]`.
 */
export interface RowPass {
  width: number;
  apply(e: number, src: Float64Array, row: number, dst: Float64Array, dstOff: number): void;
}

/** @internal OD rows `[lo, hi)` of every energy: row y of energy e starts at `data[offset(e, y)]`, rows `width` apart (nx, or the row pass's width). */
export interface OdRows {
  data: Float64Array;
  offset(e: number, y: number): number;
}

/**
 * @internal Optical density of a source's rows, for bands that move down the image
 * (`lo` and `hi` never decrease from one call of {@link BandRows.od} to the next).
 */
export class BandRows {
  /** OD rows held at most: the band and its margins. */
  readonly capacity: number;
  private readonly nE: number;
  private readonly ny: number;
  private readonly nx: number;
  private readonly odBuf: Float64Array;
  private odLo = 0;
  private odHi = 0;
  private readonly raw: Float32Array | Float64Array;
  private readonly rawCap: number;
  private rawLo = 0;
  private rawHi = 0;
  private readonly chunk: number;
  private readonly fresh: Float32Array | Float64Array;
  private readonly freshOd: Float64Array;
  private readonly piece: number;
  private readonly width: number;

  /**
   * @param src - the source (its `readInto` is used when present, else `read`).
   * @param base - a read of the source (quantity, dwell, metadata of the OD input).
   * @param i0 - the incident flux for `opticalDensity`.
   * @param bandRows - rows per band; `margin` - rows read beyond each side of a band.
   * @param pass - applied to each OD row once, as it is made; its output is what {@link od} holds.
   */
  constructor(private readonly src: StackSource, private readonly base: Stack, private readonly i0: I0Result, bandRows: number, margin: number, private readonly pass?: RowPass) {
    const { nE, ny, nx } = src;
    this.nE = nE;
    this.ny = ny;
    this.nx = nx;
    this.capacity = Math.min(ny, bandRows + 2 * margin);
    this.width = pass ? pass.width : nx;
    this.odBuf = new Float64Array(nE * this.capacity * this.width);
    const f32 = src.readInto !== undefined && src.valueType === "float32";
    const bytes = f32 ? 4 : 8;
    const c = src.chunkRows ?? 1;
    const chunked = c > 1 && nE * Math.min(ny, this.capacity + c) * nx * bytes <= MAX_CHUNK_WINDOW_BYTES;
    this.chunk = chunked ? c : 1;
    // After the first band a band needs bandRows new rows: the window holds them and one chunk of
    // rows (the first band, which needs all its capacity, reads only the rows it needs if they do not fit).
    this.rawCap = Math.min(ny, Math.max(this.capacity, bandRows + this.chunk));
    this.raw = f32 ? new Float32Array(nE * this.rawCap * nx) : new Float64Array(nE * this.rawCap * nx);
    // OD is made a few rows at a time (the logarithm's buffers stay small)
    this.piece = Math.max(1, Math.min(bandRows, this.capacity, 2));
    this.fresh = f32 ? new Float32Array(nE * this.piece * nx) : new Float64Array(nE * this.piece * nx);
    this.freshOd = new Float64Array(nE * this.piece * nx);
  }

  /** OD of rows `[lo, hi)` (hi − lo ≤ capacity); the view is valid until the next call. */
  async od(lo: number, hi: number): Promise<OdRows> {
    const { nE, nx, capacity: cap, width: W } = this;
    if (hi - lo > cap || lo < 0 || hi > this.ny || lo >= hi) throw new RangeError(`BandRows.od: rows [${lo}, ${hi}) outside the image or more than ${cap} rows`);
    if (lo < this.odLo || lo >= this.odHi) {
      this.odLo = this.odHi = lo;
    } else if (lo > this.odLo) {
      for (let e = 0; e < nE; e++) this.odBuf.copyWithin(e * cap * W, (e * cap + lo - this.odLo) * W, (e * cap + this.odHi - this.odLo) * W);
      this.odLo = lo;
    }
    if (this.odHi < hi) await this.ensureRaw(this.odHi, hi);
    while (this.odHi < hi) {
      const y0 = this.odHi;
      const k = Math.min(this.piece, hi - y0);
      const fresh = this.fresh.subarray(0, nE * k * nx);
      for (let e = 0; e < nE; e++) {
        const from = (e * this.rawCap + y0 - this.rawLo) * nx;
        fresh.set(this.raw.subarray(from, from + k * nx), e * k * nx);
      }
      const counts = derive(this.base, { data: fresh, ny: k, nx, x: this.src.x, y: this.src.y.subarray(y0, y0 + k) });
      const od = opticalDensity(counts, { i0: this.i0, out: this.freshOd }).stack.data as Float64Array; // a view of freshOd
      const pass = this.pass;
      for (let e = 0; e < nE; e++) {
        const at = (e * cap + y0 - this.odLo) * W;
        if (!pass) this.odBuf.set(od.subarray(e * k * nx, (e + 1) * k * nx), at);
        else for (let j = 0; j < k; j++) pass.apply(e, od, (e * k + j) * nx, this.odBuf, at + j * W);
      }
      this.odHi += k;
    }
    const odLo = this.odLo;
    return { data: this.odBuf, offset: (e, y) => (e * cap + y - odLo) * W };
  }

  /** Make the raw window hold rows `[y0, y1)`, reading on to the end of the chunk `y1 − 1` falls in when the window has room. */
  private async ensureRaw(y0: number, y1: number): Promise<void> {
    if (y0 >= this.rawLo && y1 <= this.rawHi) return;
    const { nE, nx, rawCap } = this;
    if (y0 < this.rawLo || y0 >= this.rawHi) {
      this.rawLo = this.rawHi = y0;
    } else if (y0 > this.rawLo) {
      for (let e = 0; e < nE; e++) this.raw.copyWithin(e * rawCap * nx, (e * rawCap + y0 - this.rawLo) * nx, (e * rawCap + this.rawHi - this.rawLo) * nx);
      this.rawLo = y0;
    }
    const aligned = Math.min(this.ny, Math.ceil(y1 / this.chunk) * this.chunk);
    const end = aligned - this.rawLo <= rawCap ? aligned : y1;
    const at = this.rawHi - this.rawLo;
    const rows: [number, number] = [this.rawHi, end];
    if (this.src.readInto) {
      await this.src.readInto({ rows }, this.raw, rawCap, at);
    } else {
      const part = await this.src.read({ rows });
      const k = end - this.rawHi;
      for (let e = 0; e < nE; e++) this.raw.set(part.data.subarray(e * k * nx, (e + 1) * k * nx), (e * rawCap + at) * nx);
    }
    this.rawHi = end;
  }
}
