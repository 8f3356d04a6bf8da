/**
 * Reading the cells of cycler text exports: numbers (with decimal point or comma), durations
 * (`1d 02:03:04.5`, `02:03:04`) and dates.
 * @module
 */

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A number cell: `1.5`, `-2e-3`, or with `decimalComma` `1,5`; `nan` (any case) is NaN;
 * anything else `undefined`.
 * @example
 * numberCell("0,017", true); // 0.017
 */
export function numberCell(s: string, decimalComma: boolean): number | undefined {
  const t = decimalComma ? s.replace(",", ".") : s;
  if (NUMBER.test(t)) return Number(t);
  if (/^[+-]?nan$/i.test(t)) return NaN;
  return undefined;
}

/**
 * A duration cell in seconds: `[N d ]hh:mm:ss[.fff]` or `mm:ss[.f]` (decimal point or comma),
 * or `undefined`.
 * @example
 * durationCell("  1d 02:03:04.5"); // 93784.5
 */
export function durationCell(s: string): number | undefined {
  const m = /^\s*(?:(\d+)\s*d\s*)?(?:(\d+):)?(\d+):(\d+(?:[.,]\d*)?)\s*$/.exec(s);
  if (!m) return undefined;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3]) * 60 + Number(m[4].replace(",", "."));
}

/**
 * A date-time cell as Unix seconds, reading the wall-clock time as UTC (cycler exports carry
 * no time zone): `YYYY-MM-DD[ T]hh:mm:ss[.fff]`, `MM/DD/YYYY hh:mm:ss[ AM|PM]` (US order, as
 * Maccor and Arbin write), `DD.MM.YYYY hh:mm:ss`; `undefined` otherwise.
 * @example
 * dateCell("12/11/2020 12:22:17");    // 1607689337
 * dateCell("2011-01-03 10:38:25");    // 1294051105
 */
export function dateCell(s: string): number | undefined {
  let m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2}):(\d{2}(?:[.,]\d+)?)\s*$/.exec(s);
  let y: number, mo: number, d: number, h: number, mi: number, sec: number;
  if (m) {
    [y, mo, d, h, mi, sec] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6].replace(",", "."))];
  } else if ((m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2}(?:[.,]\d+)?)\s*(AM|PM)?\s*$/i.exec(s))) {
    [mo, d, y, h, mi, sec] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6].replace(",", "."))];
    if (m[7]) {
      const pm = m[7].toUpperCase() === "PM";
      if (h === 12) h = pm ? 12 : 0;
      else if (pm) h += 12;
    }
  } else if ((m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2}(?:[.,]\d+)?)\s*$/.exec(s))) {
    [d, mo, y, h, mi, sec] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6].replace(",", "."))];
  } else return undefined;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec >= 61) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, 0) / 1000 + sec;
}
