/**
 * Normalising the values h5wasm hands back for HDF5 attributes and small string datasets:
 * strings may arrive as plain strings, one-element string arrays, byte arrays, or UTF-8
 * decoded byte by byte; numbers as numbers, bigints or typed arrays.
 *
 * @module
 */

function fixMojibake(s: string): string {
  // h5wasm decodes ASCII-tagged fixed-length strings byte by byte: UTF-8 "µm" arrives as "Î¼m".
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return s;
    if (c >= 0x80) high = true;
  }
  if (!high) return s;
  const u = Buffer.from(s, "latin1").toString("utf8");
  return u.includes("\ufffd") ? s : u;
}

function stripNul(s: string): string {
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === 0) n--;
  return s.slice(0, n);
}

/**
 * @internal
 * A string from a string, a one-element string array, bytes (UTF-8), or a char array;
 * trailing NUL padding removed. Numbers become their decimal text; null / undefined become "".
 */
export function asString(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return stripNul(fixMojibake(v));
  if (v instanceof Uint8Array || v instanceof Int8Array) return stripNul(Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("utf8"));
  if (Array.isArray(v)) return v.length > 0 ? asString(v[0]) : "";
  return String(v);
}

/**
 * @internal
 * All strings of a string array (an `axes` attribute), or of one string holding several
 * names separated by ':' / ',' / spaces (the NeXus 2012 form `"energy:sample_y:sample_x"`).
 */
export function asStrings(v: unknown): string[] {
  if (Array.isArray(v)) {
    if (v.length === 1) return asStrings(v[0]);
    return v.map((x) => asString(x).trim());
  }
  const s = asString(v);
  return s.split(/[:,\s]+/).filter((x) => x !== "");
}

/**
 * @internal
 * Numbers from a number, bigint, numeric string ("1"), typed array or array; `undefined` when
 * the value holds something that is not a number (e.g. a word).
 */
export function asNumbers(v: unknown): Float64Array | undefined {
  if (typeof v === "number" || typeof v === "bigint") return new Float64Array([Number(v)]);
  if (typeof v === "string") {
    const t = stripNul(v).trim();
    return t !== "" && Number.isFinite(Number(t)) ? new Float64Array([Number(t)]) : undefined;
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const a = v as unknown as ArrayLike<number | bigint>;
    const out = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = Number(a[i]);
    return out;
  }
  if (Array.isArray(v)) {
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const n = asNumbers(v[i]);
      if (!n || n.length !== 1) return undefined;
      out[i] = n[0];
    }
    return out;
  }
  return undefined;
}

/**
 * @internal
 * Group member names in file order: creation order when the file tracks it (names not in
 * byte order), else natural name order, so that entry2 comes before entry10.
 */
export function naturalKeys(keys: readonly string[]): string[] {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return [...keys];
  return [...keys].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}
