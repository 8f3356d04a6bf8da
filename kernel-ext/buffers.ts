/**
 * Binary buffers in widget state (protocol 2.1.0): typed arrays, DataViews and ArrayBuffers
 * are taken out of the JSON state and sent as raw frames; `buffer_paths` says where each goes
 * back. A dict key path is absent from the JSON; a list index path holds `null`.
 *
 * @module
 */

/** A path into a state object: keys and list indices. */
export type BufferPath = (string | number)[];

function isBinary(v: unknown): v is ArrayBufferView | ArrayBuffer {
  return ArrayBuffer.isView(v) || v instanceof ArrayBuffer;
}

/** Split state into JSON-able state, buffer paths and the buffers themselves. */
export function removeBuffers(state: Record<string, unknown>): {
  state: Record<string, unknown>;
  bufferPaths: BufferPath[];
  buffers: (ArrayBufferView | ArrayBuffer)[];
} {
  const bufferPaths: BufferPath[] = [];
  const buffers: (ArrayBufferView | ArrayBuffer)[] = [];
  function walk(v: unknown, p: BufferPath): unknown {
    if (Array.isArray(v)) {
      return v.map((x, i) => {
        if (isBinary(x)) {
          bufferPaths.push([...p, i]);
          buffers.push(x);
          return null;
        }
        return walk(x, [...p, i]);
      });
    }
    if (v && typeof v === "object" && !isBinary(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (isBinary(x)) {
          bufferPaths.push([...p, k]);
          buffers.push(x);
        } else {
          out[k] = walk(x, [...p, k]);
        }
      }
      return out;
    }
    return v;
  }
  return { state: walk(state, []) as Record<string, unknown>, bufferPaths, buffers };
}

/**
 * Put received buffers back into `state` (mutates and returns it).
 * @throws Error when the numbers of paths and buffers differ or a path is not a list of keys.
 */
export function putBuffers(state: Record<string, unknown>, bufferPaths: unknown, buffers: DataView[]): Record<string, unknown> {
  const paths = Array.isArray(bufferPaths) ? bufferPaths : [];
  if (paths.length !== buffers.length) {
    throw new Error(`buffer_paths has ${paths.length} entries but the message carries ${buffers.length} buffers`);
  }
  paths.forEach((p, i) => {
    if (!Array.isArray(p) || p.length === 0) throw new Error(`buffer_paths[${i}] must be a non-empty list of keys`);
    let obj = state as Record<string | number, unknown>;
    for (let j = 0; j < p.length - 1; j++) {
      const k = p[j] as string | number;
      if (obj[k] == null || typeof obj[k] !== "object") obj[k] = typeof p[j + 1] === "number" ? [] : {};
      obj = obj[k] as Record<string | number, unknown>;
    }
    obj[p[p.length - 1] as string | number] = buffers[i];
  });
  return state;
}
