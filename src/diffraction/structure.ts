/**
 * A crystal structure as the CIF reader, the refinement readers and the powder-pattern
 * calculator share it: cell, space group, and the asymmetric unit's sites.
 * @module
 */

/** Unit cell: lengths in Å, angles in degrees. */
export interface Cell {
  a: number; b: number; c: number;
  alpha: number; beta: number; gamma: number;
  /** Standard uncertainties of the parameters as the source gives them (Å, degrees); absent = not given. */
  esd?: Partial<Record<"a" | "b" | "c" | "alpha" | "beta" | "gamma", number>>;
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
  /** Standard uncertainties as the source gives them (fractional coordinates, occupancy, Å²); absent = not given. */
  esd?: Partial<Record<"x" | "y" | "z" | "occupancy" | "uiso", number>>;
  /** Anisotropic U11, U22, U33, U12, U13, U23 in Å² when the source gives them (`uiso` is then Ueq). */
  uani?: [number, number, number, number, number, number];
  /** Wyckoff letter or multiplicity+letter as written ("4h", "3a"), when the source gives it. */
  wyckoff?: string;
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
  /** International Tables number when the source gives it (or it is known from the symbol). */
  spaceGroupNumber?: number;
}
