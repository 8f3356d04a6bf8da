/**
 * (De)serialisers of typed-array attributes. Going out, the typed arrays are left in the state:
 * the widget manager takes every typed array (at any depth) out as a binary buffer. Coming in,
 * the manager puts a DataView where each buffer belongs; these turn it into the typed array.
 */
import type { ISerializers } from "@jupyter-widgets/base";
import { indicesToMask, maskProblem, maskToIndices, useMask } from "./groupMask";

type Ctor<T> = { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number; name: string };

/**
 * A typed array of type C from a DataView, ArrayBuffer or typed array: a view on the same bytes
 * when they are aligned for C (no copy of a 4 MB group on every echo), else a copy (frames of a
 * message may start at any byte).
 */
export function toTyped<T>(C: Ctor<T>, v: unknown): T {
  if (v instanceof (C as unknown as typeof Uint8Array)) return v as T;
  let bytes: Uint8Array;
  if (v instanceof ArrayBuffer) bytes = new Uint8Array(v);
  else if (ArrayBuffer.isView(v)) bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  else if (Array.isArray(v)) return new (C as unknown as { new (a: number[]): T })(v as number[]);
  else throw new TypeError(`expected a binary buffer for a ${C.name}, got ${v === null ? "null" : typeof v}`);
  if (bytes.byteLength % C.BYTES_PER_ELEMENT) throw new RangeError(`a buffer of ${bytes.byteLength} bytes is not a whole number of ${C.name} elements`);
  if (bytes.byteOffset % C.BYTES_PER_ELEMENT === 0) {
    return new (C as unknown as { new (b: ArrayBufferLike, o: number, n: number): T })(bytes.buffer, bytes.byteOffset, bytes.byteLength / C.BYTES_PER_ELEMENT);
  }
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new C(copy.buffer);
}

/** Serialiser of one typed-array attribute. */
export function typed<T>(C: Ctor<T>): NonNullable<ISerializers[string]> {
  return {
    serialize: (v: T) => v,
    deserialize: (v: unknown) => (v == null ? new C(new ArrayBuffer(0)) : toTyped(C, v)),
  };
}

/** Serialiser of a `{ name: typed array }` attribute. */
export function typedRecord<T>(C: Ctor<T>): NonNullable<ISerializers[string]> {
  return {
    serialize: (v: Record<string, T>) => v,
    deserialize: (v: unknown) => {
      const out: Record<string, T> = {};
      if (v && typeof v === "object") for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toTyped(C, x);
      return out;
    },
  };
}

/** Whether two typed arrays hold the same bytes (compared 4 bytes at a time when aligned). */
function sameBytes(p: unknown, q: unknown): boolean {
  if (!ArrayBuffer.isView(p) || !ArrayBuffer.isView(q) || p.byteLength !== q.byteLength) return false;
  const n = p.byteLength;
  if (p.byteOffset % 4 === 0 && q.byteOffset % 4 === 0 && n % 4 === 0) {
    const u = new Uint32Array(p.buffer, p.byteOffset, n / 4), w = new Uint32Array(q.buffer, q.byteOffset, n / 4);
    for (let j = 0; j < u.length; j++) if (u[j] !== w[j]) return false;
  } else {
    const u = new Uint8Array(p.buffer, p.byteOffset, n), w = new Uint8Array(q.buffer, q.byteOffset, n);
    for (let j = 0; j < n; j++) if (u[j] !== w[j]) return false;
  }
  return true;
}

/** Whether two wire lists hold the same JSON fields and byte-equal typed arrays (any field). */
function sameWire(a: Record<string, unknown>[], b: Record<string, unknown>[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    const kx = Object.keys(x), ky = Object.keys(y);
    if (kx.length !== ky.length) return false;
    for (const k of kx) {
      if (!(k in y)) return false;
      if (ArrayBuffer.isView(x[k])) {
        if (!sameBytes(x[k], y[k])) return false;
      } else if (JSON.stringify(x[k]) !== JSON.stringify(y[k])) return false;
    }
  }
  return true;
}

/** A group in memory: `{ name, color, indices }`, with `mask` and `count` when it is dense. */
interface MemGroup {
  name: string;
  color: string;
  indices: Uint32Array;
  mask?: Uint8Array;
  count?: number;
}

/**
 * Serialiser of the selector's `groups`. On the wire a group is `{ name, color, indices }`
 * (sparse) or `{ name, color, mask, count }` (dense: {@link useMask} of the model's `n_points`);
 * in the model it always has `indices` (a received mask is decoded once), and `mask`/`count`
 * when dense, so views draw either form alike. The last few lists sent are remembered with
 * their wire form: the kernel's echo of this page's own update returns the very list sent.
 */
export function groupsSerializer(): NonNullable<ISerializers[string]> {
  const sent: { mem: MemGroup[]; wire: Record<string, unknown>[] }[] = [];
  const masks = new WeakMap<Uint32Array, Uint8Array>();
  return {
    serialize: (v: MemGroup[], model?: { get(k: string): unknown }) => {
      if (!Array.isArray(v)) return v;
      const known = sent.find((s) => s.mem === v);
      if (known) return known.wire;
      const n = Number(model?.get?.("n_points") ?? 0);
      const wire = v.map((g): Record<string, unknown> => {
        if (g.mask) return { name: g.name, color: g.color, mask: g.mask, count: g.count ?? g.indices.length };
        if (n > 0 && useMask(g.indices.length, n)) {
          let m = masks.get(g.indices);
          if (!m) masks.set(g.indices, (m = indicesToMask(g.indices, n)));
          return { name: g.name, color: g.color, mask: m, count: g.indices.length };
        }
        return { name: g.name, color: g.color, indices: g.indices };
      });
      sent.push({ mem: v, wire });
      if (sent.length > 4) sent.shift();
      return wire;
    },
    deserialize: (v: unknown) => {
      if (!Array.isArray(v)) return [];
      const mine = sent.find((s) => sameWire(s.wire, v as Record<string, unknown>[]));
      if (mine) return mine.mem;
      return v.map((o: Record<string, unknown>, i): MemGroup => {
        const name = String(o.name), color = String(o.color);
        if (o.mask != null) {
          const mask = toTyped(Uint8Array, o.mask);
          const problem = maskProblem(mask, o.count, mask.length * 8);
          if (problem) throw new RangeError(`groups[${i}] ("${name}"): ${problem}`);
          const count = o.count as number;
          return { name, color, indices: maskToIndices(mask, count), mask, count };
        }
        return { name, color, indices: toTyped(Uint32Array, o.indices ?? new ArrayBuffer(0)) };
      });
    },
  };
}

/**
 * Serialiser of a list of objects whose `field` is a typed array (groups, candidates). The last
 * few lists sent are remembered: when one comes back unchanged (the kernel's echo of this
 * page's own update), the deserialiser returns that very list, so the model sees an identical
 * value at once instead of comparing 10⁶ indices element by element (Backbone's isEqual).
 */
export function typedInList<T>(C: Ctor<T>, field: string): NonNullable<ISerializers[string]> {
  const sent: Record<string, unknown>[][] = [];
  return {
    serialize: (v: Record<string, unknown>[]) => {
      if (Array.isArray(v) && !sent.includes(v)) {
        sent.push(v);
        if (sent.length > 4) sent.shift();
      }
      return v;
    },
    deserialize: (v: unknown) => {
      if (!Array.isArray(v)) return [];
      const mine = sent.find((s) => sameWire(s, v as Record<string, unknown>[]));
      if (mine) return mine;
      return v.map((o: Record<string, unknown>) => ({ ...o, [field]: toTyped(C, o[field] ?? new ArrayBuffer(0)) }));
    },
  };
}
