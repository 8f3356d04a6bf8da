/**
 * Chemical elements (Z = 1–98): atomic numbers, and reading an element out of a CIF type
 * symbol ("Ni2+", "O2-", "Ni+2", "Co3"; "TM"-style mixed-site labels are refused).
 * @module
 */

/** Atomic number Z of the elements H–Cf. */
export const ATOMIC_NUMBERS: Readonly<Record<string, number>> = {
  H: 1, He: 2, Li: 3, Be: 4, B: 5, C: 6, N: 7, O: 8, F: 9, Ne: 10, Na: 11, Mg: 12, Al: 13, Si: 14, P: 15, S: 16, Cl: 17, Ar: 18, K: 19, Ca: 20, Sc: 21, Ti: 22, V: 23, Cr: 24, Mn: 25, Fe: 26, Co: 27, Ni: 28, Cu: 29, Zn: 30, Ga: 31, Ge: 32, As: 33, Se: 34, Br: 35, Kr: 36, Rb: 37, Sr: 38, Y: 39, Zr: 40, Nb: 41, Mo: 42, Tc: 43, Ru: 44, Rh: 45, Pd: 46, Ag: 47, Cd: 48, In: 49, Sn: 50, Sb: 51, Te: 52, I: 53, Xe: 54, Cs: 55, Ba: 56, La: 57, Ce: 58, Pr: 59, Nd: 60, Pm: 61, Sm: 62, Eu: 63, Gd: 64, Tb: 65, Dy: 66, Ho: 67, Er: 68, Tm: 69, Yb: 70, Lu: 71, Hf: 72, Ta: 73, W: 74, Re: 75, Os: 76, Ir: 77, Pt: 78, Au: 79, Hg: 80, Tl: 81, Pb: 82, Bi: 83, Po: 84, At: 85, Rn: 86, Fr: 87, Ra: 88, Ac: 89, Th: 90, Pa: 91, U: 92, Np: 93, Pu: 94, Am: 95, Cm: 96, Bk: 97, Cf: 98,
};

/** An element symbol with its formal charge as read from a type symbol. */
export interface SpeciesSymbol {
  /** Element symbol, e.g. "Ni". */
  element: string;
  /** Formal charge (+2 for "Ni2+", −2 for "O2-", 0 when not written). */
  charge: number;
}

/**
 * Read the element (and charge) of a CIF `_atom_site_type_symbol` or a site label: "Ni2+" → Ni, +2;
 * "O2-" → O, −2; "Ni+2" (GSAS-II) → Ni, +2; "Li" → Li, 0; "Co3" → Co (digits without a sign are
 * part of a label, charge 0). Case matters as in the periodic table, so "TM" (a mixed
 * transition-metal site) is not read as thulium.
 *
 * @returns the {@link SpeciesSymbol}, or undefined when no element symbol starts the text.
 * @example
 * parseSpecies("Ni2+"); // { element: "Ni", charge: 2 }
 * parseSpecies("O2-");  // { element: "O", charge: -2 }
 */
export function parseSpecies(text: string): SpeciesSymbol | undefined {
  const m = /^([A-Z][a-z]?)(?:(\d*)([+-])(\d*))?/.exec(text.trim());
  if (!m) return undefined;
  const element = m[1];
  if (ATOMIC_NUMBERS[element] === undefined) return undefined;
  const digits = m[2] !== undefined && m[2] !== "" ? m[2] : m[4] ?? "";
  const charge = m[3] ? (m[3] === "-" ? -1 : 1) * (digits === "" ? 1 : Number(digits)) : 0;
  return { element, charge };
}

/**
 * The element of a type symbol, or an Error naming where it came from and the known elements.
 * @throws Error `LNMO.cif: line 42: _atom_site_type_symbol: unknown element "Xx"; expected one of H, Li, …`.
 * @example
 * elementOf("Ni2+", "site Ni1"); // "Ni"
 */
export function elementOf(text: string, where: string): string {
  const s = parseSpecies(text);
  if (!s) throw new Error(`${where}: unknown element "${text}"; expected an element symbol (H–Cf), optionally with a charge such as Ni2+`);
  return s.element;
}

/**
 * A CIF `_atom_site_type_symbol` as the element parser expects it: GSAS2CIF writes type symbols
 * in upper case ("CA", "AL", "NB2+"), which read as carbon or not at all. When the text starts
 * with two upper-case letters whose title case is an element (Ca, Al, Nb), that element is
 * written title-cased; anything else is returned as it is (a site *label* such as "TM" is never
 * passed here).
 * @example
 * typeSymbolCase("CA");   // "Ca"
 * typeSymbolCase("NB5+"); // "Nb5+"
 * typeSymbolCase("O2-");  // "O2-"
 */
export function typeSymbolCase(text: string): string {
  const t = text.trim();
  const m = /^([A-Z])([A-Z])(?![A-Za-z])/.exec(t);
  if (!m) return t;
  const title = m[1] + m[2].toLowerCase();
  return ATOMIC_NUMBERS[title] === undefined ? t : title + t.slice(2);
}