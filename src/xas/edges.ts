/**
 * Tabulated absorption-edge energies of the elements the Li-rich cathode papers measure.
 * @module
 */

/** An absorption edge name. */
export type EdgeName = "K" | "L1" | "L2" | "L3";

/**
 * Edge energies in eV (elements in the elemental state), from the X-ray Data Booklet / xraydb
 * (Bearden & Burr as tabulated there): K, L₁, L₂, L₃ for Li, C, O, F, P, S, Ti, V, Cr, Mn, Fe, Co,
 * Ni, Cu, Zn, Zr, Nb, Mo, Ru, Rh, Pd, Sn, Ir, Pt. Ru K = 22117 eV (the Xu 2018 foil calibration).
 *
 * @example
 * EDGE_ENERGIES.Ni.K;  // 8333
 * EDGE_ENERGIES.Ni.L3; // 852.7
 */
export const EDGE_ENERGIES: Readonly<Record<string, Readonly<Partial<Record<EdgeName, number>>>>> = {
  Li: { K: 54.7 },
  C: { K: 284.2 },
  O: { K: 543.1 },
  F: { K: 696.7 },
  P: { K: 2145.5, L2: 136, L3: 135 },
  S: { K: 2472, L2: 163.6, L3: 162.5 },
  Ti: { K: 4966, L1: 560.9, L2: 460.2, L3: 453.8 },
  V: { K: 5465, L1: 626.7, L2: 519.8, L3: 512.1 },
  Cr: { K: 5989, L1: 696, L2: 583.8, L3: 574.1 },
  Mn: { K: 6539, L1: 769.1, L2: 649.9, L3: 638.7 },
  Fe: { K: 7112, L1: 844.6, L2: 719.9, L3: 706.8 },
  Co: { K: 7709, L1: 925.1, L2: 793.2, L3: 778.1 },
  Ni: { K: 8333, L1: 1008.6, L2: 870, L3: 852.7 },
  Cu: { K: 8979, L1: 1096.7, L2: 952.3, L3: 932.7 },
  Zn: { K: 9659, L1: 1196.2, L2: 1044.9, L3: 1021.8 },
  Zr: { K: 17998, L1: 2532, L2: 2307, L3: 2223 },
  Nb: { K: 18986, L1: 2698, L2: 2465, L3: 2371 },
  Mo: { K: 20000, L1: 2866, L2: 2625, L3: 2520 },
  Ru: { K: 22117, L1: 3224, L2: 2967, L3: 2838 },
  Rh: { K: 23220, L1: 3412, L2: 3146, L3: 3004 },
  Pd: { K: 24350, L1: 3604, L2: 3330, L3: 3173 },
  Sn: { K: 29200, L1: 4465, L2: 4156, L3: 3929 },
  Ir: { K: 76111, L1: 13419, L2: 12824, L3: 11215 },
  Pt: { K: 78395, L1: 13880, L2: 13273, L3: 11564 },
};

/**
 * The tabulated energy of an edge.
 *
 * @param element - element symbol, e.g. "Ru" (case as in the periodic table; "ru" is accepted).
 * @param edge - "K", "L1", "L2" or "L3". Default "K".
 * @returns the energy in eV.
 * @throws Error naming the element/edge and what is tabulated.
 * @example
 * edgeEnergy("Ru");        // 22117
 * edgeEnergy("Mn", "L3");  // 638.7
 */
export function edgeEnergy(element: string, edge: EdgeName = "K"): number {
  if (typeof element !== "string") throw new TypeError(`edgeEnergy: element must be a symbol like "Ru", got ${typeof element}`);
  const sym = element.trim().charAt(0).toUpperCase() + element.trim().slice(1).toLowerCase();
  const row = EDGE_ENERGIES[sym];
  if (!row) throw new Error(`edgeEnergy: element "${element}" is not tabulated; expected one of: ${Object.keys(EDGE_ENERGIES).join(", ")}`);
  const v = row[edge];
  if (v === undefined) throw new Error(`edgeEnergy: ${sym} has no tabulated "${String(edge)}" edge; tabulated: ${Object.keys(row).join(", ")}`);
  return v;
}
