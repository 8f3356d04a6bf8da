/**
 * WebAssembly SIMD (f64x2) kernels, assembled at run time from a few opcodes — no toolchain,
 * no binary blobs in the repository. Internal to edgeworks/linalg (not re-exported): `gram`,
 * `nmf` and `nnlsPixels` use them when `WebAssembly` with SIMD is available (Node ≥ 16.4) and
 * fall back to plain Float64Array loops otherwise (or when `EDGEWORKS_NO_WASM=1`).
 *
 * Kernels work on byte offsets into one imported `WebAssembly.Memory`; callers copy data in
 * chunk by chunk, so the memory stays small (a few MB) except for NMF, which keeps X resident.
 * @module
 */

// ---------------------------------------------------------------- a tiny assembler
const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

/** Function body builder with named locals. */
class Fn {
  code: number[] = [];
  private locals: number[] = [];
  private names = new Map<string, number>();
  constructor(readonly name: string, readonly params: string[]) {
    params.forEach((p, i) => this.names.set(p, i));
  }
  local(name: string, type: number): this {
    this.names.set(name, this.params.length + this.locals.length);
    this.locals.push(type);
    return this;
  }
  private idx(name: string): number {
    const i = this.names.get(name);
    if (i === undefined) throw new Error(`wasm: unknown local ${name}`);
    return i;
  }
  get(n: string): this { this.code.push(0x20, ...uleb(this.idx(n))); return this; }
  set(n: string): this { this.code.push(0x21, ...uleb(this.idx(n))); return this; }
  tee(n: string): this { this.code.push(0x22, ...uleb(this.idx(n))); return this; }
  i32(v: number): this { this.code.push(0x41, ...sleb(v)); return this; }
  op(...bytes: number[]): this { this.code.push(...bytes); return this; }
  simd(op: number, ...imm: number[]): this { this.code.push(0xfd, ...uleb(op), ...imm); return this; }
  /** a = a + b (i32) */
  inc(n: string, by: number | string): this {
    this.get(n);
    if (typeof by === "number") this.i32(by); else this.get(by);
    return this.op(0x6a).set(n);
  }
  // memory
  f64load(off = 0): this { return this.op(0x2b, 3, ...uleb(off)); }
  f64store(off = 0): this { return this.op(0x39, 3, ...uleb(off)); }
  vload(off = 0): this { return this.simd(0x00, 3, ...uleb(off)); }
  vsplat(off = 0): this { return this.simd(0x0a, 3, ...uleb(off)); }
  vstore(off = 0): this { return this.simd(0x0b, 3, ...uleb(off)); }
  vzero(): this { return this.simd(0x0c, ...new Array(16).fill(0)); }
  fadd(): this { return this.simd(0xf0); }
  fsub(): this { return this.simd(0xf1); }
  fmul(): this { return this.simd(0xf2); }
  lane(i: number): this { return this.simd(0x21, i); }
  /** for (v = from; v < limit; v += step) body — `limit` a local name; loop runs while v < limit */
  forLt(v: string, from: number | string, limit: string, step: number, body: () => void): this {
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
  encode(): number[] {
    const groups: number[] = [];
    let count = 0;
    for (let i = 0; i < this.locals.length; i++) {
      count++;
      if (i === this.locals.length - 1 || this.locals[i + 1] !== this.locals[i]) {
        groups.push(...uleb(count), this.locals[i]);
        count = 0;
      }
    }
    const nGroups = groups.length === 0 ? 0 : countGroups(this.locals);
    const body = [...uleb(nGroups), ...groups, ...this.code, 0x0b];
    return [...uleb(body.length), ...body];
  }
}
function countGroups(types: number[]): number {
  let g = 0;
  for (let i = 0; i < types.length; i++) if (i === 0 || types[i] !== types[i - 1]) g++;
  return g;
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}
function str(s: string): number[] {
  const b = [...Buffer.from(s, "utf8")];
  return [...uleb(b.length), ...b];
}

/** Pages (64 KiB) of the shared memory used by the threaded Gram (its maximum size). */
export const SHARED_PAGES = 1024;

function assemble(fns: Fn[], shared = false): Uint8Array {
  const types: number[] = [...uleb(fns.length)];
  for (const f of fns) types.push(0x60, ...uleb(f.params.length), ...f.params.map(() => I32), 0);
  const imports = shared
    ? [1, ...str("env"), ...str("mem"), 0x02, 0x03, 1, ...uleb(SHARED_PAGES)]
    : [1, ...str("env"), ...str("mem"), 0x02, 0x00, 1];
  const funcs = [...uleb(fns.length), ...fns.flatMap((_, i) => uleb(i))];
  const exports = [...uleb(fns.length), ...fns.flatMap((f, i) => [...str(f.name), 0x00, ...uleb(i)])];
  const code = [...uleb(fns.length), ...fns.flatMap((f) => f.encode())];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, types), ...section(2, imports), ...section(3, funcs), ...section(7, exports), ...section(10, code),
  ]);
}

// ---------------------------------------------------------------- kernels

/**
 * centerPad(pA, m, E, Ep, pc, psum, pT): T[i, 0..E) = A[i, :] − c, T[i, E..Ep) = 0, sum += T rows.
 * Energy pairs in f64x2, scalar tail for odd E.
 */
function centerPad(): Fn {
  const f = new Fn("centerPad", ["pA", "m", "E", "Ep", "pc", "psum", "pT"]);
  f.local("i", I32).local("j", I32).local("a", I32).local("t", I32).local("E2", I32).local("o", I32).local("v", F64).local("w", V128);
  f.get("E").i32(-2).op(0x71).set("E2");
  f.get("pA").set("a").get("pT").set("t");
  f.forLt("i", 0, "m", 1, () => {
    f.forLt("j", 0, "E2", 2, () => {
      f.get("j").i32(3).op(0x74).set("o");
      f.get("a").get("o").op(0x6a).vload().get("pc").get("o").op(0x6a).vload().fsub().set("w");
      f.get("t").get("o").op(0x6a).get("w").vstore();
      f.get("psum").get("o").op(0x6a).get("psum").get("o").op(0x6a).vload().get("w").fadd().vstore();
    });
    f.forLt("j", "E2", "E", 1, () => {
      f.get("j").i32(3).op(0x74).set("o");
      f.get("a").get("o").op(0x6a).f64load().get("pc").get("o").op(0x6a).f64load().op(0xa1).set("v");
      f.get("t").get("o").op(0x6a).get("v").f64store();
      f.get("psum").get("o").op(0x6a).get("psum").get("o").op(0x6a).f64load().get("v").op(0xa0).f64store();
    });
    f.forLt("j", "E", "Ep", 1, () => {
      f.get("t").get("j").i32(3).op(0x74).op(0x6a).op(0x44, 0, 0, 0, 0, 0, 0, 0, 0).f64store();
    });
    f.get("a").get("E").i32(3).op(0x74).op(0x6a).set("a");
    f.get("t").get("Ep").i32(3).op(0x74).op(0x6a).set("t");
  });
  return f;
}

/**
 * gramTiles(pT, m, Ep, pG): G[a.., b..] += Σ_i T[i, a..a+3]ᵀ T[i, b..b+3] for 4×4 blocks b ≥ a.
 * T row-major [m, Ep] (Ep multiple of 4), G row-major [Ep, Ep]. 8 f64x2 accumulators per tile.
 */
function gramTiles(): Fn {
  const f = new Fn("gramTiles", ["pT", "m", "Ep", "pG"]);
  f.local("a", I32).local("b", I32).local("i", I32).local("pa", I32).local("pb", I32).local("stride", I32).local("g", I32);
  for (let q = 0; q < 8; q++) f.local(`s${q}`, V128);
  f.local("y0", V128).local("y1", V128).local("x", V128);
  f.get("Ep").i32(3).op(0x74).set("stride");
  f.forLt("a", 0, "Ep", 4, () => {
    f.forLt("b", "a", "Ep", 4, () => {
      for (let q = 0; q < 8; q++) f.vzero().set(`s${q}`);
      f.get("pT").get("a").i32(3).op(0x74).op(0x6a).set("pa");
      f.get("pT").get("b").i32(3).op(0x74).op(0x6a).set("pb");
      f.forLt("i", 0, "m", 1, () => {
        f.get("pb").vload(0).set("y0");
        f.get("pb").vload(16).set("y1");
        for (let r = 0; r < 4; r++) {
          f.get("pa").vsplat(8 * r).tee("x");
          f.get("y0").fmul().get(`s${2 * r}`).fadd().set(`s${2 * r}`);
          f.get("x").get("y1").fmul().get(`s${2 * r + 1}`).fadd().set(`s${2 * r + 1}`);
        }
        f.inc("pa", "stride").inc("pb", "stride");
      });
      // G[(a + r) * Ep + b ..] += s
      for (let r = 0; r < 4; r++) {
        f.get("pG").get("a").i32(r).op(0x6a).get("Ep").op(0x6c).get("b").op(0x6a).i32(3).op(0x74).op(0x6a).set("g");
        f.get("g").get("g").vload(0).get(`s${2 * r}`).fadd().vstore(0);
        f.get("g").get("g").vload(16).get(`s${2 * r + 1}`).fadd().vstore(16);
      }
    });
  });
  return f;
}

/**
 * Emit r_t = x · H[t] for t < k (and r_k = x · x when `norm`) for the row at local `x`:
 * f64x2 over energy pairs, unrolled by two pairs with constant offsets and moving pointers,
 * then a remaining pair and an odd tail. Needs locals declared by {@link dotLocals}.
 */
function emitDots(f: Fn, k: number, norm: boolean): void {
  const nAcc = norm ? k + 1 : k;
  for (let t = 0; t < nAcc; t++) f.vzero().set(`s${t}`);
  f.get("x").set("px");
  for (let t = 0; t < k; t++) f.get(`hb${t}`).set(`ph${t}`);
  const pairStep = (off: number): void => {
    f.get("px").vload(off).set("v");
    for (let t = 0; t < k; t++) f.get("v").get(`ph${t}`).vload(off).fmul().get(`s${t}`).fadd().set(`s${t}`);
    if (norm) f.get("v").get("v").fmul().get(`s${k}`).fadd().set(`s${k}`);
  };
  f.forLt("j", 0, "E4", 4, () => {
    pairStep(0);
    pairStep(16);
    f.inc("px", 32);
    for (let t = 0; t < k; t++) f.inc(`ph${t}`, 32);
  });
  f.get("E4").get("E2").op(0x48).op(0x04, 0x40); // if (E4 < E2): one more pair
  pairStep(0);
  f.inc("px", 16);
  for (let t = 0; t < k; t++) f.inc(`ph${t}`, 16);
  f.op(0x0b);
  for (let t = 0; t < nAcc; t++) f.get(`s${t}`).lane(0).get(`s${t}`).lane(1).op(0xa0).set(`r${t}`);
  f.get("E2").get("E").op(0x48).op(0x04, 0x40); // odd tail
  for (let t = 0; t < k; t++) f.get(`r${t}`).get("px").f64load().get(`ph${t}`).f64load().op(0xa2).op(0xa0).set(`r${t}`);
  if (norm) f.get(`r${k}`).get("px").f64load().get("px").f64load().op(0xa2).op(0xa0).set(`r${k}`);
  f.op(0x0b);
}

/** Declare the locals of {@link emitDots} and set E2, E4, stride and the H row bases hb_t. */
function dotLocals(f: Fn, k: number, norm: boolean): void {
  const nAcc = norm ? k + 1 : k;
  f.local("j", I32).local("E2", I32).local("E4", I32).local("stride", I32).local("px", I32);
  for (let t = 0; t < k; t++) f.local(`hb${t}`, I32).local(`ph${t}`, I32);
  for (let t = 0; t < nAcc; t++) f.local(`s${t}`, V128);
  f.local("v", V128);
  for (let t = 0; t < nAcc; t++) f.local(`r${t}`, F64);
}
function dotSetup(f: Fn, k: number): void {
  f.get("E").i32(-2).op(0x71).set("E2");
  f.get("E").i32(-4).op(0x71).set("E4");
  f.get("E").i32(3).op(0x74).set("stride");
  for (let t = 0; t < k; t++) f.get("pH").i32(t * 8).get("E").op(0x6c).op(0x6a).set(`hb${t}`);
}

/**
 * xht{k}(pX, m, E, pH, pOut, pNorm): for each of m rows x (stride E): out[i, t] = x · H[t] (H row-major [k, E]),
 * and norm[i] = x · x when pNorm ≠ 0... (always computed; pass a scratch area). Pairs of energies in f64x2, scalar tail.
 */
function xht(k: number): Fn {
  const f = new Fn(`xht${k}`, ["pX", "m", "E", "pH", "pOut", "pNorm"]);
  f.local("i", I32).local("x", I32).local("o", I32);
  dotLocals(f, k, true);
  dotSetup(f, k);
  f.get("pX").set("x");
  f.get("pOut").set("o");
  f.forLt("i", 0, "m", 1, () => {
    emitDots(f, k, true);
    for (let t = 0; t < k; t++) f.get("o").get(`r${t}`).f64store(8 * t);
    f.get("pNorm").get("i").i32(3).op(0x74).op(0x6a).get(`r${k}`).f64store(0);
    f.inc("o", 8 * k).inc("x", "stride");
  });
  return f;
}

/**
 * atb{k}(pX, m, E, pW, pOut): out[t, j] += Σ_i X[i, j] W[i, t] over m rows (X stride E, W row-major [m, k],
 * out row-major [k, E]). Energy pairs in f64x2 with k accumulators each; scalar tail for odd E.
 */
function atb(k: number): Fn {
  const f = new Fn(`atb${k}`, ["pX", "m", "E", "pW", "pOut"]);
  f.local("i", I32).local("j", I32).local("E2", I32).local("E4", I32).local("px", I32).local("pw", I32).local("stride", I32).local("o", I32);
  for (let t = 0; t < k; t++) f.local(`s${t}`, V128).local(`u${t}`, V128);
  f.local("v", V128).local("v2", V128).local("w", V128);
  for (let t = 0; t < k; t++) f.local(`r${t}`, F64);
  f.local("xv", F64);
  f.get("E").i32(-2).op(0x71).set("E2");
  f.get("E").i32(-4).op(0x71).set("E4");
  f.get("E").i32(3).op(0x74).set("stride");
  /** columns j..j+2·np−1 (np = 1 or 2 energy pairs) over all m rows */
  const block = (np: number): void => {
    for (let t = 0; t < k; t++) { f.vzero().set(`s${t}`); if (np === 2) f.vzero().set(`u${t}`); }
    f.get("pX").get("j").i32(3).op(0x74).op(0x6a).set("px");
    f.get("pW").set("pw");
    f.forLt("i", 0, "m", 1, () => {
      f.get("px").vload(0).set("v");
      if (np === 2) f.get("px").vload(16).set("v2");
      for (let t = 0; t < k; t++) {
        f.get("pw").vsplat(8 * t).tee("w").get("v").fmul().get(`s${t}`).fadd().set(`s${t}`);
        if (np === 2) f.get("w").get("v2").fmul().get(`u${t}`).fadd().set(`u${t}`);
      }
      f.inc("px", "stride").inc("pw", 8 * k);
    });
    for (let t = 0; t < k; t++) {
      f.get("pOut").get("stride").i32(t).op(0x6c).op(0x6a).get("j").i32(3).op(0x74).op(0x6a).set("o");
      f.get("o").get("o").vload(0).get(`s${t}`).fadd().vstore(0);
      if (np === 2) f.get("o").get("o").vload(16).get(`u${t}`).fadd().vstore(16);
    }
  };
  f.forLt("j", 0, "E4", 4, () => block(2));
  f.get("E4").get("E2").op(0x48).op(0x04, 0x40);
  f.get("E4").set("j");
  block(1);
  f.op(0x0b);
  f.get("E2").get("E").op(0x48).op(0x04, 0x40);
  {
    for (let t = 0; t < k; t++) f.op(0x44, 0, 0, 0, 0, 0, 0, 0, 0).set(`r${t}`);
    f.get("pX").get("E2").i32(3).op(0x74).op(0x6a).set("px");
    f.get("pW").set("pw");
    f.forLt("i", 0, "m", 1, () => {
      f.get("px").f64load().set("xv");
      for (let t = 0; t < k; t++) f.get(`r${t}`).get("xv").get("pw").f64load(8 * t).op(0xa2).op(0xa0).set(`r${t}`);
      f.inc("px", "stride").inc("pw", 8 * k);
    });
    for (let t = 0; t < k; t++) {
      f.get("pOut").get("stride").i32(t).op(0x6c).op(0x6a).get("E2").i32(3).op(0x74).op(0x6a).set("o");
      f.get("o").get("o").f64load().get(`r${t}`).op(0xa0).f64store();
    }
  }
  f.op(0x0b);
  return f;
}

/**
 * cdW{k}(pX, m, E, pH, pHHt, pW, pAcc): for each of m rows x (stride E) — the fused W half of a
 * scikit-learn `cd` NMF iteration: xh = H x, then for t = 0..k−1 the coordinate update
 * grad = (HHᵀ w)_t − xh_t; violation += |projected grad|; w_t = max(w_t − grad / HHᵀ_tt, 0)
 * (skipped when HHᵀ_tt = 0); W row stored back; acc = [violation, WᵀW upper triangle] updated.
 */
function cdW(k: number): Fn {
  const f = new Fn(`cdW${k}`, ["pX", "m", "E", "pH", "pHHt", "pW", "pAcc"]);
  f.local("i", I32).local("x", I32).local("o", I32).local("m2", I32);
  dotLocals(f, k, false);
  const rowsN = ["A", "B"];
  for (const R of rowsN) {
    for (let t = 0; t < k; t++) f.local(`w${R}${t}`, F64).local(`r${R}${t}`, F64);
    f.local(`grad${R}`, F64).local(`cur${R}`, F64);
  }
  for (let t = 0; t < k; t++) for (let r = 0; r < k; r++) f.local(`h${t}_${r}`, F64);
  f.local("viol", F64);
  for (let a = 0; a < k; a++) for (let b = a; b < k; b++) f.local(`q${a}_${b}`, F64);
  dotSetup(f, k);
  f.get("m").i32(-2).op(0x71).set("m2");
  for (let t = 0; t < k; t++) for (let r = 0; r < k; r++) f.get("pHHt").f64load(8 * (t * k + r)).set(`h${t}_${r}`);
  f.get("pAcc").f64load(0).set("viol");
  { let q = 1; for (let a = 0; a < k; a++) for (let b = a; b < k; b++) f.get("pAcc").f64load(8 * q++).set(`q${a}_${b}`); }
  const zero = (): void => { f.op(0x44, 0, 0, 0, 0, 0, 0, 0, 0); };
  /** rows A (and B): dots, then the k coordinate updates with the two rows' chains interleaved */
  const body = (R: string[]): void => {
    R.forEach((row, n) => {
      if (n > 0) f.inc("x", "stride");
      emitDots(f, k, false);
      for (let t = 0; t < k; t++) f.get(`r${t}`).set(`r${row}${t}`);
      for (let t = 0; t < k; t++) f.get("o").f64load(8 * (t + n * k)).set(`w${row}${t}`);
    });
    for (let t = 0; t < k; t++) {
      for (const row of R) {
        // grad = -r_t + Σ_r h_{t,r} w_r   (scikit-learn's summation order)
        zero(); f.get(`r${row}${t}`).op(0xa1);
        for (let r = 0; r < k; r++) f.get(`h${t}_${r}`).get(`w${row}${r}`).op(0xa2).op(0xa0);
        f.set(`grad${row}`);
        f.get(`w${row}${t}`).set(`cur${row}`);
      }
      for (const row of R) {
        // viol += |cur == 0 ? min(0, grad) : grad|
        f.get("viol");
        zero(); f.get(`grad${row}`).op(0xa4);
        f.get(`grad${row}`);
        f.get(`cur${row}`); zero(); f.op(0x61);
        f.op(0x1b).op(0x99).op(0xa0).set("viol");
        // w_t = h_tt != 0 ? max(cur − grad / h_tt, 0) : cur
        f.get(`cur${row}`).get(`grad${row}`).get(`h${t}_${t}`).op(0xa3).op(0xa1); zero(); f.op(0xa5);
        f.get(`cur${row}`);
        f.get(`h${t}_${t}`); zero(); f.op(0x62);
        f.op(0x1b).set(`w${row}${t}`);
      }
    }
    R.forEach((row, n) => {
      for (let t = 0; t < k; t++) f.get("o").get(`w${row}${t}`).f64store(8 * (t + n * k));
      for (let a = 0; a < k; a++) for (let b = a; b < k; b++) f.get(`q${a}_${b}`).get(`w${row}${a}`).get(`w${row}${b}`).op(0xa2).op(0xa0).set(`q${a}_${b}`);
    });
    f.inc("o", 8 * k * R.length).inc("x", "stride");
  };
  f.get("pX").set("x").get("pW").set("o");
  f.forLt("i", 0, "m2", 2, () => body(rowsN));
  f.get("m2").get("m").op(0x48).op(0x04, 0x40);
  body(["A"]);
  f.op(0x0b);
  f.get("pAcc").get("viol").f64store(0);
  { let q = 1; for (let a = 0; a < k; a++) for (let b = a; b < k; b++) f.get("pAcc").get(`q${a}_${b}`).f64store(8 * q++); }
  return f;
}

// ---------------------------------------------------------------- instances

/** The few WebAssembly JS-API members used (the project's `lib` has no DOM/WebAssembly types). */
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmApi {
  Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (b: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> };
  validate(b: Uint8Array): boolean;
}

/** The kernels of one instance (byte offsets into `memory`). */
export interface WasmKernels {
  memory: WasmMemory;
  /** Float64 view of the whole memory (refreshed by `ensure`). */
  f64: Float64Array;
  /** Grow the memory to at least `bytes`; refreshes `f64`. */
  ensure(bytes: number): void;
  centerPad(pA: number, m: number, E: number, Ep: number, pc: number, psum: number, pT: number): void;
  gramTiles(pT: number, m: number, Ep: number, pG: number): void;
  xht(k: number): (pX: number, m: number, E: number, pH: number, pOut: number, pNorm: number) => void;
  atb(k: number): (pX: number, m: number, E: number, pW: number, pOut: number) => void;
  cdW(k: number): (pX: number, m: number, E: number, pH: number, pHHt: number, pW: number, pAcc: number) => void;
}

const MAX_K = 16;
let cached: WasmKernels | null | undefined;
let compiled: { WA: WasmApi; module: object } | null | undefined;
let compiledShared: { module: object; memory: WasmMemory } | null | undefined;

/**
 * @internal The Gram kernels compiled against a shared memory (SHARED_PAGES pages maximum) and
 * that memory, for the worker-thread Gram; `null` when unavailable.
 */
export function sharedGramModule(): { module: object; memory: WasmMemory } | null {
  if (compiledShared !== undefined) return compiledShared;
  compiledShared = null;
  const c = compile();
  if (!c) return null;
  try {
    const bytes = assemble([centerPad(), gramTiles()], true);
    if (!c.WA.validate(bytes)) return null;
    const memory = new c.WA.Memory({ initial: SHARED_PAGES, maximum: SHARED_PAGES, shared: true });
    compiledShared = { module: new c.WA.Module(bytes), memory };
  } catch {
    compiledShared = null;
  }
  return compiledShared;
}

/** @internal Instantiate a module against a memory (exports by name). */
export function instantiate(module: object, memory: object): Record<string, unknown> {
  const c = compile();
  if (!c) throw new Error("WebAssembly unavailable");
  return new c.WA.Instance(module, { env: { mem: memory } }).exports;
}

function compile(): { WA: WasmApi; module: object } | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
    if (!WA || process.env.EDGEWORKS_NO_WASM === "1") return null;
    const fns: Fn[] = [centerPad(), gramTiles()];
    for (let k = 1; k <= MAX_K; k++) fns.push(xht(k), atb(k), cdW(k));
    const bytes = assemble(fns);
    if (!WA.validate(bytes)) return null;
    compiled = { WA, module: new WA.Module(bytes) };
  } catch {
    compiled = null;
  }
  return compiled;
}

/**
 * A new kernel instance with its own memory (for long computations that keep data resident,
 * e.g. NMF, so that nothing else can move or overwrite it), or `null` without WebAssembly SIMD.
 * @param bytes - initial memory size in bytes.
 */
export function createWasmKernels(bytes = 1 << 22): WasmKernels | null {
  if (!enabled) return null;
  const c = compile();
  if (!c) return null;
  if (bytes > 4294967296 - 65536) return null;
  try {
    const memory = new c.WA.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    const inst = new c.WA.Instance(c.module, { env: { mem: memory } });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const ex = inst.exports as any;
    const k: WasmKernels = {
      memory,
      f64: new Float64Array(memory.buffer),
      ensure(need: number): void {
        const have = memory.buffer.byteLength;
        if (need > have) memory.grow(Math.ceil((need - have) / 65536));
        if (k.f64.buffer !== memory.buffer) k.f64 = new Float64Array(memory.buffer);
      },
      centerPad: ex.centerPad,
      gramTiles: ex.gramTiles,
      xht: (kk: number) => { if (kk < 1 || kk > MAX_K) throw new RangeError(`xht: k=${kk}`); return ex[`xht${kk}`]; },
      atb: (kk: number) => { if (kk < 1 || kk > MAX_K) throw new RangeError(`atb: k=${kk}`); return ex[`atb${kk}`]; },
      cdW: (kk: number) => { if (kk < 1 || kk > MAX_K) throw new RangeError(`cdW: k=${kk}`); return ex[`cdW${kk}`]; },
    };
    return k;
  } catch {
    return null;
  }
}

/**
 * The shared kernel instance for short synchronous calls (gram, nnlsPixels: they copy data in
 * chunk by chunk and never yield), or `null` when WebAssembly SIMD is unavailable or disabled
 * (`EDGEWORKS_NO_WASM=1`).
 */
export function wasmKernels(): WasmKernels | null {
  if (!enabled) return null;
  if (cached === undefined) cached = createWasmKernels();
  return cached;
}

let enabled = true;

/**
 * @internal Switch the WebAssembly kernels off (plain-loop fallback) or back on; returns the
 * previous setting. For tests that check both paths give the same numbers.
 */
export function setWasmEnabled(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/** Largest k with specialised xht/atb kernels. */
export const WASM_MAX_K = MAX_K;
