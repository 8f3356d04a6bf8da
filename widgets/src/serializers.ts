/**
 * (De)serialisers of typed-array attributes. Going out, the typed arrays are left in the state:
 * the widget manager takes every typed array (at any depth) out as a binary buffer. Coming in,
 * the manager puts a DataView where each buffer belongs; these turn it into the typed array.
 */
import type { ISerializers } from "@jupyter-widgets/base";

type Ctor<T> = { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number; name: string };

/** A typed array of type C from a DataView, ArrayBuffer or typed array (copied: frames may be unaligned). */
export function toTyped<T>(C: Ctor<T>, v: unknown): T {
  if (v instanceof (C as unknown as typeof Uint8Array)) return v as T;
  let bytes: Uint8Array;
  if (v instanceof ArrayBuffer) bytes = new Uint8Array(v);
  else if (ArrayBuffer.isView(v)) bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  else if (Array.isArray(v)) return new (C as unknown as { new (a: number[]): T })(v as number[]);
  else throw new TypeError(`expected a binary buffer for a ${C.name}, got ${v === null ? "null" : typeof v}`);
  if (bytes.byteLength % C.BYTES_PER_ELEMENT) throw new RangeError(`a buffer of ${bytes.byteLength} bytes is not a whole number of ${C.name} elements`);
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

/** Serialiser of a list of objects whose `field` is a typed array (groups, candidates). */
export function typedInList<T>(C: Ctor<T>, field: string): NonNullable<ISerializers[string]> {
  return {
    serialize: (v: Record<string, unknown>[]) => v,
    deserialize: (v: unknown) => (Array.isArray(v) ? v.map((o: Record<string, unknown>) => ({ ...o, [field]: toTyped(C, o[field] ?? new ArrayBuffer(0)) })) : []),
  };
}
