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
 * `4.9558`_0.0001` (refined with esd), `0.5`_LIMIT_MIN_0.5` (refined, stopped at a limit, no esd),
 * `1.277e-07`_2.16e-08_LIMIT_MIN_1e-15` (refined with esd, at its limit) and `0.0010_LIMIT_MIN_0.001`
 * (no backtick: at its limit, as TOPAS writes it for a parameter refined through a name). A value
 * at a limit is noted.
 */
function value(file: string, tok: Tok, field: string, notes: string[]): Measured & { refined: boolean } {
  const lim = /^(.*?)_LIMIT_(MIN|MAX)_(.*)$/.exec(tok.t);
  const body = lim ? lim[1] : tok.t;
  if (lim && !NUM.test(lim[3])) throw new StxmFileError(file, `line ${tok.line}: ${field}`, `expected a number after _LIMIT_${lim[2]}_, got ${JSON.stringify(lim[3])}`);
  const m = /^([^`]+)(`(?:_(.*))?)?$/.exec(body);
  if (!m || !NUM.test(m[1])) throw new StxmFileError(file, `line ${tok.line}: ${field}`, `expected a number such as 4.9558 or 4.9558\`_0.0001, got ${JSON.stringify(tok.t)}`);
  if (m[3] !== undefined && m[3] !== "" && !NUM.test(m[3])) throw new StxmFileError(file, `line ${tok.line}: ${field}`, `expected an esd after \`_, got ${JSON.stringify(m[3])}`);
  const out = { value: Number(m[1]), esd: m[3] ? Math.abs(Number(m[3])) : NaN, refined: m[2] !== undefined || !!lim };
  if (lim) notes.push(`line ${tok.line}: ${field} stopped at its ${lim[2].toLowerCase()} limit (${lim[3]})${Number.isNaN(out.esd) ? "; no esd" : ""}`);
  return out;
}

/**
 * @internal The TOPAS preprocessor's conditionals: the lines of `#ifdef NAME` / `#ifndef NAME`
 * blocks whose condition is false (and of their `#else` when it is true) are blanked, as are all
 * directive lines, keeping line numbers. `#define NAME` and `#undef NAME` set the names;
 * `#include` is noted, not followed. Runs after comments are stripped.
 */
function preprocess(text: string, notes: string[]): string {
  const defined = new Set<string>();
  const stack: { active: boolean; parent: boolean; line: number }[] = [];
  const on = () => stack.length === 0 || stack[stack.length - 1].active;
  return text.split("\n").map((l, i) => {
    const d = /^\s*#\s*(\w+)\s*(\S*)/.exec(l);
    if (!d) return on() ? l : "";
    const [, kw, name] = d;
    if (kw === "ifdef" || kw === "ifndef") {
      const parent = on();
      stack.push({ active: parent && (kw === "ifdef") === defined.has(name), parent, line: i + 1 });
    } else if (kw === "else" && stack.length) {
      const top = stack[stack.length - 1];
      top.active = top.parent && !top.active;
    } else if (kw === "endif") {
      if (stack.length) stack.pop();
      else notes.push(`line ${i + 1}: #endif without #ifdef/#ifndef; ignored`);
    } else if (on() && kw === "define" && name) defined.add(name);
    else if (on() && kw === "undef") defined.delete(name);
    else if (on() && kw === "include") notes.push(`line ${i + 1}: #include ${name} not followed`);
    return "";
  }).join("\n");
}

/** @internal Evaluate a TOPAS equation of numbers, + − × ÷, parentheses and `Get(p)`/`p` of parameters already read (cell, `prm`, named values); undefined otherwise. */
function evalEquation(toks: readonly string[], get: (name: string) => Measured | undefined): Measured | undefined {
  // a bare reference keeps the esd of the parameter it copies (b = Get(a); is the same parameter as a)
  const ref = toks.length === 4 && toks[0] === "Get" && toks[1] === "(" && toks[3] === ")" ? toks[2] : toks.length === 1 ? toks[0] : undefined;
  if (ref !== undefined && /^[A-Za-z_]\w*$/.test(ref)) return get(ref);
  const val = (n: string) => {
    const v = get(n);
    return v === undefined ? "?" : `(${v.value})`;
  };
  const src = toks.join(" ").replace(/Get\s*\(\s*(\w+)\s*\)/g, (_, n: string) => val(n)).replace(/\b[A-Za-z_]\w*/g, val);
  if (!/^[\d\s.eE+\-*/()]+$/.test(src)) return undefined;
  let k = 0;
  const lex = src.match(/\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|[-+*/()]/g) ?? [];
  const atom = (): number => {
    const t = lex[k++];
    if (t === "(") {
      const v = sum();
      k++;
      return v;
    }
    if (t === "-") return -atom();
    if (t === "+") return atom();
    return Number(t);
  };
  const prod = (): number => {
    let v = atom();
    while (lex[k] === "*" || lex[k] === "/") v = lex[k++] === "*" ? v * atom() : v / atom();
    return v;
  };
  const sum = (): number => {
    let v = prod();
    while (lex[k] === "+" || lex[k] === "-") v = lex[k++] === "+" ? v + prod() : v - prod();
    return v;
  };
  const v = sum();
  return k === lex.length && Number.isFinite(v) ? { value: v, esd: NaN } : undefined;
}

/** TOPAS cell keywords → {@link RefinedCell} fields (`volume` is the older spelling of `cell_volume`). */
const CELL_KEYS: Record<string, keyof RefinedCell> = { a: "a", b: "b", c: "c", al: "alpha", be: "beta", ga: "gamma", cell_volume: "volume", volume: "volume" };

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
 * stopped at a limit (noted; `v`_esd_LIMIT_MIN_…` keeps its esd). Parameter names and `@` before
 * a value are skipped; a value set by an equation (`= …;`) is read from its `: value` when TOPAS
 * wrote one, else evaluated when it is arithmetic of numbers and parameters read before it
 * (`x =2/3;`, `c = 2 * lp;` with `prm !lp 4.95`, `local`, or a name given to a value as in
 * `a lpa 4.95`); a plain copy (`b = Get(a);`, `a = lp;`) keeps the copied esd. A phase opens at `str` or the `STR(space group,
 * name)` macro, and a second `phase_name` in one `str` is refused. `#define`/`#ifdef`/`#ifndef`/
 * `#else`/`#endif` are applied (blocks whose condition is false are not read) and `macro` bodies
 * are skipped. `volume` is read as `cell_volume`. Keywords may come in any order (e.g. `scale`
 * after the `site` lines), and each phase's scale and weight percent belong to the `xdd` it is in.
 *
 * @param text - the `.out` text.
 * @param options - {@link TopasOutOptions}.
 * @returns a {@link RefinementResult} with `program: "TOPAS"` (percent residuals).
 * @throws StxmFileError naming the file, line and field: no `r_wp` (not a refinement output, or
 *   it did not finish), no `str` phase with a lattice, a second `phase_name` in one `str`, a
 *   malformed value or limit.
 * @example
 * const r = readTopasOut("LMR_pristine.out");
 * r.statistics.wR;              // r_wp, %
 * r.phases[0].cell.a;           // { value: 4.9554, esd: 0.0001 }
 */
export function parseTopasOut(text: string, options: TopasOutOptions = {}): RefinementResult {
  checkOptions("parseTopasOut", options, ["name"]);
  const file = options.name ?? "TOPAS .out";
  const notes: string[] = [];
  const toks = tokenize(preprocess(stripComments(text.replace(/\r\n?/g, "\n")), notes));
  const statistics: RefinementResult["statistics"] = {};
  const histograms: RefinedHistogram[] = [];
  const phases: RefinedPhase[] = [];
  type Draft = { name: string; named?: boolean; histogram: string; spaceGroup: string; cell: Partial<RefinedCell>; sites: RefinedSite[]; scale?: Measured; wt?: Measured; line: number };
  let phase: Draft | undefined;
  let hist: RefinedHistogram | undefined;
  const drafts: Draft[] = [];
  let site: RefinedSite | undefined;
  const isValueTok = (t: Tok | undefined) => !!t && /^[-+]?(\d|\.\d)/.test(t.t);
  /** Named parameters met so far (`prm name value`, `local name value`, `a lpa 4.95`), for equations that use them. */
  const prms = new Map<string, Measured>();
  /** The value that follows a keyword at toks[i]: skips `@` or a parameter name (and records it); handles `= …; : v`. */
  const valueAfter = (i: number, field: string): { m: Measured; next: number } | undefined => {
    let k = i + 1;
    let named: string | undefined;
    if (toks[k]?.t === "@") k++;
    else if (toks[k] && /^!?[A-Za-z_]\w*$/.test(toks[k].t) && isValueTok(toks[k + 1])) named = toks[k++].t.replace(/^!/, "");
    if (toks[k]?.t === "=") {
      const start = k + 1;
      while (k < toks.length && toks[k].t !== ";") k++;
      if (toks[k + 1]?.t === ":" && isValueTok(toks[k + 2])) return { m: value(file, toks[k + 2], field, notes), next: k + 3 };
      const m = evalEquation(toks.slice(start, k).map((x) => x.t), (n) => (phase && CELL_KEYS[n] ? phase.cell[CELL_KEYS[n]] : prms.get(n)));
      return m ? { m, next: k + 1 } : undefined;
    }
    if (!isValueTok(toks[k])) return undefined;
    const v = value(file, toks[k], field, notes);
    const m = { value: v.value, esd: v.esd };
    if (named) prms.set(named, m);
    return { m, next: k + 1 };
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
    if ((t === "prm" || t === "local") && toks[i + 1]) {
      // prm !name 4.95`_0.001 (or = equation; : value): remembered for the equations that use it
      const name = toks[i + 1].t.replace(/^!/, "");
      const v = valueAfter(i + 1, `${t} ${name}`);
      if (v && /^[A-Za-z_]\w*$/.test(name)) prms.set(name, v.m);
      if (v) i = v.next - 1;
      continue;
    }
    if (t === "macro") {
      // a macro definition (its body is not the refinement): skip to the closing brace
      let k = i + 1;
      while (k < toks.length && toks[k].t !== "{") k++;
      for (let depth = 0; k < toks.length; k++) {
        if (toks[k].t === "{") depth++;
        else if (toks[k].t === "}" && --depth === 0) break;
      }
      i = k;
      continue;
    }
    if (t === "str" || (t === "STR" && toks[i + 1]?.t === "(")) {
      phase = { name: `str ${drafts.length + 1}`, histogram: hist?.name ?? "", spaceGroup: "", cell: {}, sites: [], line: toks[i].line };
      drafts.push(phase);
      site = undefined;
      if (t === "STR") {
        // the STR(space group, phase name) macro of topas.inc
        const args: string[] = [];
        let k = i + 2;
        for (; k < toks.length && toks[k].t !== ")"; k++) if (toks[k].t !== ",") args.push(toks[k].t.replace(/^"|"$/g, ""));
        if (args[0]) phase.spaceGroup = args[0];
        if (args[1]) Object.assign(phase, { name: args[1], named: true });
        i = k;
      }
      continue;
    }
    if (!phase) continue;
    if (t === "phase_name" && toks[i + 1]) {
      const name = toks[i + 1].t.replace(/^"|"$/g, "");
      if (phase.named) throw new StxmFileError(file, `line ${toks[i].line}: phase_name ${name}`, `a second phase_name in the str of line ${phase.line} (already "${phase.name}"); expected a str keyword before each phase`);
      phase.name = name;
      phase.named = true;
    }
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
    } else if (CELL_KEYS[t] || t === "scale") {
      const v = valueAfter(i, `${phase.name} ${t}`);
      if (!v) continue;
      const key = CELL_KEYS[t];
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
      histograms: d.scale || d.wt ? [{ histogram: d.histogram, ...(d.scale ? { phaseFraction: d.scale } : {}), ...(d.wt ? { weightFraction: { value: d.wt.value / 100, esd: d.wt.esd / 100 } } : {}) }] : [],
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
