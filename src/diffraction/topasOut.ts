/**
 * Reader of TOPAS `.out` files (the input file written back with refined values): agreement
 * factors, and per `str` phase the cell, scale, weight percent and sites with esds.
 * @module
 */
import { readRegularFile } from "../io/readRegularFile";
import { StxmFileError } from "../io/errors";
import { checkOptions } from "../util/checkOptions";
import type { Measured } from "./measured";
import { refinedStructure } from "./refinedStructure";
import type { RefinedCell, RefinedHistogram, RefinedPhase, RefinedSite, RefinementResult } from "./refinementResult";

/** Options of {@link parseTopasOut} / {@link readTopasOut}. */
export interface TopasOutOptions {
  /** Name of the text in messages and in `source`. @default "TOPAS .out" (the path for {@link readTopasOut}) */
  name?: string;
}

interface Tok { t: string; line: number }

/** @internal Remove `'` line comments and `/* … *\/` block comments, keeping line numbers. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " ")).replace(/'[^\n]*/g, "");
}

/** @internal Tokens: quoted strings, punctuation `( ) , ; : = @`, and words/values (a value keeps its backtick esd). */
function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  text.split("\n").forEach((l, i) => {
    const re = /"[^"]*"|[(),;:=@{}]|[^\s(),;:=@{}"]+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(l))) out.push({ t: m[0], line: i + 1 });
  });
  return out;
}

const NUM = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * @internal A TOPAS value token: `4.9558` (fixed, esd NaN), `4.9558`` (refined, no esd),
 * `4.9558`_0.0001` (refined with esd), `0.5`_LIMIT_MIN_0.5` (refined, stopped at a limit).
 */
function value(file: string, tok: Tok, field: string, notes: string[]): Measured & { refined: boolean } {
  const m = /^([^`]+)(`(?:_(.*))?)?$/.exec(tok.t);
  if (!m || !NUM.test(m[1])) throw new StxmFileError(file, `line ${tok.line}: ${field}`, `expected a number such as 4.9558 or 4.9558\`_0.0001, got ${JSON.stringify(tok.t)}`);
  const v = Number(m[1]);
  if (m[2] === undefined) return { value: v, esd: NaN, refined: false };
  if (m[3] === undefined) return { value: v, esd: NaN, refined: true };
  if (/^LIMIT_(MIN|MAX)_/.test(m[3])) {
    notes.push(`line ${tok.line}: ${field} stopped at its ${m[3].slice(6, 9).toLowerCase()} limit (${m[3].slice(10)}); no esd`);
    return { value: v, esd: NaN, refined: true };
  }
  if (!NUM.test(m[3])) throw new StxmFileError(file, `line ${tok.line}: ${field}`, `expected an esd after \`_, got ${JSON.stringify(m[3])}`);
  return { value: v, esd: Math.abs(Number(m[3])), refined: true };
}

const CELL_MACROS: Record<string, (v: Measured[]) => Partial<RefinedCell>> = {
  Cubic: ([a]) => ({ a, b: a, c: a, alpha: fixed(90), beta: fixed(90), gamma: fixed(90) }),
  Tetragonal: ([a, c]) => ({ a, b: a, c, alpha: fixed(90), beta: fixed(90), gamma: fixed(90) }),
  Hexagonal: ([a, c]) => ({ a, b: a, c, alpha: fixed(90), beta: fixed(90), gamma: fixed(120) }),
  Trigonal: ([a, c]) => ({ a, b: a, c, alpha: fixed(90), beta: fixed(90), gamma: fixed(120) }),
};

function fixed(v: number): Measured {
  return { value: v, esd: NaN };
}

/**
 * Parse the text of a TOPAS `.out` file. Read: the agreement factors `r_wp`, `r_exp`, `r_p`,
 * `gof` (the first ones in the file as the overall statistics, those inside each `xdd` block
 * for that pattern); per `str` phase its `phase_name`, `space_group`, lattice (`a b c al be ga`
 * or the `Cubic( )`, `Tetragonal( )`, `Hexagonal( )`, `Trigonal( )` macros), `cell_volume`,
 * `scale`, the weight percent of `MVW( mass, volume, wt% )`, and every `site` with `x y z`,
 * `occ` (mixed sites: one site per species, as TOPAS lists them) and `beq` (Uiso = beq / 8π²).
 * A value followed by a backtick was refined; `value`_esd` carries its esd (TOPAS `do_errors`),
 * a bare backtick means refined without an esd, and `_LIMIT_MIN_…`/`_LIMIT_MAX_…` a parameter
 * stopped at a limit (noted). Parameter names and `@` before a value are skipped; a value set
 * by an equation (`= …;`) is read from its `: value` when TOPAS wrote one.
 *
 * @param text - the `.out` text.
 * @param options - {@link TopasOutOptions}.
 * @returns a {@link RefinementResult} with `program: "TOPAS"` (percent residuals).
 * @throws StxmFileError naming the file, line and field: no `r_wp` (not a refinement output, or
 *   it did not finish), no `str` phase with a lattice, a malformed value.
 * @example
 * const r = readTopasOut("LMR_pristine.out");
 * r.statistics.wR;              // r_wp, %
 * r.phases[0].cell.a;           // { value: 4.9554, esd: 0.0001 }
 */
export function parseTopasOut(text: string, options: TopasOutOptions = {}): RefinementResult {
  checkOptions("parseTopasOut", options, ["name"]);
  const file = options.name ?? "TOPAS .out";
  const toks = tokenize(stripComments(text.replace(/\r\n?/g, "\n")));
  const notes: string[] = [];
  const statistics: RefinementResult["statistics"] = {};
  const histograms: RefinedHistogram[] = [];
  const phases: RefinedPhase[] = [];
  type Draft = { name: string; spaceGroup: string; cell: Partial<RefinedCell>; sites: RefinedSite[]; scale?: Measured; wt?: Measured; line: number };
  let phase: Draft | undefined;
  let hist: RefinedHistogram | undefined;
  const drafts: Draft[] = [];
  let site: RefinedSite | undefined;
  const isValueTok = (t: Tok | undefined) => !!t && /^[-+]?(\d|\.\d)/.test(t.t);
  /** The value that follows a keyword at toks[i]: skips `@` or a parameter name; handles `= …; : v`. */
  const valueAfter = (i: number, field: string): { m: Measured; next: number } | undefined => {
    let k = i + 1;
    if (toks[k]?.t === "@" || (toks[k] && /^!?[A-Za-z_]\w*$/.test(toks[k].t) && isValueTok(toks[k + 1]))) k++;
    if (toks[k]?.t === "=") {
      while (k < toks.length && toks[k].t !== ";") k++;
      if (toks[k + 1]?.t === ":" && isValueTok(toks[k + 2])) return { m: value(file, toks[k + 2], field, notes), next: k + 3 };
      return undefined;
    }
    if (!isValueTok(toks[k])) return undefined;
    return { m: value(file, toks[k], field, notes), next: k + 1 };
  };
  const stat = (key: string): keyof RefinementResult["statistics"] | undefined =>
    ({ r_wp: "wR", r_exp: "Rexp", r_p: "Rp", gof: "gof" } as Record<string, keyof RefinementResult["statistics"]>)[key];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i].t;
    if (t === "xdd") {
      const name = toks[i + 1] && !/^[(),;:=@]$/.test(toks[i + 1].t) ? toks[i + 1].t.replace(/^"|"$/g, "") : `xdd ${histograms.length + 1}`;
      hist = { name, radiation: "unknown", radiationEvidence: "a TOPAS .out does not state the radiation unless a lam (X-ray emission profile) or neutron keyword is present", other: {} };
      histograms.push(hist);
      phase = undefined;
      site = undefined;
      continue;
    }
    if (hist && (t === "lam" || t === "la")) {
      hist.radiation = "x-ray";
      hist.radiationEvidence = "lam (X-ray emission profile) in the xdd block";
    }
    if (hist && /^(neutron_data|TOF_x_axis_calibration|tof)/i.test(t)) {
      hist.radiation = "neutron";
      hist.radiationEvidence = `${t} in the xdd block`;
    }
    const s = stat(t);
    if (s) {
      const v = valueAfter(i, t);
      if (v) {
        if (hist) {
          if (s === "wR") hist.wR = v.m.value;
          else hist.other[t] = v.m.value;
        } else if (statistics[s] === undefined) statistics[s] = v.m.value;
      }
      continue;
    }
    if (t === "str") {
      phase = { name: `str ${drafts.length + 1}`, spaceGroup: "", cell: {}, sites: [], line: toks[i].line };
      drafts.push(phase);
      site = undefined;
      continue;
    }
    if (!phase) continue;
    if (t === "phase_name" && toks[i + 1]) phase.name = toks[i + 1].t.replace(/^"|"$/g, "");
    else if (t === "space_group" && toks[i + 1]) phase.spaceGroup = toks[i + 1].t.replace(/^"|"$/g, "");
    else if (CELL_MACROS[t] && toks[i + 1]?.t === "(") {
      const vals: Measured[] = [];
      let k = i + 2;
      while (k < toks.length && toks[k].t !== ")") {
        if (isValueTok(toks[k])) {
          const v = value(file, toks[k], `${t}( ) argument ${vals.length + 1}`, notes);
          vals.push({ value: v.value, esd: v.esd });
        }
        k++;
      }
      Object.assign(phase.cell, CELL_MACROS[t](vals));
      i = k;
    } else if (["a", "b", "c", "al", "be", "ga", "cell_volume", "scale"].includes(t) && !site) {
      const v = valueAfter(i, `${phase.name} ${t}`);
      if (!v) continue;
      const key = ({ a: "a", b: "b", c: "c", al: "alpha", be: "beta", ga: "gamma", cell_volume: "volume" } as Record<string, keyof RefinedCell>)[t];
      if (key) phase.cell[key] = { value: v.m.value, esd: v.m.esd };
      else phase.scale = { value: v.m.value, esd: v.m.esd };
    } else if (t === "MVW" && toks[i + 1]?.t === "(") {
      const vals: Measured[] = [];
      let k = i + 2;
      while (k < toks.length && toks[k].t !== ")") {
        if (isValueTok(toks[k])) {
          const v = value(file, toks[k], `${phase.name} MVW( ) argument ${vals.length + 1}`, notes);
          vals.push({ value: v.value, esd: v.esd });
        }
        k++;
      }
      if (vals.length >= 3) phase.wt = vals[2];
      i = k;
    } else if (t === "site" && toks[i + 1]) {
      site = { label: toks[i + 1].t, species: "", x: fixed(NaN), y: fixed(NaN), z: fixed(NaN), occupancy: fixed(NaN), uiso: fixed(NaN) };
      phase.sites.push(site);
    } else if (site && ["x", "y", "z"].includes(t)) {
      const v = valueAfter(i, `site ${site.label} ${t}`);
      if (v) site[t as "x" | "y" | "z"] = { value: v.m.value, esd: v.m.esd };
    } else if (site && t === "occ" && toks[i + 1]) {
      const species = toks[i + 1].t;
      const v = valueAfter(i + 1, `site ${site.label} occ ${species}`);
      if (!v) continue;
      if (site.species) {
        const extra: RefinedSite = { ...site, species, occupancy: { value: v.m.value, esd: v.m.esd } };
        phase.sites.push(extra);
        site = extra;
      } else {
        site.species = species;
        site.occupancy = { value: v.m.value, esd: v.m.esd };
      }
    } else if (site && t === "beq") {
      const v = valueAfter(i, `site ${site.label} beq`);
      if (v) for (const s2 of phase.sites.filter((x) => x.label === site!.label)) s2.uiso = { value: v.m.value / (8 * Math.PI * Math.PI), esd: v.m.esd / (8 * Math.PI * Math.PI) };
    }
  }
  if (statistics.wR === undefined && !histograms.some((h) => h.wR !== undefined)) {
    throw new StxmFileError(file, "r_wp", "expected the agreement factors of a finished refinement (r_wp …), found none: not a TOPAS .out, or the refinement did not finish");
  }
  if (statistics.wR === undefined && histograms.length === 1) Object.assign(statistics, { wR: histograms[0].wR, Rexp: histograms[0].other.r_exp, Rp: histograms[0].other.r_p, gof: histograms[0].other.gof });
  for (const d of drafts) {
    const missing = (["a", "b", "c", "alpha", "beta", "gamma"] as const).filter((k) => !d.cell[k]);
    if (missing.length === 6) {
      notes.push(`str at line ${d.line} (${d.name}): no lattice parameters; left out`);
      continue;
    }
    if (missing.length > 0) throw new StxmFileError(file, `line ${d.line}: str ${d.name}`, `expected all lattice parameters (a b c al be ga or a Cubic/Tetragonal/Hexagonal/Trigonal macro), missing ${missing.join(", ")}`);
    const c = d.cell as RefinedCell;
    if (!c.volume) c.volume = fixed(NaN);
    phases.push({
      name: d.name,
      structure: refinedStructure(d.name, d.spaceGroup, c, d.sites, `${file}: TOPAS str ${d.name}`),
      cell: c,
      sites: d.sites,
      histograms: d.scale || d.wt ? [{ histogram: histograms[histograms.length - 1]?.name ?? "", ...(d.scale ? { phaseFraction: d.scale } : {}), ...(d.wt ? { weightFraction: { value: d.wt.value / 100, esd: d.wt.esd / 100 } } : {}) }] : [],
    });
  }
  return { program: "TOPAS", source: file, kind: "single", phases, histograms, statistics, block: { index: 1, count: 1, line: 1 }, notes };
}

/**
 * Read a TOPAS `.out` file: {@link parseTopasOut} on its text.
 * @throws StxmFileError naming the file when it cannot be read, or as {@link parseTopasOut}.
 * @example
 * const r = readTopasOut("refinement.out");
 */
export function readTopasOut(path: string, options: TopasOutOptions = {}): RefinementResult {
  checkOptions("readTopasOut", options, ["name"]);
  const text = new TextDecoder("latin1").decode(readRegularFile(path, { field: "TOPAS output", maxBytes: 2 ** 30 }));
  return parseTopasOut(text, { name: path, ...options });
}
