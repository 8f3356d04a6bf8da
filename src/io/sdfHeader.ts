/**
 * The grammar of ALS-style SDF `.hdr` headers (ALS 5.3.2 / 11.0.2 / COSMIC, CLS, SSRL,
 * pre-2019 SLS PolLux, BESSY MAXYMUS): parse to a plain tree, and format back.
 *
 * ```
 * file       := assignment*
 * assignment := NAME '=' value ';'
 * value      := NUMBER | '"' STRING '"' | true | false | struct | array | bare words
 * struct     := '{' assignment* '}'
 * array      := '(' count (',' item)* ')'      count = number of items that follow
 * ```
 * Whitespace and line ends (LF or CRLF) are insignificant. The top level is not braced.
 *
 * @module
 */
import { StxmFileError, checkOptions } from "./errors";
import { DECIMAL_NUMBER, withoutByteOrderMark } from "./textValues";

/** A header value: number, string, boolean, `{ }` group or `( )` array (count prefix removed). */
export type SdfValue = number | string | boolean | SdfStruct | SdfValue[];

/** A `{ key = value; … }` group; keys keep file order. */
export interface SdfStruct {
  [key: string]: SdfValue;
}

/** Options of {@link parseSdfHeader}. */
export interface SdfHeaderOptions {
  /** File name used in error messages (default "header"). */
  name?: string;
}

type TokKind = "{" | "}" | "(" | ")" | "=" | ";" | "," | "str" | "word" | "eof";
interface Tok {
  kind: TokKind;
  text: string;
  line: number;
}

/**
 * Deepest nesting of `{ }` groups and `( )` arrays accepted in a header. Real headers nest four
 * or five levels (ScanDefinition → Regions → PAxis → Points); the bound keeps a damaged or
 * hostile file from exhausting the call stack.
 */
export const MAX_SDF_NESTING = 100;

const PUNCT = new Set(["{", "}", "(", ")", "=", ";", ","]);

function tokenize(text: string, file: string): Tok[] {
  const toks: Tok[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === "\n") {
      line++;
      i++;
    } else if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v" || c === "\u00a0") {
      i++;
    } else if (PUNCT.has(c)) {
      toks.push({ kind: c as TokKind, text: c, line });
      i++;
    } else if (c === '"') {
      const start = i + 1;
      const end = text.indexOf('"', start);
      if (end < 0) throw new StxmFileError(file, `line ${line}`, "expected a closing \" for the string, got end of file");
      const s = text.slice(start, end);
      toks.push({ kind: "str", text: s, line });
      for (let k = start; k < end; k++) if (text[k] === "\n") line++;
      i = end + 1;
    } else {
      let j = i;
      while (j < n) {
        const d = text[j];
        if (d === " " || d === "\t" || d === "\r" || d === "\n" || d === '"' || PUNCT.has(d)) break;
        j++;
      }
      toks.push({ kind: "word", text: text.slice(i, j), line });
      i = j;
    }
  }
  toks.push({ kind: "eof", text: "end of file", line });
  return toks;
}

/** Turn a bare word into a number or boolean when it is one; otherwise keep the string. */
function scalar(word: string): number | string | boolean {
  if (DECIMAL_NUMBER.test(word)) return Number(word);
  const w = word.toLowerCase();
  if (w === "true") return true;
  if (w === "false") return false;
  if (w === "nan" || w === "+nan" || w === "-nan") return NaN;
  if (w === "inf" || w === "+inf" || w === "infinity") return Infinity;
  if (w === "-inf" || w === "-infinity") return -Infinity;
  return word;
}

/** Deep equality of two header values (NaN equals NaN). */
function sameValue(a: SdfValue, b: SdfValue): boolean {
  if (typeof a !== "object" || typeof b !== "object") return Object.is(a, b) || (a === b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  const sa = a as SdfStruct;
  const sb = b as SdfStruct;
  const ka = Object.keys(sa);
  return ka.length === Object.keys(sb).length && ka.every((k) => Object.prototype.hasOwnProperty.call(sb, k) && sameValue(sa[k], sb[k]));
}

function setKey(obj: SdfStruct, key: string, v: SdfValue): void {
  if (key === "__proto__" || key === "constructor" || key === "prototype") {
    Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = v;
  }
}

class Parser {
  private pos = 0;
  private depth = 0;
  /** Count of stray `}` skipped inside arrays (a known PolLux HDF5→SDF converter bug). */
  strayBraces = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly file: string,
  ) {}

  private peek(): Tok {
    return this.toks[this.pos];
  }
  private next(): Tok {
    return this.toks[this.pos++];
  }
  private err(t: Tok, path: string, expected: string): never {
    const got = t.kind === "eof" ? "end of file" : t.kind === "str" ? `"${t.text}"` : `'${t.text}'`;
    throw new StxmFileError(this.file, `line ${t.line}${path ? ` (${path})` : ""}`, `expected ${expected}, got ${got}`);
  }

  /** Enter a `{ }` or `( )` level, refusing to go deeper than {@link MAX_SDF_NESTING}. */
  private enter(t: Tok, path: string): void {
    if (++this.depth > MAX_SDF_NESTING) {
      throw new StxmFileError(this.file, `line ${t.line}${path ? ` (${path})` : ""}`, `expected at most ${MAX_SDF_NESTING} nested { } / ( ) levels, got more (a damaged header?)`);
    }
  }

  /** assignments until `}` (when inStruct) or end of file. */
  parseAssignments(inStruct: boolean, path: string): SdfStruct {
    if (inStruct) this.enter(this.toks[this.pos - 1], path);
    const out: SdfStruct = {};
    const lineOf = new Map<string, number>();
    for (;;) {
      const t = this.peek();
      if (t.kind === "eof") {
        if (inStruct) this.err(t, path, "'}' closing the group");
        return out;
      }
      if (t.kind === "}") {
        if (!inStruct) this.err(t, path, "a name (unmatched '}')");
        this.next();
        this.depth--;
        return out;
      }
      if (t.kind === ";") {
        this.next(); // empty statement
        continue;
      }
      if (t.kind !== "word" && t.kind !== "str") this.err(t, path, "a name");
      this.next();
      const key = t.text;
      const full = path ? `${path}.${key}` : key;
      const eq = this.next();
      if (eq.kind !== "=") this.err(eq, full, `'=' after ${key}`);
      const valueTok = this.peek();
      const v = this.parseValue(full);
      const first = lineOf.get(key);
      if (first !== undefined) {
        // The same name twice in one group: harmless when the values agree, else which one is right?
        if (!sameValue(out[key], v)) {
          throw new StxmFileError(this.file, `line ${t.line} (${full})`, `expected each name once in a group, got ${key} again with a different value (first on line ${first})`);
        }
      } else lineOf.set(key, t.line);
      setKey(out, key, v);
      const end = this.peek();
      if (end.kind === ";") this.next();
      else if (end.kind === "}") {
        /* a missing ';' before '}' is tolerated */
      } else if (end.kind === "eof" && (inStruct || valueTok.kind === "{" || valueTok.kind === "(" || valueTok.kind === "str")) {
        /* a closed group, array or string needs no ';' at the end of the file (an open group fails above) */
      } else if (end.kind === "eof") {
        // A bare number or word at the very end may have been cut short: "Dwell = 12" of "Dwell = 125;".
        this.err(end, full, `';' after the value of ${key} (the file ends right after it: truncated?)`);
      } else this.err(end, full, `';' after the value of ${key}`);
    }
  }

  parseValue(path: string): SdfValue {
    const t = this.peek();
    if (t.kind === "{") {
      this.next();
      return this.parseAssignments(true, path);
    }
    if (t.kind === "(") {
      this.next();
      return this.parseArray(path);
    }
    if (t.kind === "str") {
      this.next();
      return t.text;
    }
    if (t.kind === "word") {
      // bare words up to ';' (e.g. an unquoted name with spaces)
      const words: string[] = [];
      while (this.peek().kind === "word") words.push(this.next().text);
      return words.length === 1 ? scalar(words[0]) : words.join(" ");
    }
    if (t.kind === ";") return "";
    this.err(t, path, "a value");
  }

  parseArray(path: string): SdfValue[] {
    const items: SdfValue[] = [];
    const open = this.toks[this.pos - 1];
    this.enter(open, path);
    let expectItem = true;
    for (;;) {
      const t = this.peek();
      if (t.kind === ")") {
        this.next();
        this.depth--;
        break;
      }
      if (t.kind === "}") {
        // PolLux HDF5→SDF converter appends a stray '}' inside arrays; skip it.
        this.next();
        this.strayBraces++;
        continue;
      }
      if (t.kind === ",") {
        if (expectItem) this.err(t, path, "an array item before ','");
        this.next();
        expectItem = true;
        continue;
      }
      if (t.kind === "eof") this.err(t, path, "')' closing the array");
      if (!expectItem) this.err(t, path, "',' or ')' in the array");
      const where = `${path}[${items.length}]`;
      if (t.kind === "{") {
        this.next();
        items.push(this.parseAssignments(true, where));
      } else if (t.kind === "(") {
        this.next();
        items.push(this.parseArray(where));
      } else if (t.kind === "str") {
        this.next();
        items.push(t.text);
      } else if (t.kind === "word") {
        this.next();
        items.push(scalar(t.text));
      } else this.err(t, path, "an array item");
      expectItem = false;
    }
    if (items.length === 0) return items;
    const count = items[0];
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0) {
      throw new StxmFileError(this.file, `line ${open.line} (${path})`, `expected a count as the first array item, got ${JSON.stringify(count)}`);
    }
    const rest = items.slice(1);
    if (rest.length !== count) {
      throw new StxmFileError(
        this.file,
        `line ${open.line} (${path})`,
        `expected ${count} values after the count prefix, got ${rest.length}`,
      );
    }
    return rest;
  }
}

/**
 * Parse the text of an SDF `.hdr` header into a plain tree. Numbers become numbers,
 * `true`/`false` booleans, quoted strings strings; `( n, a, b, … )` arrays lose their count
 * prefix `n` after it has been checked against the number of items.
 *
 * @param text the whole header (ASCII / Latin-1; LF or CRLF).
 * @param options `{ name }`: file name for error messages.
 * @returns the top-level group, e.g. `{ ScanDefinition: { Regions: [ { PAxis: … } ], … }, Time: "…", … }`.
 * @throws StxmFileError naming the file, the line and the field, e.g.
 *   `a.hdr: line 5 (ScanDefinition.StackAxis.Points): expected 3 values after the count prefix, got 2`.
 * @example
 * const h = parseSdfHeader('A = { B = (2, 1.5, 2.5); C = "x"; };');
 * // h.A.B → [1.5, 2.5], h.A.C → "x"
 */
export function parseSdfHeader(text: string, options: SdfHeaderOptions = {}): SdfStruct {
  checkOptions("parseSdfHeader", options, ["name"]);
  const file = options.name ?? "header";
  if (typeof text !== "string") throw new TypeError(`parseSdfHeader: expected the header text as a string, got ${typeof text}`);
  const body = withoutByteOrderMark(text);
  const p = new Parser(tokenize(body, file), file);
  return p.parseAssignments(false, "");
}

function formatNumber(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  return String(v);
}

function formatValue(v: SdfValue, indent: string): string {
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "string") {
    if (v.includes('"')) throw new RangeError(`formatSdfHeader: a string cannot contain '"': ${v}`);
    return `"${v}"`;
  }
  if (Array.isArray(v)) {
    const parts = [String(v.length), ...v.map((x) => formatValue(x, indent + "\t"))];
    const hasStruct = v.some((x) => typeof x === "object");
    return hasStruct ? `(${parts.join(`,\r\n${indent}`)})` : `(${parts.join(", ")})`;
  }
  const inner = Object.keys(v)
    .map((k) => `${k} = ${formatValue(v[k], indent + "\t")};`)
    .join(" ");
  return `{ ${inner} }`.replace("{  }", "{ }");
}

/**
 * Format a header tree back to SDF text (CRLF line ends, one top-level assignment a line).
 * Arrays get their count prefix; numbers are written with full (round-trip) precision.
 *
 * @param header the tree, as returned by {@link parseSdfHeader}.
 * @returns the header text; `parseSdfHeader(formatSdfHeader(h))` deep-equals `h`.
 * @example
 * formatSdfHeader({ Dwell: 4, Points: [1, 2] }); // 'Dwell = 4;\r\nPoints = (2, 1, 2);\r\n'
 */
export function formatSdfHeader(header: SdfStruct): string {
  return Object.keys(header)
    .map((k) => `${k} = ${formatValue(header[k], "\t")};\r\n`)
    .join("");
}
