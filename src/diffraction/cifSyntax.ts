/**
 * CIF 1.1 syntax (Hall, Allen & Brown 1991; IUCr CIF 1.1 specification): data blocks, save frames,
 * tags and values, `loop_`s, quoted strings ('…' and "…", closed only by a quote followed by white
 * space), semicolon text fields, comments. Every value remembers its line for error messages.
 * @module
 */

/** One value as written. */
export interface CifValue {
  /** The text without quotes or text-field delimiters. */
  text: string;
  /** 1-based line where the value starts. */
  line: number;
  /** Whether it was quoted or a text field (then "?" and "." are plain text, not unknown / not applicable). */
  quoted: boolean;
}

/** One `loop_`: its tags and rows of values. */
export interface CifLoop {
  /** Tag names, lower case, with the leading "_". */
  tags: string[];
  /** Rows, each with one value per tag. */
  rows: CifValue[][];
  /** Line of the `loop_` keyword. */
  line: number;
}

/** One data block. */
export interface CifBlock {
  /** Block name (after `data_`). */
  name: string;
  /** Line of the `data_` header. */
  line: number;
  /** The file (name or path) for messages. */
  file: string;
  /** Single-valued items by lower-case tag. */
  items: Map<string, CifValue>;
  /** Loops in file order. */
  loops: CifLoop[];
}

interface Token {
  kind: "word" | "value";
  text: string;
  line: number;
  quoted: boolean;
}

/** @internal Split CIF text into tokens; throws for an unclosed quote or text field. */
function tokenize(text: string, file: string): Token[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const tokens: Token[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = i + 1;
    if (line.startsWith(";")) {
      const start = lineNo;
      const parts = [line.slice(1)];
      let j = i + 1;
      while (j < lines.length && !lines[j].startsWith(";")) parts.push(lines[j++]);
      if (j >= lines.length) throw new Error(`${file}: line ${start}: text field opened by ";" is never closed by a line starting with ";" (is the file truncated?)`);
      let body = parts.join("\n");
      if (parts[0].trim() === "") body = parts.slice(1).join("\n");
      tokens.push({ kind: "value", text: body, line: start, quoted: true });
      // Anything after the closing ";" on its line is read as ordinary tokens.
      lines[j] = lines[j].slice(1);
      i = j - 1;
      continue;
    }
    let p = 0;
    const n = line.length;
    while (p < n) {
      const ch = line[p];
      if (ch === " " || ch === "\t") {
        p++;
        continue;
      }
      if (ch === "#") break;
      if (ch === "'" || ch === '"') {
        let q = p + 1;
        for (;;) {
          q = line.indexOf(ch, q);
          if (q < 0) throw new Error(`${file}: line ${lineNo}: the string opened by ${ch} at column ${p + 1} is not closed on this line`);
          if (q + 1 >= n || line[q + 1] === " " || line[q + 1] === "\t") break;
          q++;
        }
        tokens.push({ kind: "value", text: line.slice(p + 1, q), line: lineNo, quoted: true });
        p = q + 1;
        continue;
      }
      let q = p;
      while (q < n && line[q] !== " " && line[q] !== "\t") q++;
      tokens.push({ kind: "word", text: line.slice(p, q), line: lineNo, quoted: false });
      p = q;
    }
  }
  return tokens;
}

/**
 * Parse CIF text into its data blocks.
 *
 * @param text the file's text.
 * @param file the name used in error messages.
 * @returns the blocks in file order (`global_` items, if any, go into a block named "global_").
 * @throws Error `<file>: line <n>: <what>`, e.g. a loop whose values are not a multiple of its
 *   tags, a tag without a value, a value without a tag, an unclosed text field.
 * @example
 * const [block] = parseCif("data_x\n_cell_length_a 4.9558(1)\n", "x.cif");
 * block.items.get("_cell_length_a")!.text; // "4.9558(1)"
 */
export function parseCif(text: string, file = "<text>"): CifBlock[] {
  const tokens = tokenize(text, file);
  const blocks: CifBlock[] = [];
  let block: CifBlock | undefined;
  let inSave = false;
  const need = (t: Token): CifBlock => {
    if (!block) throw new Error(`${file}: line ${t.line}: "${t.text}" comes before any data_ block header; expected data_<name> first`);
    return block;
  };
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    const lower = t.kind === "word" ? t.text.toLowerCase() : "";
    if (t.kind === "word" && lower.startsWith("data_")) {
      block = { name: t.text.slice(5), line: t.line, file, items: new Map(), loops: [] };
      blocks.push(block);
      inSave = false;
      i++;
    } else if (t.kind === "word" && lower === "global_") {
      block = { name: "global_", line: t.line, file, items: new Map(), loops: [] };
      blocks.push(block);
      i++;
    } else if (t.kind === "word" && lower.startsWith("save_")) {
      // Save frames (dictionaries, GSAS-II never writes them in structures): skipped as a whole.
      inSave = lower !== "save_";
      i++;
    } else if (inSave) {
      i++;
    } else if (t.kind === "word" && lower === "loop_") {
      const b = need(t);
      const loop: CifLoop = { tags: [], rows: [], line: t.line };
      i++;
      while (i < tokens.length && tokens[i].kind === "word" && tokens[i].text.startsWith("_")) loop.tags.push(tokens[i++].text.toLowerCase());
      if (loop.tags.length === 0) throw new Error(`${file}: line ${t.line}: loop_ without tags; expected one or more _tag names after loop_`);
      const values: Token[] = [];
      while (i < tokens.length) {
        const v = tokens[i];
        if (v.kind === "word") {
          const l = v.text.toLowerCase();
          if (v.text.startsWith("_") || l === "loop_" || l.startsWith("data_") || l.startsWith("save_") || l === "global_" || l === "stop_") break;
        }
        values.push(v);
        i++;
      }
      const k = loop.tags.length;
      if (values.length % k !== 0) {
        const last = values.length > 0 ? values[values.length - 1].line : t.line;
        throw new Error(
          `${file}: line ${t.line}: loop_ with ${k} tags (${loop.tags.join(", ")}) has ${values.length} values, not a multiple of ${k} ` +
            `(the last row, ending on line ${last}, has ${values.length % k} of ${k} values; is a value missing or a string unquoted?)`,
        );
      }
      for (let r = 0; r < values.length; r += k) loop.rows.push(values.slice(r, r + k).map((v) => ({ text: v.text, line: v.line, quoted: v.quoted })));
      b.loops.push(loop);
    } else if (t.kind === "word" && t.text.startsWith("_")) {
      const b = need(t);
      const v = tokens[i + 1];
      const vl = v && v.kind === "word" ? v.text.toLowerCase() : "";
      if (!v || (v.kind === "word" && (v.text.startsWith("_") || vl === "loop_" || vl.startsWith("data_") || vl.startsWith("save_") || vl === "global_"))) {
        throw new Error(`${file}: line ${t.line}: ${t.text}: no value follows the tag${v ? "" : " (is the file truncated?)"}`);
      }
      b.items.set(t.text.toLowerCase(), { text: v.text, line: v.line, quoted: v.quoted });
      i += 2;
    } else if (t.kind === "word" && lower === "stop_") {
      i++;
    } else {
      need(t);
      throw new Error(`${file}: line ${t.line}: value "${t.text.length > 40 ? t.text.slice(0, 40) + "…" : t.text}" without a tag; expected _tag value or loop_`);
    }
  }
  return blocks;
}

/**
 * The values of a tag in a block: the single item, or the column of the loop that holds it.
 * @returns the values (one for an item), or undefined when the block does not have the tag.
 * @example
 * cifColumn(block, "_atom_site_label")?.map((v) => v.text); // ["Li1", "Ni1", "O1"]
 */
export function cifColumn(block: CifBlock, tag: string): CifValue[] | undefined {
  const t = tag.toLowerCase();
  const item = block.items.get(t);
  if (item) return [item];
  for (const loop of block.loops) {
    const k = loop.tags.indexOf(t);
    if (k >= 0) return loop.rows.map((r) => r[k]);
  }
  return undefined;
}

/**
 * The loop of a block that holds a tag (for reading rows column by column).
 * @example
 * cifLoopOf(block, "_atom_site_fract_x")?.rows.length; // number of sites
 */
export function cifLoopOf(block: CifBlock, tag: string): CifLoop | undefined {
  const t = tag.toLowerCase();
  return block.loops.find((l) => l.tags.includes(t));
}
