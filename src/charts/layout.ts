/**
 * Sizes that keep a figure inside a notebook column (internal; not re-exported). The widths are
 * estimates of what vega draws around the plot area — axes, legends, padding — taken on the
 * generous side (vega's own estimate without a canvas, 0.8 × font size per character, which is
 * wider than browsers draw), so a figure sized here is at most `NOTEBOOK_WIDTH` px wide in
 * Node and in JupyterLab. test/charts/widths.test.ts renders every builder's default output and
 * checks the real SVG width.
 * @module
 */

/** @internal Width of a JupyterLab notebook output column, in px, that figures must fit. */
export const NOTEBOOK_WIDTH = 900;

/** @internal Space of a left y axis with its labels and title. */
export const Y_AXIS = 70;

/** @internal Space of a right-hand y axis (the scree plot's cumulative variance, labels up to "100%"). */
export const Y_AXIS_RIGHT = 60;

/** @internal Space between concatenated views (vega-lite's default `spacing`). */
export const SPACING = 20;

/** @internal Padding around the whole view (5 px each side). */
export const PADDING = 10;

/** @internal Estimated text width in px (vega's estimate without a canvas: 0.8 · font size per character). */
export function textWidth(text: string, fontSize: number): number {
  return Math.ceil(0.8 * fontSize * [...text].length);
}

/** @internal Width of a symbol legend with these labels and title, including its offset from the plot. */
export function legendWidth(labels: readonly string[], title = ""): number {
  const label = Math.max(0, ...labels.map((l) => textWidth(l, 10)));
  return 18 + Math.max(16 + label, textWidth(title, 11)) + 5;
}

/** @internal Width of a gradient (colour bar) legend with a title. */
export function gradientLegendWidth(title = ""): number {
  return 18 + Math.max(60, textWidth(title, 11)) + 5;
}

/** @internal Split text at spaces into lines no wider than `px` (estimated at `fontSize`); one string when it fits. */
export function wrapText(text: string, px: number, fontSize: number): string | string[] {
  if (textWidth(text, fontSize) <= px) return text;
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontSize) > px) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
