/**
 * Symmetry operations (W | w) of a space group in fractional coordinates: parsing from and
 * writing to the "x,y,z" form of International Tables and CIF, products, and action on points.
 * @module
 */

/**
 * One symmetry operation x' = W·x + w in fractional coordinates.
 * `rotation` is the 3 × 3 integer matrix W by rows (9 numbers), `translation` is w with
 * components in [0, 1) for operations of a space group (reduced modulo lattice translations).
 */
export interface SymmetryOperation {
  /** W by rows: [W11, W12, W13, W21, …, W33], integers. */
  rotation: readonly number[];
  /** w, fractions of the cell edges. */
  translation: readonly [number, number, number];
}

const EPS = 1e-6;

/** @internal Reduce a fractional translation component to [0, 1), snapping values within 1e-6 of an integer to 0. */
export function reduceFraction(t: number): number {
  let r = t - Math.floor(t);
  if (r > 1 - EPS || r < EPS) r = 0;
  return r;
}

/** @internal Parse one number: "1/2", "0.5", "3", ".25". */
function parseNumber(s: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)(?:\/(\d+(?:\.\d*)?))?$/.exec(s);
  if (!m) return undefined;
  const num = Number(m[1]);
  if (m[2] === undefined) return num;
  const den = Number(m[2]);
  return den === 0 ? undefined : num / den;
}

/**
 * Parse an operation written as in International Tables and CIF files: three comma-separated
 * components such as `"-x+1/2, y, -z+1/2"`, `"x-y,x,z+0.5"`, `"1/2+X,1/2+Y,Z"` (case and spaces
 * ignored). Translations within 10⁻⁴ of a multiple of 1/24 are snapped to it (files that write
 * 1/3 as 0.33333), and reduced to [0, 1) unless `reduce` is false.
 *
 * @param text the operation, e.g. `"-y,x-y,z+1/3"`.
 * @param reduce reduce translations modulo 1 (default true).
 * @returns the {@link SymmetryOperation}.
 * @throws Error `symmetry operation "x,y": expected three components separated by commas, got 2`.
 * @example
 * parseOperation("-y,x-y,z+1/3"); // { rotation: [0,-1,0, 1,-1,0, 0,0,1], translation: [0, 0, 0.333…] }
 */
export function parseOperation(text: string, reduce = true): SymmetryOperation {
  const parts = text.replace(/\s+/g, "").toLowerCase().split(",");
  if (parts.length !== 3) {
    throw new Error(`symmetry operation "${text}": expected three components separated by commas, got ${parts.length}`);
  }
  const rotation: number[] = [];
  const translation: number[] = [];
  parts.forEach((part, row) => {
    if (part === "") throw new Error(`symmetry operation "${text}": component ${row + 1} is empty`);
    const coef = [0, 0, 0];
    let t = 0;
    const re = /([+-]?)([^+-]+)/g;
    let m: RegExpExecArray | null;
    let consumed = 0;
    while ((m = re.exec(part)) !== null) {
      consumed += m[0].length;
      const sign = m[1] === "-" ? -1 : 1;
      const term = m[2];
      const v = /^(?:(\d+(?:\.\d*)?(?:\/\d+)?)\*?)?([xyz])$/.exec(term);
      if (v) {
        const c = v[1] === undefined ? 1 : parseNumber(v[1]);
        if (c === undefined) throw new Error(`symmetry operation "${text}": cannot read the term "${term}" of component ${row + 1}`);
        coef["xyz".indexOf(v[2])] += sign * c;
        continue;
      }
      const n = parseNumber(term);
      if (n === undefined) {
        throw new Error(`symmetry operation "${text}": cannot read the term "${term}" of component ${row + 1}; expected x, y, z, a number or a fraction`);
      }
      t += sign * n;
    }
    if (consumed !== part.length) throw new Error(`symmetry operation "${text}": cannot read component ${row + 1} ("${part}")`);
    for (const c of coef) {
      if (!Number.isInteger(c)) throw new Error(`symmetry operation "${text}": component ${row + 1} has a non-integer coefficient ${c}`);
    }
    rotation.push(...coef);
    // 0.33333, 0.66667 (five-decimal thirds) → 1/3, 2/3: snap to a multiple of 1/24 within 1e-4.
    const n24 = Math.round(t * 24);
    if (Math.abs(t - n24 / 24) < 1e-4) t = n24 / 24;
    translation.push(reduce ? reduceFraction(t) : t);
  });
  const det = determinant(rotation);
  if (Math.abs(det) !== 1) throw new Error(`symmetry operation "${text}": the matrix has determinant ${det}; expected ±1`);
  return { rotation, translation: translation as [number, number, number] };
}

/** @internal Determinant of a 3 × 3 matrix by rows. */
export function determinant(m: readonly number[]): number {
  return (
    m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6])
  );
}

/** @internal A fraction as text: 1/2, 2/3, 1/12, or a decimal when it is not a multiple of 1/24. */
function fractionText(t: number): string {
  for (const den of [2, 3, 4, 6, 8, 12, 24]) {
    const num = Math.round(t * den);
    if (Math.abs(num / den - t) < EPS) return `${num}/${den}`;
  }
  return String(Number(t.toFixed(6)));
}

/**
 * Write an operation in the "x,y,z" form (`"-y,x-y,z+1/3"`), translations as fractions.
 * @example
 * formatOperation(parseOperation("1/2+x, -y, z")); // "x+1/2,-y,z"
 */
export function formatOperation(op: SymmetryOperation): string {
  const out: string[] = [];
  for (let r = 0; r < 3; r++) {
    let s = "";
    for (let c = 0; c < 3; c++) {
      const v = op.rotation[3 * r + c];
      if (v === 0) continue;
      const name = "xyz"[c];
      const mag = Math.abs(v) === 1 ? name : `${Math.abs(v)}${name}`;
      s += v < 0 ? `-${mag}` : s === "" ? mag : `+${mag}`;
    }
    const t = op.translation[r];
    if (Math.abs(t) > EPS) s += t < 0 ? `-${fractionText(-t)}` : `+${fractionText(t)}`;
    out.push(s === "" ? "0" : s);
  }
  return out.join(",");
}

/**
 * The product a·b (apply b first, then a), translations reduced to [0, 1).
 * @example
 * multiplyOperations(parseOperation("-x,-y,z"), parseOperation("-x,-y,z")); // identity
 */
export function multiplyOperations(a: SymmetryOperation, b: SymmetryOperation, reduce = true): SymmetryOperation {
  const r: number[] = new Array(9).fill(0);
  const t: number[] = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += a.rotation[3 * i + k] * b.rotation[3 * k + j];
      r[3 * i + j] = s;
    }
    let s = a.translation[i];
    for (let k = 0; k < 3; k++) s += a.rotation[3 * i + k] * b.translation[k];
    t[i] = reduce ? reduceFraction(s) : s;
  }
  return { rotation: r, translation: t as [number, number, number] };
}

/**
 * Apply an operation to a point in fractional coordinates (not reduced to the cell).
 * @example
 * applyOperation(parseOperation("-x,-y,z+1/2"), [0.1, 0.2, 0.3]); // [-0.1, -0.2, 0.8]
 */
export function applyOperation(op: SymmetryOperation, p: readonly number[]): [number, number, number] {
  const w = op.rotation;
  return [
    w[0] * p[0] + w[1] * p[1] + w[2] * p[2] + op.translation[0],
    w[3] * p[0] + w[4] * p[1] + w[5] * p[2] + op.translation[1],
    w[6] * p[0] + w[7] * p[1] + w[8] * p[2] + op.translation[2],
  ];
}

/** @internal A key identifying an operation (rotation, translation in 1/24 rounded, modulo 1). */
export function operationKey(op: SymmetryOperation): string {
  const t = op.translation.map((v) => ((Math.round(reduceFraction(v) * 24 * 1000) / 1000) % 24).toFixed(3));
  return `${op.rotation.join(" ")}|${t.join(" ")}`;
}

/** The identity operation x,y,z. */
export const IDENTITY: SymmetryOperation = { rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1], translation: [0, 0, 0] };

/**
 * Close a set of operations under multiplication (translations modulo 1): the whole group the
 * generators generate. Refuses to grow past 192 × 8 operations (not a space group then).
 * @throws Error when the operations do not close into a finite group (e.g. an irrational translation).
 * @example
 * closeGroup([parseOperation("-x,-y,-z"), parseOperation("x+1/2,y+1/2,z")]).length; // 4
 */
export function closeGroup(generators: readonly SymmetryOperation[]): SymmetryOperation[] {
  const ops = new Map<string, SymmetryOperation>([[operationKey(IDENTITY), IDENTITY]]);
  const gens: SymmetryOperation[] = [];
  for (const g0 of generators) {
    const g = { rotation: g0.rotation, translation: g0.translation.map(reduceFraction) as [number, number, number] };
    if (ops.has(operationKey(g))) continue; // already generated: a CIF's full list adds few generators
    gens.push(g);
    // Words in the generators: right-multiply every element by every generator until nothing is new.
    let frontier = [...ops.values()];
    while (frontier.length > 0) {
      const next: SymmetryOperation[] = [];
      for (const a of frontier) {
        for (const h of gens) {
          const p = multiplyOperations(a, h);
          const k = operationKey(p);
          if (!ops.has(k)) {
            ops.set(k, p);
            next.push(p);
            if (ops.size > 1536) throw new Error("symmetry operations: they do not close into a space group (more than 1536 operations)");
          }
        }
      }
      frontier = next;
    }
  }
  return [...ops.values()];
}
