/**
 * One fixed categorical palette for every chart, keyed by name: the same end member (or
 * reference, or series) gets the same colour in the score scatter, the spectra, the LCF and the
 * map headers, and text can name the colour a chart actually draws.
 * @module
 */

/**
 * The default palette, in member order (vega's "tableau10"): member 0 is blue, 1 orange, 2 red,
 * 3 teal, 4 green, 5 yellow, 6 purple, 7 pink, 8 brown, 9 grey; then it repeats.
 */
export const PALETTE: readonly string[] = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"];

/** Plain names of the {@link PALETTE} colours, same order (for text such as "reduced (blue)"). */
export const PALETTE_NAMES: readonly string[] = ["blue", "orange", "red", "teal", "green", "yellow", "purple", "pink", "brown", "grey"];

/**
 * Colours for named series: an object keyed by name (`{ reduced: "#4c78a8", oxidised: "red" }`,
 * names not listed keep their default), or a list used in the order of the names. Any CSS
 * colour string is accepted.
 */
export type ChartColors = Readonly<Record<string, string>> | readonly string[];

/** One entry of {@link colorsFor}. */
export interface NamedColor {
  /** The series name. */
  name: string;
  /** The CSS colour drawn for it. */
  color: string;
  /** A plain name of that colour ("blue", …) when it is a {@link PALETTE} colour, else the CSS string itself. */
  colorName: string;
}

/** @internal Check a {@link ChartColors} option. */
export function checkColors(fn: string, colors: unknown): ChartColors | undefined {
  if (colors === undefined) return undefined;
  const bad = (v: unknown) => typeof v !== "string" || v === "";
  if (Array.isArray(colors)) {
    if (colors.some(bad)) throw new TypeError(`${fn}: option colors must list CSS colour strings, got ${JSON.stringify(colors)}`);
    return colors;
  }
  if (colors === null || typeof colors !== "object" || Object.values(colors).some(bad)) {
    throw new TypeError(`${fn}: option colors must be { name: "css colour" } or a list of CSS colours, got ${JSON.stringify(colors)}`);
  }
  return colors as Record<string, string>;
}

/** @internal The colour of name `names[i]`: from `colors` when given for it, else `PALETTE[(offset + i) mod 10]`. */
export function colorAt(names: readonly string[], i: number, colors?: ChartColors, offset = 0): string {
  if (Array.isArray(colors)) {
    const c = (colors as readonly string[])[i];
    if (c) return c;
  } else if (colors) {
    const c = (colors as Readonly<Record<string, string>>)[names[i]];
    if (c) return c;
  }
  return PALETTE[(offset + i) % PALETTE.length];
}

/** @internal A vega-lite colour scale `{ domain: names, range: colours }`. */
export function colorScale(names: readonly string[], colors?: ChartColors): { domain: string[]; range: string[] } {
  return { domain: [...names], range: names.map((_, i) => colorAt(names, i, colors)) };
}

/**
 * The colour every builder draws for each name (default: {@link PALETTE} by order), with a
 * plain colour name for text — so a caption says the colour the chart really uses.
 *
 * @param names - the series in order (e.g. `em.members.names`), length n.
 * @param colors - optional overrides, as the builders' `colors` option.
 * @returns one {@link NamedColor} per name, in order.
 * @throws TypeError for a malformed `colors`.
 * @example
 * colorsFor(["reduced", "oxidised", "carbon/binder"]).map((c) => `${c.name} (${c.colorName})`).join(", ");
 * // "reduced (blue), oxidised (orange), carbon/binder (red)"
 */
export function colorsFor(names: readonly string[], colors?: ChartColors): NamedColor[] {
  const c = checkColors("colorsFor", colors);
  return names.map((name, i) => {
    const color = colorAt(names, i, c);
    const p = PALETTE.indexOf(color.toLowerCase());
    return { name, color, colorName: p >= 0 ? PALETTE_NAMES[p] : color };
  });
}
