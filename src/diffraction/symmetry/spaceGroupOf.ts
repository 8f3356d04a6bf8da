/**
 * The space group of a {@link Structure}: from its operations when it lists them, else from its
 * Hermann–Mauguin symbol, else from its International Tables number.
 * @module
 */
import type { Structure } from "../structure";
import { spaceGroup, spaceGroupFromOperations, type SpaceGroup } from "./spaceGroup";

/**
 * The space group a structure's sites are to be expanded with.
 * @throws Error naming the structure when neither operations nor a known symbol or number are given.
 * @example
 * spaceGroupOf(structure).operations.length; // 8 for a C2/m structure
 */
export function spaceGroupOf(structure: Structure): SpaceGroup {
  const where = structure.source ?? structure.name;
  if (structure.operations && structure.operations.length > 0) {
    try {
      return spaceGroupFromOperations(structure.operations, structure.spaceGroup);
    } catch (e) {
      throw new Error(`${where}: symmetry operations: ${(e as Error).message}`);
    }
  }
  const symbol = structure.spaceGroup?.trim() ?? "";
  if (symbol !== "" && symbol !== "?" && symbol !== ".") {
    try {
      return spaceGroup(symbol);
    } catch (e) {
      if (structure.spaceGroupNumber === undefined) throw new Error(`${where}: ${(e as Error).message}`);
    }
  }
  if (structure.spaceGroupNumber !== undefined) return spaceGroup(structure.spaceGroupNumber);
  throw new Error(`${where}: no space group: expected symmetry operations, a Hermann–Mauguin symbol or an International Tables number`);
}
