/**
 * Space groups by Hermann–Mauguin symbol, International Tables number or Hall symbol (any of the
 * 530 settings), or from a list of "x,y,z" operations as CIF files give them.
 * @module
 */
import { operationsFromHall } from "./hall";
import { closeGroup, formatOperation, parseOperation, type SymmetryOperation } from "./operation";
import { SPACE_GROUP_SETTINGS } from "./spaceGroupSettings";

/** A space group: its operations and what is known of its name. */
export interface SpaceGroup {
  /** International Tables number (1–230); undefined when built from operations alone. */
  number?: number;
  /** Short Hermann–Mauguin symbol, e.g. "C2/m", "R-3m", or the name given with the operations. */
  symbol: string;
  /** Full Hermann–Mauguin symbol, e.g. "C 1 2/m 1" ("" when unknown). */
  fullSymbol: string;
  /** Setting choice ("", "b", "1", "2", "H", "R", …; see {@link SPACE_GROUP_SETTINGS}). */
  choice: string;
  /** Hall symbol ("" when built from operations). */
  hall: string;
  /** All operations, centring translations included, translations in [0, 1); the identity first. */
  operations: SymmetryOperation[];
  /** The centring translations (pure translations among the operations), [0,0,0] first. */
  centring: [number, number, number][];
  /** Whether the group contains the inversion (at any point). */
  centrosymmetric: boolean;
}

/** @internal Normalise a symbol for look-up: no spaces or underscores, first letter upper case, rest lower case. */
function normalise(symbol: string): string {
  const s = symbol.replace(/[\s_]+/g, "");
  return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
}

let index: Map<string, number> | undefined;

/** @internal Symbol → row of the settings table (the first row wins, i.e. the standard setting). */
function symbolIndex(): Map<string, number> {
  if (index) return index;
  index = new Map();
  SPACE_GROUP_SETTINGS.forEach(([, short, full, choice], row) => {
    for (const name of [short, full]) {
      const n = normalise(name);
      if (choice !== "" && !index!.has(`${n}:${choice.toLowerCase()}`)) index!.set(`${n}:${choice.toLowerCase()}`, row);
      if (!index!.has(n)) index!.set(n, row);
    }
  });
  return index;
}

/** @internal Build a {@link SpaceGroup} from operations and names. */
function makeGroup(operations: SymmetryOperation[], names: Omit<SpaceGroup, "operations" | "centring" | "centrosymmetric">): SpaceGroup {
  const isIdentity = (op: SymmetryOperation) => op.rotation.every((v, i) => v === (i % 4 === 0 ? 1 : 0));
  const ops = [...operations].sort((a, b) => Number(isIdentity(b) && b.translation.every((t) => t === 0)) - Number(isIdentity(a) && a.translation.every((t) => t === 0)));
  const centring = ops.filter(isIdentity).map((op) => [...op.translation] as [number, number, number]);
  centring.sort((a, b) => a[0] + a[1] + a[2] - (b[0] + b[1] + b[2]));
  const centrosymmetric = ops.some((op) => op.rotation.every((v, i) => v === (i % 4 === 0 ? -1 : 0)));
  return { ...names, operations: ops, centring, centrosymmetric };
}

/** @internal The group of one row of the settings table. */
function fromRow(row: number): SpaceGroup {
  const [number, short, full, choice, hall] = SPACE_GROUP_SETTINGS[row];
  return makeGroup(operationsFromHall(hall), { number, symbol: short, fullSymbol: full, choice, hall });
}

/**
 * A space group by Hermann–Mauguin symbol (short or full, spaces and underscores optional:
 * "C 2/m", "C 1 2/m 1", "P 21/c", "R -3 m", "F m -3 m"), with an optional setting after a colon
 * ("R -3 m:R" rhombohedral axes, "R -3 m:H" hexagonal, "F d -3 m:2" origin choice 2, "P 1 21/c 1",
 * "C 1 2/c 1"), or by International Tables number (standard setting). A symbol without a setting
 * means the standard one: hexagonal axes for R groups, origin choice 1, unique axis b.
 *
 * @param symbol the symbol, or the number 1–230.
 * @returns the {@link SpaceGroup} with all its operations.
 * @throws Error `space group "R-3x": unknown Hermann–Mauguin symbol; expected e.g. "C 2/m", "R -3 m", "F m -3 m" or a number 1–230`.
 * @example
 * spaceGroup("C 2/m").operations.length; // 8 (4 × 2 centrings)
 * spaceGroup("R -3 m:R").operations.length; // 12 (rhombohedral axes)
 * spaceGroup(225).symbol; // "Fm-3m"
 */
export function spaceGroup(symbol: string | number): SpaceGroup {
  if (typeof symbol === "number") {
    if (!Number.isInteger(symbol) || symbol < 1 || symbol > 230) throw new Error(`space group ${symbol}: expected an International Tables number 1–230`);
    return fromRow(SPACE_GROUP_SETTINGS.findIndex((r) => r[0] === symbol));
  }
  if (typeof symbol !== "string" || symbol.trim() === "") throw new TypeError(`space group: expected a Hermann–Mauguin symbol or a number, got ${JSON.stringify(symbol)}`);
  const text = symbol.trim();
  if (/^\d+$/.test(text)) return spaceGroup(Number(text));
  const idx = symbolIndex();
  const colon = text.lastIndexOf(":");
  let key: string;
  if (colon >= 0) key = `${normalise(text.slice(0, colon))}:${text.slice(colon + 1).trim().toLowerCase()}`;
  else {
    key = normalise(text);
    // "R -3 m H", "R-3mR": a trailing axes letter on a rhombohedral symbol.
    const r = /^(R.*?)([hr])$/.exec(key);
    if (r && !idx.has(key) && idx.has(`${r[1]}:${r[2]}`)) key = `${r[1]}:${r[2]}`;
    // "F d -3 m S" / "Z": origin choice 1 / 2 in some programs' spelling.
    const oz = /^(.*?)([sz])$/.exec(key);
    if (oz && !idx.has(key) && idx.has(`${oz[1]}:${oz[2] === "s" ? "1" : "2"}`)) key = `${oz[1]}:${oz[2] === "s" ? "1" : "2"}`;
  }
  const row = idx.get(key);
  if (row === undefined) {
    throw new Error(`space group "${symbol}": unknown Hermann–Mauguin symbol; expected e.g. "C 2/m", "R -3 m", "R -3 m:R", "F m -3 m", "F d -3 m:2" or a number 1–230`);
  }
  return fromRow(row);
}

/**
 * A space group from its Hall symbol (International Tables Vol. B §1.4), e.g. `"-C 2y"`.
 * The name fields are filled when the symbol is one of the 530 tabulated settings.
 * @throws Error naming the part of the symbol that cannot be read.
 * @example
 * spaceGroupFromHall("-P 2ybc").symbol; // "P2_1/c"
 */
export function spaceGroupFromHall(hall: string): SpaceGroup {
  const norm = hall.trim().replace(/\s+/g, " ");
  const row = SPACE_GROUP_SETTINGS.findIndex((r) => r[4] === norm);
  if (row >= 0) return fromRow(row);
  return makeGroup(operationsFromHall(norm), { symbol: norm, fullSymbol: "", choice: "", hall: norm });
}

/**
 * A space group from operations as a CIF lists them (`_space_group_symop_operation_xyz`); the list
 * is closed under multiplication, so a list of generators also works.
 * @param operations "x,y,z" strings or parsed operations.
 * @param name the symbol to report (e.g. the CIF's H-M symbol); default "".
 * @throws Error naming the operation that cannot be read.
 * @example
 * spaceGroupFromOperations(["x,y,z", "-x,-y,-z"], "P-1").operations.length; // 2
 */
export function spaceGroupFromOperations(operations: readonly (string | SymmetryOperation)[], name = ""): SpaceGroup {
  const ops = operations.map((o) => (typeof o === "string" ? parseOperation(o) : o));
  return makeGroup(closeGroup(ops), { symbol: name, fullSymbol: "", choice: "", hall: "" });
}

/**
 * The operations of a group as "x,y,z" strings (as CIF files list them).
 * @example
 * operationStrings(spaceGroup("P -1")); // ["x,y,z", "-x,-y,-z"]
 */
export function operationStrings(group: SpaceGroup): string[] {
  return group.operations.map(formatOperation);
}
