/**
 * CIF numbers with their standard uncertainties: `4.9558(1)`, `-0.25`, `1.2e-3(4)`, `109.267(1)`,
 * and the two special values `?` (unknown) and `.` (not applicable).
 * @module
 */
import type { CifValue } from "./cifSyntax";

/** A number read from a CIF: the value and its esd (NaN when not written). */
export interface CifNumber {
  value: number;
  /** Standard uncertainty in the unit of the value; NaN when the file gives none. */
  esd: number;
}

const NUMBER = /^([+-]?)(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+))?(?:\((\d+)\))?$/;

/**
 * Read a CIF number: `4.9558(1)` → 4.9558 ± 0.0001 (the digits in parentheses count in units of
 * the last decimal written), `1.2e-3(4)` → 0.0012 ± 0.0004, `0.5` → 0.5 ± NaN.
 *
 * @param v the value as parsed.
 * @param file the file, for messages.
 * @param tag the tag, for messages.
 * @returns the number, or undefined for an unquoted `?` or `.`.
 * @throws Error `x.cif: line 12: _cell_length_a: expected a number such as 4.9558(1), got "4.95.58"`.
 * @example
 * cifNumber({ text: "4.9558(1)", line: 3, quoted: false }, "x.cif", "_cell_length_a"); // { value: 4.9558, esd: 0.0001 }
 */
export function cifNumber(v: CifValue, file: string, tag: string): CifNumber | undefined {
  if (!v.quoted && (v.text === "?" || v.text === ".")) return undefined;
  const m = NUMBER.exec(v.text.trim());
  if (!m) throw new Error(`${file}: line ${v.line}: ${tag}: expected a number such as 4.9558(1), got "${v.text}"`);
  const [, sign, mantissa, expText, esdDigits] = m;
  const exp = expText === undefined ? 0 : Number(expText);
  const value = Number(`${sign}${mantissa}e${exp}`);
  let esd = NaN;
  if (esdDigits !== undefined) {
    const decimals = mantissa.includes(".") ? mantissa.length - mantissa.indexOf(".") - 1 : 0;
    esd = Number(`${esdDigits}e${exp - decimals}`);
  }
  return { value, esd };
}
