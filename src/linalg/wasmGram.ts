/**
 * WebAssembly SIMD emitters for the Gram matrix: a chunk of rows is shifted and packed into
 * column panels, then 4×4 register tiles stream pairs of panels (internal to edgeworks/linalg).
 * @module
 */
import { Fn, I32, F64, V128 } from "./wasmAsm";

/**
 * centerPack(pA, m, E, pc, psum, pP): shift the rows of chunk A [m, E] (row-major) by c and pack
 * them into panels of 4 columns: P[g][i][q] = A[i, 4g + q] − c[4g + q] (0 beyond E), panel g at
 * pP + 32·g·m; psum[j] += Σ_i (A[i, j] − c[j]). Blocks of 32 rows, column pair by column pair,
 * two rows at a time.
 */
export function centerPack(): Fn {
  const RB = 32; // rows per block: they stay in L1 while every column pair is done
  const f = new Fn("centerPack", ["pA", "m", "E", "pc", "psum", "pP"]);
  f.local("i", I32).local("i0", I32).local("rb", I32).local("rb2", I32).local("j", I32).local("E2", I32).local("a", I32).local("p", I32).local("stride", I32).local("m32", I32);
  f.local("Ep", I32).local("v", F64).local("s", F64).local("w", V128).local("c", V128).local("acc", V128).local("acc2", V128).local("w2", V128);
  f.get("E").i32(-2).op(0x71).set("E2");
  f.get("E").i32(3).op(0x6a).i32(-4).op(0x71).set("Ep");
  f.get("E").i32(3).op(0x74).set("stride");
  f.get("m").i32(5).op(0x74).set("m32");
  f.forLt("i0", 0, "m", RB, () => {
    f.get("m").get("i0").op(0x6b).set("rb");
    f.i32(RB).get("rb").i32(RB).get("rb").op(0x48).op(0x1b).set("rb"); // min(RB, m − i0)
    f.get("rb").i32(-2).op(0x71).set("rb2");
    f.forLt("j", 0, "E2", 2, () => {
      f.vzero().set("acc").vzero().set("acc2");
      f.get("pc").get("j").i32(3).op(0x74).op(0x6a).vload().set("c");
      f.get("pA").get("i0").get("E").op(0x6c).get("j").op(0x6a).i32(3).op(0x74).op(0x6a).set("a");
      f.get("pP").get("j").i32(2).op(0x76).get("m32").op(0x6c).op(0x6a).get("j").i32(3).op(0x71).i32(3).op(0x74).op(0x6a).get("i0").i32(5).op(0x74).op(0x6a).set("p");
      f.forLt("i", 0, "rb2", 2, () => {
        f.get("a").vload().get("c").fsub().set("w");
        f.get("a").get("stride").op(0x6a).vload().get("c").fsub().set("w2");
        f.get("p").get("w").vstore(0);
        f.get("p").get("w2").vstore(32);
        f.get("w").get("acc").fadd().set("acc");
        f.get("w2").get("acc2").fadd().set("acc2");
        f.get("a").get("stride").op(0x6a).get("stride").op(0x6a).set("a");
        f.inc("p", 64);
      });
      f.get("rb2").get("rb").op(0x48).ifThen(() => {
        f.get("a").vload().get("c").fsub().set("w");
        f.get("p").get("w").vstore(0);
        f.get("w").get("acc").fadd().set("acc");
      });
      f.get("psum").get("j").i32(3).op(0x74).op(0x6a).tee("a").get("a").vload().get("acc").get("acc2").fadd().fadd().vstore();
    });
    // odd last column and zero padding for these rows
    f.get("E2").get("E").op(0x48).ifThen(() => {
      f.f64zero().set("s");
      f.get("pA").get("i0").get("E").op(0x6c).get("E2").op(0x6a).i32(3).op(0x74).op(0x6a).set("a");
      f.get("pP").get("E2").i32(2).op(0x76).get("m32").op(0x6c).op(0x6a).get("E2").i32(3).op(0x71).i32(3).op(0x74).op(0x6a).get("i0").i32(5).op(0x74).op(0x6a).set("p");
      f.forLt("i", 0, "rb", 1, () => {
        f.get("a").f64load().get("pc").get("E2").i32(3).op(0x74).op(0x6a).f64load().op(0xa1).set("v");
        f.get("p").get("v").f64store();
        f.get("s").get("v").op(0xa0).set("s");
        f.inc("a", "stride").inc("p", 32);
      });
      f.get("psum").get("E2").i32(3).op(0x74).op(0x6a).tee("a").get("a").f64load().get("s").op(0xa0).f64store();
    });
    f.get("E2").get("E").op(0x48).get("E2").op(0x6a).set("j"); // first padding column
    f.forLt("j", "j", "Ep", 1, () => {
      f.get("pP").get("j").i32(2).op(0x76).get("m32").op(0x6c).op(0x6a).get("j").i32(3).op(0x71).i32(3).op(0x74).op(0x6a).get("i0").i32(5).op(0x74).op(0x6a).set("p");
      f.forLt("i", 0, "rb", 1, () => { f.get("p").f64zero().f64store(); f.inc("p", 32); });
    });
  });
  return f;
}

/**
 * gramPanels(pP, m, Ep, pG): G[4a.., 4b..] += Σ_i P[a][i]ᵀ P[b][i] for panel pairs b ≥ a of a
 * packed chunk (see {@link centerPack}); G row-major [Ep, Ep] (below the diagonal: not touched,
 * or in diagonal tiles left as they were). 8 f64x2 accumulators per 4×4 tile; both panels are
 * read sequentially.
 */
export function gramPanels(): Fn {
  const f = new Fn("gramPanels", ["pP", "m", "Ep", "pG"]);
  f.local("a", I32).local("b", I32).local("i", I32).local("pa", I32).local("pb", I32).local("g", I32).local("m32", I32);
  for (let q = 0; q < 8; q++) f.local(`s${q}`, V128);
  f.local("y0", V128).local("y1", V128).local("x", V128);
  f.get("m").i32(5).op(0x74).set("m32");
  // one row per iteration, product first then accumulator: unrolling or the other operand
  // order make V8 shuffle registers and run at 40–60 % of the speed
  const row = (diag: boolean): void => {
    f.get("pb").vload(0).set("y0");
    f.get("pb").vload(16).set("y1");
    for (let r = 0; r < 4; r++) {
      // on a diagonal tile, rows 2 and 3 need only columns 2–3 (the rest is below the diagonal)
      const left = !diag || r < 2;
      f.get("pa").vsplat(8 * r).tee("x");
      if (left) f.get("y0").fmul().get(`s${2 * r}`).fadd().set(`s${2 * r}`).get("x");
      f.get("y1").fmul().get(`s${2 * r + 1}`).fadd().set(`s${2 * r + 1}`);
    }
  };
  const tile = (diag: boolean): void => {
    for (let q = 0; q < 8; q++) f.vzero().set(`s${q}`);
    f.get("pP").get("a").i32(2).op(0x76).get("m32").op(0x6c).op(0x6a).set("pa");
    f.get("pP").get("b").i32(2).op(0x76).get("m32").op(0x6c).op(0x6a).set("pb");
    f.forLt("i", 0, "m", 1, () => {
      row(diag);
      f.inc("pa", 32).inc("pb", 32);
    });
    for (let r = 0; r < 4; r++) {
      f.get("pG").get("a").i32(r).op(0x6a).get("Ep").op(0x6c).get("b").op(0x6a).i32(3).op(0x74).op(0x6a).set("g");
      if (!diag || r < 2) f.get("g").get("g").vload(0).get(`s${2 * r}`).fadd().vstore(0);
      f.get("g").get("g").vload(16).get(`s${2 * r + 1}`).fadd().vstore(16);
    }
  };
  f.forLt("a", 0, "Ep", 4, () => {
    f.get("a").set("b");
    tile(true);
    f.forLt("b", "a", "Ep", 4, () => {
      f.get("b").get("a").op(0x47 /* ne */).ifThen(() => tile(false));
    });
  });
  return f;
}

/**
 * addUpper(pDst, pSrc, Ep): Dst += Src over the upper 4×4 tiles of two row-major [Ep, Ep]
 * matrices (row r from column r & ~3), and Dst[Ep·Ep ..+Ep) += Src[Ep·Ep ..+Ep) (the column sums
 * stored after the matrix). Ep a multiple of 4.
 */
export function addUpper(): Fn {
  const f = new Fn("addUpper", ["pDst", "pSrc", "Ep"]);
  f.local("r", I32).local("j", I32).local("o", I32).local("Ep1", I32);
  f.get("Ep").i32(1).op(0x6a).set("Ep1");
  f.forLt("r", 0, "Ep1", 1, () => {
    // row r of the matrix, or (r = Ep) the sums row
    f.get("r").i32(-4).op(0x71).get("Ep").get("r").op(0x4a /* gt_s: Ep > r */).op(0x6c).set("j");
    f.forLt("j", "j", "Ep", 2, () => {
      f.get("r").get("Ep").op(0x6c).get("j").op(0x6a).i32(3).op(0x74).set("o");
      f.get("pDst").get("o").op(0x6a).get("pDst").get("o").op(0x6a).vload().get("pSrc").get("o").op(0x6a).vload().fadd().vstore();
    });
  });
  return f;
}
