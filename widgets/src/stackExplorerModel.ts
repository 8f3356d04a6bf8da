/**
 * The stack explorer's model (front-end): the attributes the kernel syncs and their binary
 * serialisers. See the kernel's `StackExplorerState` (kernel-ext/stackExplorerState.ts).
 */
import { DOMWidgetModel, type ISerializers } from "@jupyter-widgets/base";
import { MODULE_NAME, MODULE_VERSION } from "./version";
import { typed } from "./serializers";

/** Model of the stack explorer: image at one energy, spectra of pixel and region, the region. */
export class StackExplorerModel extends DOMWidgetModel {
  defaults() {
    return {
      ...super.defaults(),
      _model_name: "StackExplorerModel",
      _model_module: MODULE_NAME,
      _model_module_version: MODULE_VERSION,
      _view_name: "StackExplorerView",
      _view_module: MODULE_NAME,
      _view_module_version: MODULE_VERSION,
      energies: new Float64Array(0),
      n_e: 0,
      ny: 0,
      nx: 0,
      x_um: new Float64Array(0),
      y_um: new Float64Array(0),
      quantity: "counts",
      energy_index: 0,
      image: new Float32Array(0),
      contrast: "linear",
      colormap: "grey",
      clip: 1,
      pixel: null,
      pixel_spectrum: new Float32Array(0),
      region: null,
      region_spectrum: new Float32Array(0),
      region_count: 0,
      mean_spectrum: new Float32Array(0),
      error: "",
      title: "",
      size: 360,
    };
  }

  static serializers: ISerializers = {
    ...DOMWidgetModel.serializers,
    energies: typed(Float64Array),
    x_um: typed(Float64Array),
    y_um: typed(Float64Array),
    image: typed(Float32Array),
    pixel_spectrum: typed(Float32Array),
    region_spectrum: typed(Float32Array),
    mean_spectrum: typed(Float32Array),
  };
}
