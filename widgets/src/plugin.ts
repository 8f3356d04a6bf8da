/**
 * The JupyterLab plugin: registers the edgeworks widget classes with the widget manager
 * (`@jupyter-widgets/jupyterlab-manager`, installed with ipywidgets / jupyterlab_widgets).
 */
import type { Application, IPlugin } from "@lumino/application";
import type { Widget } from "@lumino/widgets";
import { IJupyterWidgetRegistry, type ExportMap } from "@jupyter-widgets/base";
import { MODULE_NAME, MODULE_VERSION } from "./version";
import { repairRestoreRace, type ContextLike } from "./restoreRace";

/** The part of JupyterLab's application used here: its document registry's widget extensions. */
interface DocRegistryLike {
  addWidgetExtension(widgetName: string, extension: { createNew(widget: Widget, context: ContextLike): void }): unknown;
}

const plugin: IPlugin<Application<Widget>, void> = {
  id: "edgeworks-widgets:plugin",
  description: "edgeworks widgets: scatter selection of pixels in PCA/NMF space",
  requires: [IJupyterWidgetRegistry],
  autoStart: true,
  activate: (app: Application<Widget>, registry: IJupyterWidgetRegistry) => {
    registry.registerWidget({
      name: MODULE_NAME,
      version: MODULE_VERSION,
      exports: async () => (await import("./index")) as unknown as ExportMap,
    });
    // every notebook panel: redraw saved widget outputs that JupyterLab's widget manager failed to
    // restore (its kernel-connect restore can run before the notebook's saved state is read)
    const docRegistry = (app as unknown as { docRegistry?: DocRegistryLike }).docRegistry;
    docRegistry?.addWidgetExtension("Notebook", { createNew: (panel, context) => repairRestoreRace(panel, context) });
  },
};

export default plugin;
