/**
 * Reading structures from CIF files: every data block with a cell or atom sites becomes a
 * {@link Structure} (GSAS-II and GSAS2CIF exports put the publication and powder data in blocks of
 * their own, which are skipped).
 * @module
 */
import { readRegularText } from "../io/readRegularFile";
import { baseName } from "../io/errors";
import { checkOptions } from "../util/checkOptions";
import { cifBlockToStructure, isStructureBlock } from "./cifStructure";
import { parseCif } from "./cifSyntax";
import type { Structure } from "./structure";

/** Options of {@link readCif} and {@link parseCifStructures}. */
export interface ReadCifOptions {
  /** Keep only the block with this name (after `data_`, case-insensitive) or this `_pd_phase_name`. */
  block?: string;
}

/**
 * The structures of CIF text.
 * @param text the CIF.
 * @param file the name used in messages and in each structure's `source`.
 * @param options {@link ReadCifOptions}.
 * @returns one {@link Structure} per structure block, in file order.
 * @throws Error naming the file and line: syntax errors, a structure block without its cell, an
 *   unknown space group or element, no structure block at all, no block named `block`.
 * @example
 * const [s] = parseCifStructures(text, "LiCoO2.cif");
 */
export function parseCifStructures(text: string, file = "<text>", options: ReadCifOptions = {}): Structure[] {
  checkOptions("readCif", options, ["block"]);
  const blocks = parseCif(text, file);
  const structural = blocks.filter(isStructureBlock);
  if (structural.length === 0) {
    throw new Error(`${file}: no structure: expected a data_ block with _cell_length_a and a loop of _atom_site_fract_x/y/z (found ${blocks.length === 0 ? "no data blocks" : `blocks ${blocks.map((b) => `data_${b.name}`).join(", ")}`})`);
  }
  const structures = structural.map(cifBlockToStructure);
  if (options.block === undefined) return structures;
  const want = options.block.toLowerCase();
  const chosen = structures.filter((s, i) => structural[i].name.toLowerCase() === want || s.name.toLowerCase() === want);
  if (chosen.length === 0) throw new Error(`${file}: no block "${options.block}"; expected one of ${structural.map((b, i) => `data_${b.name} (${structures[i].name})`).join(", ")}`);
  return chosen;
}

/**
 * Read the structures of a CIF file (several blocks → several structures).
 * @param path the file.
 * @param options {@link ReadCifOptions}.
 * @returns the structures, in file order.
 * @throws Error naming the file, line and field (see {@link parseCifStructures}); file-system
 *   errors name the path.
 * @example
 * const [lco] = readCif("data/li/LNRO-R-3m.cif");
 * lco.cell.c; // 14.40729
 */
export function readCif(path: string, options: ReadCifOptions = {}): Structure[] {
  checkOptions("readCif", options, ["block"]);
  const text = readRegularText(path, { field: "CIF file", maxBytes: 256 << 20 });
  return parseCifStructures(text, baseName(path), options);
}

/**
 * Read the one structure of a CIF file (or the block named `block`).
 * @throws Error listing the blocks when the file holds several structures and none is chosen.
 * @example
 * const s = readCifStructure("data/gent2017/table-s1-c2m.cif");
 */
export function readCifStructure(path: string, options: ReadCifOptions = {}): Structure {
  const all = readCif(path, options);
  if (all.length > 1) {
    throw new Error(`${baseName(path)}: holds ${all.length} structures (${all.map((s) => s.name).join(", ")}); choose one with the option block, or use readCif for all`);
  }
  return all[0];
}
