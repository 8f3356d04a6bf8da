/**
 * HSV → RGB conversion for the colour maps.
 * @module
 */

/**
 * Convert a colour from HSV to RGB (the hexcone model, as Python's `colorsys.hsv_to_rgb`).
 *
 * @param h - hue in turns: 0 = red, 1/6 = yellow, 1/3 = green, 1/2 = cyan, 2/3 = blue, 5/6 = magenta;
 *   taken modulo 1 (so 1 is red again).
 * @param s - saturation, clipped to [0, 1].
 * @param v - value (brightness), clipped to [0, 1].
 * @returns `[r, g, b]`, each in [0, 1]; `[NaN, NaN, NaN]` when any input is NaN.
 * @example
 * hsvToRgb(0, 1, 1);     // [1, 0, 0]  red   (0 % reduced in the paper's maps)
 * hsvToRgb(1 / 3, 1, 1); // [0, 1, 0]  green (100 % reduced)
 * hsvToRgb(1 / 6, 1, 1); // [1, 1, 0]  yellow
 */
export function hsvToRgb(h: number, s: number, v: number): [number, number, number] {
  if (Number.isNaN(h) || Number.isNaN(s) || Number.isNaN(v)) return [NaN, NaN, NaN];
  const sat = s < 0 ? 0 : s > 1 ? 1 : s;
  const val = v < 0 ? 0 : v > 1 ? 1 : v;
  let hh = (h % 1) * 6;
  if (hh < 0) hh += 6;
  const i = Math.floor(hh) % 6;
  const f = hh - Math.floor(hh);
  const p = val * (1 - sat);
  const q = val * (1 - sat * f);
  const t = val * (1 - sat * (1 - f));
  switch (i) {
    case 0: return [val, t, p];
    case 1: return [q, val, p];
    case 2: return [p, val, t];
    case 3: return [p, q, val];
    case 4: return [t, p, val];
    default: return [val, p, q];
  }
}
