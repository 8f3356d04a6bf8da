// CIF reader: CIF 1.1 syntax, structures with esds, real files (pymatgen test files, a COD entry
// written by GSAS2CIF, the structures transcribed from the papers) and bad input with file, line and
// field in the message. Files without a licence that allows redistribution (GSAS-II tutorial exports,
// FINDSYM output, fullrmc's Ni.cif) are not in the repository: their tests run only when
// EDGEWORKS_CIF_DATA names a folder holding them (test/fixtures/diffraction/cif/README.md).
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { parseCifStructures, readCif, readCifStructure } from "../../src/diffraction/cifRead";
import { cifNumber } from "../../src/diffraction/cifNumber";
import { parseCif, cifColumn } from "../../src/diffraction/cifSyntax";
import { typeSymbolCase } from "../../src/diffraction/elements";
import { expandSites } from "../../src/diffraction/symmetry/expandSites";
import { operationStrings, spaceGroupFromHall } from "../../src/diffraction/symmetry/spaceGroup";

const ROOT = join(__dirname, "..", "..");
const CIF = join(ROOT, "test", "fixtures", "diffraction", "cif");
/** Folder with the unlicensed CIF files (opt-in tests); unset = those tests are skipped. */
const EXTERNAL = process.env.EDGEWORKS_CIF_DATA;
const EXTERNAL_FILES = "gsas2-CaF2.cif, gsas2-CuO.cif, gsas2-CuCr2O4.cif, gsas2-PbSO4.cif, findsym-Mn3O4.cif, Ni-no-data-block.cif";

const MINIMAL = (body: string) => `data_t
_cell_length_a 4.2
_cell_length_b 4.2
_cell_length_c 4.2
_cell_angle_alpha 90
_cell_angle_beta 90
_cell_angle_gamma 90
${body}`;
const SITES = `loop_
_atom_site_label
_atom_site_type_symbol
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
Ni1 Ni2+ 0 0 0
O1 O2- 0.5 0.5 0.5
`;

describe("CIF syntax", () => {
  it("reads quoted strings, text fields, comments and loops", () => {
    const text = `# comment
data_one
_a 'it''s a value'
_b "x y" # trailing comment
_c
;
line 1
line 2
;
loop_
_l1 _l2
1 'a b'
2 "c d"
data_two
_name 'O''Neil'
`;
    const [one, two] = parseCif(text, "s.cif");
    assert.equal(one.name, "one");
    assert.equal(one.items.get("_a")!.text, "it''s a value");
    assert.equal(one.items.get("_b")!.text, "x y");
    assert.equal(one.items.get("_c")!.text, "line 1\nline 2");
    assert.deepEqual(cifColumn(one, "_l2")!.map((v) => v.text), ["a b", "c d"]);
    assert.equal(cifColumn(one, "_L1")![1].line, 13);
    assert.equal(two.items.get("_name")!.text, "O''Neil");
  });
  it("reads numbers with esds, ? and .", () => {
    const v = (text: string, quoted = false) => cifNumber({ text, line: 1, quoted }, "f", "_t");
    assert.deepEqual(v("4.9558(1)"), { value: 4.9558, esd: 0.0001 });
    assert.deepEqual(v("8.5745(13)"), { value: 8.5745, esd: 0.0013 });
    assert.deepEqual(v("109.267(1)"), { value: 109.267, esd: 0.001 });
    assert.deepEqual(v("-0.25"), { value: -0.25, esd: NaN });
    assert.deepEqual(v("1.2e-3(4)"), { value: 0.0012, esd: 0.0004 });
    assert.deepEqual(v("12(3)"), { value: 12, esd: 3 });
    assert.equal(v("?"), undefined);
    assert.equal(v("."), undefined);
    assert.throws(() => v("?", true), /line 1: _t: expected a number such as 4\.9558\(1\), got "\?"/);
    assert.throws(() => v("4.95.58"), /f: line 1: _t: expected a number/);
  });
  it("says where a loop has the wrong number of values", () => {
    const text = "data_x\nloop_\n_a\n_b\n_c\n1 2 3\n4 5\n";
    assert.throws(() => parseCif(text, "bad.cif"), /bad\.cif: line 2: loop_ with 3 tags \(_a, _b, _c\) has 5 values, not a multiple of 3 \(the last row, ending on line 7, has 2 of 3 values/);
  });
  it("says where a file is truncated", () => {
    assert.throws(() => parseCif("data_x\n_a\n;\ntext never closed\n", "t.cif"), /t\.cif: line 3: text field opened by ";" is never closed .*truncated/);
    assert.throws(() => parseCif("data_x\n_a 'open\n", "t.cif"), /t\.cif: line 2: the string opened by ' at column 4 is not closed on this line/);
    assert.throws(() => parseCif("data_x\n_cell_length_a\n", "t.cif"), /t\.cif: line 2: _cell_length_a: no value follows the tag \(is the file truncated\?\)/);
    assert.throws(() => parseCif("_a 1\n", "t.cif"), /t\.cif: line 1: "_a" comes before any data_ block header/);
    assert.throws(() => parseCif("data_x\n_a 1 2\n", "t.cif"), /t\.cif: line 2: value "2" without a tag/);
  });
});

describe("CIF structures", () => {
  it("reads cell with esds, operations and sites", () => {
    const [s] = parseCifStructures(MINIMAL(`_symmetry_space_group_name_H-M 'F m -3 m'\n${SITES}`).replace("_cell_length_a 4.2", "_cell_length_a 4.1771(2)"), "nio.cif");
    assert.equal(s.cell.a, 4.1771);
    assert.deepEqual(s.cell.esd, { a: 0.0002 });
    assert.equal(s.spaceGroup, "F m -3 m");
    assert.equal(s.source, "nio.cif: data_t");
    assert.deepEqual(s.sites.map((x) => [x.label, x.species, x.occupancy, x.uiso]), [["Ni1", "Ni2+", 1, 0], ["O1", "O2-", 1, 0]]);
  });
  it("converts Biso and anisotropic U to Uiso (Ueq)", () => {
    const body = `_symmetry_space_group_name_H-M 'P 1'
loop_
_atom_site_label
_atom_site_type_symbol
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
_atom_site_B_iso_or_equiv
_atom_site_adp_type
Ni1 Ni 0 0 0 0.7896 Biso
O1 O 0.5 0.5 0.5 ? Uani
loop_
_atom_site_aniso_label
_atom_site_aniso_U_11
_atom_site_aniso_U_22
_atom_site_aniso_U_33
_atom_site_aniso_U_12
_atom_site_aniso_U_13
_atom_site_aniso_U_23
O1 0.010 0.020 0.030 0.001 0 0
`;
    const [s] = parseCifStructures(MINIMAL(body), "adp.cif");
    assert.ok(Math.abs(s.sites[0].uiso - 0.7896 / (8 * Math.PI ** 2)) < 1e-15);
    // Orthogonal cell: Ueq = (U11 + U22 + U33) / 3.
    assert.ok(Math.abs(s.sites[1].uiso - 0.02) < 1e-15);
    assert.deepEqual(s.sites[1].uani, [0.01, 0.02, 0.03, 0.001, 0, 0]);
    // Monoclinic cell (β between a and c): Ueq = (U11 + U22 sin²β + U33 + 2 U13 cos β)/(3 sin²β); U12 drops out (a ⊥ b).
    const mono = MINIMAL(body).replace("_cell_angle_beta 90", "_cell_angle_beta 110");
    const [m] = parseCifStructures(mono, "m.cif");
    const b = (110 * Math.PI) / 180;
    const expected = (0.01 + 0.02 * Math.sin(b) ** 2 + 0.03) / (3 * Math.sin(b) ** 2);
    assert.ok(Math.abs(m.sites[1].uiso - expected) < 1e-12, `${m.sites[1].uiso} vs ${expected}`);
  });
  it("refuses a structure block without its cell, naming the block and the tag", () => {
    const text = MINIMAL(`_symmetry_space_group_name_H-M 'F m -3 m'\n${SITES}`).replace("_cell_length_c 4.2\n", "");
    assert.throws(() => parseCifStructures(text, "nocell.cif"), /nocell\.cif: data_t \(line 1\): _cell_length_c: missing; expected the cell length in Å/);
    assert.throws(() => parseCifStructures(MINIMAL(`_symmetry_space_group_name_H-M 'F m -3 m'\n${SITES}`).replace("_cell_angle_beta 90", "_cell_angle_beta ?"), "q.cif"), /q\.cif: line 6: _cell_angle_beta: is "\?" \(unknown\); expected the cell angle in degrees/);
  });
  it("refuses unknown space groups, operations and elements with the line", () => {
    assert.throws(() => parseCifStructures(MINIMAL(`_symmetry_space_group_name_H-M 'R -3 x'\n${SITES}`), "sg.cif"), /sg\.cif: line 8: _symmetry_space_group_name_h-m: space group "R -3 x": unknown Hermann–Mauguin symbol/);
    assert.throws(() => parseCifStructures(MINIMAL(`loop_\n_symmetry_equiv_pos_as_xyz\n'x,y,z'\n'-x,-y,q'\n${SITES}`), "op.cif"), /op\.cif: line 11: _symmetry_equiv_pos_as_xyz: symmetry operation "-x,-y,q": cannot read the term "q"/);
    assert.throws(() => parseCifStructures(MINIMAL(`_symmetry_space_group_name_H-M 'P 1'\n${SITES.replace("Ni1 Ni2+", "TM1 TM")}`), "el.cif"), /el\.cif: line 15: _atom_site_type_symbol: unknown element "TM"; expected an element symbol/);
    assert.throws(() => parseCifStructures(MINIMAL(SITES), "nosg.cif"), /nosg\.cif: data_t \(line 1\): no space group: expected _space_group_symop_operation_xyz/);
    assert.throws(() => parseCifStructures("data_publ\n_journal_name 'x'\n", "publ.cif"), /publ\.cif: no structure: expected a data_ block with _cell_length_a .* \(found blocks data_publ\)/);
  });
  it("uses the IT number when the symbol is not known", () => {
    const [s] = parseCifStructures(MINIMAL(`_symmetry_space_group_name_H-M 'Fm3m-weird'\n_symmetry_Int_Tables_number 225\n${SITES}`), "n.cif");
    assert.equal(expandSites(s).spaceGroup.operations.length, 192);
  });
  it("reads the Hall symbol when it is the only symmetry given", () => {
    const [s] = parseCifStructures(MINIMAL(`_space_group_name_Hall '-F 4 2 3'\n${SITES}`), "h.cif");
    assert.equal(s.operations!.length, 192);
  });
  it("checks options and the file", () => {
    assert.throws(() => readCif(join(CIF, "pymatgen-MgNiF6.cif"), { blok: "x" } as never), /readCif: unknown option "blok"; expected one of: block/);
    assert.throws(() => readCif(join(CIF, "missing.cif")), /missing\.cif: CIF file: not found/);
    assert.throws(() => readCif(CIF), /is a directory/);
  });
});

describe("real CIF files", () => {
  it("pymatgen files: multiplicities from orbit expansion equal the files' _atom_site_symmetry_multiplicity", () => {
    for (const [file, ops] of [["pymatgen-H6PbCI3N_mp-977013_symmetrized.cif", 2], ["pymatgen-MgNiF6.cif", 1]] as const) {
      const path = join(CIF, file);
      const [block] = parseCif(readFileSync(path, "utf8"), file);
      const fileMult = cifColumn(block, "_atom_site_symmetry_multiplicity")!.map((v) => Number(v.text));
      const s = readCifStructure(path);
      const uc = expandSites(s);
      assert.deepEqual(uc.multiplicities, fileMult, file);
      assert.equal(uc.spaceGroup.operations.length, ops, file);
      // The same multiplicities from the H-M symbol alone (Pm, P 1), without the file's operations.
      assert.deepEqual(expandSites({ ...s, operations: undefined }).multiplicities, fileMult, file);
    }
    // Pm: the two H sites off the mirror are doubled, the eight on it (y = 0 or 1/2) are not.
    const pm = readCifStructure(join(CIF, "pymatgen-H6PbCI3N_mp-977013_symmetrized.cif"));
    assert.equal(pm.name, "H6PbCI3N");
    assert.equal(pm.spaceGroup, "Pm");
    assert.equal(pm.cell.beta, 90.41946266);
    assert.deepEqual(expandSites(pm).multiplicities, [2, 2, 1, 1, 1, 1, 1, 1, 1, 1]);
    const p1 = readCifStructure(join(CIF, "pymatgen-MgNiF6.cif"));
    assert.equal(p1.cell.alpha, 56.45501097);
    assert.deepEqual(p1.sites.map((x) => x.species), ["Mg", "Ni", "F", "F", "F", "F", "F", "F"]);
  });
  // COD 2100513 (Ca2AlNbO6, P 21/n, neutron, written by GSAS2CIF): esds on cell, coordinates,
  // occupancies and Uiso, a Hall symbol, and GSAS2CIF's upper-case type symbols (CA, AL, NB).
  const COD = join(CIF, "cod-2100513.cif");
  // GSAS2CIF writes type symbols in upper case ("CA" would otherwise read as carbon, "AL" not at all).
  it("COD 2100513 as it is: upper-case GSAS2CIF type symbols CA, AL, NB are read as Ca, Al, Nb", () => {
    const [s] = parseCifStructures(readFileSync(COD, "utf8"), "cod-2100513.cif");
    assert.deepEqual(s.sites.map((x) => x.species), ["Ca", "Al", "Nb", "Al", "Nb", "O", "O", "O"]);
    assert.equal(typeSymbolCase("NB5+"), "Nb5+");
    assert.equal(typeSymbolCase("O2-"), "O2-");
    // Only GSAS-written files whose type symbols are all upper case go through this (see the "TM" refusal above).
    assert.equal(typeSymbolCase("TM"), "Tm");
  });
  /** The COD text as written (the upper-case symbols are read as they are). */
  const codText = () => readFileSync(COD, "utf8");
  it("COD 2100513 (GSAS2CIF): cell, coordinates, occupancies and Uiso with esds; P 21/n multiplicities", () => {
    const [s] = parseCifStructures(codText(), "cod-2100513.cif");
    assert.equal(s.name, "2100513");
    assert.equal(s.spaceGroup, "P 1 21/n 1");
    assert.deepEqual(s.cell.esd, { a: 0.00009, b: 0.00009, c: 0.00013, beta: 0.004 });
    assert.equal(s.cell.beta, 89.97);
    const uc = expandSites(s);
    assert.equal(uc.spaceGroup.operations.length, 4);
    // General position 4e for Ca and O; Al/Nb on the inversion centres 2a/2d.
    assert.deepEqual(uc.multiplicities, [4, 2, 2, 2, 2, 4, 4, 4]);
    assert.deepEqual(s.sites.map((x) => x.species), ["Ca", "Al", "Nb", "Al", "Nb", "O", "O", "O"]);
    assert.deepEqual([s.sites[1].occupancy, s.sites[1].esd], [0.941, { occupancy: 0.008, uiso: 0.00019 }]);
    assert.deepEqual(s.sites[7].esd, { x: 0.0002, y: 0.00019, z: 0.0006, uiso: 0.0003 });
    assert.equal(s.sites[7].y, -0.01305);
  });
  it("COD 2100513: the Hall symbol -P 2yn alone gives the file's four operations and the same multiplicities", () => {
    const text = codText();
    const [block] = parseCif(text, "cod-2100513.cif");
    assert.equal(block.items.get("_symmetry_space_group_name_hall")!.text, "-P 2yn");
    // The file writes "+x,+y,+z"; drop the leading "+" of each component to compare.
    const fileOps = cifColumn(block, "_symmetry_equiv_pos_as_xyz")!.map((v) => v.text.replace(/(^|,)\+/g, "$1"));
    assert.deepEqual([...operationStrings(spaceGroupFromHall("-P 2yn"))].sort(), fileOps.sort());
    // Without the operations loop and the H-M symbol, only the Hall symbol is left.
    const hallOnly = text.replace(/^_symmetry_space_group_name_H-M.*\n/m, "").replace(/loop_\n_symmetry_equiv_pos_site_id\n_symmetry_equiv_pos_as_xyz\n(?:.*\n){4}/, "");
    const [h] = parseCifStructures(hallOnly, "hall-only.cif");
    assert.equal(h.operations!.length, 4);
    assert.deepEqual(expandSites(h).multiplicities, [4, 2, 2, 2, 2, 4, 4, 4]);
  });
  it("the structures transcribed from the papers", () => {
    const s1 = readCifStructure(join(ROOT, "data", "gent2017", "table-s1-c2m.cif"));
    assert.deepEqual(s1.cell.esd, { a: 0.0001, b: 0.0013, c: 0.0001, beta: 0.001 });
    const uc = expandSites(s1);
    assert.deepEqual(uc.multiplicities, [2, 2, 4, 4, 2, 2, 2, 2, 4, 4, 4, 4, 4, 8]);
    // Composition per LiMO2 unit (12 O in the cell → 6 units): Li 1 + 0.17 and TM 0.83 as the paper says.
    const per = (...els: string[]) => uc.atoms.filter((a) => els.includes(a.species)).reduce((t, a) => t + a.occupancy, 0) / 6;
    assert.ok(Math.abs(per("O") - 2) < 1e-12);
    assert.ok(Math.abs(per("Li") - 1.17) < 1e-12, String(per("Li")));
    assert.ok(Math.abs(per("Ni", "Co", "Mn") - 0.83) < 1e-3, String(per("Ni", "Co", "Mn")));
    const r = readCifStructure(join(ROOT, "data", "li", "lnro-r3m-table-s1.cif"));
    assert.equal(r.sites[4].esd!.z, 0.00004);
    assert.equal(r.sites[0].uiso, 0.0341);
  });
  it("a file with several structures gives a list; readCifStructure asks to choose", () => {
    const dir = mkdtempSync(join(tmpdir(), "cif-"));
    const path = join(dir, "two.cif");
    writeFileSync(path, `data_publ\n_audit_creation_method 'created in GSAS-II'\n\n${MINIMAL(`_symmetry_space_group_name_H-M 'F m -3 m'\n${SITES}`)}\n${MINIMAL(`_symmetry_space_group_name_H-M 'P m -3 m'\n${SITES}`).replace("data_t", "data_u")}`);
    assert.deepEqual(readCif(path).map((s) => s.spaceGroup), ["F m -3 m", "P m -3 m"]);
    assert.throws(() => readCifStructure(path), /two\.cif: holds 2 structures \(t, u\); choose one with the option block/);
    assert.equal(readCifStructure(path, { block: "u" }).spaceGroup, "P m -3 m");
    assert.throws(() => readCif(path, { block: "v" }), /two\.cif: no block "v"; expected one of data_t \(t\), data_u \(u\)/);
  });
});

describe(`unlicensed CIF files (opt-in: EDGEWORKS_CIF_DATA=<folder with ${EXTERNAL_FILES}>)`, function () {
  before(function () {
    if (!EXTERNAL) {
      console.log(`      skipped: EDGEWORKS_CIF_DATA is not set; point it at a folder holding ${EXTERNAL_FILES} (sources in test/fixtures/diffraction/cif/README.md)`);
      this.skip();
    }
  });
  const ext = (file: string) => join(EXTERNAL!, file);
  it("GSAS-II exports: multiplicities from orbit expansion equal the files' _atom_site_symmetry_multiplicity", () => {
    for (const [file, mult, ops] of [["gsas2-CaF2.cif", [4, 8], 192], ["gsas2-CuO.cif", [4, 4], 8], ["gsas2-CuCr2O4.cif", [8, 16, 32], 32], ["gsas2-PbSO4.cif", [4, 4, 4, 4, 8], 8]] as const) {
      const s = readCifStructure(ext(file));
      const uc = expandSites(s);
      assert.deepEqual(uc.multiplicities, [...mult], file);
      assert.equal(uc.spaceGroup.operations.length, ops, file);
    }
    const caf2 = readCifStructure(ext("gsas2-CaF2.cif"));
    assert.equal(caf2.name, "CaF2");
    assert.equal(caf2.spaceGroup, "F m -3 m");
    assert.equal(caf2.sites[1].uiso, 0.0085);
    const cuo = readCifStructure(ext("gsas2-CuO.cif"));
    assert.equal(cuo.cell.beta, 99.8314);
    assert.equal(cuo.sites[0].species, "Cu2+");
  });
  it("FINDSYM output with a Hall symbol and Wyckoff letters (Mn3O4, I41/amd origin 2)", () => {
    const s = readCifStructure(ext("findsym-Mn3O4.cif"));
    assert.equal(s.spaceGroup, "I 41/a m d:2");
    assert.deepEqual(s.sites.map((x) => x.wyckoff), ["4a", "8d", "16h"]);
    assert.deepEqual(expandSites(s).multiplicities, [4, 8, 16]);
    assert.deepEqual(expandSites({ ...s, operations: undefined }).multiplicities, [4, 8, 16]);
  });
  it("a file without a data_ header (fullrmc's Ni.cif) is refused with the line", () => {
    assert.throws(() => readCif(ext("Ni-no-data-block.cif")), /Ni-no-data-block\.cif: line 1: "_chemical_name_common" comes before any data_ block header/);
  });
});
