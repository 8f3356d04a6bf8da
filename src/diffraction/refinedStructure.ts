/**
 * The {@link Structure} of a refined phase, with the esds the refinement gave (internal helper of
 * the refinement readers; not re-exported).
 * @module
 */
import type { Measured } from "./measured";
import type { RefinedCell, RefinedSite } from "./refinementResult";
import type { Site, Structure } from "./structure";

/** @internal Only the finite esds of `parts`, or undefined when there are none. */
function esds<K extends string>(parts: Record<K, Measured>): Partial<Record<K, number>> | undefined {
  const out: Partial<Record<K, number>> = {};
  for (const k of Object.keys(parts) as K[]) if (Number.isFinite(parts[k].esd)) out[k] = parts[k].esd;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * @internal A Structure from a refined cell and sites: values, and `esd` where the refinement
 * gave one; `uani` for anisotropic sites (`uiso` is then their mean diagonal).
 */
export function refinedStructure(name: string, spaceGroup: string, cell: RefinedCell, sites: readonly RefinedSite[], source: string): Structure {
  const cellEsd = esds({ a: cell.a, b: cell.b, c: cell.c, alpha: cell.alpha, beta: cell.beta, gamma: cell.gamma });
  return {
    name,
    cell: { a: cell.a.value, b: cell.b.value, c: cell.c.value, alpha: cell.alpha.value, beta: cell.beta.value, gamma: cell.gamma.value, ...(cellEsd ? { esd: cellEsd } : {}) },
    spaceGroup,
    sites: sites.map((s): Site => {
      const e = esds({ x: s.x, y: s.y, z: s.z, occupancy: s.occupancy, uiso: s.uiso });
      return {
        label: s.label, species: s.species, x: s.x.value, y: s.y.value, z: s.z.value, occupancy: s.occupancy.value, uiso: s.uiso.value,
        ...(e ? { esd: e } : {}),
        ...(s.uaniso ? { uani: s.uaniso.map((u) => u.value) as [number, number, number, number, number, number] } : {}),
      };
    }),
    source,
  };
}
