/**
 * Reader of GSAS-II `.lst` refinement listings: the last completed refinement of the file.
 * @module
 */
import { readRegularFile } from "../io/readRegularFile";
import { StxmFileError } from "../io/errors";
import { checkOptions } from "../util/checkOptions";
import type { Measured } from "./measured";
import type { PhaseInHistogram, RefinedCell, RefinedHistogram, RefinedPhase, RefinedSite, RefinementResult } from "./refinementResult";
import { refinedStructure } from "./refinedStructure";

const BANNER = /General Structure Analysis System-II/;
const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/;

interface Line { text: string; n: number }

/** @internal The number in `s` as a whole, or an error naming file, line and field. */
function num(file: string, line: number, field: string, s: string): number {
  const t = s.trim();
  if (!new RegExp(`^${NUMBER.source}$`).test(t)) throw new StxmFileError(file, `line ${line}: ${field}`, `expected a number, got ${JSON.stringify(t)}`);
  return Number(t);
}

/** @internal Numbers of a fixed-layout row with the column where each number's digits end. */
function tokens(text: string): { value: string; end: number }[] {
  const out: { value: string; end: number }[] = [];
  const re = new RegExp(NUMBER.source, "g");
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push({ value: m[0], end: m.index + m[0].length });
  return out;
}

/**
 * @internal Assign the numbers of an esd row to the fields that end at `ends` (digits end at the
 * field's end, ±1: newer GSAS-II shifts the sig row by one column and may wrap an esd in () or []).
 */
function esdsAt(file: string, l: Line, ends: number[], field: string): number[] {
  const out = ends.map(() => NaN);
  for (const t of tokens(l.text.replace(/^\s*(sig|esds)\s*:/, (s) => " ".repeat(s.length)))) {
    const k = ends.findIndex((e) => Math.abs(e - t.end) <= 1);
    if (k < 0) throw new StxmFileError(file, `line ${l.n}: ${field}`, `an esd ${t.value} at column ${t.end} lines up with no value column (value columns end at ${ends.join(", ")})`);
    out[k] = num(file, l.n, field, t.value);
  }
  return out;
}

/** @internal One refinement run of the file: its lines and where it starts. */
interface Block { lines: Line[]; start: number }

/** @internal Why a block is not a completed refinement, or "" when it is one. */
function incomplete(b: Block): string {
  const results = b.lines.findIndex((l) => /^\s*Refinement results/.test(l.text));
  if (results < 0) return "no 'Refinement results' section (the run did not finish)";
  const after = b.lines.slice(results);
  if (/Refinement results for histogram id/.test(b.lines[results].text)) {
    const heads = after.filter((l) => /Refinement results for histogram id/.test(l.text)).length;
    const wr = after.filter((l) => /^\s*wR =\s*[\d.]+%, chi\*\*2/.test(l.text)).length;
    return wr >= heads ? "" : `sequential results for ${heads} histograms but only ${wr} with 'wR = …' (truncated)`;
  }
  if (!after.some((l) => /^\s*wR =\s*[\d.]+%, chi\*\*2/.test(l.text))) return "'Refinement results' without the 'wR = …, chi**2 = …, GOF = …' line (truncated)";
  const echoed = b.lines.slice(0, results).filter((l) => /^\s*Histogram: .* histogram Id: \d+/.test(l.text)).length;
  const finals = after.filter((l) => /Final refinement wR =/.test(l.text)).length;
  if (finals === 0 || finals < echoed) return `'Final refinement wR' for ${finals} of ${Math.max(echoed, 1)} histograms (truncated)`;
  return "";
}

/** Options of {@link parseGsasLst} / {@link readGsasLst}. */
export interface GsasLstOptions {
  /** Name of the text in messages and in `source`. @default "GSAS-II .lst" (the path for {@link readGsasLst}) */
  name?: string;
}

/**
 * Parse the text of a GSAS-II `.lst` file. GSAS-II appends one run per refinement; the last
 * completed run is read (later runs that did not finish are skipped and said so in `notes`).
 * From it: the overall wR, χ², GOF, observations, parameters and cycles; per phase the new unit
 * cell with esds, every atom's x, y, z, frac and Uiso (or U11…U23) with esds, the space group
 * (from the input echo), and per histogram its phase fraction and weight fraction with sigmas
 * and R_F, R_F²; per histogram the final wR, R and the other residuals, and the radiation (X-ray
 * when GSAS-II lists resonant form factors after it, neutron when it lists resonant neutron
 * scattering lengths, a TOF range in msec, or a magnetic phase). Sequential refinements give one
 * histogram entry per data set with its wR, χ² and GOF, and no phase tables.
 * Columns are read by position as GSAS-II writes them (`%10.5f` coordinates, `%8.3f` frac, `%8.5f`
 * U), so run-together fields such as `1.000-0.00419` are split correctly; esds are matched to the
 * column they end under, including newer GSAS-II's `(esd)` / `[esd]` marks for constrained values.
 *
 * @param text - the file's text.
 * @param options - {@link GsasLstOptions}.
 * @returns a {@link RefinementResult} with `program: "GSAS-II"`.
 * @throws StxmFileError naming the file (and line and field): not a GSAS-II listing; no
 *   completed refinement (with why the last run is incomplete); a malformed number; an esd that
 *   lines up with no column.
 * @example
 * const r = readGsasLst("SingleHistFit.lst");
 * r.statistics.wR;                                // 13.99 (%)
 * r.phases[0].cell.a;                             // { value: 7.712694, esd: 0.000035 }
 * r.phases[1].histograms[0].phaseFraction;        // { value: 0.02829, esd: 0.00108 }
 */
export function parseGsasLst(text: string, options: GsasLstOptions = {}): RefinementResult {
  checkOptions("parseGsasLst", options, ["name"]);
  const file = options.name ?? "GSAS-II .lst";
  const all: Line[] = text.split(/\r?\n/).map((t, i) => ({ text: t, n: i + 1 }));
  const starts = all.filter((l) => BANNER.test(l.text)).map((l) => l.n - 1);
  if (starts.length === 0) throw new StxmFileError(file, "header", "expected a GSAS-II listing (a 'General Structure Analysis System-II' banner), found none");
  const blocks: Block[] = starts.map((s, i) => ({ start: s + 1, lines: all.slice(Math.max(0, s - 1), i + 1 < starts.length ? starts[i + 1] - 1 : all.length) }));
  const notes: string[] = [];
  let index = blocks.length - 1;
  for (; index >= 0; index--) {
    const why = incomplete(blocks[index]);
    if (!why) break;
    notes.push(`run ${index + 1} of ${blocks.length} (line ${blocks[index].start}) skipped: ${why}`);
  }
  if (index < 0) {
    throw new StxmFileError(file, "refinement", `expected a completed refinement, found none in ${blocks.length} run(s): ${notes.map((n) => n.replace(/^(run \d+) of \d+ (\(line \d+\)) skipped:/, "$1 $2:")).join("; ")}`);
  }
  const lines = blocks[index].lines;
  const resultsAt = lines.findIndex((l) => /^\s*Refinement results/.test(l.text));
  const echo = lines.slice(0, resultsAt);
  const res = lines.slice(resultsAt);

  // ---- input echo: space groups, magnetic phases, histogram limits, cells
  const echoPhases = new Map<string, { spaceGroup: string; magnetic: boolean; cell?: number[] }>();
  let current: string | undefined;
  const echoHist = new Map<string, { units: string }>();
  for (const l of echo) {
    let m: RegExpExecArray | null;
    if ((m = /^\s*Phase name:\s*(.*?)\s*$/.exec(l.text))) echoPhases.set((current = m[1]), { spaceGroup: "", magnetic: false });
    else if (current && (m = /^\s*Space Group:\s*(.*?)\s*$/.exec(l.text)) && !echoPhases.get(current)!.spaceGroup) echoPhases.get(current)!.spaceGroup = m[1];
    else if (current && /Magnetic moments:|Magnetic scattering factors/.test(l.text)) echoPhases.get(current)!.magnetic = true;
    else if (current && (m = /^\s*Unit cell:\s*a = (\S+) b = (\S+) c = (\S+) alpha = (\S+) beta = (\S+) gamma = (\S+) volume = (\S+)/.exec(l.text))) {
      echoPhases.get(current)!.cell = m.slice(1, 8).map((s, i) => num(file, l.n, `unit cell ${["a", "b", "c", "alpha", "beta", "gamma", "volume"][i]}`, s));
    } else if ((m = /^\s*Histogram:\s*(.*?) histogram Id: \d+/.exec(l.text))) {
      current = undefined;
      echoHist.set(m[1], { units: "" });
    } else if ((m = /^\s*Histogram limits:\s*\S+\s*(\S+) to/.exec(l.text)) && echoHist.size > 0) {
      [...echoHist.values()].pop()!.units = m[1];
    }
  }
  const anyMagnetic = [...echoPhases.values()].some((p) => p.magnetic);

  // ---- overall statistics
  const statistics: RefinementResult["statistics"] = {};
  const histograms: RefinedHistogram[] = [];
  const sequential = /Refinement results for histogram id/.test(res[0].text);
  const radiationOf = (name: string, after: Line[]): Pick<RefinedHistogram, "radiation" | "radiationEvidence"> => {
    for (const l of after) {
      if (/^\s*Histogram: .* histogram Id:|^\s*Phase: .* in histogram:|Refinement results for histogram id/.test(l.text)) break;
      if (/Resonant form factors/.test(l.text)) return { radiation: "x-ray", radiationEvidence: "resonant X-ray form factors listed for the histogram" };
      if (/Resonant neutron scattering lengths/.test(l.text)) return { radiation: "neutron", radiationEvidence: "resonant neutron scattering lengths listed for the histogram" };
    }
    const units = echoHist.get(name)?.units;
    if (units === "msec") return { radiation: "neutron", radiationEvidence: "time-of-flight histogram (limits in msec)" };
    if (units === "keV") return { radiation: "x-ray", radiationEvidence: "energy-dispersive histogram (limits in keV)" };
    if (anyMagnetic) return { radiation: "neutron", radiationEvidence: "a magnetic phase is refined (neutron data)" };
    return { radiation: "unknown", radiationEvidence: "the listing does not say (no resonant scattering table after the histogram)" };
  };
  for (let i = 0; i < res.length; i++) {
    const l = res[i];
    let m: RegExpExecArray | null;
    if ((m = /^\s*wR =\s*(\S+)%, chi\*\*2 =\s*(\S+), GOF =\s*(\S+)/.exec(l.text))) {
      const [wR, chi2, gof] = [num(file, l.n, "wR", m[1]), num(file, l.n, "chi**2", m[2]), num(file, l.n, "GOF", m[3])];
      if (sequential && histograms.length > 0) {
        const h = histograms[histograms.length - 1];
        Object.assign(h.other, { chi2, GOF: gof });
        h.wR = wR;
      } else Object.assign(statistics, { wR, chi2, gof });
    } else if ((m = /No\. of observations:\s*(\d+)\s+No\. of parameters:\s*(\d+)/.exec(l.text)) && !sequential) {
      statistics.observations = Number(m[1]);
      statistics.parameters = Number(m[2]);
    } else if ((m = /for (\d+) cycles?/.exec(l.text)) && !sequential) {
      statistics.cycles = Number(m[1]);
    } else if ((m = /Refinement results for histogram id \d+:\s*(.*?)\s*$/.exec(l.text))) {
      histograms.push({ name: m[1], ...radiationOf(m[1], []), other: {} });
    } else if (!sequential && (m = /^\s*Histogram:\s*(.*?) histogram Id: \d+/.exec(l.text))) {
      histograms.push({ name: m[1], ...radiationOf(m[1], res.slice(i + 1)), other: {} });
    }
    if ((m = /Final refinement wR =\s*(\S+)% on (\d+) observations/.exec(l.text)) && histograms.length > 0) {
      const h = histograms[histograms.length - 1];
      h.wR = num(file, l.n, "Final refinement wR", m[1]);
      h.observations = Number(m[2]);
    }
    if ((m = /Other residuals: R =\s*(\S+)%, R-bkg =\s*(\S+)%, wR-bkg =\s*(\S+)% wRmin =\s*(\S+)%/.exec(l.text)) && histograms.length > 0) {
      const h = histograms[histograms.length - 1];
      h.R = num(file, l.n, "R", m[1]);
      Object.assign(h.other, { "R-bkg": num(file, l.n, "R-bkg", m[2]), "wR-bkg": num(file, l.n, "wR-bkg", m[3]), wRmin: num(file, l.n, "wRmin", m[4]) });
    }
  }

  // ---- phases
  const phases: RefinedPhase[] = [];
  for (let i = 0; i < res.length; i++) {
    const m = /Result for phase:\s*(.*?)\s*$/.exec(res[i].text);
    if (!m) continue;
    const name = m[1];
    let end = res.findIndex((l, k) => k > i && (/Result for phase:/.test(l.text) || /^\s*Phase: .* in histogram:/.test(l.text) || /^\s*Histogram: .* histogram Id:/.test(l.text)));
    if (end < 0) end = res.length;
    const part = res.slice(i + 1, end);
    phases.push(readPhase(file, name, part, echoPhases.get(name), notes));
  }
  // ---- phase-in-histogram sections
  for (let i = 0; i < res.length; i++) {
    const m = /^\s*Phase: (.*) in histogram: (.*?)\s*$/.exec(res[i].text);
    if (!m) continue;
    const phase = phases.find((p) => p.name === m[1]);
    if (!phase) continue;
    const entry: PhaseInHistogram = { histogram: m[2] };
    for (let k = i + 1; k < res.length && !/^\s*Phase: .* in histogram:|^\s*Histogram: .* histogram Id:/.test(res[k].text); k++) {
      const t = res[k];
      let q: RegExpExecArray | null;
      if ((q = /Final refinement RF, RF\^2 =\s*(\S+)%,\s*(\S+)% on (\d+) reflections/.exec(t.text))) {
        entry.rF = num(file, t.n, "RF", q[1]);
        entry.rF2 = num(file, t.n, "RF^2", q[2]);
        entry.reflections = Number(q[3]);
      } else if ((q = /Phase fraction\s*:\s*(\S+), sig\s+(\S+) Weight fraction\s*:\s*(\S+), sig\s+(\S+)/.exec(t.text))) {
        entry.phaseFraction = { value: num(file, t.n, "phase fraction", q[1]), esd: num(file, t.n, "phase fraction sig", q[2]) };
        entry.weightFraction = { value: num(file, t.n, "weight fraction", q[3]), esd: num(file, t.n, "weight fraction sig", q[4]) };
      }
    }
    phase.histograms.push(entry);
  }
  if (!sequential && phases.length === 0) notes.push("no 'Result for phase' sections in the refinement (nothing but histogram parameters was refined)");
  return { program: "GSAS-II", source: file, kind: sequential ? "sequential" : "single", phases, histograms, statistics, block: { index: index + 1, count: blocks.length, line: blocks[index].start }, notes };
}

const CELL = ["a", "b", "c", "alpha", "beta", "gamma", "volume"] as const;

/** @internal One "Result for phase" section: new unit cell and atoms. */
function readPhase(file: string, name: string, part: Line[], echo: { spaceGroup: string; magnetic: boolean; cell?: number[] } | undefined, notes: string[]): RefinedPhase {
  const nan = (v: number): Measured => ({ value: v, esd: NaN });
  let cell: RefinedCell | undefined;
  const c = part.findIndex((l) => /^\s*New unit cell:/.test(l.text));
  if (c >= 0) {
    const [names, values, esds] = [part[c + 1], part[c + 2], part[c + 3]];
    if (!names || !/^\s*names\s*:/.test(names.text) || !values || !/^\s*values\s*:/.test(values.text)) {
      throw new StxmFileError(file, `line ${part[c].n}: New unit cell`, "expected 'names :' and 'values:' rows after it");
    }
    const ends = tokensOfNames(names.text);
    const vals = tokens(values.text.replace(/^\s*values\s*:/, (s) => " ".repeat(s.length)));
    if (vals.length !== 7 || ends.length !== 7) throw new StxmFileError(file, `line ${values.n}: New unit cell values`, `expected 7 numbers (a b c alpha beta gamma Volume), got ${vals.length}`);
    const sig = esds && /^\s*esds\s*:/.test(esds.text) ? esdsAt(file, esds, ends, "New unit cell esds") : ends.map(() => NaN);
    cell = Object.fromEntries(CELL.map((k, j) => [k, { value: num(file, values.n, `New unit cell ${k}`, vals[j].value), esd: sig[j] }])) as unknown as RefinedCell;
  } else if (echo?.cell) {
    cell = Object.fromEntries(CELL.map((k, j) => [k, nan(echo.cell![j])])) as unknown as RefinedCell;
    notes.push(`phase ${name}: cell not refined; taken from the input echo (no esds)`);
  } else {
    throw new StxmFileError(file, `phase ${name}`, "expected a 'New unit cell' in its results or a 'Unit cell:' line in the input echo, found neither");
  }
  const sites: RefinedSite[] = [];
  const a = part.findIndex((l) => /^\s*Atoms:\s*$/.test(l.text));
  if (a >= 0) {
    for (let k = a + 1; k < part.length; k++) {
      const m = /^\s*(\S+)\s+(\S+):\s*$/.exec(part[k].text);
      if (!m) {
        if (/^\s*name\s+x\s+y\s+z/.test(part[k].text) || /^-+$/.test(part[k].text.trim())) continue;
        break;
      }
      const v = part[k + 1];
      const s = part[k + 2];
      if (!v || !/^\s*values\s*:/.test(v.text)) throw new StxmFileError(file, `line ${part[k].n}: atom ${m[1]}`, "expected a 'values:' row after the atom's name");
      sites.push(readAtom(file, m[1], m[2], v, s && /^\s*sig\s*:/.test(s.text) ? s : undefined));
      k += s && /^\s*sig\s*:/.test(s.text) ? 2 : 1;
    }
  }
  return {
    name,
    structure: refinedStructure(name, echo?.spaceGroup ?? "", cell, sites, `${file}: GSAS-II refinement, phase ${name}`),
    cell,
    sites,
    histograms: [],
  };
}

/** @internal The end columns of the right-aligned names of a `names :` row. */
function tokensOfNames(text: string): number[] {
  const out: number[] = [];
  const body = text.replace(/^\s*names\s*:/, (s) => " ".repeat(s.length));
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) out.push(m.index + m[0].length);
  return out;
}

/** Field layout of an atom's values row after ` values:`: x y z %10.5f, frac %8.3f, Uiso %8.5f or 8 blanks + U11…U23 %8.5f. */
const ATOM_WIDTHS = [10, 10, 10, 8, 8, 8, 8, 8, 8, 8, 8];

/** @internal One atom from its values and sig rows. */
function readAtom(file: string, label: string, species: string, v: Line, s: Line | undefined): RefinedSite {
  const prefix = /^\s*values\s*:/.exec(v.text)![0].length;
  const ends: number[] = [];
  let pos = prefix;
  for (const w of ATOM_WIDTHS) ends.push((pos += w));
  const fields = ends.map((e, j) => v.text.slice(e - ATOM_WIDTHS[j], e));
  const names = ["x", "y", "z", "frac", "Uiso", "U11", "U22", "U33", "U12", "U13", "U23"];
  const present = fields.map((f) => f.trim() !== "");
  for (let j = 0; j < 4; j++) if (!present[j]) throw new StxmFileError(file, `line ${v.n}: atom ${label} ${names[j]}`, `expected a number in columns ${ends[j] - ATOM_WIDTHS[j] + 1}–${ends[j]}, got blanks`);
  const rest = v.text.slice(ends[ends.length - 1]).trim();
  if (rest !== "") throw new StxmFileError(file, `line ${v.n}: atom ${label}`, `unexpected text after U23: ${JSON.stringify(rest)}`);
  const values = fields.map((f, j) => (present[j] ? num(file, v.n, `atom ${label} ${names[j]}`, f) : NaN));
  const sig = s ? esdsAt(file, s, ends, `atom ${label} sig`) : ends.map(() => NaN);
  const m = (j: number): Measured => ({ value: values[j], esd: sig[j] });
  const aniso = !present[4] && present[5];
  const site: RefinedSite = { label, species, x: m(0), y: m(1), z: m(2), occupancy: m(3), uiso: m(4) };
  if (aniso) {
    site.uaniso = [5, 6, 7, 8, 9, 10].map(m);
    site.uiso = { value: (values[5] + values[6] + values[7]) / 3, esd: Math.hypot(sig[5], sig[6], sig[7]) / 3 };
  } else if (!present[4]) {
    throw new StxmFileError(file, `line ${v.n}: atom ${label} Uiso`, "expected Uiso (or U11…U23), got blanks");
  }
  return site;
}

/**
 * Read a GSAS-II `.lst` file: {@link parseGsasLst} on its text.
 *
 * @param path - the `.lst` file.
 * @param options - {@link GsasLstOptions}.
 * @returns a {@link RefinementResult}.
 * @throws StxmFileError naming the file when it cannot be read, or as {@link parseGsasLst}.
 * @example
 * const r = readGsasLst("LMR-NMC_pristine.lst");
 * r.phases.map((p) => [p.name, p.cell.a, p.histograms[0]?.phaseFraction]);
 */
export function readGsasLst(path: string, options: GsasLstOptions = {}): RefinementResult {
  checkOptions("readGsasLst", options, ["name"]);
  const text = new TextDecoder("utf-8").decode(readRegularFile(path, { field: "GSAS-II listing", maxBytes: 2 ** 30 }));
  return parseGsasLst(text, { name: path, ...options });
}
