/**
 * The stack explorer (kernel side): the image of a stack at one energy, the spectrum of a
 * clicked pixel and the mean spectrum of a drawn region (rectangle or lasso polygon); the
 * region comes back here as a mask or as the `Rect` `extractI0` / `readSeries` take.
 *
 * What travels: the stack itself stays in the kernel. The front-end gets the energies, the
 * image at the current energy (float32, `ny·nx` values; a new one each time the energy changes)
 * and the spectra the kernel computes for the pixel and the region (`n_e` values each). A stack
 * of 150 energies × 500 × 500 pixels (150 M values, 600 MB as float32) is thus never copied to
 * the browser or into the saved notebook; one image is 1 MB.
 *
 * @module
 */
import { WidgetModel, type WidgetClass } from "./widget";
import { WIDGETS_MODULE, WIDGETS_VERSION } from "./scatter";
import { EXPLORER_WRITABLE, validateExplorerUpdate, type StackExplorerState } from "./stackExplorerState";
import { checkRegion, regionBounds, regionMask, type ExplorerRegion, type RegionInput } from "./stackExplorerRegion";
import { explorerPng } from "./stackExplorerPng";
import { makeSpectrum, type Spectrum } from "../src/types/spectrum";
import type { Stack } from "../src/types/stack";

export type { ExplorerRegion, RectRegion, PolygonRegion, RegionInput } from "./stackExplorerRegion";
export type { StackExplorerState } from "./stackExplorerState";

/** Options of {@link stackExplorer}. */
export interface StackExplorerOptions {
  /** Energy shown first, eV (the nearest recorded one). Default: the middle of the stack. */
  energy?: number;
  /** "linear" (default) or "log". */
  contrast?: "linear" | "log";
  /** "grey" (default) or "viridis". */
  colormap?: "grey" | "viridis";
  /** Percent clipped at each end of the colour scale. Default 1. */
  clip?: number;
  /** Initial region (rectangle `{ x0, y0, x1, y1 }` or polygon). */
  region?: RegionInput;
  /** Title above the image. Default "". */
  title?: string;
  /** Largest image side on screen, CSS px. Default 360. */
  size?: number;
}

const EXPLORER_CLASS: WidgetClass = {
  modelName: "StackExplorerModel",
  modelModule: WIDGETS_MODULE,
  modelModuleVersion: WIDGETS_VERSION,
  viewName: "StackExplorerView",
  viewModule: WIDGETS_MODULE,
  viewModuleVersion: WIDGETS_VERSION,
};

/** The stack explorer widget; display it as the last expression of a cell. */
export class StackExplorer {
  /** The underlying widget model (state, observe, close). */
  readonly model: WidgetModel<StackExplorerState>;
  private readonly order: number[];

  /** See {@link stackExplorer}. */
  constructor(
    /** The stack shown (`data` `[nE, ny, nx]`). */
    readonly stack: Stack,
    options: StackExplorerOptions = {},
  ) {
    const fn = "stackExplorer";
    if (!stack || !ArrayBuffer.isView(stack.data as unknown) || !(stack.energies instanceof Float64Array)) throw new TypeError(`${fn}: expected a Stack (from readStack, makeStack, …) as the first argument`);
    const { nE, ny, nx } = stack;
    if (nE * ny * nx !== stack.data.length || nE < 1) throw new RangeError(`${fn}: the stack's data has ${stack.data.length} values, expected nE·ny·nx = ${nE}·${ny}·${nx}`);
    this.order = Array.from({ length: nE }, (_, i) => i).sort((a, b) => stack.energies[a] - stack.energies[b]);
    let e = Math.floor(nE / 2);
    if (options.energy !== undefined) {
      if (typeof options.energy !== "number" || !Number.isFinite(options.energy)) throw new TypeError(`${fn}: option energy must be a number in eV, got ${JSON.stringify(options.energy)}`);
      e = nearest(stack.energies, options.energy);
    }
    const dims = { n_e: nE, ny, nx };
    const init = validateExplorerUpdate({ contrast: options.contrast ?? "linear", colormap: options.colormap ?? "grey", clip: options.clip ?? 1 }, dims);
    const region = checkRegion(options.region ?? null, ny, nx);
    this.model = new WidgetModel<StackExplorerState>(
      EXPLORER_CLASS,
      {
        energies: Float64Array.from(stack.energies),
        n_e: nE,
        ny,
        nx,
        x_um: Float64Array.from(stack.x),
        y_um: Float64Array.from(stack.y),
        quantity: stack.quantity,
        energy_index: e,
        image: this.imageAt(e),
        contrast: init.contrast!,
        colormap: init.colormap!,
        clip: init.clip!,
        pixel: null,
        pixel_spectrum: new Float32Array(0),
        region,
        region_spectrum: region ? Float32Array.from(this.meanOver(regionMask(region, ny, nx))) : new Float32Array(0),
        region_count: region ? count(regionMask(region, ny, nx)) : 0,
        mean_spectrum: Float32Array.from(this.meanOver(new Uint8Array(ny * nx).fill(1))),
        error: "",
        title: options.title ?? "",
        size: options.size ?? 360,
      },
      { frontendWritable: EXPLORER_WRITABLE, validate: (patch) => validateExplorerUpdate(patch, dims) },
    );
    // The image and the spectra follow the index, pixel and region, whoever changed them.
    this.model.observe("energy_index", (c) => this.model.set({ image: this.imageAt(c.new as number) }));
    this.model.observe("pixel", (c) => {
      const p = c.new as [number, number] | null;
      this.model.set({ pixel_spectrum: p ? Float32Array.from(this.spectrumValues(p[0], p[1])) : new Float32Array(0) });
    });
    this.model.observe("region", (c) => {
      const r = c.new as ExplorerRegion | null;
      const m = regionMask(r, ny, nx);
      this.model.set({ region_spectrum: r ? Float32Array.from(this.meanOver(m)) : new Float32Array(0), region_count: count(m) });
    });
  }

  /** The energy index shown. Setting it (integer in [0, nE)) changes the image in every view. */
  get energyIndex(): number {
    return this.model.get("energy_index");
  }

  set energyIndex(e: number) {
    this.model.set(validateExplorerUpdate({ energy_index: e }, this.dims));
  }

  /** The energy shown, eV. */
  get energy(): number {
    return this.stack.energies[this.energyIndex];
  }

  /** Show the recorded energy nearest `eV`. */
  setEnergy(eV: number): void {
    this.energyIndex = nearest(this.stack.energies, eV);
  }

  /**
   * The region (pixel coordinates) or null. A rectangle `{ kind: "rect", x0, y0, x1, y1 }` is
   * usable as is as `extractI0(stack, { region })` or a `freeRegion` of `readSeries`.
   */
  get region(): ExplorerRegion | null {
    return this.model.get("region");
  }

  /** Set the region from code (every view redraws it); null clears it. */
  set region(r: RegionInput | null) {
    this.model.set({ region: checkRegion(r, this.stack.ny, this.stack.nx) });
  }

  /**
   * The region as the rectangle `extractI0(stack, { region })` / a `freeRegion` of `readSeries`
   * take (`{ x0, y0, x1, y1 }`, end exclusive).
   * @throws Error when there is no region, or it is a polygon (its bounding box could hold
   * sample pixels: use `extractI0(stack, { mask: explorer.mask() })`).
   */
  rect(): { x0: number; y0: number; x1: number; y1: number } {
    const r = this.region;
    if (!r) throw new Error("StackExplorer: no region yet; drag one on the image or set explorer.region = { x0, y0, x1, y1 }");
    if (r.kind !== "rect") throw new Error("StackExplorer: the region is a polygon, not a rectangle; use explorer.mask() (e.g. extractI0(stack, { mask: explorer.mask() })) or drag a rectangle");
    return regionBounds(r);
  }

  /** The clicked pixel `[y, x]` or null. */
  get pixel(): [number, number] | null {
    return this.model.get("pixel");
  }

  /** The message of the last rejected front-end update ("" when the last one was accepted). */
  get error(): string {
    return this.model.get("error");
  }

  /** Pixels in the region (0 without one). */
  get regionCount(): number {
    return this.model.get("region_count");
  }

  /**
   * The region's pixels as a mask `[ny, nx]` (index `y·nx + x`, 1 inside), e.g. for
   * `extractI0(stack, { mask })`. All zeros without a region.
   * @example
   * const i0 = ew.extractI0(stack, { mask: explorer.mask() });
   */
  mask(): Uint8Array {
    return regionMask(this.region, this.stack.ny, this.stack.nx);
  }

  /**
   * The mean spectrum over the region (energies ascending, eV).
   * @throws Error when there is no region.
   */
  regionSpectrum(name = "region"): Spectrum {
    const m = this.mask();
    if (!count(m)) throw new Error("StackExplorer: no region yet; drag one on the image or set explorer.region = { x0, y0, x1, y1 }");
    return this.toSpectrum(this.meanOver(m), name);
  }

  /**
   * The spectrum of pixel (y, x) (energies ascending, eV).
   * @throws RangeError for a pixel outside the image.
   */
  pixelSpectrum(y: number, x: number): Spectrum {
    validateExplorerUpdate({ pixel: [y, x] }, this.dims);
    return this.toSpectrum(this.spectrumValues(y, x), `pixel (${y}, ${x})`);
  }

  /** Call `cb` whenever the region changes (from the browser or from code). Returns a function that stops it. */
  observe(cb: (region: ExplorerRegion | null) => void): () => void {
    return this.model.observe("region", (c) => cb(c.new as ExplorerRegion | null));
  }

  /** Resolve with the region after the user's next drawn region in the browser. */
  nextRegion(): Promise<ExplorerRegion | null> {
    return this.model.nextChange("region");
  }

  /** @internal Displays as the widget, with a PNG of the image and the region for viewers without the widget manager. */
  [Symbol.for("edgeworks.mimeBundle")](): Record<string, unknown> {
    const png = explorerPng(this.model.get("image"), this.stack.ny, this.stack.nx, this.region, { contrast: this.model.get("contrast"), colormap: this.model.get("colormap"), clip: this.model.get("clip") });
    return { ...this.model.mimeBundle(), "image/png": Buffer.from(png).toString("base64") };
  }

  private get dims(): { n_e: number; ny: number; nx: number } {
    return { n_e: this.stack.nE, ny: this.stack.ny, nx: this.stack.nx };
  }

  private imageAt(e: number): Float32Array {
    const n = this.stack.ny * this.stack.nx;
    return Float32Array.from(this.stack.data.subarray(e * n, (e + 1) * n));
  }

  /** Values of pixel (y, x) at every energy, in recorded order. */
  private spectrumValues(y: number, x: number): Float64Array {
    const { nE, ny, nx, data } = this.stack;
    const out = new Float64Array(nE);
    for (let e = 0; e < nE; e++) out[e] = data[(e * ny + y) * nx + x];
    return out;
  }

  /** Mean over the mask's pixels at every energy, in recorded order (NaN when the mask is empty). */
  private meanOver(mask: Uint8Array): Float64Array {
    const { nE, ny, nx, data } = this.stack;
    const idx: number[] = [];
    for (let i = 0; i < mask.length; i++) if (mask[i]) idx.push(i);
    const out = new Float64Array(nE);
    const n = ny * nx;
    for (let e = 0; e < nE; e++) {
      let s = 0;
      for (const i of idx) s += data[e * n + i];
      out[e] = s / idx.length;
    }
    return out;
  }

  private toSpectrum(values: Float64Array, name: string): Spectrum {
    const unit = this.stack.quantity === "od" ? "OD" : this.stack.quantity;
    return makeSpectrum(this.order.map((i) => this.stack.energies[i]), this.order.map((i) => values[i]), { name, unit });
  }
}

function nearest(energies: Float64Array, eV: number): number {
  let best = 0;
  for (let i = 1; i < energies.length; i++) if (Math.abs(energies[i] - eV) < Math.abs(energies[best] - eV)) best = i;
  return best;
}

function count(m: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < m.length; i++) c += m[i];
  return c;
}

/**
 * The stack explorer: the image of `stack` at one energy (slider, or click on the spectrum),
 * linear or log contrast; click a pixel for its spectrum; drag a rectangle or lasso a polygon
 * for the region's mean spectrum. Read the region here (`explorer.region`, `explorer.mask()`,
 * `explorer.rect()`), await the next one (`await explorer.nextRegion()`) or set it from code.
 * @param stack - a `Stack` (`data` `[nE, ny, nx]`, energies in eV).
 * @param options - {@link StackExplorerOptions}.
 * @example
 * const explorer = stackExplorer(stack, { energy: 530.8, contrast: "log" });
 * explorer                                      // displays the widget
 * explorer.region = { x0: 130, y0: 0, x1: 150, y1: 83 };   // or drag it in the browser
 * const i0 = ew.extractI0(stack, { region: explorer.rect() });
 */
export function stackExplorer(stack: Stack, options: StackExplorerOptions = {}): StackExplorer {
  return new StackExplorer(stack, options);
}
