/**
 * A tiny WebAssembly assembler: function bodies with named locals, a few structured-control
 * helpers and the f64x2 SIMD opcodes the kernels use, and {@link assemble} to make a module
 * importing one memory (`env.mem`). Internal to edgeworks/linalg; no toolchain, no binary blobs.
 * @module
 */

/** Value types. */
export const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;

/** A growable byte buffer. */
class Bytes {
  a: Uint8Array = new Uint8Array(256);
  length = 0;
  push(...bytes: number[]): void {
    for (const b of bytes) this.byte(b);
  }
  byte(b: number): void {
    if (this.length === this.a.length) this.reserve(1);
    this.a[this.length++] = b;
  }
  /** make room for `extra` more bytes */
  reserve(extra: number): void {
    if (this.length + extra <= this.a.length) return;
    const n = new Uint8Array(Math.max(this.a.length * 2, this.length + extra));
    n.set(this.a.subarray(0, this.length));
    this.a = n;
  }
  bytes(): Uint8Array { return this.a.subarray(0, this.length); }
}

function uleb(out: Bytes, n: number): void {
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.byte(b);
  } while (n !== 0);
}
function sleb(out: Bytes, n: number): void {
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.byte(b); return; }
    out.byte(b | 0x80);
  }
}
function append(out: Bytes, src: Uint8Array | readonly number[]): void {
  if (src instanceof Uint8Array) {
    out.reserve(src.length);
    out.a.set(src, out.length);
    out.length += src.length;
    return;
  }
  for (let i = 0; i < src.length; i++) out.byte(src[i]);
}

/** i8x16.shuffle lane bytes picking f64 lane `a` of the first and lane `b` of the second operand. */
function pick(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 8; i++) out.push(a * 8 + i);
  for (let i = 0; i < 8; i++) out.push(16 + b * 8 + i);
  return out;
}

/** Function body builder with named locals (all parameters are i32). */
export class Fn {
  private readonly code = new Bytes();
  private locals: number[] = [];
  private names = new Map<string, number>();
  /** `call` sites: byte position of the 5-byte function index and the callee's name. */
  private callSites: { pos: number; name: string }[] = [];
  constructor(readonly name: string, readonly params: string[]) {
    params.forEach((p, i) => this.names.set(p, i));
  }
  local(name: string, type: number): this {
    if (this.names.has(name)) throw new Error(`wasm: local ${name} declared twice in ${this.name}`);
    this.names.set(name, this.params.length + this.locals.length);
    this.locals.push(type);
    return this;
  }
  has(name: string): boolean { return this.names.has(name); }
  private idx(name: string): number {
    const i = this.names.get(name);
    if (i === undefined) throw new Error(`wasm: unknown local ${name} in ${this.name}`);
    return i;
  }
  private b(...bytes: number[]): this { append(this.code, bytes); return this; }
  private static readonly ZERO16 = new Array(16).fill(0);
  get(n: string): this { this.code.byte(0x20); uleb(this.code, this.idx(n)); return this; }
  set(n: string): this { this.code.byte(0x21); uleb(this.code, this.idx(n)); return this; }
  tee(n: string): this { this.code.byte(0x22); uleb(this.code, this.idx(n)); return this; }
  i32(v: number): this { this.code.byte(0x41); sleb(this.code, v); return this; }
  f64zero(): this { return this.b(0x44, 0, 0, 0, 0, 0, 0, 0, 0); }
  op(...bytes: number[]): this { return this.b(...bytes); }
  simd(op: number, ...imm: number[]): this { this.code.byte(0xfd); uleb(this.code, op); append(this.code, imm); return this; }
  /** call another function of the module by name (resolved by {@link assemble}) */
  call(name: string): this {
    this.code.byte(0x10);
    this.callSites.push({ pos: this.code.length, name });
    return this.b(0x80, 0x80, 0x80, 0x80, 0x00); // padded uleb, patched by encode()
  }
  /** a = a + b (i32) */
  inc(n: string, by: number | string): this {
    this.get(n);
    if (typeof by === "number") this.i32(by); else this.get(by);
    return this.op(0x6a).set(n);
  }
  /** push local `n` + `by` (i32 byte offsets) */
  addr(n: string, by: number | string): this {
    this.get(n);
    if (typeof by === "number") { if (by !== 0) this.i32(by).op(0x6a); } else this.get(by).op(0x6a);
    return this;
  }
  // memory (alignment hint 3 = 8 bytes: v128 accesses need not be 16-byte aligned)
  i32load(off = 0): this { this.code.byte(0x28); this.code.byte(2); uleb(this.code, off); return this; }
  /** i32.atomic.rmw.add: [addr, value] → old value (needs a shared memory) */
  atomicAdd(off = 0): this { this.code.byte(0xfe); this.code.byte(0x1e); this.code.byte(2); uleb(this.code, off); return this; }
  f64load(off = 0): this { this.code.byte(0x2b); this.code.byte(3); uleb(this.code, off); return this; }
  f64store(off = 0): this { this.code.byte(0x39); this.code.byte(3); uleb(this.code, off); return this; }
  private mem(op: number, off: number, lane?: number): this {
    this.simd(op, 3);
    uleb(this.code, off);
    if (lane !== undefined) this.code.byte(lane);
    return this;
  }
  vload(off = 0): this { return this.mem(0x00, off); }
  vsplat(off = 0): this { return this.mem(0x0a, off); }
  vstore(off = 0): this { return this.mem(0x0b, off); }
  /** v128.load64_lane: [addr, vec] → vec with lane replaced */
  vloadLane(lane: number, off = 0): this { return this.mem(0x57, off, lane); }
  /** v128.store64_lane: [addr, vec] → store that lane */
  vstoreLane(lane: number, off = 0): this { return this.mem(0x5b, off, lane); }
  vzero(): this { return this.simd(0x0c, ...Fn.ZERO16); }
  fsplat(): this { return this.simd(0x14); }
  fadd(): this { return this.simd(0xf0); }
  fsub(): this { return this.simd(0xf1); }
  fmul(): this { return this.simd(0xf2); }
  fdiv(): this { return this.simd(0xf3); }
  fabs(): this { return this.simd(0xec); }
  feq(): this { return this.simd(0x47); }
  fne(): this { return this.simd(0x48); }
  /** f64x2.pmin(a, b) = b < a ? b : a */
  pmin(): this { return this.simd(0xf6); }
  /** f64x2.pmax(a, b) = a < b ? b : a */
  pmax(): this { return this.simd(0xf7); }
  /** v128.bitselect(a, b, mask) = mask ? a : b */
  bitselect(): this { return this.simd(0x52); }
  lane(i: number): this { return this.simd(0x21, i); }
  /** [a, b] → (a.lane0, b.lane0) */
  lows(): this { return this.simd(0x0d, ...pick(0, 0)); }
  /** [a, b] → (a.lane1, b.lane1) */
  highs(): this { return this.simd(0x0d, ...pick(1, 1)); }
  /** for (v = from; v < limit; v += step) body — `limit` a local name; loop runs while v < limit (signed) */
  forLt(v: string, from: number | string, limit: string, step: number | string, body: () => void): this {
    if (typeof from === "number") this.i32(from); else this.get(from);
    this.set(v);
    this.op(0x02, 0x40); // block
    this.get(v).get(limit).op(0x4e /* i32.ge_s */, 0x0d, 0); // br_if 0 (exit)
    this.op(0x03, 0x40); // loop
    body();
    this.inc(v, step);
    this.get(v).get(limit).op(0x48 /* i32.lt_s */, 0x0d, 0); // br_if 0 (continue)
    this.op(0x0b, 0x0b); // end loop, end block
    return this;
  }
  /** if (top of stack ≠ 0) body */
  ifThen(body: () => void): this {
    this.op(0x04, 0x40);
    body();
    return this.op(0x0b);
  }
  /** Body bytes (locals + code + end), length-prefixed; `index` resolves `call` targets. */
  encode(index: (name: string) => number, out: Bytes): void {
    const body = new Bytes();
    let nGroups = 0;
    for (let i = 0; i < this.locals.length; i++) if (i === 0 || this.locals[i] !== this.locals[i - 1]) nGroups++;
    uleb(body, nGroups);
    let count = 0;
    for (let i = 0; i < this.locals.length; i++) {
      count++;
      if (i === this.locals.length - 1 || this.locals[i + 1] !== this.locals[i]) {
        uleb(body, count);
        body.byte(this.locals[i]);
        count = 0;
      }
    }
    const c = this.code.a;
    for (const { pos, name } of this.callSites) {
      const fi = index(name);
      c[pos] = 0x80 | (fi & 0x7f); c[pos + 1] = 0x80 | ((fi >> 7) & 0x7f); c[pos + 2] = 0x80 | ((fi >> 14) & 0x7f);
      c[pos + 3] = 0x80 | ((fi >> 21) & 0x7f); c[pos + 4] = (fi >> 28) & 0x0f;
    }
    append(body, this.code.bytes());
    body.byte(0x0b);
    uleb(out, body.length);
    append(out, body.bytes());
  }
}

/** Memory import of an assembled module. */
export interface MemoryImport {
  /** Shared memory (for worker threads); needs `maxPages`. */
  shared: boolean;
  /** Maximum pages (64 KiB) declared for a shared memory. */
  maxPages?: number;
}

/** Assemble functions (i32 parameters, no results) into a module importing `env.mem`, exporting each by name. */
export function assemble(fns: Fn[], mem: MemoryImport): Uint8Array {
  const indexOf = new Map<string, number>();
  fns.forEach((f, i) => indexOf.set(f.name, i));
  const index = (name: string): number => {
    const i = indexOf.get(name);
    if (i === undefined) throw new Error(`wasm: call to unknown function ${name}`);
    return i;
  };
  const out = new Bytes();
  out.push(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0);
  const section = (id: number, content: Bytes): void => {
    out.byte(id);
    uleb(out, content.length);
    append(out, content.bytes());
  };
  const str = (o: Bytes, s: string): void => {
    const b = Buffer.from(s, "utf8");
    uleb(o, b.length);
    append(o, b);
  };
  // types: one per distinct parameter count
  const arities = [...new Set(fns.map((f) => f.params.length))];
  const types = new Bytes();
  uleb(types, arities.length);
  for (const a of arities) {
    types.push(0x60);
    uleb(types, a);
    for (let i = 0; i < a; i++) types.push(I32);
    types.push(0);
  }
  section(1, types);
  const imports = new Bytes();
  imports.byte(1);
  str(imports, "env");
  str(imports, "mem");
  imports.push(0x02);
  if (mem.shared) { imports.push(0x03, 1); uleb(imports, mem.maxPages ?? 65536); } else imports.push(0x00, 1);
  section(2, imports);
  const funcs = new Bytes();
  uleb(funcs, fns.length);
  for (const f of fns) uleb(funcs, arities.indexOf(f.params.length));
  section(3, funcs);
  const exports = new Bytes();
  uleb(exports, fns.length);
  fns.forEach((f, i) => { str(exports, f.name); exports.push(0x00); uleb(exports, i); });
  section(7, exports);
  const code = new Bytes();
  uleb(code, fns.length);
  for (const f of fns) f.encode(index, code);
  section(10, code);
  return out.bytes().slice();
}
