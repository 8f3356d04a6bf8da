/**
 * A CIF data block → {@link Structure}: cell (with esds), space group (operations, H-M symbol,
 * Hall symbol or number, checked on reading), sites with occupancies and Uiso (from
 * `_atom_site_U_iso_or_equiv`, `_atom_site_B_iso_or_equiv`, or Ueq of the anisotropic U or B).
 * Reads the CIFs of COD, ICSD-style exports, pymatgen, FINDSYM, VESTA and GSAS-II / GSAS2CIF.
 * @module
 */
import { cifNumber, type CifNumber } from "./cifNumber";
import { cifColumn, cifLoopOf, type CifBlock, type CifValue } from "./cifSyntax";
import { elementOf, typeSymbolCase } from "./elements";
import type { Cell, Site, Structure } from "./structure";
import { metricTensor, reciprocalMetric } from "./symmetry/lattice";
import { parseOperation } from "./symmetry/operation";
import { operationStrings, spaceGroup, spaceGroupFromHall, spaceGroupFromOperations } from "./symmetry/spaceGroup";

const EIGHT_PI2 = 8 * Math.PI * Math.PI;

/** Tags for the space-group operations, H-M symbol, Hall symbol and number, in order of preference. */
const OPERATION_TAGS = ["_space_group_symop_operation_xyz", "_symmetry_equiv_pos_as_xyz", "_space_group_symop.operation_xyz", "_symmetry_equiv.pos_as_xyz"];
const HM_TAGS = ["_space_group_name_h-m_alt", "_symmetry_space_group_name_h-m", "_space_group.name_h-m_alt", "_symmetry.space_group_name_h-m", "_pd_phase_space_group"];
const HALL_TAGS = ["_space_group_name_hall", "_symmetry_space_group_name_hall", "_space_group.name_hall"];
const NUMBER_TAGS = ["_space_group_it_number", "_symmetry_int_tables_number", "_space_group.it_number", "_symmetry.int_tables_number"];

/** @internal First tag of a list the block has, with its values. */
function firstOf(block: CifBlock, tags: readonly string[]): { tag: string; values: CifValue[] } | undefined {
  for (const tag of tags) {
    const values = cifColumn(block, tag);
    if (values) return { tag, values };
  }
  return undefined;
}

/** @internal A value that is neither `?` nor `.` (unquoted). */
function known(v: CifValue | undefined): v is CifValue {
  return v !== undefined && (v.quoted || (v.text !== "?" && v.text !== "."));
}

/**
 * Whether a block describes a structure (has a cell or atom sites); publication and powder-data
 * blocks of a GSAS-II or GSAS2CIF export do not.
 * @example
 * parseCif(text).filter(isStructureBlock).length; // 1 for a one-phase refinement CIF
 */
export function isStructureBlock(block: CifBlock): boolean {
  return block.items.has("_cell_length_a") || cifLoopOf(block, "_atom_site_label") !== undefined || cifLoopOf(block, "_atom_site_fract_x") !== undefined;
}

/**
 * Build the {@link Structure} of one CIF data block.
 *
 * @param block a block from {@link parseCif}.
 * @returns the structure; `name` is `_pd_phase_name` when given, else the block name; `source` is
 *   `<file>: data_<block>`; `operations` are the file's operations (or those of its Hall symbol).
 * @throws Error naming file, line and tag: a missing cell parameter, a value that is not a number,
 *   an unknown space-group symbol, a symmetry operation that cannot be read, a missing coordinate,
 *   an unknown element, an occupancy outside 0–1.
 * @example
 * const [block] = parseCif(text, "LiCoO2.cif");
 * const s = cifBlockToStructure(block); // s.cell.a = 2.8156, s.spaceGroup = "R -3 m", s.sites.length = 3
 */
export function cifBlockToStructure(block: CifBlock): Structure {
  const file = block.file;
  const where = `${file}: data_${block.name} (line ${block.line})`;
  const num = (tag: string, v: CifValue): CifNumber | undefined => cifNumber(v, file, tag);

  // Cell.
  const cellValues: Record<string, number> = {};
  const cellEsd: NonNullable<Cell["esd"]> = {};
  for (const [key, tag] of [["a", "_cell_length_a"], ["b", "_cell_length_b"], ["c", "_cell_length_c"], ["alpha", "_cell_angle_alpha"], ["beta", "_cell_angle_beta"], ["gamma", "_cell_angle_gamma"]] as const) {
    const v = block.items.get(tag);
    const angle = key.length > 1;
    if (!v) {
      throw new Error(`${where}: ${tag}: missing; expected the cell ${angle ? "angle in degrees" : "length in Å"} (a CIF structure needs _cell_length_a/b/c and _cell_angle_alpha/beta/gamma)`);
    }
    const n = num(tag, v);
    if (!n) throw new Error(`${file}: line ${v.line}: ${tag}: is "${v.text}" (unknown); expected the cell ${angle ? "angle in degrees" : "length in Å"}`);
    if (!(n.value > 0) || (angle && !(n.value < 180))) throw new Error(`${file}: line ${v.line}: ${tag}: expected ${angle ? "an angle between 0 and 180°" : "a positive length in Å"}, got ${v.text}`);
    cellValues[key] = n.value;
    if (!Number.isNaN(n.esd)) cellEsd[key] = n.esd;
  }
  const cell: Cell = { a: cellValues.a, b: cellValues.b, c: cellValues.c, alpha: cellValues.alpha, beta: cellValues.beta, gamma: cellValues.gamma };
  if (Object.keys(cellEsd).length > 0) cell.esd = cellEsd;

  // Space group.
  const ops = firstOf(block, OPERATION_TAGS);
  const hm = firstOf(block, HM_TAGS);
  const hall = firstOf(block, HALL_TAGS);
  const number = firstOf(block, NUMBER_TAGS);
  let spaceGroupNumber: number | undefined;
  if (number && known(number.values[0])) {
    const n = num(number.tag, number.values[0]);
    if (n && !(Number.isInteger(n.value) && n.value >= 1 && n.value <= 230)) {
      throw new Error(`${file}: line ${number.values[0].line}: ${number.tag}: expected an International Tables number 1–230, got ${number.values[0].text}`);
    }
    spaceGroupNumber = n?.value;
  }
  const symbol = hm && known(hm.values[0]) ? hm.values[0].text.trim() : "";
  let operations: string[] | undefined;
  if (ops) {
    operations = [];
    for (const v of ops.values) {
      if (!known(v)) continue;
      try {
        parseOperation(v.text);
      } catch (e) {
        throw new Error(`${file}: line ${v.line}: ${ops.tag}: ${(e as Error).message}`);
      }
      operations.push(v.text);
    }
    try {
      spaceGroupFromOperations(operations);
    } catch (e) {
      throw new Error(`${file}: line ${ops.values[0].line}: ${ops.tag}: ${(e as Error).message}`);
    }
  } else if (symbol !== "") {
    try {
      spaceGroup(symbol);
    } catch (e) {
      if (spaceGroupNumber === undefined) throw new Error(`${file}: line ${hm!.values[0].line}: ${hm!.tag}: ${(e as Error).message}`);
    }
  } else if (hall && known(hall.values[0])) {
    try {
      operations = operationStrings(spaceGroupFromHall(hall.values[0].text));
    } catch (e) {
      throw new Error(`${file}: line ${hall.values[0].line}: ${hall.tag}: ${(e as Error).message}`);
    }
  } else if (spaceGroupNumber === undefined) {
    throw new Error(`${where}: no space group: expected _space_group_symop_operation_xyz or _symmetry_equiv_pos_as_xyz operations, _symmetry_space_group_name_H-M, _space_group_name_Hall or _space_group_IT_number`);
  }
  const structureName = block.items.get("_pd_phase_name");
  const structure: Structure = {
    name: known(structureName) ? structureName.text.trim() : block.name,
    cell,
    spaceGroup: symbol,
    ...(operations ? { operations } : {}),
    sites: [],
    source: `${file}: data_${block.name}`,
    ...(spaceGroupNumber !== undefined ? { spaceGroupNumber } : {}),
  };

  // Sites.
  const loop = cifLoopOf(block, "_atom_site_label") ?? cifLoopOf(block, "_atom_site_fract_x");
  if (!loop) {
    throw new Error(`${where}: _atom_site_label: missing; expected a loop_ of atom sites with _atom_site_label and _atom_site_fract_x/y/z`);
  }
  const col = (tag: string) => loop.tags.indexOf(tag);
  const iLabel = col("_atom_site_label");
  const iType = col("_atom_site_type_symbol");
  const iXyz = ["_atom_site_fract_x", "_atom_site_fract_y", "_atom_site_fract_z"].map(col);
  if (iXyz.some((i) => i < 0)) {
    const cart = col("_atom_site_cartn_x") >= 0;
    const missing = ["_atom_site_fract_x", "_atom_site_fract_y", "_atom_site_fract_z"].filter((_, k) => iXyz[k] < 0);
    throw new Error(`${file}: line ${loop.line}: ${missing.join(", ")}: missing from the atom-site loop; expected fractional coordinates${cart ? " (Cartesian _atom_site_Cartn_x/y/z are not read)" : ""}`);
  }
  const iOcc = col("_atom_site_occupancy");
  const iU = col("_atom_site_u_iso_or_equiv");
  const iB = col("_atom_site_b_iso_or_equiv");
  const iWyckoff = [col("_atom_site_wyckoff_symbol"), col("_atom_site_wyckoff_label")].find((i) => i >= 0) ?? -1;
  const iMult = [col("_atom_site_symmetry_multiplicity"), col("_atom_site_site_symmetry_multiplicity")].find((i) => i >= 0) ?? -1;
  const iCalc = col("_atom_site_calc_flag");
  const aniso = anisotropic(block, cell, file);

  // GSAS (GSAS2CIF, GSAS-II) writes type symbols in upper case: "CA" is calcium there. Elsewhere
  // case is the periodic table's, and an upper-case "TM" (a mixed site) stays unknown.
  const byGsas = ["_audit_creation_method", "_computing_structure_refinement"].some((t) => /\bGSAS/i.test(block.items.get(t)?.text ?? ""));
  const upperCaseTypes = byGsas && iType >= 0 && loop.rows.every((row) => !known(row[iType]) || !/[a-z]/.test(row[iType].text));
  for (const row of loop.rows) {
    if (iCalc >= 0 && row[iCalc].text.toLowerCase() === "dum") continue;
    const label = iLabel >= 0 ? row[iLabel].text : row[iType]?.text ?? "";
    const typeValue = iType >= 0 && known(row[iType]) ? row[iType] : iLabel >= 0 ? row[iLabel] : undefined;
    const typeTag = iType >= 0 && known(row[iType]) ? "_atom_site_type_symbol" : "_atom_site_label";
    if (!typeValue) throw new Error(`${file}: line ${loop.line}: atom-site loop: expected _atom_site_label or _atom_site_type_symbol`);
    // Type symbols (not labels) of a GSAS file written all in upper case are title-cased.
    const species = typeTag === "_atom_site_type_symbol" && upperCaseTypes ? typeSymbolCase(typeValue.text) : typeValue.text;
    elementOf(species, `${file}: line ${typeValue.line}: ${typeTag}`);
    const xyz = iXyz.map((i, k) => {
      const tag = ["_atom_site_fract_x", "_atom_site_fract_y", "_atom_site_fract_z"][k];
      const n = num(tag, row[i]);
      if (!n) throw new Error(`${file}: line ${row[i].line}: ${tag}: site ${label}: is "${row[i].text}"; expected a fractional coordinate`);
      return n;
    });
    const occ = iOcc >= 0 ? num("_atom_site_occupancy", row[iOcc]) : undefined;
    if (occ && !(occ.value >= 0 && occ.value <= 1 + 1e-6)) {
      throw new Error(`${file}: line ${row[iOcc].line}: _atom_site_occupancy: site ${label}: expected an occupancy between 0 and 1, got ${row[iOcc].text}`);
    }
    let uiso = 0;
    let uisoEsd = NaN;
    const u = iU >= 0 ? num("_atom_site_U_iso_or_equiv", row[iU]) : undefined;
    const b = iB >= 0 ? num("_atom_site_B_iso_or_equiv", row[iB]) : undefined;
    const an = aniso.get(label);
    if (an) uiso = an.ueq;
    else if (u) [uiso, uisoEsd] = [u.value, u.esd];
    else if (b) [uiso, uisoEsd] = [b.value / EIGHT_PI2, b.esd / EIGHT_PI2];
    const site: Site = { label, species, x: xyz[0].value, y: xyz[1].value, z: xyz[2].value, occupancy: occ ? occ.value : 1, uiso };
    const esd: NonNullable<Site["esd"]> = {};
    (["x", "y", "z"] as const).forEach((k, j) => {
      if (!Number.isNaN(xyz[j].esd)) esd[k] = xyz[j].esd;
    });
    if (occ && !Number.isNaN(occ.esd)) esd.occupancy = occ.esd;
    if (!Number.isNaN(uisoEsd)) esd.uiso = uisoEsd;
    if (Object.keys(esd).length > 0) site.esd = esd;
    if (an) site.uani = an.u;
    if (iWyckoff >= 0 && known(row[iWyckoff])) site.wyckoff = `${iMult >= 0 && known(row[iMult]) ? row[iMult].text : ""}${row[iWyckoff].text}`;
    structure.sites.push(site);
  }
  if (structure.sites.length === 0) throw new Error(`${file}: line ${loop.line}: atom-site loop: no sites`);
  return structure;
}

/** @internal Anisotropic U (or B / 8π²) by label, with Ueq = ⅓ Σᵢⱼ Uᵢⱼ aᵢ* aⱼ* aᵢ·aⱼ. */
function anisotropic(block: CifBlock, cell: Cell, file: string): Map<string, { u: [number, number, number, number, number, number]; ueq: number }> {
  const out = new Map<string, { u: [number, number, number, number, number, number]; ueq: number }>();
  const loop = cifLoopOf(block, "_atom_site_aniso_label");
  if (!loop) return out;
  const names = ["11", "22", "33", "12", "13", "23"];
  let kind = "u";
  let idx = names.map((n) => loop.tags.indexOf(`_atom_site_aniso_u_${n}`));
  if (idx.some((i) => i < 0)) {
    kind = "b";
    idx = names.map((n) => loop.tags.indexOf(`_atom_site_aniso_b_${n}`));
  }
  if (idx.some((i) => i < 0)) return out;
  const g = metricTensor(cell);
  const gs = reciprocalMetric(cell);
  const astar = [Math.sqrt(gs[0]), Math.sqrt(gs[4]), Math.sqrt(gs[8])];
  const iLabel = loop.tags.indexOf("_atom_site_aniso_label");
  for (const row of loop.rows) {
    const vals = idx.map((i, k) => {
      const n = cifNumber(row[i], file, `_atom_site_aniso_${kind.toUpperCase()}_${names[k]}`);
      return n ? (kind === "b" ? n.value / EIGHT_PI2 : n.value) : 0;
    }) as [number, number, number, number, number, number];
    const [u11, u22, u33, u12, u13, u23] = vals;
    const U = [u11, u12, u13, u12, u22, u23, u13, u23, u33];
    let s = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += U[3 * i + j] * astar[i] * astar[j] * g[3 * i + j];
    out.set(row[iLabel].text, { u: vals, ueq: s / 3 });
  }
  return out;
}
