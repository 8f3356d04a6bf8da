/**
 * Finding column names in the header of a plain column file, as beamlines write them: the last
 * comment line of names (`# energy i0 it`), quoted names (`"I0" "It"`), fixed-width EPICS
 * headings (`#Mono Energy *        I0 …`, 21 characters each), numbered lists (`#  1) Mono
 * Energy`, `#C 1_Energy (keV) 2_sec …`, mda2ascii `#  2  [1-D Positioner 1]  PV, description`), `; P1 = {Energy}` aliases, CLS `#(1) "Event-ID" …`
 * lines and SSRL's one-name-per-line `Data:` block.
 * @module
 */
import { parseNumberToken } from "./numberTokens";

/** Names found for `nCols` columns, and how they were found (for `metadata` and messages). */
export interface SniffedNames {
  names: string[];
  how: string;
}

const COMMENT = /^\s*[#;%!*]+/;

/** @internal A header line without its comment characters and surrounding blanks. */
export function stripComment(line: string): string {
  return line.replace(COMMENT, "").trim();
}

/** @internal Whether a header line is only a separator (`#-----`, `# ///`, `=====`). */
export function isSeparator(body: string): boolean {
  return /^[-=/_~*.\s]{3,}$/.test(body) || body === "";
}

/** @internal Split a header line into names: quoted names (`"a b"` or `'a b'`) stay whole; tabs, commas or blanks separate. */
export function splitNames(body: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|([^\s,"']+(?:[^\s,"']*))/g;
  const sep = body.includes("\t") ? /\t+/ : body.includes(",") ? /\s*,\s*/ : null;
  if (sep && !/["']/.test(body)) return body.split(sep).map((s) => s.trim()).filter((s) => s !== "");
  let m: RegExpExecArray | null;
  while ((m = re.exec(body)) !== null) out.push((m[1] ?? m[2] ?? m[3]).trim());
  return out.filter((s) => s !== "");
}

function namesLookLikeNames(names: string[]): boolean {
  const numeric = names.filter((n) => parseNumberToken(n) !== undefined).length;
  return numeric < names.length / 2;
}

function tidy(names: string[]): string[] {
  return names.map((n) => n.replace(/^\$\((.*)\)$/, "$1").trim());
}

/**
 * @internal
 * Column names for `nCols` columns from the header lines (in file order, the data after them).
 * Returns undefined when nothing fits (the caller names them col1…colN and says so).
 */
export function sniffNames(header: readonly string[], nCols: number): SniffedNames | undefined {
  const bodies = header.map((l) => ({ raw: l, body: stripComment(l) }));
  // 1. SSRL: a "Data:" line followed by one name per line.
  const dataAt = bodies.findIndex((b) => /^Data:\s*$/i.test(b.body));
  if (dataAt >= 0) {
    const after = bodies.slice(dataAt + 1).map((b) => b.body).filter((b) => b !== "");
    if (after.length === nCols) return { names: after, how: 'the one-name-per-line block after "Data:"' };
  }
  // 2. The last non-separator line before the data.
  let last = bodies.length - 1;
  while (last >= 0 && isSeparator(bodies[last].body)) last--;
  const aliases = aliasMap(bodies.map((b) => b.body));
  if (last >= 0) {
    if (/^\s*#L\s/.test(bodies[last].raw)) {
      const spec = bodies[last].raw.replace(/^\s*#L\s+/, "").trim().split(/\s{2,}/);
      if (spec.length === nCols) return { names: spec, how: "the SPEC #L line (names separated by two blanks)" };
    }
    // "#, mono, Seconds, …": the comment character is the first column's name (an index).
    const hashFirst = /^\s*#\s*,/.test(bodies[last].raw);
    const body = hashFirst ? bodies[last].raw.trim() : bodies[last].body.replace(/^#+\s*/, "").replace(/^\(\d+\)\s+/, "");
    const simple = splitNames(body);
    if (simple.length === nCols && namesLookLikeNames(simple)) {
      const names = tidy(simple).map((n) => aliases.get(n) ?? n);
      return { names, how: aliases.size > 0 && names.some((n, j) => n !== simple[j]) ? `the last header line, with the "P1 = {…}" aliases` : "the last header line" };
    }
    const wide = body.split(/\t+|\s{2,}/).map((s) => s.trim()).filter((s) => s !== "");
    if (wide.length === nCols && namesLookLikeNames(wide)) return { names: wide, how: "the last header line, split at runs of blanks" };
    const rawBody = bodies[last].raw.replace(/^\s*#/, "").replace(/\s+$/, "");
    if (rawBody.length > 20 * (nCols - 1) && rawBody.length <= 21 * nCols + 1) {
      const fixed = Array.from({ length: nCols }, (_, j) => rawBody.slice(21 * j, 21 * j + 21).trim());
      if (fixed.every((f) => f !== "") && namesLookLikeNames(fixed)) return { names: fixed, how: "the last header line, in 21-character EPICS fields" };
    }
  }
  // 3. Numbered lists: "#  1) Mono Energy" (several per line allowed) or "1_Energy (keV) 2_sec".
  for (const re of [/(?:^|\s)(\d+)\)\s+(.*?)(?=\s+\d+\)\s|$)/g, /(?:^|\s)(\d+)_(\S.*?)(?=\s+\d+_\S|$)/g]) {
    const found = new Map<number, string>();
    for (const b of bodies) {
      let m: RegExpExecArray | null;
      re.lastIndex = 0;
      while ((m = re.exec(b.body)) !== null) found.set(Number(m[1]), m[2].trim());
    }
    if (found.size >= nCols && Array.from({ length: nCols }, (_, j) => found.has(j + 1)).every(Boolean) && found.size === nCols) {
      return { names: Array.from({ length: nCols }, (_, j) => found.get(j + 1) as string), how: "the numbered column list in the header" };
    }
  }
  // 3b. mda2ascii (APS): "#    2  [1-D Positioner 1]  4idc1:m13.VAL, 7T Sample Z, LINEAR, mm, …".
  {
    const found = new Map<number, string>();
    for (const b of bodies) {
      const m = /^(\d+)\s+\[([^\]]+)\]\s*(.*)$/.exec(b.body);
      if (!m) continue;
      const fields = m[3].split(",").map((x) => x.trim());
      found.set(Number(m[1]), fields[1] || fields[0] || m[2].trim());
    }
    if (found.size === nCols && Array.from({ length: nCols }, (_, j) => found.has(j + 1)).every(Boolean)) {
      return { names: Array.from({ length: nCols }, (_, j) => found.get(j + 1) as string), how: "the mda2ascii column descriptions" };
    }
  }
  // 4. Any earlier header line with nCols names (nearest to the data first).
  for (let i = last - 1; i >= 0; i--) {
    const body = bodies[i].body.replace(/^\(\d+\)\s+/, "");
    const simple = splitNames(body);
    if (simple.length === nCols && namesLookLikeNames(simple) && !/[:=]\s/.test(body)) return { names: tidy(simple).map((n) => aliases.get(n) ?? n), how: `header line ${i + 1}` };
  }
  // 5. Fewer names than columns on the last header line: those first, colN for the rest.
  if (last >= 0) {
    const simple = splitNames(bodies[last].body.replace(/^#+\s*/, ""));
    if (simple.length > 0 && simple.length < nCols && simple.every((n) => parseNumberToken(n) === undefined) && !/[:=]\s/.test(bodies[last].body)) {
      const names = [...tidy(simple), ...Array.from({ length: nCols - simple.length }, (_, j) => `col${simple.length + j + 1}`)];
      return { names, how: `the last header line, which names only ${simple.length} of ${nCols} columns (the others col${simple.length + 1}…col${nCols})` };
    }
  }
  return undefined;
}

/** `; P1 = {Energy} --> PV` → P1 → Energy (EPICS step-scan headers). */
function aliasMap(bodies: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of bodies) {
    const m = /^([PD]\d+)\s*=\s*\{([^}]*)\}/.exec(b);
    if (m && m[2].trim() !== "") out.set(m[1], m[2].trim());
  }
  return out;
}
