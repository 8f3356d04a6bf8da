/**
 * Parsing crystallographers' `value(esd)` notation: `4.9558(1)` = 4.9558 ± 0.0001.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import type { Measured } from "./measured";

/** Options of {@link parseValueEsd}. */
export interface ParseValueEsdOptions {
  /** Where the text came from, put in front of error messages (e.g. `"table-s2.tsv: line 4: column a"`). */
  where?: string;
  /** Divide a value written with `%` (and its esd) by 100. @default false (keep the number as printed) */
  percentAsFraction?: boolean;
}

const OPTIONS = ["where", "percentAsFraction"] as const;

// sign, mantissa, exponent, (esd), exponent, %
const PATTERN = /^([+\-\u2212]?)(\d+\.?\d*|\.\d+)(?:[eE]([+\-\u2212]?\d+))?(?:\(\s*(\d+(?:\.\d*)?|\.\d+)\s*\))?(?:[eE]([+\-\u2212]?\d+))?\s*(%?)$/;

const EXPECTED = "a number with an optional esd in parentheses, like 4.9558(1), -0.12(3), 1.2(12), 1.235(3)e4 or 3.1(2)%";

/** Why `text` is not a value(esd), for the message. */
function reason(text: string): string {
  const open = (text.match(/\(/g) ?? []).length;
  const close = (text.match(/\)/g) ?? []).length;
  if (text === "") return "an empty string";
  if (open !== close) return `${JSON.stringify(text)} (unbalanced parentheses)`;
  if (open > 1) return `${JSON.stringify(text)} (more than one esd in parentheses)`;
  if (/\(\s*[-+\u2212]/.test(text)) return `${JSON.stringify(text)} (a signed esd; an esd is ≥ 0)`;
  if (/\(\s*\)/.test(text)) return `${JSON.stringify(text)} (empty parentheses)`;
  if (/\d\.\d*\./.test(text)) return `${JSON.stringify(text)} (two decimal points)`;
  return JSON.stringify(text);
}

/**
 * Parse a value with its esd as crystallographers print it. The digits in parentheses are the
 * esd in units of the last digit of the value: `4.9558(1)` is 4.9558 ± 0.0001, `0.0257(8)` is
 * 0.0257 ± 0.0008, `1.2(12)` is 1.2 ± 1.2, `12345(67)` is 12345 ± 67, `5.0309(0)` has esd 0.
 * An exponent may follow the value or the esd (GSAS-II writes `1.235(3)e4` = 12350 ± 30). An esd
 * with a decimal point is absolute, as FullProf prints it (`75.50(1.00)` = 75.50 ± 1.00). A
 * trailing `%` is allowed (`3.1(2)%`). A value without parentheses gets esd NaN ("not given").
 * The esd is built from its digits as text, so `0.0257(8)` gives exactly the double nearest 0.0008.
 *
 * @param text - the string; surrounding white space is ignored; `−` (U+2212) counts as a minus.
 * @param options - {@link ParseValueEsdOptions}.
 * @returns a {@link Measured} `{ value, esd }` in the unit of the text (percent stays percent
 *   unless `percentAsFraction`).
 * @throws Error naming the string (and `where`) and what was expected, e.g.
 *   `parseValueEsd: expected a number with an optional esd in parentheses, like 4.9558(1), …, got "4.9558(1" (unbalanced parentheses)`.
 * @example
 * parseValueEsd("4.9558(1)");   // { value: 4.9558, esd: 0.0001 }
 * parseValueEsd("-0.12(3)");    // { value: -0.12, esd: 0.03 }
 * parseValueEsd("1.235(3)e4");  // { value: 12350, esd: 30 }
 * parseValueEsd("3.1(2)%", { percentAsFraction: true }); // { value: 0.031, esd: 0.002 }
 * parseValueEsd("1.92");        // { value: 1.92, esd: NaN }
 */
export function parseValueEsd(text: string, options: ParseValueEsdOptions = {}): Measured {
  checkOptions("parseValueEsd", options, OPTIONS);
  const where = options.where ? `${options.where}: ` : "";
  if (typeof text !== "string") throw new TypeError(`${where}parseValueEsd: expected a string, got ${text === null ? "null" : typeof text}`);
  const t = text.trim();
  const m = PATTERN.exec(t);
  if (!m || (m[3] !== undefined && m[5] !== undefined)) {
    throw new Error(`${where}parseValueEsd: expected ${EXPECTED}, got ${m ? `${JSON.stringify(t)} (two exponents)` : reason(t)}`);
  }
  const [, signText, mantissa, exp1, esdText, exp2, percent] = m;
  const sign = signText === "-" || signText === "\u2212" ? "-" : "";
  const expText = (exp1 ?? exp2 ?? "0").replace("\u2212", "-");
  const shift = percent === "%" && options.percentAsFraction ? -2 : 0;
  const exp = Number(expText) + shift;
  const value = Number(`${sign}${mantissa}e${exp}`);
  let esd = NaN;
  if (esdText !== undefined) {
    if (esdText.includes(".")) {
      esd = Number(`${esdText}e${exp}`);
    } else {
      const decimals = mantissa.includes(".") ? mantissa.length - mantissa.indexOf(".") - 1 : 0;
      esd = Number(`${esdText}e${exp - decimals}`);
    }
  }
  if (!Number.isFinite(value) || Number.isFinite(esd) === false && !Number.isNaN(esd)) {
    throw new Error(`${where}parseValueEsd: ${JSON.stringify(t)} is out of the range of a double`);
  }
  return { value, esd };
}
