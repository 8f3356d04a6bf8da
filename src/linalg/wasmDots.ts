/**
 * WebAssembly SIMD emitters for row dot products with a few basis rows (xht) and the XᵀW
 * accumulation (atb) (internal to edgeworks/linalg).
 * @module
 */
import { Fn, I32, F64, V128 } from "./wasmAsm";

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
export function xht(k: number): Fn {
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
 * out row-major [k, E]). Blocks of energy pairs × groups of components with f64x2 accumulators
 * (each entry a sequential sum over the rows); scalar tail for odd E.
 */
export function atb(k: number): Fn {
  // measured best: 4 energy pairs per block for k ≤ 2, else 2; components in groups of ≤ 4
  const np = k <= 2 ? 4 : 2, cg = 4;
  const f = new Fn(`atb${k}`, ["pX", "m", "E", "pW", "pOut"]);
  f.local("i", I32).local("j", I32).local("E2", I32).local("Eb", I32).local("px", I32).local("pw", I32).local("stride", I32).local("o", I32);
  const maxAcc = Math.min(cg, k) * np;
  for (let a = 0; a < maxAcc; a++) f.local(`s${a}`, V128);
  for (let p = 0; p < np; p++) f.local(`v${p}`, V128);
  f.local("w", V128);
  for (let t = 0; t < Math.min(cg, k); t++) f.local(`r${t}`, F64);
  f.local("xv", F64);
  f.get("E").i32(-2).op(0x71).set("E2");
  f.get("E").i32(3).op(0x74).set("stride");
  /** columns j .. j + 2q − 1 for components t0 .. t0 + nc − 1, over all m rows */
  const block = (q: number, t0: number, nc: number): void => {
    for (let a = 0; a < q * nc; a++) f.vzero().set(`s${a}`);
    f.get("pX").get("j").i32(3).op(0x74).op(0x6a).set("px");
    f.get("pW").set("pw");
    f.forLt("i", 0, "m", 1, () => {
      for (let p = 0; p < q; p++) f.get("px").vload(16 * p).set(`v${p}`);
      for (let t = 0; t < nc; t++) {
        f.get("pw").vsplat(8 * (t0 + t)).set("w");
        for (let p = 0; p < q; p++) f.get("w").get(`v${p}`).fmul().get(`s${t * q + p}`).fadd().set(`s${t * q + p}`);
      }
      f.inc("px", "stride").inc("pw", 8 * k);
    });
    for (let t = 0; t < nc; t++) {
      for (let p = 0; p < q; p++) {
        f.get("pOut").get("stride").i32(t0 + t).op(0x6c).op(0x6a).get("j").i32(3).op(0x74).op(0x6a).set("o");
        f.get("o").get("o").vload(16 * p).get(`s${t * q + p}`).fadd().vstore(16 * p);
      }
    }
  };
  const groups: [number, number][] = [];
  for (let t0 = 0; t0 < k; t0 += cg) groups.push([t0, Math.min(cg, k - t0)]);
  // full blocks of np pairs, then single pairs
  f.get("E2").i32(2 * np).op(0x6d /* div_s */).i32(2 * np).op(0x6c).set("Eb");
  f.forLt("j", 0, "Eb", 2 * np, () => { for (const [t0, nc] of groups) block(np, t0, nc); });
  if (np > 1) f.forLt("j", "Eb", "E2", 2, () => { for (const [t0, nc] of groups) block(1, t0, nc); });
  f.get("E2").get("E").op(0x48).ifThen(() => {
    for (const [t0, nc] of groups) {
      for (let t = 0; t < nc; t++) f.f64zero().set(`r${t}`);
      f.get("pX").get("E2").i32(3).op(0x74).op(0x6a).set("px");
      f.get("pW").set("pw");
      f.forLt("i", 0, "m", 1, () => {
        f.get("px").f64load().set("xv");
        for (let t = 0; t < nc; t++) f.get(`r${t}`).get("xv").get("pw").f64load(8 * (t0 + t)).op(0xa2).op(0xa0).set(`r${t}`);
        f.inc("px", "stride").inc("pw", 8 * k);
      });
      for (let t = 0; t < nc; t++) {
        f.get("pOut").get("stride").i32(t0 + t).op(0x6c).op(0x6a).get("E2").i32(3).op(0x74).op(0x6a).set("o");
        f.get("o").get("o").f64load().get(`r${t}`).op(0xa0).f64store();
      }
    }
  });
  return f;
}
