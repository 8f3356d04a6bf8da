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
