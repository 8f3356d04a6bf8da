/**
 * The group mask codec (widgets/src/groupMask.ts) shared by the kernel and the front-end:
 * indices ⇄ mask against brute force on random sets, sizes not a multiple of 8, empty and full
 * groups, the wire-form rule, gestures applied to a mask, and the validity check.
 */
import { strict as assert } from "node:assert";
import { applyToMask, indicesToMask, maskBytes, maskCount, maskProblem, maskToIndices, useMask } from "../../widgets/src/groupMask";

/** A seeded generator in [0, 1) (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Brute-force reference: membership flags → bytes, bit i of byte i >> 3, LSB first. */
function bruteMask(member: boolean[]): number[] {
  const out: number[] = [];
  for (let j = 0; j < Math.ceil(member.length / 8); j++) {
    let b = 0;
    for (let k = 0; k < 8; k++) if (member[j * 8 + k]) b += 2 ** k;
    out.push(b);
  }
  return out;
}

describe("groupMask codec", () => {
  it("indices → mask → indices matches brute force on random sets (n not a multiple of 8, any density, unsorted with duplicates)", () => {
    const r = rng(7);
    for (const n of [1, 7, 8, 9, 15, 63, 64, 65, 1000, 4099]) {
      for (const density of [0.01, 0.3, 0.9]) {
        const member = Array.from({ length: n }, () => r() < density);
        const want = member.flatMap((m, i) => (m ? [i] : []));
        const shuffled = [...want, ...want.slice(0, 3)].sort(() => r() - 0.5);
        const mask = indicesToMask(shuffled, n);
        assert.equal(mask.length, maskBytes(n));
        assert.deepEqual(Array.from(mask), bruteMask(member), `n=${n} density=${density}`);
        assert.equal(maskCount(mask), want.length);
        assert.deepEqual(Array.from(maskToIndices(mask)), want);
        assert.deepEqual(Array.from(maskToIndices(mask, want.length)), want);
        assert.equal(maskProblem(mask, want.length, n), "");
      }
    }
  });

  it("empty and full groups", () => {
    for (const n of [0, 5, 16, 17]) {
      const empty = indicesToMask([], n);
      assert.deepEqual(Array.from(empty), new Array(Math.ceil(n / 8)).fill(0));
      assert.equal(maskToIndices(empty).length, 0);
      const all = Array.from({ length: n }, (_, i) => i);
      const full = indicesToMask(all, n);
      assert.equal(maskCount(full), n);
      assert.deepEqual(Array.from(maskToIndices(full)), all);
      assert.equal(maskProblem(full, n, n), "");
    }
  });

  it("refuses indices outside [0, n) and a count that does not match", () => {
    assert.throws(() => indicesToMask([3, 10], 10), /index 10 \(at position 1\) is outside \[0, 10\)/);
    assert.throws(() => indicesToMask([-1], 10), /index -1/);
    assert.throws(() => indicesToMask([1.5], 10), /index 1.5/);
    assert.throws(() => maskToIndices(Uint8Array.of(3), 3), /2 set bits, not 3/);
  });

  it("takes the smaller form: a mask when count > n / 32", () => {
    assert.equal(useMask(270_000, 1_000_000), true);
    assert.equal(useMask(31_250, 1_000_000), false);
    assert.equal(useMask(31_251, 1_000_000), true);
    assert.equal(useMask(0, 10), false);
    // The rule is the byte sizes (n a multiple of 8): the mask's n / 8 bytes against 4 bytes per index.
    for (const [c, n] of [[100, 1_000_000], [50_000, 1_000_000], [2, 40], [1, 40], [5, 160]]) {
      assert.equal(useMask(c, n), maskBytes(n) < 4 * c, `count ${c} of ${n}`);
    }
  });

  it("applies replace, add and subtract gestures like set operations", () => {
    const r = rng(3);
    const n = 203;
    for (let t = 0; t < 20; t++) {
      const a = new Set(Array.from({ length: 60 }, () => Math.floor(r() * n)));
      const g = Array.from({ length: 50 }, () => Math.floor(r() * n));
      const sorted = (s: Iterable<number>) => [...new Set(s)].sort((x, y) => x - y);
      assert.deepEqual(Array.from(maskToIndices(applyToMask(indicesToMask([...a], n), g, "replace"))), sorted(g));
      assert.deepEqual(Array.from(maskToIndices(applyToMask(indicesToMask([...a], n), g, "add"))), sorted([...a, ...g]));
      assert.deepEqual(Array.from(maskToIndices(applyToMask(indicesToMask([...a], n), g, "subtract"))), sorted([...a].filter((i) => !g.includes(i))));
    }
  });

  it("names what is wrong with a received mask: length, stray high bits, count", () => {
    assert.match(maskProblem(new Uint8Array(3), 0, 10), /mask has 3 bytes, expected ceil\(10 \/ 8\) = 2/);
    assert.match(maskProblem(Uint8Array.of(0, 0b100), 1, 10), /bit 10 is set but there are only 10 points/);
    assert.match(maskProblem(Uint8Array.of(0xff, 0b11), 9, 10), /count is 9 but the mask has 10 set bits/);
    assert.match(maskProblem(Uint8Array.of(1), "1", 8), /count is "1"/);
    assert.equal(maskProblem(Uint8Array.of(0xff), 8, 8), "");
  });
});
