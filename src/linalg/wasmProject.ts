/**
 * WebAssembly SIMD emitters for the score projection S = (X − c) Bᵀ (internal to edgeworks/linalg).
 * Components run along the f64x2 lanes, so each score is one sequential sum over the energies
 * — the same operations, in the same order, as the plain loop.
 * @module
 */
import { Fn, I32, V128 } from "./wasmAsm";

/** subRows(pA, m, E, pc): A[i, j] −= c[j] in place for a chunk A [m, E]. */
export function subRows(): Fn {
  const f = new Fn("subRows", ["pA", "m", "E", "pc"]);
  f.local("i", I32).local("j", I32).local("o", I32).local("E2", I32).local("c", I32);
  f.get("E").i32(-2).op(0x71).set("E2");
  f.get("pA").set("o");
  f.forLt("i", 0, "m", 1, () => {
    f.get("pc").set("c");
    f.forLt("j", 0, "E2", 2, () => {
      f.get("o").get("o").vload().get("c").vload().fsub().vstore();
      f.inc("o", 16).inc("c", 16);
    });
    f.get("E2").get("E").op(0x48).ifThen(() => {
      f.get("o").get("o").f64load().get("c").f64load().op(0xa1).f64store();
      f.inc("o", 8);
    });
  });
  return f;
}

/**
 * project{C}(pA, m, E, pBt, pS, sk): S[i, 0..C) = Σ_j A[i, j] · Bt[j, 0..C) for a chunk A [m, E]
 * (already centred by {@link subRows}), Bt row-major [E, Cp] (Cp = C rounded up to even, zero
 * padded), S rows `sk` doubles apart. Two rows at a time with C/2 f64x2 accumulators each.
 */
export function project(C: number): Fn {
  const nv = (C + 1) >> 1;
  const f = new Fn(`project${C}`, ["pA", "m", "E", "pBt", "pS", "sk"]);
  f.local("i", I32).local("j", I32).local("m2", I32).local("xa", I32).local("xb", I32).local("pb", I32).local("so", I32);
  f.local("stride", I32).local("sk8", I32);
  for (let v = 0; v < nv; v++) f.local(`a${v}`, V128).local(`b${v}`, V128);
  f.local("ya", V128).local("yb", V128).local("h", V128);
  f.get("E").i32(3).op(0x74).set("stride");
  f.get("sk").i32(3).op(0x74).set("sk8");
  f.get("m").i32(-2).op(0x71).set("m2");
  const rows = (two: boolean): void => {
    for (let v = 0; v < nv; v++) { f.vzero().set(`a${v}`); if (two) f.vzero().set(`b${v}`); }
    f.get("pBt").set("pb");
    f.forLt("j", 0, "E", 1, () => {
      f.get("xa").vsplat().set("ya");
      if (two) f.get("xb").vsplat().set("yb");
      for (let v = 0; v < nv; v++) {
        f.get("pb").vload(16 * v).set("h");
        f.get("ya").get("h").fmul().get(`a${v}`).fadd().set(`a${v}`);
        if (two) f.get("yb").get("h").fmul().get(`b${v}`).fadd().set(`b${v}`);
      }
      f.inc("xa", 8);
      if (two) f.inc("xb", 8);
      f.inc("pb", 16 * nv);
    });
    const store = (acc: string): void => {
      for (let v = 0; v < nv; v++) {
        if (2 * v + 1 < C) f.get("so").get(`${acc}${v}`).vstore(16 * v);
        else f.get("so").get(`${acc}${v}`).vstoreLane(0, 16 * v);
      }
    };
    store("a");
    if (two) { f.get("so").get("sk8").op(0x6a).set("so"); store("b"); }
  };
  f.get("pA").set("xa");
  f.get("pS").set("so");
  f.forLt("i", 0, "m2", 2, () => {
    f.get("xa").get("stride").op(0x6a).set("xb");
    rows(true);
    f.get("xb").set("xa"); // xb already advanced by E: the next pair starts there
    f.get("so").get("sk8").op(0x6a).set("so");
  });
  f.get("m2").get("m").op(0x48).ifThen(() => rows(false));
  return f;
}
