// Space groups: operations parsed from "x,y,z", the Hall-symbol route against spglib's database
// (all 530 settings), symbol look-up, and orbit expansion with site multiplicities.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expandSites } from "../../src/diffraction/symmetry/expandSites";
import { operationsFromHall } from "../../src/diffraction/symmetry/hall";
import { applyOperation, closeGroup, formatOperation, multiplyOperations, parseOperation } from "../../src/diffraction/symmetry/operation";
import { spaceGroup, spaceGroupFromHall, spaceGroupFromOperations } from "../../src/diffraction/symmetry/spaceGroup";
import { SPACE_GROUP_SETTINGS } from "../../src/diffraction/symmetry/spaceGroupSettings";
import type { Structure } from "../../src/diffraction/structure";

const FIX = join(__dirname, "..", "fixtures", "diffraction", "powder");

describe("symmetry operations", () => {
  it("parses the forms CIF files use and writes them back", () => {
    const op = parseOperation("-y, x-y, z+1/3");
    assert.deepEqual(op.rotation, [0, -1, 0, 1, -1, 0, 0, 0, 1]);
    assert.ok(Math.abs(op.translation[2] - 1 / 3) < 1e-12);
    assert.equal(formatOperation(op), "-y,x-y,z+1/3");
    assert.equal(formatOperation(parseOperation("1/2+X,1/2-Y,Z")), "x+1/2,-y+1/2,z");
    // Five-decimal thirds (Pearson's, ICSD exports) snap to multiples of 1/24 within 1e-4.
    assert.equal(formatOperation(parseOperation("0.66667+x, 0.33333-x+y, 0.33333-z")), "x+2/3,-x+y+1/3,-z+1/3");
    assert.equal(formatOperation(parseOperation("x+0.1,y,z")), "x+0.1,y,z");
    assert.equal(formatOperation(parseOperation("x-1/2,y,-z-1/4")), "x+1/2,y,-z+3/4");
  });
  it("refuses what is not an operation, naming it", () => {
    assert.throws(() => parseOperation("x,y"), /"x,y": expected three components separated by commas, got 2/);
    assert.throws(() => parseOperation("x,y,q"), /cannot read the term "q" of component 3/);
    assert.throws(() => parseOperation("x,x,z"), /determinant 0/);
    assert.throws(() => parseOperation("x,,z"), /component 2 is empty/);
  });
  it("multiplies and applies: a 4-fold screw four times is a lattice translation", () => {
    const s = parseOperation("-y,x,z+1/4");
    let p = s;
    for (let i = 0; i < 3; i++) p = multiplyOperations(s, p);
    assert.equal(formatOperation(p), "x,y,z");
    assert.deepEqual(applyOperation(parseOperation("-x,-y,z+1/2"), [0.1, 0.2, 0.3]).map((v) => +v.toFixed(12)), [-0.1, -0.2, 0.8]);
    assert.equal(closeGroup([parseOperation("-x,-y,-z"), parseOperation("x+1/2,y+1/2,z")]).length, 4);
  });
});

describe("space groups from Hall symbols", () => {
  it("gives exactly spglib's operations for all 530 settings", () => {
    const ref = JSON.parse(readFileSync(join(FIX, "spacegroups-spglib.json"), "utf8")).settings as { order: number; sha1: string }[];
    assert.equal(ref.length, 530);
    assert.equal(SPACE_GROUP_SETTINGS.length, 530);
    const bad: string[] = [];
    SPACE_GROUP_SETTINGS.forEach((row, i) => {
      const ops = operationsFromHall(row[4]);
      const keys = ops.map((o) => `${o.rotation.join(" ")} ${o.translation.map((t) => Math.round(t * 24) % 24).join(" ")}`).sort();
      const sha1 = createHash("sha1").update(keys.join("\n")).digest("hex");
      if (ops.length !== ref[i].order || sha1 !== ref[i].sha1) bad.push(`${i + 1} ${row[4]} (${ops.length} vs ${ref[i].order})`);
    });
    assert.deepEqual(bad, []);
  });
  it("counts operations by hand for the groups of the cathodes", () => {
    assert.equal(spaceGroup("P 1").operations.length, 1);
    assert.equal(spaceGroup("C 2/m").operations.length, 8); // 2/m (4) × C centring (2)
    assert.equal(spaceGroup("C 2/c").operations.length, 8);
    assert.equal(spaceGroup("R -3 m").operations.length, 36); // -3m (12) × R centring (3), hexagonal axes
    assert.equal(spaceGroup("R -3 m:R").operations.length, 12); // rhombohedral axes, primitive
    assert.equal(spaceGroup("F m -3 m").operations.length, 192); // m-3m (48) × F (4)
    assert.equal(spaceGroup("Fd-3m:2").operations.length, 192);
    assert.deepEqual(spaceGroup("R-3m").centring.map((t) => t.map((v) => +v.toFixed(6))), [[0, 0, 0], [0.666667, 0.333333, 0.333333], [0.333333, 0.666667, 0.666667]]);
    assert.ok(spaceGroup("C 2/m").centrosymmetric && !spaceGroup("P 21 21 21").centrosymmetric);
  });
  it("finds a group under the spellings CIF files use", () => {
    for (const s of ["C 2/m", "C2/m", "C 1 2/m 1", "c 2/m", "12"]) assert.equal(spaceGroup(s).number, 12, s);
    for (const s of ["R -3 m", "R-3m", "R -3 m:H", "R-3mH", "R -3 m h", "R -3 2/m"]) {
      const g = spaceGroup(s);
      assert.equal(g.number, 166, s);
      assert.equal(g.choice, "H", s);
    }
    assert.equal(spaceGroup("R -3 m:R").choice, "R");
    assert.equal(spaceGroup("R -3 m R").choice, "R");
    assert.equal(spaceGroup("P 21/c").hall, "-P 2ybc");
    assert.equal(spaceGroup("P 1 21/n 1").hall, "-P 2yn");
    assert.equal(spaceGroup("F d -3 m").choice, "1");
    assert.equal(spaceGroup("F d -3 m:2").hall, "-F 4vw 2vw 3");
    assert.equal(spaceGroup("I 41/a m d:2").number, 141);
    assert.equal(spaceGroup(225).symbol, "Fm-3m");
    assert.equal(spaceGroupFromHall("-C 2yc").symbol, "C2/c");
  });
  it("refuses unknown symbols and numbers with what was expected", () => {
    assert.throws(() => spaceGroup("R -3 x"), /space group "R -3 x": unknown Hermann–Mauguin symbol; expected e\.g\. "C 2\/m"/);
    assert.throws(() => spaceGroup(231), /expected an International Tables number 1–230/);
    assert.throws(() => spaceGroupFromHall("-Q 2y"), /unknown lattice symbol "Q"/);
    assert.throws(() => spaceGroupFromHall("P 5"), /cannot read the matrix symbol "5"/);
  });
  it("closes a list of generators from a CIF into the whole group", () => {
    const g = spaceGroupFromOperations(["x,y,z", "-x,y,-z", "-x,-y,-z", "x+1/2,y+1/2,z"], "C 2/m");
    assert.equal(g.operations.length, 8);
    assert.equal(g.centring.length, 2);
  });
});

describe("orbit expansion", () => {
  const cubic = (symbol: string, sites: [string, number, number, number][]): Structure => ({
    name: "t", cell: { a: 4, b: 4, c: 4, alpha: 90, beta: 90, gamma: 90 }, spaceGroup: symbol,
    sites: sites.map(([label, x, y, z]) => ({ label, species: "O", x, y, z, occupancy: 1, uiso: 0 })),
  });
  it("gives Wyckoff multiplicities of Fm-3m and Pm-3m", () => {
    const uc = expandSites(cubic("F m -3 m", [["4a", 0, 0, 0], ["4b", 0.5, 0.5, 0.5], ["8c", 0.25, 0.25, 0.25], ["24e", 0.23, 0, 0], ["192l", 0.11, 0.23, 0.37]]));
    assert.deepEqual(uc.multiplicities, [4, 4, 8, 24, 192]);
    assert.deepEqual(expandSites(cubic("P m -3 m", [["1a", 0, 0, 0], ["3c", 0, 0.5, 0.5], ["6e", 0.2, 0, 0]])).multiplicities, [1, 3, 6]);
  });
  it("gives the Wyckoff multiplicities of C2/m (Li2MnO3 type) and R-3m", () => {
    const s: Structure = {
      name: "c2m", cell: { a: 4.9558, b: 8.5745, c: 5.0316, alpha: 90, beta: 109.267, gamma: 90 }, spaceGroup: "C 2/m",
      sites: [["2b", 0, 0.5, 0], ["2c", 0, 0, 0.5], ["4g", 0, 0.16, 0], ["4h", 0, 0.6667, 0.5], ["4i", 0.2394, 0, 0.2242], ["8j", 0.2394, 0.3333, 0.2242]].map(
        ([label, x, y, z]) => ({ label: label as string, species: "O", x: x as number, y: y as number, z: z as number, occupancy: 1, uiso: 0 })),
    };
    assert.deepEqual(expandSites(s).multiplicities, [2, 2, 4, 4, 4, 8]);
    const r: Structure = { name: "r", cell: { a: 2.8, b: 2.8, c: 14, alpha: 90, beta: 90, gamma: 120 }, spaceGroup: "R -3 m",
      sites: [{ label: "3a", species: "Li", x: 0, y: 0, z: 0, occupancy: 1, uiso: 0 }, { label: "6c", species: "O", x: 0, y: 0, z: 0.24, occupancy: 1, uiso: 0 }] };
    assert.deepEqual(expandSites(r).multiplicities, [3, 6]);
  });
  it("merges images closer than the tolerance (a site written 0.3333 for 1/3)", () => {
    const s = cubic("P 1", [["a", 0, 0, 0]]);
    s.spaceGroup = "";
    s.operations = ["x,y,z", "x+0.0001,y,z"];
    assert.throws(() => expandSites(s), /do not close/);
    const r: Structure = { name: "r", cell: { a: 2.8, b: 2.8, c: 14, alpha: 90, beta: 90, gamma: 120 }, spaceGroup: "P -3 m 1",
      sites: [{ label: "2d", species: "O", x: 0.3333, y: 0.6667, z: 0.25, occupancy: 1, uiso: 0 }] };
    assert.deepEqual(expandSites(r).multiplicities, [2]);
    assert.deepEqual(expandSites(r, { tolerance: 0 }).multiplicities, [12]); // 0.3333 ≠ 1/3: all 12 images differ
    assert.throws(() => expandSites(r, { tol: 1 } as never), /unknown option "tol"/);
  });
});
