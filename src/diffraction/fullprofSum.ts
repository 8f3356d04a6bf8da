/**
 * Reader of FullProf `.sum` files (the summary FullProf.2k writes at the end of a run): per phase
 * the space group, the atom table with esds, the cell with esds, the scale factor, Bragg R-factor,
 * volume and weight fraction; per pattern the wavelengths, zero-point and the agreement factors.
 * Written from real `.sum` files of FullProf.2k 5.40 and 5.60 (single- and two-phase, X-ray and
 * neutron, one pattern); tested on two of them (5.40). Multi-pattern files follow the same
 * `FOR PATTERN: n` blocks but none was at hand to test.
 * @module
 */
import { readRegularFile } from "../io/readRegularFile";
import { StxmFileError } from "../io/errors";
import { checkOptions } from "../util/checkOptions";
import type { Measured } from "./measured";
import { refinedStructure } from "./refinedStructure";
import type { PhaseInHistogram, RefinedCell, RefinedHistogram, RefinedPhase, RefinedSite, RefinementResult } from "./refinementResult";
import { spaceGroup } from "./symmetry/spaceGroup";

/** Options of {@link parseFullprofSum} / {@link readFullprofSum}. */
export interface FullprofSumOptions {
  /** Name of the text in messages and in `source`. @default "FullProf .sum" (the path for {@link readFullprofSum}) */
  name?: string;
}

const BANNER = /PROGRAM FullProf\.2k/;
const NUM = "[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?";
const B_TO_U = 1 / (8 * Math.PI * Math.PI);

/** @internal A number, or a StxmFileError naming the line and field. */
function num(file: string, line: number, field: string, s: string | undefined): number {
  if (s === undefined || !new RegExp(`^${NUM}$`).test(s)) throw new StxmFileError(file, `line ${line}: ${field}`, `expected a number, got ${JSON.stringify(s ?? "")}`);
  return Number(s);
}

/** @internal A value and an esd printed as two numbers; FullProf prints 0 for a fixed parameter, read as NaN. */
function pair(value: number, esd: number): Measured {
  return { value, esd: esd === 0 ? NaN : esd };
}

/**
 * @internal An atom-table value `0.18749(   9)`: the esd is in units of the last printed digit;
 * `(   0)` (not refined) gives esd NaN.
 */
function lastDigitEsd(file: string, line: number, field: string, v: string, e: string): Measured {
  const value = num(file, line, field, v);
  const digits = Number(e);
  if (!Number.isInteger(digits)) throw new StxmFileError(file, `line ${line}: ${field}`, `expected an esd in last-digit units such as (  9), got (${e})`);
  const decimals = v.includes(".") ? v.length - v.indexOf(".") - 1 : 0;
  return { value, esd: digits === 0 ? NaN : digits / 10 ** decimals };
}

/**
 * @internal Split the text after `Phase No.  N` into the phase title and its space group: the
 * longest run of trailing words that is a known Hermann–Mauguin symbol.
 */
function titleAndGroup(rest: string): { title: string; group: string; order?: number } {
  const words = rest.trim().split(/\s+/);
  for (let k = Math.min(6, words.length); k >= 1; k--) {
    const cand = words.slice(words.length - k).join(" ");
    if (!/^[PABCIFR]\b/.test(cand)) continue;
    try {
      const g = spaceGroup(cand);
      return { title: words.slice(0, words.length - k).join(" "), group: cand, order: g.operations.length };
    } catch {
      // not a symbol: try fewer words
    }
  }
  return { title: words.join(" "), group: "" };
}

/**
 * Parse the text of a FullProf `.sum` file.
 *
 * Read: the banner `PROGRAM FullProf.2k` (required); `DAT file code` (the histogram names, in
 * pattern order); the radiation from `Global Refinement of X-ray … / neutron … data`;
 * `Wavelengths` (histogram `other.lambda1`, `other.lambda2`); `No. of fitted parameters`
 * (`statistics.parameters`); per `Phase No.` block its title and space group, the number of
 * reflections, the `ATOM PARAMETERS` table, the `Cell parameters` (six value/esd lines) and the
 * `overall scale factor`; `Zero-point` (`other.zero`, `other.zeroEsd`, NaN when fixed); the reliability factors of
 * each pattern (`WITH ALL NON-EXCLUDED POINTS`: the conventional, background-corrected Rp, Rwp,
 * Rexp and χ² go to the histogram's `R`, `wR`, `other.Rexp`, `other.chi2`, the uncorrected ones to
 * `other["Rp-uncorrected"]` …, `Cycle` to `statistics.cycles`, `N-P+C` and `DW-Stat.`; those `FOR
 * POINTS WITH BRAGG CONTRIBUTIONS` as `other["cRp-bragg"]` …); `Global user-weigthed Chi2`; and
 * per phase of each pattern the `Bragg R-factor`, `Vol` with esd (the cell volume) and
 * `Fract(%)` with esd (weight fraction, divided by 100).
 *
 * Conversions: B (Å²) → Uiso = B/8π² with its esd; FullProf's `occ.` is the occupancy times the
 * site multiplicity over the general multiplicity, so the occupancy returned is `occ.` × (order
 * of the space group)/`Mult` (a note says so; left as printed when the space group is not known).
 * An esd printed as 0 (a fixed parameter) is NaN. With one pattern, `statistics` holds its
 * conventional Rwp, Rp, Rexp and χ². Not read: anisotropic betas (noted), profile, asymmetry,
 * background and the analysis sections.
 *
 * @param text - the `.sum` text.
 * @param options - {@link FullprofSumOptions}.
 * @returns a {@link RefinementResult} with `program: "FullProf"` (residuals in %).
 * @throws StxmFileError naming the file, line and field: no FullProf banner, no reliability
 *   factors (the run did not finish), a phase without cell parameters, a malformed number.
 * @example
 * const r = readFullprofSum("pbso4.sum");
 * r.statistics.wR;                              // conventional Rwp, %
 * r.phases[0].cell.a;                           // { value: 8.47884, esd: 0.00015 }
 * r.phases[0].histograms[0].weightFraction;     // { value: 1, esd: 0.005 }
 */
export function parseFullprofSum(text: string, options: FullprofSumOptions = {}): RefinementResult {
  checkOptions("parseFullprofSum", options, ["name"]);
  const file = options.name ?? "FullProf .sum";
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (!lines.slice(0, 30).some((l) => BANNER.test(l))) {
    throw new StxmFileError(file, "line 1", "expected the banner \"PROGRAM FullProf.2k\" in the first lines: not a FullProf .sum file");
  }
  const notes: string[] = [];
  const statistics: RefinementResult["statistics"] = {};
  const histograms: RefinedHistogram[] = [];
  type Draft = { title: string; group: string; order?: number; line: number; sites: RefinedSite[]; mult: number[]; cell?: Measured[]; scale?: Measured; reflections?: number; inHist: PhaseInHistogram[] };
  const drafts: Draft[] = [];
  let radiation: RefinedHistogram["radiation"] = "unknown";
  let radiationEvidence = "";
  const lambdas: number[][] = [];
  let draft: Draft | undefined;
  let pattern = 0;
  let bragg = false;
  let braggPhase: Draft | undefined;
  const hist = (n: number): RefinedHistogram => {
    while (histograms.length < n) histograms.push({ name: `pattern ${histograms.length + 1}`, radiation, radiationEvidence, other: {} });
    return histograms[n - 1];
  };
  const datNames: string[] = [];

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const ln = i + 1;
    let m: RegExpExecArray | null;
    if ((m = /=> DAT file code:\s*(\S+)/.exec(l))) datNames.push(m[1]);
    else if ((m = /=> Global Refinement of (.*?) data/.exec(l)) && !radiationEvidence) {
      radiation = /neutron/i.test(m[1]) ? "neutron" : /x-ray/i.test(m[1]) ? "x-ray" : "unknown";
      radiationEvidence = `line ${ln}: "${l.trim()}"`;
    } else if ((m = new RegExp(`=> Wavelengths:\\s*(${NUM})\\s+(${NUM})`).exec(l))) lambdas.push([Number(m[1]), Number(m[2])]);
    else if ((m = /=> No\. of fitted parameters:\s*(\d+)/.exec(l))) statistics.parameters = Number(m[1]);
    else if ((m = /=> Phase No\.\s*(\d+)(.*)$/.exec(l))) {
      const tg = titleAndGroup(m[2]);
      draft = { ...tg, line: ln, sites: [], mult: [], inHist: [] };
      drafts.push(draft);
      if (!tg.group) notes.push(`line ${ln}: phase ${m[1]}: no known space-group symbol at the end of "${m[2].trim()}"; occupancies left as printed`);
    } else if (draft && (m = /No\. of reflections for pattern#:\s*\d+:\s*(\d+)/.exec(l))) draft.reflections = Number(m[1]);
    else if (draft && /==> ATOM PARAMETERS:/.test(l)) {
      let k = i + 1;
      while (k < lines.length && !/^\s*Name\s+x\s+sx/.test(lines[k])) k++;
      for (k = k + 1; k < lines.length; k++) {
        const row = lines[k];
        if (row.trim() === "") break;
        const r = new RegExp(`^\\s*(\\S+)\\s+((?:${NUM}\\(\\s*\\d+\\)\\s*){5})(\\d+)\\s*$`).exec(row);
        if (!r) throw new StxmFileError(file, `line ${k + 1}: atom table`, `expected "Name x(sx) y(sy) z(sz) B(sB) occ.(socc.) Mult", got ${JSON.stringify(row.trim())}`);
        const vals = [...r[2].matchAll(new RegExp(`(${NUM})\\(\\s*(\\d+)\\)`, "g"))];
        const [x, y, z, b, occ] = vals.map((v, j) => lastDigitEsd(file, k + 1, `atom ${r[1]} ${["x", "y", "z", "B", "occ."][j]}`, v[1], v[2]));
        const mult = Number(r[3]);
        const f = draft.order && mult > 0 ? draft.order / mult : 1;
        draft.sites.push({ label: r[1], species: r[1].replace(/[^A-Za-z].*$/, ""), x, y, z, occupancy: { value: occ.value * f, esd: occ.esd * f }, uiso: { value: b.value * B_TO_U, esd: b.esd * B_TO_U } });
        draft.mult.push(mult);
      }
      i = k;
    } else if (draft && /Anisotropic Betas/.test(l)) notes.push(`line ${ln}: phase "${draft.title}": anisotropic betas not read; uiso is from the B column`);
    else if (draft && /=> Cell parameters\s*:/.test(l)) {
      const cell: Measured[] = [];
      for (let k = 1; k <= 6; k++) {
        const parts = (lines[i + k] ?? "").trim().split(/\s+/);
        cell.push(pair(num(file, i + k + 1, `cell parameter ${k}`, parts[0]), num(file, i + k + 1, `cell parameter ${k} esd`, parts[1])));
      }
      if (!draft.cell) draft.cell = cell;
      i += 6;
    } else if (draft && (m = new RegExp(`=> overall scale factor\\s*:\\s*(${NUM})\\s+(${NUM})`).exec(l))) draft.scale ??= pair(Number(m[1]), Number(m[2]));
    else if ((m = /GLOBAL PARAMETERS FOR PATTERN#\s*(\d+)/.exec(l))) pattern = Number(m[1]);
    else if (pattern && (m = new RegExp(`=> Zero-point:\\s*(${NUM})\\s+(${NUM})`).exec(l))) Object.assign(hist(pattern).other, { zero: Number(m[1]), zeroEsd: pair(0, Number(m[2])).esd });
    else if ((m = /RELIABILITY FACTORS WITH ALL NON-EXCLUDED POINTS FOR PATTERN:\s*(\d+)/.exec(l))) {
      pattern = Number(m[1]);
      bragg = false;
    } else if ((m = /RELIABILITY FACTORS FOR POINTS WITH BRAGG CONTRIBUTIONS FOR PATTERN:\s*(\d+)/.exec(l))) {
      pattern = Number(m[1]);
      bragg = true;
    } else if (pattern && (m = /=> Cycle:\s*(\d+)/.exec(l))) statistics.cycles = Number(m[1]);
    else if (pattern && (m = new RegExp(`=> N-P\\+C:\\s*(${NUM})`).exec(l))) hist(pattern).other[bragg ? "N-P+C-bragg" : "N-P+C"] = Number(m[1]);
    else if (pattern && /R-factors \(not corrected for background\)|Conventional Rietveld R-factors/.test(l)) {
      const conventional = /Conventional/.test(l);
      const r = new RegExp(`=> Rp:\\s*(${NUM})\\s+Rwp:\\s*(${NUM})\\s+Rexp:\\s*(${NUM})\\s+Chi2:\\s*(${NUM})`).exec(lines[i + 1] ?? "");
      if (!r) throw new StxmFileError(file, `line ${i + 2}: R-factors`, `expected "=> Rp: … Rwp: … Rexp: … Chi2: …", got ${JSON.stringify((lines[i + 1] ?? "").trim())}`);
      const [rp, rwp, rexp, chi2] = r.slice(1, 5).map(Number);
      const h = hist(pattern);
      const tag = (n: string) => `${conventional ? "c" : ""}${n}${conventional ? "" : "-uncorrected"}${bragg ? "-bragg" : ""}`;
      Object.assign(h.other, { [tag("Rp")]: rp, [tag("Rwp")]: rwp, [tag("Rexp")]: rexp, [`chi2${bragg ? "-bragg" : ""}`]: chi2 });
      if (conventional && !bragg) {
        h.R = rp;
        h.wR = rwp;
        Object.assign(h.other, { Rexp: rexp, chi2 });
      }
      i += 1;
    } else if (pattern && !bragg && (m = new RegExp(`=> DW-Stat\\.:\\s*(${NUM})`).exec(l))) hist(pattern).other["DW-Stat"] = Number(m[1]);
    else if ((m = new RegExp(`Global user-weigthed Chi2 \\(Bragg contrib\\.\\):\\s*(${NUM})`).exec(l))) hist(pattern || 1).other["chi2-global-bragg"] = Number(m[1]);
    else if ((m = /BRAGG R-Factors and weight fractions for Pattern #\s*(\d+)/.exec(l))) pattern = Number(m[1]);
    else if ((m = /^\s*=> Phase:\s*(\d+)/.exec(l))) {
      braggPhase = drafts[Number(m[1]) - 1];
      if (!braggPhase) throw new StxmFileError(file, `line ${ln}: Bragg R-factors`, `phase ${m[1]} has no "Phase No." block above`);
    } else if (braggPhase && /=> Bragg R-factor:/.test(l)) {
      const r = new RegExp(`Bragg R-factor:\\s*(${NUM})\\s+Vol:\\s*(${NUM})\\(\\s*(${NUM})\\)\\s+Fract\\(%\\):\\s*(${NUM})\\(\\s*(${NUM})\\)`).exec(l);
      if (!r) throw new StxmFileError(file, `line ${ln}: Bragg R-factor`, `expected "Bragg R-factor: … Vol: …( …) Fract(%): …( …)", got ${JSON.stringify(l.trim())}`);
      const [rb, vol, volEsd, fr, frEsd] = r.slice(1, 6).map(Number);
      braggPhase.inHist.push({ histogram: String(pattern), rBragg: rb, weightFraction: { value: fr / 100, esd: frEsd === 0 ? NaN : frEsd / 100 }, ...(braggPhase.reflections !== undefined ? { reflections: braggPhase.reflections } : {}), ...(braggPhase.scale ? { phaseFraction: braggPhase.scale } : {}) });
      if (braggPhase.cell && braggPhase.cell.length === 6) braggPhase.cell.push(pair(vol, volEsd));
      braggPhase = undefined;
    }
  }

  if (!histograms.some((h) => h.wR !== undefined)) {
    throw new StxmFileError(file, "reliability factors", "expected \"RELIABILITY FACTORS WITH ALL NON-EXCLUDED POINTS\" with the conventional Rp, Rwp, Rexp, Chi2; found none: the run did not finish, or this is not a .sum file");
  }
  histograms.forEach((h, k) => {
    if (datNames[k]) h.name = datNames[k];
    h.radiation = radiation;
    h.radiationEvidence = radiationEvidence || "no \"Global Refinement of … data\" line";
    if (lambdas[k]) Object.assign(h.other, { lambda1: lambdas[k][0], lambda2: lambdas[k][1] });
  });
  if (histograms.length === 1) {
    const h = histograms[0];
    Object.assign(statistics, { wR: h.wR, Rp: h.R, Rexp: h.other.Rexp, chi2: h.other.chi2 });
  }
  const phases: RefinedPhase[] = drafts.map((d) => {
    if (!d.cell) throw new StxmFileError(file, `line ${d.line}: phase "${d.title}"`, "expected \"=> Cell parameters :\" with six value/esd lines below the phase header; found none");
    const [a, b, c, alpha, beta, gamma, volume] = d.cell;
    const cell: RefinedCell = { a, b, c, alpha, beta, gamma, volume: volume ?? { value: NaN, esd: NaN } };
    if (d.order) notes.push(`phase "${d.title}": occupancies are FullProf's occ. × ${d.order} (order of ${d.group}) / Mult`);
    for (const h of d.inHist) h.histogram = histograms[Number(h.histogram) - 1]?.name ?? h.histogram;
    return { name: d.title, structure: refinedStructure(d.title, d.group, cell, d.sites, `${file}: FullProf phase ${d.title}`), cell, sites: d.sites, histograms: d.inHist };
  });
  return { program: "FullProf", source: file, kind: "single", phases, histograms, statistics, block: { index: 1, count: 1, line: 1 }, notes };
}

/**
 * Read a FullProf `.sum` file: {@link parseFullprofSum} on its text.
 * @throws StxmFileError naming the file when it cannot be read, or as {@link parseFullprofSum}.
 * @example
 * const r = readFullprofSum("refinement.sum");
 */
export function readFullprofSum(path: string, options: FullprofSumOptions = {}): RefinementResult {
  checkOptions("readFullprofSum", options, ["name"]);
  const text = new TextDecoder("latin1").decode(readRegularFile(path, { field: "FullProf summary", maxBytes: 2 ** 30 }));
  return parseFullprofSum(text, { name: path, ...options });
}
