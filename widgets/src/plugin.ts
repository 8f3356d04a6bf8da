/**
 * The JupyterLab plugin: registers the edgeworks widget classes with the widget manager
 * (`@jupyter-widgets/jupyterlab-manager`, installed with ipywidgets / jupyterlab_widgets).
 */
import type { Application, IPlugin } from "@lumino/application";
import type { Widget } from "@lumino/widgets";
import { IJupyterWidgetRegistry, type ExportMap } from "@jupyter-widgets/base";
import { MODULE_NAME, MODULE_VERSION } from "./version";

const plugin: IPlugin<Application<Widget>, void> = {
  id: "edgeworks-widgets:plugin",
  description: "edgeworks widgets: scatter selection of pixels in PCA/NMF space",
  requires: [IJupyterWidgetRegistry],
  autoStart: true,
  activate: (_app: Application<Widget>, registry: IJupyterWidgetRegistry) => {
    registry.registerWidget({
      name: MODULE_NAME,
      version: MODULE_VERSION,
      exports: async () => (await import("./index")) as unknown as ExportMap,
    });
  },
};

export default plugin;
