/**
 * Decoding the raw bytes of a numeric HDF5 dataset (as `H5Reader` reads them into the HDF5
 * library's memory) into float64 values.
 *
 * @module
 */
import type { DatasetInfo } from "./h5Read";

/** HDF5 datatype class H5T_INTEGER (`DatasetInfo.typeClass`). @internal */
export const T_INTEGER = 0;
/** HDF5 datatype class H5T_FLOAT (`DatasetInfo.typeClass`). @internal */
export const T_FLOAT = 1;

/**
 * Whether every value of a numeric dataset is exactly a float32 (float16/32 data, 8- and 16-bit
 * integers), so that reading it into a Float32Array loses nothing.
 * @param info the dataset's header (`H5Reader.info`).
 */
export function exactInFloat32(info: DatasetInfo): boolean {
  return info.numeric && (info.typeClass === T_FLOAT ? info.size <= 4 : info.typeClass === T_INTEGER && info.size <= 2);
}

/**
 * @internal The first `n` values of a numeric dataset stored in `bytes` (native byte order,
 * `info.size` bytes per value: float16/32/64, signed or unsigned 8/16/32/64-bit integers) as
 * float64, in storage order. 64-bit integers beyond 2⁵³ are rounded to the nearest float64.
 * @param bytes at least `n · info.size` bytes, aligned to `info.size` (a fresh copy or the HDF5 heap).
 * @param info the dataset's header: `typeClass` T_INTEGER or T_FLOAT, `size`, `signed`.
 * @param n number of values.
 * @returns a new Float64Array of length `n`.
 */
export function decode(bytes: Uint8Array, info: DatasetInfo, n: number): Float64Array {
  const buf = bytes.buffer;
  if (info.typeClass === T_FLOAT) {
    if (info.size === 8) return new Float64Array(buf, bytes.byteOffset, n).slice();
    if (info.size === 4) return Float64Array.from(new Float32Array(buf, bytes.byteOffset, n));
    const h = new Uint16Array(buf, bytes.byteOffset, n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = halfToNumber(h[i]);
    return out;
  }
  const s = info.signed;
  switch (info.size) {
    case 1:
      return Float64Array.from(s ? new Int8Array(buf, bytes.byteOffset, n) : new Uint8Array(buf, bytes.byteOffset, n));
    case 2:
      return Float64Array.from(s ? new Int16Array(buf, bytes.byteOffset, n) : new Uint16Array(buf, bytes.byteOffset, n));
    case 4:
      return Float64Array.from(s ? new Int32Array(buf, bytes.byteOffset, n) : new Uint32Array(buf, bytes.byteOffset, n));
    default: {
      const a = s ? new BigInt64Array(buf, bytes.byteOffset, n) : new BigUint64Array(buf, bytes.byteOffset, n);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = Number(a[i]);
      return out;
    }
  }
}

/** IEEE 754 half precision (the 16 bits as an unsigned integer) to number. */
function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}
