/**
 * Masses written in cycler headers (`12.3 mg`, `0,001 g`) converted to mg.
 * @module
 */

const MASS_UNITS: Readonly<Record<string, number>> = { kg: 1e6, g: 1e3, mg: 1, "µg": 1e-3, "μg": 1e-3, ug: 1e-3 };

/**
 * The mass in mg written as `<number> <unit>` (unit kg, g, mg or µg; a decimal comma is
 * accepted), or `undefined` when the text is not such a mass.
 * @example
 * massInMg("12.3 mg"); // 12.3
 * massInMg("0,001 g"); // 1
 */
export function massInMg(text: string): number | undefined {
  const m = /^\s*([+-]?(?:\d+[.,]?\d*|[.,]\d+)(?:[eE][+-]?\d+)?)\s*([a-zµμ]+)\s*$/.exec(text);
  if (!m) return undefined;
  const f = MASS_UNITS[m[2]];
  if (f === undefined) return undefined;
  const v = Number(m[1].replace(",", ".")) * f;
  return Number.isFinite(v) ? v : undefined;
}
