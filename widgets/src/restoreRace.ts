/**
 * A repair for a race in JupyterLab's widget manager (`@jupyter-widgets/jupyterlab-manager` 3.x,
 * jupyterlab/jupyterlab#15361, jupyter-widgets/ipywidgets#3888): when a saved notebook is opened
 * and its kernel connects before the manager has read the widget state saved in the notebook, the
 * manager declares itself restored without those models, and every saved widget output renders
 * "Error displaying widget: model not found" for good (until the page is loaded again).
 *
 * For every notebook panel, once its document is loaded: an output showing that error whose model
 * is in the notebook's saved widget state gets the saved state loaded into the manager (the same
 * `set_state` of the not-yet-present models that the manager's own notebook restore does) and is
 * rendered again. Outputs whose model was never saved keep the error. Any widget library's
 * outputs are repaired alike. The manager and the renderers are reached by duck typing (the
 * manager package exports neither), so nothing here runs unless they look as expected.
 */
import type { Widget } from "@lumino/widgets";

/** The widget-view and widget-state MIME types of the Jupyter widget protocol. */
const VIEW_MIME = "application/vnd.jupyter.widget-view+json";
const STATE_MIME = "application/vnd.jupyter.widget-state+json";
/** What the manager's renderer writes when `get_model` fails after the manager says it is restored. */
const ERROR_TEXT = "Error displaying widget: model not found";

/** The parts of a widget manager (`@jupyter-widgets/base-manager`'s ManagerBase) used here. */
interface ManagerLike {
  has_model(id: string): boolean;
  set_state(state: unknown): Promise<unknown>;
  filterExistingModelState?(state: unknown): unknown;
}

/** The parts of the manager's WidgetRenderer used here. */
interface RendererLike extends Widget {
  _manager: { promise: Promise<ManagerLike> };
  renderModel(model: MimeModelLike): Promise<void>;
}

/** An output's MIME bundle (an OutputModel). */
interface MimeModelLike {
  data: Record<string, unknown>;
}

/** The parts of a document context used here. */
export interface ContextLike {
  ready: Promise<void>;
  model: { getMetadata?(key: string): unknown; metadata?: { get(key: string): unknown } };
  isDisposed?: boolean;
}

/** The children of a Lumino widget (its layout's widgets), none when it has no layout. */
function childrenOf(w: Widget): Widget[] {
  const layout = (w as unknown as { layout?: { widgets?: readonly Widget[] } | null }).layout;
  if (layout && Array.isArray(layout.widgets)) return [...layout.widgets];
  const it = (w as unknown as { children?: () => Iterable<Widget> }).children;
  return typeof it === "function" ? [...it.call(w)] : [];
}

/** Whether `w` looks like the manager's WidgetRenderer (a `renderModel` and a promised manager). */
function isRenderer(w: Widget): w is RendererLike {
  const r = w as unknown as Partial<RendererLike>;
  return typeof r.renderModel === "function" && !!r._manager && typeof (r._manager as { promise?: unknown }).promise === "object";
}

/**
 * Every widget renderer in `panel` showing the model-not-found error, with its output's MIME
 * model: found through each output area (`outputArea.model.get(i)` is child i's output).
 */
function failedRenderers(panel: Widget): { renderer: RendererLike; model: MimeModelLike }[] {
  const found: { renderer: RendererLike; model: MimeModelLike }[] = [];
  const cells = (panel as unknown as { content?: { widgets?: readonly Widget[] } }).content?.widgets ?? [];
  for (const cell of cells) {
    const area = (cell as unknown as { outputArea?: Widget & { model?: { length: number; get(i: number): MimeModelLike } } }).outputArea;
    if (!area?.model) continue;
    const children = childrenOf(area);
    for (let i = 0; i < children.length && i < area.model.length; i++) {
      const stack = [children[i]];
      while (stack.length) {
        const w = stack.pop() as Widget;
        if (isRenderer(w)) {
          if ((w.node.textContent ?? "").trim() === ERROR_TEXT) found.push({ renderer: w, model: area.model.get(i) });
        } else stack.push(...childrenOf(w));
      }
    }
  }
  return found;
}

/** The widget state saved in the notebook's metadata (`widgets` → widget-state MIME), or null. */
function savedState(context: ContextLike): { state: Record<string, unknown> } | null {
  const m = context.model.getMetadata ? context.model.getMetadata("widgets") : context.model.metadata?.get("widgets");
  const s = (m as Record<string, unknown> | undefined)?.[STATE_MIME] as { state?: Record<string, unknown> } | undefined;
  return s && s.state && typeof s.state === "object" ? (s as { state: Record<string, unknown> }) : null;
}

/**
 * Watch `panel` (a notebook panel) for widget outputs that lost the restore race and repair them
 * (see the module). Stops when the panel is disposed. Each repair is logged with console.info.
 */
export function repairRestoreRace(panel: Widget, context: ContextLike): void {
  let busy = false;
  let again = false;
  const repair = async (): Promise<void> => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        const failed = failedRenderers(panel);
        if (failed.length === 0) break;
        const saved = savedState(context);
        if (!saved) break;
        let n = 0;
        const loads = new Map<ManagerLike, Promise<unknown>>(); // one load of the saved state per manager and round
        for (const { renderer, model } of failed) {
          const id = (model.data?.[VIEW_MIME] as { model_id?: string } | undefined)?.model_id;
          if (!id || !(id in saved.state)) continue; // never saved: the error is right
          const manager = await renderer._manager.promise;
          if (!manager.has_model(id)) {
            // the models it already has are left alone, as its own notebook restore does
            if (!loads.has(manager)) loads.set(manager, manager.set_state(manager.filterExistingModelState ? manager.filterExistingModelState(saved) : saved));
            await loads.get(manager);
          }
          if (!manager.has_model(id) || renderer.isDisposed) continue;
          await renderer.renderModel(model);
          n++;
        }
        if (n > 0) {
          console.info(`edgeworks: drew ${n} saved widget output(s) again after JupyterLab's widget manager restored without the notebook's saved state (jupyterlab#15361)`);
        }
      } while (again);
    } catch (err) {
      console.warn("edgeworks: could not repair widget outputs after the restore race:", err);
    } finally {
      busy = false;
    }
  };
  void context.ready.then(() => {
    if (panel.isDisposed) return;
    // the renderer writes the error as its node's textContent: a text node added (or a text node
    // changed) holding exactly that; nothing larger is read on the notebook's other mutations
    const isError = (n: Node): boolean => n.nodeType === Node.TEXT_NODE && (n as Text).data === ERROR_TEXT;
    const observer = new MutationObserver((records) => {
      if (records.some((r) => (r.type === "characterData" ? isError(r.target) : Array.from(r.addedNodes).some(isError)))) void repair();
    });
    observer.observe(panel.node, { subtree: true, childList: true, characterData: true });
    panel.disposed.connect(() => observer.disconnect());
    void repair();
  }, () => undefined); // a document that fails to load has no outputs to repair (JupyterLab reports the failure)
}
