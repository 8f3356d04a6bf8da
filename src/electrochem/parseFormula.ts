/**
 * Chemical formulas with decimal or fractional amounts, e.g. "Li1.2Ni0.2Ru0.6O2", "Li7/6Ni4/9Ru7/18O2".
 * @module
 */
import { ATOMIC_WEIGHTS } from "./atomicWeights";

/**
 * The amount of each element in a formula (moles per formula unit). Accepts element symbols
 * followed by an optional amount — an integer, a decimal or a fraction `a/b` — and groups in
 * parentheses or brackets with a multiplier, e.g. `"Li1.2Ni0.2Mn0.6O2"`, `"Li7/6Ni4/9Ru7/18O2"`,
 * `"Li[Li0.2Ni0.2Mn0.6]O2"`, `"Ca(OH)2"`. Spaces and a middle dot are not allowed.
 *
 * @param formula - the formula.
 * @returns amounts by element symbol, in order of first appearance.
 * @throws Error naming the position and the unknown element or the bad character.
 * @example
 * parseFormula("Li1.2Ni0.2Ru0.6O2"); // { Li: 1.2, Ni: 0.2, Ru: 0.6, O: 2 }
 */
export function parseFormula(formula: string): Record<string, number> {
  const fn = "parseFormula";
  if (typeof formula !== "string" || formula.length === 0) throw new TypeError(`${fn}: formula must be a non-empty string like "Li1.2Ni0.2Mn0.6O2", got ${JSON.stringify(formula)}`);
  let pos = 0;
  const amount = (): number => {
    const m = /^(\d+(?:\.\d*)?|\.\d+)(?:\/(\d+(?:\.\d*)?))?/.exec(formula.slice(pos));
    if (!m) return 1;
    pos += m[0].length;
    const v = m[2] === undefined ? Number(m[1]) : Number(m[1]) / Number(m[2]);
    if (!Number.isFinite(v)) throw new Error(`${fn}: "${formula}": bad amount "${m[0]}" at position ${pos - m[0].length}`);
    return v;
  };
  const group = (close: string | undefined): Record<string, number> => {
    const out: Record<string, number> = {};
    const add = (el: string, n: number) => { out[el] = (out[el] ?? 0) + n; };
    while (pos < formula.length) {
      const ch = formula[pos];
      if (ch === "(" || ch === "[") {
        pos++;
        const inner = group(ch === "(" ? ")" : "]");
        const k = amount();
        for (const [el, n] of Object.entries(inner)) add(el, n * k);
        continue;
      }
      if (ch === ")" || ch === "]") {
        if (ch !== close) throw new Error(`${fn}: "${formula}": unexpected "${ch}" at position ${pos}`);
        pos++;
        return out;
      }
      const m = /^[A-Z][a-z]?/.exec(formula.slice(pos));
      if (!m) throw new Error(`${fn}: "${formula}": unexpected "${ch}" at position ${pos}; expected an element symbol (capital letter first), a number or a bracket`);
      const el = m[0];
      if (!(el in ATOMIC_WEIGHTS)) throw new Error(`${fn}: "${formula}": unknown element "${el}" at position ${pos}`);
      pos += el.length;
      add(el, amount());
    }
    if (close) throw new Error(`${fn}: "${formula}": missing "${close}"`);
    return out;
  };
  return group(undefined);
}

/**
 * Molar mass of a formula unit, g/mol, from {@link ATOMIC_WEIGHTS}.
 * @param formula - see {@link parseFormula}.
 * @throws Error for an unknown element or a malformed formula.
 * @example
 * molarMass("Li1.2Ni0.2Mn0.6O2"); // 85.03 g/mol
 */
export function molarMass(formula: string): number {
  let m = 0;
  for (const [el, n] of Object.entries(parseFormula(formula))) m += n * ATOMIC_WEIGHTS[el];
  return m;
}
