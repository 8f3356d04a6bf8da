/**
 * A small reader for the Perl `Data::Dumper` statements an Athena project holds
 * (`$old_group = 'bapw';`, `@x = ('6911.7', …);`, `%plot_features = ('c4' => 'darkorange', …);`,
 * `$xdi = bless( {…}, 'Xray::XDI' );`). It tokenizes and builds values; it never evaluates code:
 * a function call other than `bless` (e.g. `system("…")`) is refused as data.
 * @module
 */

/** A value of a Perl data statement: string, number (bare numerals), null (`undef`), list or hash. */
export type PerlValue = string | number | null | PerlValue[] | { [key: string]: PerlValue };

/** One statement: its sigil and name (`@x`, `$old_group`, `%lcf_data`), its value, the line it starts on. */
export interface PerlStatement {
  sigil: "$" | "@" | "%";
  name: string;
  value: PerlValue;
  line: number;
}

/** A bare marker line such as `[record]` or `1;`. */
export interface PerlMarker {
  marker: string;
  line: number;
}

/** A statement that is not data (a function call other than `bless`, or unparsable text), with why. */
export interface PerlSkipped {
  name: string;
  line: number;
  reason: string;
}

/** What {@link parsePerlData} found, in file order. */
export interface PerlDocument {
  items: (PerlStatement | PerlMarker)[];
  skipped: PerlSkipped[];
}

class PerlSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * @internal
 * Parse the statements of a Perl data dump. `#` comments and blank lines are skipped.
 * @throws Error with the line number when a data statement is malformed (an unterminated string,
 *   a missing `;` or bracket) — the caller names the file.
 */
export function parsePerlData(text: string): PerlDocument {
  let pos = 0;
  let line = 1;
  const n = text.length;
  const items: (PerlStatement | PerlMarker)[] = [];
  const skipped: PerlSkipped[] = [];

  const advance = (to: number): void => {
    for (let k = pos; k < to; k++) if (text.charCodeAt(k) === 10) line++;
    pos = to;
  };
  const skipSpace = (): void => {
    while (pos < n) {
      const c = text[pos];
      if (c === "\n") {
        line++;
        pos++;
      } else if (c === " " || c === "\t" || c === "\r" || c === "\f") pos++;
      else if (c === "#") {
        while (pos < n && text[pos] !== "\n") pos++;
      } else break;
    }
  };
  const expect = (s: string): void => {
    skipSpace();
    if (!text.startsWith(s, pos)) throw new PerlSyntaxError(line, `expected "${s}", got ${JSON.stringify(text.slice(pos, pos + 20))}`);
    advance(pos + s.length);
  };

  const SINGLE = /'((?:[^'\\]|\\[\s\S])*)'/y;
  const readSingleQuoted = (): string => {
    SINGLE.lastIndex = pos;
    const m = SINGLE.exec(text);
    if (!m) throw new PerlSyntaxError(line, "a string opened with ' is never closed");
    advance(pos + m[0].length);
    return m[1].indexOf("\\") < 0 ? m[1] : m[1].replace(/\\(['\\])/g, "$1");
  };
  const readDoubleQuoted = (): string => {
    const startLine = line;
    pos++;
    let out = "";
    while (pos < n) {
      const c = text[pos];
      if (c === "\\") {
        const d = text[pos + 1];
        if (d === "x" && text[pos + 2] === "{") {
          const close = text.indexOf("}", pos + 3);
          const code = close > 0 ? parseInt(text.slice(pos + 3, close), 16) : NaN;
          if (!Number.isFinite(code)) throw new PerlSyntaxError(line, `bad \\x{…} escape ${JSON.stringify(text.slice(pos, pos + 12))}`);
          out += String.fromCodePoint(code);
          pos = close + 1;
          continue;
        }
        out += d === "n" ? "\n" : d === "t" ? "\t" : d === "r" ? "\r" : d;
        pos += 2;
      } else if (c === '"') {
        pos++;
        return out;
      } else {
        if (c === "\n") line++;
        out += c;
        pos++;
      }
    }
    throw new PerlSyntaxError(startLine, 'a string opened with " is never closed');
  };

  const readBare = (): string => {
    const start = pos;
    while (pos < n && /[A-Za-z0-9_.+\-:]/.test(text[pos])) pos++;
    return text.slice(start, pos);
  };

  const readValue = (): PerlValue => {
    skipSpace();
    const c = text[pos];
    if (c === "'") return readSingleQuoted();
    if (c === '"') return readDoubleQuoted();
    if (c === "(" || c === "[") return readList(c === "(" ? ")" : "]");
    if (c === "{") return readHash();
    const word = readBare();
    if (word === "") throw new PerlSyntaxError(line, `expected a value, got ${JSON.stringify(text.slice(pos, pos + 20))}`);
    if (word === "undef") return null;
    if (word === "bless") {
      expect("(");
      const v = readValue();
      expect(",");
      readValue(); // the class name
      expect(")");
      return v;
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(word)) return Number(word);
    skipSpace();
    if (text[pos] === "(") throw new PerlSyntaxError(line, `a call of the function "${word}", not data`);
    return word; // a bare word (hash keys written without quotes)
  };
  const readList = (close: string): PerlValue[] => {
    pos++;
    const out: PerlValue[] = [];
    for (;;) {
      skipSpace();
      if (text[pos] === close) {
        pos++;
        return out;
      }
      if (pos >= n) throw new PerlSyntaxError(line, `a list is never closed with "${close}"`);
      out.push(readValue());
      skipSpace();
      if (text.startsWith("=>", pos)) pos += 2;
      else if (text[pos] === ",") pos++;
      else if (text[pos] !== close) throw new PerlSyntaxError(line, `expected "," or "${close}" in a list, got ${JSON.stringify(text.slice(pos, pos + 20))}`);
    }
  };
  const readHash = (): { [key: string]: PerlValue } => {
    const flat = readList("}");
    return pairsToHash(flat);
  };

  while (pos < n) {
    skipSpace();
    if (pos >= n) break;
    const startLine = line;
    const c = text[pos];
    if (c === "$" || c === "@" || c === "%") {
      pos++;
      const name = readBare();
      const statementStart = pos;
      try {
        expect("=");
        const raw = readValue();
        expect(";");
        const value = c === "%" && Array.isArray(raw) ? pairsToHash(raw) : raw;
        items.push({ sigil: c, name, value, line: startLine });
      } catch (e) {
        if (!(e instanceof PerlSyntaxError)) throw e;
        if (/not data/.test(e.message)) {
          skipped.push({ name: `${c}${name}`, line: startLine, reason: e.message });
          // Skip to the end of this statement's line: the rest is not read.
          pos = statementStart;
          while (pos < n && text[pos] !== "\n") pos++;
          line = startLine;
          continue;
        }
        throw new PerlSyntaxError(e.line, `${c}${name} (line ${startLine}): ${e.message}`);
      }
      continue;
    }
    if (c === "[") {
      const close = text.indexOf("]", pos);
      if (close < 0) throw new PerlSyntaxError(line, `"[" with no "]"`);
      items.push({ marker: text.slice(pos, close + 1), line: startLine });
      advance(close + 1);
      continue;
    }
    // Anything else (e.g. the closing `1;`): a marker up to the end of the line.
    const eol = text.indexOf("\n", pos);
    const end = eol < 0 ? n : eol;
    items.push({ marker: text.slice(pos, end).trim(), line: startLine });
    pos = end;
  }
  return { items, skipped };
}

function pairsToHash(flat: PerlValue[]): { [key: string]: PerlValue } {
  const out: { [key: string]: PerlValue } = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = flat[i + 1];
  return out;
}

/** @internal Whether an error came from {@link parsePerlData} (and its line). */
export function perlErrorLine(e: unknown): number | undefined {
  return e instanceof PerlSyntaxError ? e.line : undefined;
}
