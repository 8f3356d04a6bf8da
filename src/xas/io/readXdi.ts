/**
 * XDI 1.0 files (XAS Data Interchange): the version line, `Family.key: value` fields, the
 * `# ///` field-end and `# ---` header-end lines, free comments, the column-label line and the
 * whitespace-separated data.
 * @module
 */
import { StxmFileError, baseName } from "../../io/errors";
import { checkOptions } from "../../util/checkOptions";
import type { XasScan } from "../scan";
import { readTextLines } from "./textFile";
import { parseNumberToken, columnsFromRows, checkIncreasing, type NumberRow } from "./numberTokens";

/** Options of {@link readXdi}. */
export interface ReadXdiOptions {
  /**
   * `"increasing"` (default): the energy column must increase strictly from row to row, else an
   * error names the rows. `"any"`: keep the rows as written and let {@link scanSpectrum}'s
   * `sort` option decide (for scans written downwards or with repeated points).
   */
  energyOrder?: "increasing" | "any";
}

/** hc in eV·Å from the exact SI values of h, c and e, for Bragg angle → energy. */
const HC_EV_ANGSTROM = ((6.62607015e-34 * 299792458) / 1.602176634e-19) * 1e10;

const FIELD = /^#\s*([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z0-9_-]+)\s*:(.*)$/;
const VERSION = /^#\s*XDI\/(\S+)\s*(.*)$/i;

/**
 * Read an XDI 1.0 file (XAS Data Interchange, as written by larch, Athena, the XDI library and
 * many beamlines).
 *
 * Fields go into `metadata` under `Family.key` (case-insensitively: a later `beamline.NAME`
 * replaces an earlier `Beamline.name`, as the specification says), the free comments under
 * `comments`, the version under `XDI.version` and `XDI.applications`. Column names come from the
 * `Column.N` fields (`Column.1: energy eV` → name `energy`, unit `eV`), else from the label line
 * after `# ---`, else `colN`. The energy column is the one named `energy` (any case), or the
 * first column when its unit is eV; a Bragg `angle` column with a numeric `Mono.d_spacing`
 * (Å) gives a computed `energy` column (E = hc / (2 d sin θ), said in `warnings`).
 *
 * Header lines that break the `Family.key: value` grammar are ignored (as the specification
 * asks) and listed in `warnings`; so are column labels that do not match the data. Rows with
 * NaN or ±Infinity (an aborted scan) are dropped and reported in `warnings` (how many, from which
 * row). Comment lines inside the data (the outer-scan marks of 2-D XDI files) split the rows
 * into blocks: their fields go into `metadata` (`Outer.value` as a list), and the row index where
 * each block starts into `Outer.breakpoints`.
 *
 * @param path the file (any extension; the content decides).
 * @param opts {@link ReadXdiOptions}.
 * @returns an {@link XasScan} with `format: "xdi"`.
 * @throws StxmFileError naming the file and line: no `# XDI/…` first line, a data row with the
 *   wrong number of values or a value that is not a number, no data, energies that do not
 *   increase (with the rows), an empty or binary file.
 * @example
 * const scan = readXdi("ni_metal_rt.xdi");
 * scan.names;                         // ["energy", "mutrans", "i0"]
 * scan.metadata["Element.symbol"];    // "Ni"
 * const mu = scanSpectrum(scan, { mode: "mu" });
 */
export function readXdi(path: string, opts: ReadXdiOptions = {}): XasScan {
  checkOptions("readXdi", opts, ["energyOrder"]);
  const order = opts.energyOrder ?? "increasing";
  if (order !== "increasing" && order !== "any") throw new Error(`readXdi: option energyOrder must be "increasing" or "any", got ${JSON.stringify(order)}`);
  const lines = readTextLines(path, "XDI file");
  const warnings: string[] = [];
  const metadata: Record<string, string | number | number[]> = {};
  const keyOf = new Map<string, string>(); // lower-case key → key as first written

  const version = VERSION.exec(lines[0].trim());
  if (!version) {
    throw new StxmFileError(path, "line 1", `expected the XDI version line "# XDI/1.0 …", got ${JSON.stringify(lines[0].slice(0, 80))}${lines[0].length > 80 ? "…" : ""}`);
  }
  metadata["XDI.version"] = version[1];
  if (version[2].trim() !== "") metadata["XDI.applications"] = version[2].trim();

  const setField = (family: string, key: string, value: string): void => {
    const full = `${family}.${key}`;
    const lower = full.toLowerCase();
    const previous = keyOf.get(lower);
    if (previous !== undefined) delete metadata[previous];
    keyOf.set(lower, full);
    metadata[full] = value;
  };
  const getField = (full: string): string | undefined => {
    const k = keyOf.get(full.toLowerCase());
    return k === undefined ? undefined : String(metadata[k]);
  };

  // Header: fields, then (after ///) comments, then (after ---) the label line.
  let state: "fields" | "comments" | "labels" = "fields";
  const comments: string[] = [];
  const afterEnd: string[] = [];
  let i = 1;
  for (; i < lines.length; i++) {
    const raw = lines[i];
    const t = raw.trim();
    if (t === "") continue;
    if (!t.startsWith("#")) {
      if (state !== "labels" && parseNumberToken(t.split(/\s+/)[0]) === undefined) {
        warnings.push(`line ${i + 1}: ignored a header line that does not start with the comment character "#": ${JSON.stringify(t.slice(0, 80))}`);
        continue;
      }
      break;
    }
    const body = t.replace(/^#+/, "").trim();
    if (/^\/{3,}$/.test(body)) {
      state = "comments";
      continue;
    }
    if (/^-{3,}$/.test(body)) {
      state = "labels";
      continue;
    }
    if (state === "labels") {
      afterEnd.push(body);
      continue;
    }
    if (state === "comments") {
      comments.push(body);
      continue;
    }
    const m = FIELD.exec(t);
    if (m) {
      setField(m[1], m[2], m[3].trim());
    } else if (body === "") {
      continue;
    } else {
      warnings.push(`line ${i + 1}: ignored a header line that is not a "Family.key: value" field (the family starts with a letter, one dot, then a colon): ${JSON.stringify(t.slice(0, 80))}`);
    }
  }
  if (comments.length > 0) metadata.comments = comments.join("\n");
  if (afterEnd.length > 1) metadata.comments = [...comments, ...afterEnd.slice(0, -1)].join("\n");

  // Data rows (comment lines inside the data mark outer-scan blocks).
  const rows: NumberRow[] = [];
  const outerValues: number[] = [];
  const breakpoints: number[] = [];
  const dataComments: string[] = [];
  let nCols = -1;
  for (; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === "") continue;
    if (t.startsWith("#")) {
      const m = FIELD.exec(t);
      if (m) {
        if (`${m[1]}.${m[2]}`.toLowerCase() === "outer.value") {
          const v = parseNumberToken(m[3].trim());
          outerValues.push(v ?? NaN);
          breakpoints.push(rows.length);
        } else setField(m[1], m[2], m[3].trim());
      } else dataComments.push(`line ${i + 1}: ${t}`);
      continue;
    }
    const tokens = t.split(/\s+/);
    if (nCols < 0) nCols = tokens.length;
    if (tokens.length !== nCols) {
      throw new StxmFileError(path, `line ${i + 1}`, `expected ${nCols} values as in the first data row (line ${rows[0].line}), got ${tokens.length}: ${JSON.stringify(t.slice(0, 100))}`);
    }
    const values = tokens.map((tok, j) => {
      const v = parseNumberToken(tok);
      if (v === undefined) throw new StxmFileError(path, `line ${i + 1}, column ${j + 1}`, `expected a number, got ${JSON.stringify(tok)}`);
      return v;
    });
    rows.push({ values, line: i + 1 });
  }
  if (rows.length === 0) throw new StxmFileError(path, "data", `expected rows of numbers after the header, got none (${lines.length} lines, all header)`);
  if (outerValues.length > 0) {
    metadata["Outer.value"] = outerValues;
    metadata["Outer.breakpoints"] = breakpoints;
  }
  if (dataComments.length > 0) warnings.push(`${dataComments.length} comment line${dataComments.length === 1 ? "" : "s"} inside the data kept in metadata["data comments"] (${dataComments[0]}${dataComments.length > 1 ? ", …" : ""})`);
  if (dataComments.length > 0) metadata["data comments"] = dataComments.join("\n");

  // Column names: Column.N fields, else the label line, else colN.
  const names: string[] = new Array<string>(nCols).fill("");
  const units: Record<string, string> = {};
  const unitOf: string[] = new Array<string>(nCols).fill("");
  const extra: string[] = [];
  for (const [lower, key] of keyOf) {
    const m = /^column\.(\d+)$/.exec(lower);
    if (!m) continue;
    const n = Number(m[1]);
    const value = String(metadata[key]).trim();
    if (value === "") {
      warnings.push(`field ${key} is empty; column ${n} named from the label line or col${n}`);
      continue;
    }
    const [name, ...unit] = value.split(/\s+/);
    if (n < 1 || n > nCols) {
      extra.push(`${key}: ${value}`);
      continue;
    }
    names[n - 1] = name;
    unitOf[n - 1] = unit.join(" ");
  }
  if (extra.length > 0) warnings.push(`the data have ${nCols} columns; ignored column field${extra.length === 1 ? "" : "s"} beyond them: ${extra.join("; ")}`);
  const labelLine = afterEnd.length > 0 ? afterEnd[afterEnd.length - 1] : undefined;
  const labels = labelLine === undefined ? [] : labelLine.split(/\s+/).filter((s) => s !== "");
  const missing = names.map((n, j) => (n === "" ? j : -1)).filter((j) => j >= 0);
  if (missing.length > 0) {
    const fromLabels = labels.length === nCols;
    for (const j of missing) names[j] = fromLabels ? labels[j] : `col${j + 1}`;
    warnings.push(
      `no Column.N field for column${missing.length === 1 ? "" : "s"} ${missing.map((j) => j + 1).join(", ")}: named ` +
        (fromLabels ? `from the label line (${missing.map((j) => names[j]).join(", ")})` : `${missing.map((j) => names[j]).join(", ")}${labels.length > 0 ? ` (the label line has ${labels.length} labels for ${nCols} columns)` : ""}`),
    );
  } else if (labels.length > 0 && (labels.length !== nCols || labels.some((l, j) => l.toLowerCase() !== names[j].toLowerCase()))) {
    warnings.push(`the label line (${labels.join(" ")}) differs from the Column.N fields (${names.join(" ")}); the fields were used`);
  }
  uniquify(names, warnings);
  names.forEach((n, j) => {
    if (unitOf[j] !== "") units[n] = unitOf[j];
  });

  const { columns, kept } = columnsFromRows(names, rows, warnings);
  if (kept.length === 0) throw new StxmFileError(path, "data", `expected at least one row of finite numbers, got ${rows.length} rows all holding NaN or ±Infinity`);
  if (metadata["Outer.breakpoints"] !== undefined && kept.length !== rows.length) {
    // Re-index the block starts on the kept rows.
    const keptIndex = new Map(kept.map((r, k) => [r.line, k]));
    metadata["Outer.breakpoints"] = breakpoints.map((b) => {
      for (let r = b; r < rows.length; r++) {
        const k = keptIndex.get(rows[r].line);
        if (k !== undefined) return k;
      }
      return kept.length;
    });
  }

  // The energy column.
  let energy: string | undefined = names.find((n) => n.toLowerCase() === "energy");
  if (energy === undefined && /^(ev)$/i.test(unitOf[0])) energy = names[0];
  const angle = names.find((n) => /^angle$|^theta$/i.test(n));
  if (energy === undefined && angle !== undefined) {
    const dText = getField("Mono.d_spacing");
    const d = dText === undefined ? undefined : parseNumberToken(dText.trim().split(/\s+/)[0]);
    if (d === undefined || !(d > 0)) {
      warnings.push(`column "${angle}" is a monochromator angle but Mono.d_spacing is ${dText === undefined ? "missing" : `not a positive number (${JSON.stringify(dText)})`}: no energy column`);
    } else {
      const u = (units[angle] ?? "degrees").toLowerCase();
      const toRad = u.startsWith("rad") ? 1 : Math.PI / 180;
      const th = columns[angle];
      const e = new Float64Array(th.length);
      for (let k = 0; k < th.length; k++) e[k] = HC_EV_ANGSTROM / (2 * d * Math.sin(th[k] * toRad));
      energy = names.includes("energy") ? "energy_from_angle" : "energy";
      names.push(energy);
      columns[energy] = e;
      units[energy] = "eV";
      warnings.push(`computed column "${energy}" (eV) from "${angle}" (${u.startsWith("rad") ? "radians" : "degrees"}) and Mono.d_spacing = ${d} Å: E = hc / (2 d sin θ), hc = ${HC_EV_ANGSTROM} eV·Å`);
    }
  }
  if (energy !== undefined && order === "increasing") {
    const bp = metadata["Outer.breakpoints"];
    checkIncreasing(path, energy, columns[energy], kept.map((r) => r.line), 'Read with { energyOrder: "any" } and pass { sort: true } to scanSpectrum to sort the rows instead.', Array.isArray(bp) ? bp : []);
  }

  const scan: XasScan = { file: path, format: "xdi", label: baseName(path).replace(/\.[^.]*$/, ""), names, columns, units, nPoints: kept.length, metadata, warnings };
  if (energy !== undefined) scan.energy = energy;
  return scan;
}

/** @internal Make column names unique (`i0`, `i0_2`, …), saying so in `warnings`. */
export function uniquify(names: string[], warnings: string[]): void {
  const seen = new Map<string, number>();
  names.forEach((n, j) => {
    const c = (seen.get(n) ?? 0) + 1;
    seen.set(n, c);
    if (c > 1) {
      let m = `${n}_${c}`;
      while (names.includes(m)) m += "_";
      warnings.push(`column ${j + 1} repeats the name "${n}"; renamed "${m}"`);
      names[j] = m;
    }
  });
}
