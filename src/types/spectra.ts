/**
 * A set of spectra on one energy axis: end members, PCA/NMF components, reference sets,
 * per-sample averages. It is a {@link Matrix} (rows = spectra, columns = energies) whose
 * columns have energies and whose rows have names.
 * @module
 */
import { checkMatrixArg, describe, type Dim, type Matrix } from "./matrix";
import { checkEnergyAxis, checkInterpolation, interpolateAt, type Interpolation, type Spectrum } from "./spectrum";

/**
 * `nRows` spectra × `nCols` energies, row-major (`data[i * nCols + e]`), with the energies of the
 * columns and the names of the rows. `R` names what the rows are (`"member"`, `"component"`,
 * `"reference"`, `"spectrum"`, `"sample"`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Spectra<R extends Dim = any> extends Matrix<R, "energy"> {
  /** Energies in eV, increasing, length `nCols`. */
  readonly energies: Float64Array;
  /** One name per spectrum, length `nRows`. */
  readonly names: readonly string[];
  /** Unit of the values ("" when unitless). */
  readonly unit: string;
}

/** Fields of {@link makeSpectra}. */
export interface SpectraInit<R extends Dim = Dim> {
  /** Energies in eV, increasing. */
  energies: ArrayLike<number>;
  /** The spectra: one flat row-major array `[n, nE]` (kept, not copied, when a Float64Array) or one array per spectrum. */
  values: Float64Array | readonly ArrayLike<number>[];
  /** Names (default "1", "2", …). */
  names?: readonly string[];
  /** Unit of the values (default ""). */
  unit?: string;
  /** What the rows are (default "spectrum"). */
  dim?: R;
}

/**
 * Make a {@link Spectra} set, checking every length.
 *
 * @throws RangeError naming the spectrum or field that disagrees.
 * @example
 * const refs = makeSpectra({ energies: T.energies, values: [reduced, oxidised], names: ["reduced", "oxidised"], dim: "reference" });
 */
export function makeSpectra<R extends Dim = "spectrum">(init: SpectraInit<R>): Spectra<R> {
  const fn = "makeSpectra";
  const energies = checkEnergyAxis(fn, "energies", Float64Array.from(init.energies));
  const nE = energies.length;
  let data: Float64Array;
  let n: number;
  if (init.values instanceof Float64Array) {
    if (init.values.length % nE !== 0) throw new RangeError(`${fn}: values has length ${init.values.length}, not a multiple of the ${nE} energies`);
    data = init.values;
    n = data.length / nE;
  } else if (Array.isArray(init.values)) {
    n = init.values.length;
    data = new Float64Array(n * nE);
    init.values.forEach((v, i) => {
      if (v?.length !== nE) throw new RangeError(`${fn}: values[${i}]${init.names?.[i] ? ` ("${init.names[i]}")` : ""} has length ${v?.length}, expected ${nE} (one per energy)`);
      for (let e = 0; e < nE; e++) data[i * nE + e] = v[e];
    });
  } else {
    throw new TypeError(`${fn}: values must be a Float64Array [n, nE] or an array of spectra, got ${describe(init.values)}`);
  }
  const names = init.names ? [...init.names] : Array.from({ length: n }, (_, i) => String(i + 1));
  if (names.length !== n) throw new RangeError(`${fn}: ${names.length} names for ${n} spectra`);
  const dim = (init.dim ?? "spectrum") as R;
  return { data, nRows: n, nCols: nE, dims: [dim, "energy"], energies, names, unit: init.unit ?? "" };
}

/**
 * @internal Check a {@link Spectra} argument (a matrix with `energies` of length nCols and `names` of length nRows).
 */
export function checkSpectraArg(fn: string, name: string, s: unknown): Spectra {
  const m = checkMatrixArg(fn, name, s);
  const sp = s as Partial<Spectra>;
  if (!(sp.energies instanceof Float64Array) || sp.energies.length !== m.nCols) {
    throw new TypeError(`${fn}: ${name} must be Spectra with energies (length ${m.nCols}); got ${describe(sp.energies)} — make one with makeSpectra({ energies, values, names })`);
  }
  if (!Array.isArray(sp.names) || sp.names.length !== m.nRows) throw new TypeError(`${fn}: ${name}.names must list ${m.nRows} names, got ${describe(sp.names)}`);
  return s as Spectra;
}

/** @internal Index of a spectrum given by index or name. */
export function spectrumIndex(fn: string, s: Spectra, which: number | string): number {
  if (typeof which === "string") {
    const i = s.names.indexOf(which);
    if (i < 0) throw new RangeError(`${fn}: no spectrum named "${which}"; the names are ${s.names.map((n) => `"${n}"`).join(", ")}`);
    return i;
  }
  if (!Number.isInteger(which) || which < 0 || which >= s.nRows) throw new RangeError(`${fn}: spectrum index ${which} is outside [0, ${s.nRows})`);
  return which;
}

/**
 * One spectrum of a set, by index or name; its values are a view into the set (no copy).
 * @example
 * const oxidised = spectrumOf(em.members, "oxidised");
 */
export function spectrumOf(s: Spectra, which: number | string): Spectrum {
  const i = spectrumIndex("spectrumOf", s, which);
  return { energies: s.energies, values: s.data.subarray(i * s.nCols, (i + 1) * s.nCols), name: s.names[i], unit: s.unit };
}

/**
 * Every spectrum of a set, in order (views, no copy).
 * @example
 * for (const m of spectraList(em.members)) console.log(m.name, valueAt(m, 530.8));
 */
export function spectraList(s: Spectra): Spectrum[] {
  return s.names.map((_, i) => spectrumOf(s, i));
}

/**
 * Spectra from single spectra. By default they must share one energy axis; with `grid` each is
 * resampled onto it (linear unless `interpolation` says otherwise).
 *
 * @throws RangeError when the energies differ and no grid is given.
 * @example
 * const refs = spectraFrom([ruO2, ruCl3, ru], { dim: "reference" });
 */
export function spectraFrom<R extends Dim = "spectrum">(list: readonly Spectrum[], options: { grid?: ArrayLike<number>; interpolation?: Interpolation; dim?: R; unit?: string } = {}): Spectra<R> {
  const fn = "spectraFrom";
  if (!Array.isArray(list) || list.length === 0) throw new TypeError(`${fn}: expected a non-empty array of spectra, got ${describe(list)}`);
  const how = checkInterpolation(fn, options.interpolation ?? "linear");
  const grid = options.grid ? Float64Array.from(options.grid) : list[0].energies;
  checkEnergyAxis(fn, options.grid ? "grid" : "spectra[0].energies", grid);
  const rows = list.map((s, i) => {
    if (!options.grid) {
      const same = s.energies.length === grid.length && s.energies.every((e: number, j: number) => e === grid[j]);
      if (!same) throw new RangeError(`${fn}: spectra[${i}]${s.name ? ` ("${s.name}")` : ""} has other energies than spectra[0]; pass { grid } to resample them onto one axis`);
      return s.values;
    }
    return Float64Array.from(grid, (e: number) => interpolateAt(s.energies, s.values, e, how));
  });
  return makeSpectra({ energies: grid, values: rows, names: list.map((s, i) => s.name || String(i + 1)), unit: options.unit ?? list[0].unit ?? "", dim: (options.dim ?? "spectrum") as R });
}

/**
 * Some spectra of a set, in the order given (by index or name), optionally renamed; values copied.
 * @example
 * const three = selectSpectra(em.members, [2, 0, 1], { names: ["reduced", "oxidised", "binder"] });
 */
export function selectSpectra<R extends Dim>(s: Spectra<R>, which: readonly (number | string)[], options: { names?: readonly string[] } = {}): Spectra<R> {
  const fn = "selectSpectra";
  checkSpectraArg(fn, "spectra", s);
  const idx = which.map((w) => spectrumIndex(fn, s, w));
  if (options.names && options.names.length !== idx.length) throw new RangeError(`${fn}: ${options.names.length} names for ${idx.length} spectra`);
  const data = new Float64Array(idx.length * s.nCols);
  idx.forEach((i, j) => data.set(s.data.subarray(i * s.nCols, (i + 1) * s.nCols), j * s.nCols));
  return { data, nRows: idx.length, nCols: s.nCols, dims: s.dims, energies: s.energies, names: options.names ? [...options.names] : idx.map((i) => s.names[i]), unit: s.unit };
}

/**
 * Spectra of several edges joined along the energy axis, row by row (e.g. Ni, Co and Mn L₃ end
 * members as one spectrum each); the sets must have the same number of spectra and their energy
 * ranges must not overlap. Names are taken from the first set.
 * @example
 * const joined = concatEnergies(members.Ni, members.Co, members.Mn);
 */
export function concatEnergies<R extends Dim>(...sets: Spectra<R>[]): Spectra<R> {
  const fn = "concatEnergies";
  if (sets.length === 0) throw new TypeError(`${fn}: expected at least one set of spectra`);
  sets.forEach((s, i) => checkSpectraArg(fn, `sets[${i}]`, s));
  const n = sets[0].nRows;
  sets.forEach((s, i) => { if (s.nRows !== n) throw new RangeError(`${fn}: sets[${i}] has ${s.nRows} spectra, sets[0] has ${n}; expected the same number`); });
  const order = sets.map((s, i) => i).sort((a, b) => sets[a].energies[0] - sets[b].energies[0]);
  const nE = sets.reduce((t, s) => t + s.nCols, 0);
  const energies = new Float64Array(nE);
  const data = new Float64Array(n * nE);
  let off = 0;
  for (const i of order) {
    const s = sets[i];
    if (off > 0 && !(s.energies[0] > energies[off - 1])) throw new RangeError(`${fn}: the energy ranges overlap (sets[${i}] starts at ${s.energies[0]} eV, below ${energies[off - 1]} eV)`);
    energies.set(s.energies, off);
    for (let r = 0; r < n; r++) data.set(s.data.subarray(r * s.nCols, (r + 1) * s.nCols), r * nE + off);
    off += s.nCols;
  }
  return { data, nRows: n, nCols: nE, dims: sets[0].dims, energies, names: [...sets[0].names], unit: sets[0].unit };
}

/**
 * A number that characterises a spectrum, for ordering: the value at an energy (`530.8` or
 * `{ at: 530.8 }`), the difference of values at two energies (`{ difference: [641.6, 643.6] }`),
 * their ratio (`{ ratio: [852.9, 855.1] }`), the height of a peak above the line through its two
 * sides (`{ peak: [530.1, 530.8, 531.4] }`: value at the middle energy minus the mean of the values
 * at the outer two), or any function of the spectrum.
 */
export type MarkerScore =
  | number
  | { at: number }
  | { difference: readonly [number, number] }
  | { ratio: readonly [number, number] }
  | { peak: readonly [number, number, number] }
  | ((s: Spectrum) => number);

/**
 * The score of a spectrum (see {@link MarkerScore}); values read with linear interpolation.
 * @example
 * markerScore(spectrumOf(members, 0), { ratio: [852.9, 855.1] });
 */
export function markerScore(s: Spectrum, score: MarkerScore): number {
  const at = (e: number): number => {
    const v = interpolateAt(s.energies, s.values, e, "linear");
    if (Number.isNaN(v)) throw new RangeError(`markerScore: ${e} eV is outside the spectrum${s.name ? ` "${s.name}"` : ""} (${s.energies[0]} … ${s.energies[s.energies.length - 1]} eV)`);
    return v;
  };
  if (typeof score === "function") return score(s);
  if (typeof score === "number") return at(score);
  if ("at" in score) return at(score.at);
  if ("difference" in score) return at(score.difference[0]) - at(score.difference[1]);
  if ("ratio" in score) return at(score.ratio[0]) / at(score.ratio[1]);
  if ("peak" in score) return at(score.peak[1]) - 0.5 * (at(score.peak[0]) + at(score.peak[2]));
  throw new TypeError(`markerScore: expected a number, { at }, { difference }, { ratio }, { peak } or a function, got ${describe(score)}`);
}

/** Options of {@link orderSpectra}. */
export interface OrderSpectraOptions {
  /** The spectra are sorted by this score, ascending (unless `descending`). */
  by: MarkerScore;
  /** Sort descending instead. Default false. */
  descending?: boolean;
  /** Put the spectrum with the lowest of this score last, before sorting the others (e.g. the carbon/binder member, which lacks the 529.3 eV TM–O peak: `{ lowestLast: 529.3 }`). */
  lowestLast?: MarkerScore;
  /** Put the spectrum with the highest of this score last instead. */
  highestLast?: MarkerScore;
  /** New names, in the new order. */
  names?: readonly string[];
}

/**
 * The order of a set of spectra by marker energies, as the papers name end members by their
 * features: e.g. reduced before oxidised by the 530.8 eV pre-edge peak, carbon/binder last.
 *
 * @returns `order[j]` = index in `s` of the j-th spectrum of the new order.
 * @example
 * const order = spectraOrder(members, { lowestLast: 529.3, by: 530.8 }); // [reduced, oxidised, binder]
 */
export function spectraOrder(s: Spectra, options: OrderSpectraOptions): number[] {
  const fn = "orderSpectra";
  for (const k of Object.keys(options)) if (!["by", "descending", "lowestLast", "highestLast", "names"].includes(k)) throw new Error(`${fn}: unknown option "${k}"; expected one of: by, descending, lowestLast, highestLast, names`);
  checkSpectraArg(fn, "spectra", s);
  const list = spectraList(s);
  let rest = list.map((_, i) => i);
  let last: number | undefined;
  if (options.lowestLast !== undefined && options.highestLast !== undefined) throw new Error(`${fn}: give lowestLast or highestLast, not both`);
  const lastScore = options.lowestLast ?? options.highestLast;
  if (lastScore !== undefined) {
    const sc = rest.map((i) => markerScore(list[i], lastScore));
    const pick = options.lowestLast !== undefined ? sc.indexOf(Math.min(...sc)) : sc.indexOf(Math.max(...sc));
    last = rest[pick];
    rest = rest.filter((i) => i !== last);
  }
  const score = new Map(rest.map((i) => [i, markerScore(list[i], options.by)]));
  rest.sort((a, b) => (options.descending ? score.get(b)! - score.get(a)! : score.get(a)! - score.get(b)!) || a - b);
  return last === undefined ? rest : [...rest, last];
}

/**
 * The spectra reordered by marker energies (see {@link spectraOrder}), optionally renamed.
 * @example
 * const members = orderSpectra(em.members, { lowestLast: 529.3, by: 530.8, names: ["reduced", "oxidised", "carbon/binder"] });
 */
export function orderSpectra<R extends Dim>(s: Spectra<R>, options: OrderSpectraOptions): Spectra<R> {
  return selectSpectra(s, spectraOrder(s, options), { names: options.names });
}
