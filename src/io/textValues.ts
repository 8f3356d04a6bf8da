/**
 * The number and text conventions shared by the text STXM formats (SDF `.hdr` / `.xim` / `.xsp`,
 * aXis2000 `.dat`): what counts as a decimal number, and the UTF-8 byte-order mark.
 *
 * @module
 */

/**
 * A decimal number as the beamline software writes it: optional sign, digits with an optional
 * point, optional exponent (`853`, `-0.6180`, `.5`, `-6.2774386e+066`). Hexadecimal (`0x10`),
 * `Infinity`, empty text and embedded spaces are not numbers here, although `Number()` takes them.
 */
export const DECIMAL_NUMBER: RegExp = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The value of a decimal number token, or NaN when the token is not one ({@link DECIMAL_NUMBER}).
 * @example
 * parseDecimal("-6.2774386e+066"); // -6.2774386e66
 * parseDecimal("0x10");            // NaN
 */
export function parseDecimal(token: string): number {
  return DECIMAL_NUMBER.test(token) ? Number(token) : NaN;
}

/** Exact powers of ten, 10^0 … 10^22 (every one is a double exactly). */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * The value of the decimal number `text[a, b)` when it is short enough to compute exactly without
 * `Number()`: at most 15 significant digits and a decimal exponent (after moving the point) of
 * at most 22 either way. Then mantissa and power of ten are both exact doubles and one product
 * or quotient rounds correctly (Clinger's fast path), so the result is bit for bit `Number()`'s.
 * Returns `undefined` for anything else: longer numbers, and text that is not a
 * {@link DECIMAL_NUMBER} (the caller then takes the general path, which also names the fault).
 * @example
 * fastDecimal("x -12.5e-3 y", 2, 10); // -0.0125
 */
export function fastDecimal(text: string, a: number, b: number): number | undefined {
  let i = a;
  let c = text.charCodeAt(i);
  const neg = c === 45;
  if (c === 43 || c === 45) c = text.charCodeAt(++i);
  let m = 0;
  let digits = 0; // significant digits in m
  let any = false; // at least one mantissa digit
  let frac = 0; // digits after the point
  let point = false;
  for (; i < b; c = text.charCodeAt(++i)) {
    if (c >= 48 && c <= 57) {
      any = true;
      if (point) frac++;
      if (m === 0 && c === 48) continue; // leading zeros add nothing
      if (++digits > 15) return undefined;
      m = m * 10 + (c - 48);
    } else if (c === 46 && !point) {
      point = true;
    } else break;
  }
  if (!any) return undefined;
  let e = 0;
  if (i < b) {
    if (c !== 101 && c !== 69) return undefined;
    c = text.charCodeAt(++i);
    const eNeg = c === 45;
    if (c === 43 || c === 45) c = text.charCodeAt(++i);
    if (i >= b) return undefined;
    for (; i < b; c = text.charCodeAt(++i)) {
      if (c < 48 || c > 57 || e > 1000) return undefined;
      e = e * 10 + (c - 48);
    }
    if (eNeg) e = -e;
  }
  const k = e - frac;
  let v: number;
  if (m === 0) v = 0;
  else if (k >= 0 && k <= 22) v = m * POW10[k];
  else if (k < 0 && k >= -22) v = m / POW10[-k];
  else return undefined;
  return neg ? -v : v;
}

/**
 * Text without a leading UTF-8 byte-order mark, whether it was decoded as UTF-8 (one character,
 * U+FEFF) or as Latin-1 (three characters, `ï»¿`).
 * @example
 * withoutByteOrderMark("\ufeffA = 1;"); // "A = 1;"
 */
export function withoutByteOrderMark(text: string): string {
  if (text.startsWith("\ufeff")) return text.slice(1);
  if (text.startsWith("\u00ef\u00bb\u00bf")) return text.slice(3);
  return text;
}
