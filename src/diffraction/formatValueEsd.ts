/**
 * Writing a value with its esd as `value(esd)`, with GSAS-II's rounding rules (`ValEsd`).
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import type { Measured } from "./measured";

/** Options of {@link formatValueEsd}. */
export interface FormatValueEsdOptions {
  /**
   * Print the esd in parentheses. With `false` the value is only rounded to the precision the
   * esd justifies (GSAS-II's negative esd). @default true
   */
  showEsd?: boolean;
  /** Remove trailing zeros after the decimal point when no esd is printed (GSAS-II's `nTZ`). @default false */
  trimZeros?: boolean;
}

const OPTIONS = ["showEsd", "trimZeros"] as const;

/** log10(1.95): esds whose leading digits are below 1.95 keep two digits (the "19 rule"). */
const TWO_DIGIT_CUTOFF = 0.290034611362518;

/** Python's round(): to the nearest integer, exact halves to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Python's `"{:.nf}".format(x)`: correctly rounded, exact binary ties to even (toFixed sends them up). */
function fixed(x: number, n: number): string {
  const up = x.toFixed(n);
  const full = Math.abs(x).toFixed(100);
  const dot = full.indexOf(".");
  const tail = full.slice(dot + 1 + n);
  if (!/^50*$/.test(tail)) return up;
  const kept = full.slice(0, dot + 1 + n).replace(/\.$/, "");
  const last = Number(kept[kept.length - 1]);
  if (last % 2 === 0) return (x < 0 ? "-" : "") + kept;
  return up;
}

/**
 * Format a value with its esd as crystallographers and GSAS-II write it. The esd is reduced to
 * one or two significant digits by the "19 rule": two digits when its leading digits are below
 * 1.95 (0.0015 → `(15)`, 0.0019 → `(19)`), else one (0.00195 → `(2)`, 0.0003 → `(3)`); the value
 * is rounded to the same decimal place. Scientific notation with the exponent after the esd is
 * used when the esd's last digit is left of the decimal point or |value| is above 10⁶ or below
 * 10⁻⁴ (`1.235(3)e4`). An esd of 0 (or NaN, "not given") prints about six significant figures
 * and no parentheses. This follows GSAS-II's `ValEsd` (GSASIImath), including Python's
 * round-half-even; two deviations where `ValEsd` fails: a value of 0 with esd, or an esd more
 * than ten times the value, are written in the esd's exponent (`0(3)e1`), and `trimZeros` also
 * removes a bare trailing decimal point.
 *
 * @param value - the value (finite).
 * @param esd - its esd, ≥ 0 (0 or NaN: no esd).
 * @param options - {@link FormatValueEsdOptions}.
 * @returns the text, e.g. `"4.9558(1)"`.
 * @throws RangeError for a non-finite value or a negative or infinite esd; Error for an unknown option.
 * @example
 * formatValueEsd(1.2346, 0.003);  // "1.235(3)"
 * formatValueEsd(12346, 30);      // "1.235(3)e4"
 * formatValueEsd(4.95581, 0.00015); // "4.95581(15)"
 * formatValueEsd(1.2346, 0);      // "1.23460"
 * formatValueEsd(1.2395, 0.003, { showEsd: false, trimZeros: true }); // "1.24"
 */
export function formatValueEsd(value: number, esd: number, options: FormatValueEsdOptions = {}): string {
  checkOptions("formatValueEsd", options, OPTIONS);
  if (typeof value !== "number" || !Number.isFinite(value)) throw new RangeError(`formatValueEsd: value must be a finite number, got ${String(value)}`);
  if (typeof esd !== "number" || esd < 0 || esd === Infinity) {
    throw new RangeError(`formatValueEsd: esd must be a finite number ≥ 0 (0 or NaN for none), got ${String(esd)}; to print only the precision an esd justifies use { showEsd: false }`);
  }
  const e = Number.isNaN(esd) ? 0 : esd;
  const showEsd = options.showEsd ?? true;
  let intesd = 0;
  let esdoff = 5;
  if (e !== 0) {
    let l = Math.log10(e) % 1;
    if (l < 0) l += 1;
    if (l < TWO_DIGIT_CUTOFF) l += 1;
    intesd = roundHalfEven(10 ** l);
    esdoff = roundHalfEven(Math.log10(intesd / e));
  }
  const abs = Math.abs(value);
  let valoff = 0;
  if (esdoff < 0 || abs > 1e6 || (abs < 1e-4 && value !== 0)) {
    valoff = abs > 1 ? Math.trunc(Math.log10(abs)) : Math.trunc(Math.log10(abs) - 0.9999999);
  }
  if (e !== 0 && valoff + esdoff < 0) valoff = -esdoff; // ValEsd would fail here (esd ≫ value, or value 0)
  let out: string;
  if (e !== 0) out = fixed(value / Number(`1e${valoff}`), valoff + esdoff);
  else if (valoff !== 0) out = fixed(value / Number(`1e${valoff}`), esdoff);
  else {
    let extra = value === 0 ? 0 : -Math.log10(abs);
    if (extra > 0) extra += 1;
    out = fixed(value, Math.max(0, esdoff + Math.trunc(extra)));
  }
  if (e !== 0 && showEsd) out += `(${intesd})`;
  else if (options.trimZeros && out.includes(".")) out = out.replace(/0+$/, "").replace(/\.$/, "");
  if (valoff !== 0) out += `e${valoff}`;
  return out;
}

/**
 * {@link formatValueEsd} of a {@link Measured} value.
 * @example
 * formatMeasured({ value: 0.030964, esd: 0.000964 }); // "0.0310(10)"
 */
export function formatMeasured(m: Measured, options: FormatValueEsdOptions = {}): string {
  if (m === null || typeof m !== "object") throw new TypeError(`formatMeasured: expected { value, esd }, got ${m === null ? "null" : typeof m}`);
  return formatValueEsd(m.value, m.esd, options);
}
