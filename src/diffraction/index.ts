/**
 * Diffraction: value(esd), refinement tables and readers, CIF, space groups, powder patterns.
 * @module
 */
export type { Cell, Site, Structure } from "./structure";
