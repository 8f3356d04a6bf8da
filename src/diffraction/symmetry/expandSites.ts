/**
 * Orbit expansion: the asymmetric unit's sites → every atom of the unit cell, with duplicates
 * (images closer than a tolerance) removed, and the multiplicity of every site.
 * @module
 */
import { checkOptions } from "../../util/checkOptions";
import type { Cell, Structure } from "../structure";
import { checkCell, fractionalDistance, metricTensor } from "./lattice";
import { applyOperation, reduceFraction } from "./operation";
import type { SpaceGroup } from "./spaceGroup";
import { spaceGroupOf } from "./spaceGroupOf";

/** One atom of the unit cell. */
export interface CellAtom {
  /** Label of the site it comes from. */
  label: string;
  /** Element or ion as written. */
  species: string;
  /** Fractional coordinates in [0, 1). */
  x: number; y: number; z: number;
  /** Occupancy, 0–1. */
  occupancy: number;
  /** Uiso in Å². */
  uiso: number;
  /** Index of the site in `structure.sites`. */
  site: number;
}

/** The unit cell's contents. */
export interface UnitCellContents {
  cell: Cell;
  spaceGroup: SpaceGroup;
  /** All atoms, site by site. */
  atoms: CellAtom[];
  /** Number of atoms per site (the Wyckoff multiplicity), one per `structure.sites` entry. */
  multiplicities: number[];
}

/** Options of {@link expandSites}. */
export interface ExpandSitesOptions {
  /** Images of a site closer than this (Å) are one atom. @default 0.01 */
  tolerance?: number;
  /** Use this group instead of the structure's own. */
  spaceGroup?: SpaceGroup;
}

/**
 * Apply every operation of the space group to every site of the asymmetric unit, reduce to the
 * cell [0, 1)³, and keep one atom of each set of images closer than `tolerance` Å.
 *
 * @param structure the structure (cell, space group or operations, sites).
 * @param options {@link ExpandSitesOptions}.
 * @returns {@link UnitCellContents}: the atoms and each site's multiplicity.
 * @throws Error for an unknown space group, a bad cell or an unknown option.
 * @example
 * const uc = expandSites(rocksalt); // Fm-3m, Ni at 4a, O at 4b
 * uc.multiplicities; // [4, 4]
 */
export function expandSites(structure: Structure, options: ExpandSitesOptions = {}): UnitCellContents {
  checkOptions("expandSites", options, ["tolerance", "spaceGroup"]);
  const tol = options.tolerance ?? 0.01;
  if (!(Number.isFinite(tol) && tol >= 0)) throw new RangeError(`expandSites: option tolerance must be a length ≥ 0 in Å, got ${tol}`);
  checkCell(structure.cell, `${structure.source ?? structure.name}: cell`);
  const group = options.spaceGroup ?? spaceGroupOf(structure);
  const g = metricTensor(structure.cell);
  const atoms: CellAtom[] = [];
  const multiplicities: number[] = [];
  structure.sites.forEach((s, i) => {
    const images: number[][] = [];
    for (const op of group.operations) {
      const p = applyOperation(op, [s.x, s.y, s.z]).map(reduceFraction);
      if (!images.some((q) => fractionalDistance(g, p, q) <= tol)) images.push(p);
    }
    multiplicities.push(images.length);
    for (const [x, y, z] of images) atoms.push({ label: s.label, species: s.species, x, y, z, occupancy: s.occupancy, uiso: s.uiso, site: i });
  });
  return { cell: structure.cell, spaceGroup: group, atoms, multiplicities };
}
