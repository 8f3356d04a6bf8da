/**
 * A crystal structure as the CIF reader, the refinement readers and the powder-pattern
 * calculator share it: cell, space group, and the asymmetric unit's sites.
 * @module
 */

/** Unit cell: lengths in Å, angles in degrees. */
export interface Cell {
  a: number; b: number; c: number;
  alpha: number; beta: number; gamma: number;
}

/** One site of the asymmetric unit. */
export interface Site {
  /** Site label as written (e.g. "Li1", "O2"). */
  label: string;
  /** Element or ion symbol as written in the type column ("Li", "Ni2+", "O2-"). */
  species: string;
  /** Fractional coordinates. */
  x: number; y: number; z: number;
  /** Site occupancy, 0–1. */
  occupancy: number;
  /** Isotropic displacement Uiso, Å² (Biso = 8π²·Uiso). */
  uiso: number;
}

/** A structure: cell, space group, sites of the asymmetric unit. */
export interface Structure {
  /** Name (data block, phase name). */
  name: string;
  cell: Cell;
  /** Hermann–Mauguin symbol as written, e.g. "C 2/m", "R -3 m" (hexagonal axes), "F m -3 m". */
  spaceGroup: string;
  /** Symmetry operations as "x,y,z" strings when the source lists them (else generated from the symbol). */
  operations?: string[];
  sites: Site[];
  /** Where the structure came from (file, block, table). */
  source?: string;
}
