/**
 * Space groups from Hall symbols (S. R. Hall, Acta Cryst. A37, 517 (1981); International Tables
 * Vol. B §1.4): lattice symbol with centring, up to four generator matrices N with axis and
 * translation symbols, optional origin shift "(0 0 1)" in twelfths; the generators are closed
 * into the whole group.
 * @module
 */
import { closeGroup, multiplyOperations, type SymmetryOperation } from "./operation";

/** Centring translations of the lattice symbols (P A B C I R S T F). */
const CENTRING: Record<string, number[][]> = {
  P: [[0, 0, 0]],
  A: [[0, 0, 0], [0, 1 / 2, 1 / 2]],
  B: [[0, 0, 0], [1 / 2, 0, 1 / 2]],
  C: [[0, 0, 0], [1 / 2, 1 / 2, 0]],
  I: [[0, 0, 0], [1 / 2, 1 / 2, 1 / 2]],
  R: [[0, 0, 0], [2 / 3, 1 / 3, 1 / 3], [1 / 3, 2 / 3, 2 / 3]],
  S: [[0, 0, 0], [1 / 3, 1 / 3, 2 / 3], [2 / 3, 2 / 3, 1 / 3]],
  T: [[0, 0, 0], [1 / 3, 2 / 3, 1 / 3], [2 / 3, 1 / 3, 2 / 3]],
  F: [[0, 0, 0], [0, 1 / 2, 1 / 2], [1 / 2, 0, 1 / 2], [1 / 2, 1 / 2, 0]],
};

/** Rotation matrices (by rows) of the proper rotations N about the principal axes x, y, z. */
const PRINCIPAL: Record<string, Record<string, number[]>> = {
  "1": { x: [1, 0, 0, 0, 1, 0, 0, 0, 1], y: [1, 0, 0, 0, 1, 0, 0, 0, 1], z: [1, 0, 0, 0, 1, 0, 0, 0, 1] },
  "2": { x: [1, 0, 0, 0, -1, 0, 0, 0, -1], y: [-1, 0, 0, 0, 1, 0, 0, 0, -1], z: [-1, 0, 0, 0, -1, 0, 0, 0, 1] },
  "3": { x: [1, 0, 0, 0, 0, -1, 0, 1, -1], y: [-1, 0, 1, 0, 1, 0, -1, 0, 0], z: [0, -1, 0, 1, -1, 0, 0, 0, 1] },
  "4": { x: [1, 0, 0, 0, 0, -1, 0, 1, 0], y: [0, 0, 1, 0, 1, 0, -1, 0, 0], z: [0, -1, 0, 1, 0, 0, 0, 0, 1] },
  "6": { x: [1, 0, 0, 0, 1, -1, 0, 1, 0], y: [0, 0, 1, 0, 1, 0, -1, 0, 1], z: [1, -1, 0, 1, 0, 0, 0, 0, 1] },
};

/** Two-fold axes along face diagonals (' and "), by the preceding rotation's axis. */
const DIAGONAL_2: Record<string, Record<string, number[]>> = {
  "'": { x: [-1, 0, 0, 0, 0, -1, 0, -1, 0], y: [0, 0, -1, 0, -1, 0, -1, 0, 0], z: [0, -1, 0, -1, 0, 0, 0, 0, -1] },
  '"': { x: [-1, 0, 0, 0, 0, 1, 0, 1, 0], y: [0, 0, 1, 0, -1, 0, 1, 0, 0], z: [0, 1, 0, 1, 0, 0, 0, 0, -1] },
};

/** The three-fold axis along the body diagonal a+b+c. */
const BODY_3 = [0, 0, 1, 1, 0, 0, 0, 1, 0];

/** Translation symbols. */
const TRANSLATION: Record<string, number[]> = {
  a: [1 / 2, 0, 0], b: [0, 1 / 2, 0], c: [0, 0, 1 / 2], n: [1 / 2, 1 / 2, 1 / 2],
  u: [1 / 4, 0, 0], v: [0, 1 / 4, 0], w: [0, 0, 1 / 4], d: [1 / 4, 1 / 4, 1 / 4],
};

/**
 * The generators of a Hall symbol: centring translations, the inversion when the lattice symbol
 * has a leading "-", and the matrices N with their translations, all conjugated by the origin shift.
 *
 * @param hall e.g. `"-C 2y"` (C2/m), `"-R 3 2\""` (R-3m, hexagonal axes), `"-F 4 2 3"` (Fm-3m),
 *   `"P 31 2 (0 0 4)"`.
 * @returns the generators (not closed; see {@link operationsFromHall}).
 * @throws Error naming the symbol and the part that could not be read.
 * @example
 * hallGenerators("-P 2ybc").length; // 3: inversion, 2-fold screw, identity centring
 */
export function hallGenerators(hall: string): SymmetryOperation[] {
  const bad = (what: string): never => {
    throw new Error(`Hall symbol "${hall}": ${what}`);
  };
  let text = hall.trim();
  let shift = [0, 0, 0];
  const paren = /\(([^)]*)\)\s*$/.exec(text);
  if (paren) {
    const v = paren[1].trim().split(/[\s,]+/).map(Number);
    if (v.length !== 3 || v.some((x) => !Number.isInteger(x))) bad(`cannot read the origin shift "(${paren[1]})"; expected three integers (twelfths)`);
    shift = v.map((x) => x / 12);
    text = text.slice(0, paren.index).trim();
  }
  const tokens = text.split(/\s+/);
  let lattice = tokens.shift() ?? "";
  const centric = lattice.startsWith("-");
  if (centric) lattice = lattice.slice(1);
  const centring = CENTRING[lattice.toUpperCase()];
  if (!centring) bad(`unknown lattice symbol "${lattice}"; expected one of P A B C I R S T F`);
  const gens: SymmetryOperation[] = centring.map((t) => ({ rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1], translation: t as [number, number, number] }));
  if (centric) gens.push({ rotation: [-1, 0, 0, 0, -1, 0, 0, 0, -1], translation: [0, 0, 0] });
  if (tokens.length > 4) bad(`expected at most 4 matrix symbols, got ${tokens.length}`);
  let previousN = "";
  let previousAxis = "z";
  tokens.forEach((tok, i) => {
    const m = /^(-?)([12346])([1-5]?)([xyz'"*]?)([abcnuvwd]*)$/.exec(tok);
    if (!m) bad(`cannot read the matrix symbol "${tok}"`);
    const [, minus, n, screw, axisSymbol, trans] = m as unknown as string[];
    let axis = axisSymbol;
    if (axis === "") {
      if (i === 0) axis = "z";
      else if (i === 1 && n === "2") axis = previousN === "2" || previousN === "4" ? "x" : previousN === "3" || previousN === "6" ? "'" : "";
      else if (i === 2 && n === "3") axis = "*";
      else if (n === "1") axis = "z";
      if (axis === "") bad(`the axis of "${tok}" cannot be implied; write it (x, y, z, ', ", *)`);
    }
    let rot: number[];
    let principal = axis;
    if (axis === "'" || axis === '"') {
      if (n !== "2") bad(`"${tok}": only 2-fold axes lie along face diagonals`);
      rot = DIAGONAL_2[axis][previousAxis];
      principal = "";
    } else if (axis === "*") {
      if (n !== "3") bad(`"${tok}": only 3-fold axes lie along the body diagonal`);
      rot = BODY_3;
      principal = "";
    } else rot = PRINCIPAL[n][axis];
    if (minus === "-") rot = rot.map((v) => -v);
    const t = [0, 0, 0];
    if (screw !== "") {
      if (principal === "") bad(`"${tok}": a screw component needs a principal axis`);
      t["xyz".indexOf(principal)] += Number(screw) / Number(n);
    }
    for (const ch of trans) {
      const v = TRANSLATION[ch];
      for (let k = 0; k < 3; k++) t[k] += v[k];
    }
    gens.push({ rotation: rot, translation: t as [number, number, number] });
    previousN = n;
    if (principal !== "") previousAxis = principal;
  });
  if (shift.some((v) => v !== 0)) {
    const v: SymmetryOperation = { rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1], translation: shift as [number, number, number] };
    const vInv: SymmetryOperation = { rotation: v.rotation, translation: shift.map((x) => -x) as [number, number, number] };
    return gens.map((g) => multiplyOperations(multiplyOperations(v, g, false), vInv));
  }
  return gens;
}

/**
 * All operations of the space group of a Hall symbol (generators closed under multiplication,
 * translations in [0, 1)), centring translations included.
 * @example
 * operationsFromHall("-R 3 2\"").length; // 36 (R-3m, hexagonal axes: 12 × 3 centrings)
 * operationsFromHall("-F 4 2 3").length; // 192 (Fm-3m)
 */
export function operationsFromHall(hall: string): SymmetryOperation[] {
  return closeGroup(hallGenerators(hall));
}
