/**
 * Kernel-side Jupyter widget models (widget protocol 2.1.0). A `WidgetModel` owns one comm on
 * target `jupyter.widget`; its state is the single source of truth and syncs with the
 * front-end through `update` / `echo_update` messages, typed arrays travelling as binary
 * buffers. The `jupyter.widget.control` target answers the front-end's bulk state request.
 *
 * @module
 */
import { getKernel } from "./context";
import type { Comm, CommManager, CommMessage } from "./comms";
import { putBuffers, removeBuffers } from "./buffers";

/** The widget protocol version sent in `comm_open` metadata. */
export const PROTOCOL_VERSION = "2.1.0";

/** Which front-end classes render a model. */
export interface WidgetClass {
  modelName: string;
  modelModule: string;
  modelModuleVersion: string;
  viewName: string | null;
  viewModule: string | null;
  viewModuleVersion: string;
}

/** A change of one state attribute. */
export interface Change<T = unknown> {
  name: string;
  old: T;
  new: T;
  /** "kernel" when set from notebook code, "frontend" when it came from the browser. */
  source: "kernel" | "frontend";
}

type TypedArrayCtor =
  | Int8ArrayConstructor | Uint8ArrayConstructor | Int16ArrayConstructor | Uint16ArrayConstructor
  | Int32ArrayConstructor | Uint32ArrayConstructor | Float32ArrayConstructor | Float64ArrayConstructor;

/** Options of {@link WidgetModel}. */
export interface WidgetOptions<S> {
  /** For attributes that hold typed arrays: the type a received buffer becomes. Default Uint8Array. */
  arrayTypes?: Partial<Record<keyof S & string, TypedArrayCtor>>;
}

const registry = new Map<string, WidgetModel<Record<string, unknown>>>();

function toTyped(dv: DataView, ctor: TypedArrayCtor | undefined): ArrayBufferView {
  const C = ctor ?? Uint8Array;
  if (dv.byteLength % C.BYTES_PER_ELEMENT !== 0) {
    throw new Error(`buffer of ${dv.byteLength} bytes is not a whole number of ${C.name} elements`);
  }
  // Copy: the received frame may be unaligned for the element size.
  const copy = new Uint8Array(dv.byteLength);
  copy.set(new Uint8Array(dv.buffer, dv.byteOffset, dv.byteLength));
  return new C(copy.buffer);
}

/**
 * A widget model on the kernel side.
 *
 * @example
 * const m = new WidgetModel(cls, { value: 0 });
 * m.observe("value", (c) => console.log(c.new));
 * m.set({ value: 3 });
 */
export class WidgetModel<S extends Record<string, unknown>> {
  /** The model id (= comm id) the front-end knows the model by. */
  readonly modelId: string;
  private readonly comm: Comm;
  private readonly state: S;
  private readonly observers = new Map<string, ((c: Change) => void)[]>();
  private readonly customHandlers: ((content: unknown, buffers: DataView[]) => void)[] = [];

  constructor(
    readonly widgetClass: WidgetClass,
    initial: S,
    private readonly options: WidgetOptions<S> = {},
  ) {
    const k = getKernel();
    if (!k) throw new Error("widgets need the edgeworks kernel: choose the kernel \"TypeScript (edgeworks)\" in JupyterLab");
    this.state = { ...initial };
    const { state, bufferPaths, buffers } = removeBuffers(this.fullState());
    this.comm = k.comms.open("jupyter.widget", { state, buffer_paths: bufferPaths }, { version: PROTOCOL_VERSION }, buffers);
    this.modelId = this.comm.commId;
    registry.set(this.modelId, this as unknown as WidgetModel<Record<string, unknown>>);
    this.comm.onMsg((m) => this.onMessage(m));
    this.comm.onClose(() => registry.delete(this.modelId));
  }

  /** The protocol state: the class keys plus the user state. */
  fullState(): Record<string, unknown> {
    const c = this.widgetClass;
    return {
      _model_name: c.modelName,
      _model_module: c.modelModule,
      _model_module_version: c.modelModuleVersion,
      _view_name: c.viewName,
      _view_module: c.viewModule,
      _view_module_version: c.viewModuleVersion,
      ...this.state,
    };
  }

  /** The current value of an attribute. */
  get<K extends keyof S>(key: K): S[K] {
    return this.state[key];
  }

  /** Set attributes from the kernel: the front-end is updated and observers are told. */
  set(patch: Partial<S>): void {
    const changes = this.apply(patch, "kernel");
    if (changes.length === 0) return;
    const { state, bufferPaths, buffers } = removeBuffers(patch as Record<string, unknown>);
    this.comm.send({ method: "update", state, buffer_paths: bufferPaths }, {}, buffers);
    this.notify(changes);
  }

  /** Call `cb` on every change of `name` (or of any attribute with "*"). Returns a function that stops it. */
  observe(name: (keyof S & string) | "*", cb: (c: Change) => void): () => void {
    const list = this.observers.get(name) ?? [];
    list.push(cb);
    this.observers.set(name, list);
    return () => {
      const l = this.observers.get(name) ?? [];
      const i = l.indexOf(cb);
      if (i >= 0) l.splice(i, 1);
    };
  }

  /** Resolve with the next change of `name` from the front-end (a cell may `await` it). */
  nextChange<K extends keyof S & string>(name: K): Promise<S[K]> {
    return new Promise((resolve) => {
      const stop = this.observe(name, (c) => {
        if (c.source !== "frontend") return;
        stop();
        resolve(c.new as S[K]);
      });
    });
  }

  /** Send a custom message (`method: "custom"`) to the views. */
  sendCustom(content: unknown, buffers: (ArrayBufferView | ArrayBuffer)[] = []): void {
    this.comm.send({ method: "custom", content }, {}, buffers);
  }

  /** Call `cb` for custom messages from the views. */
  onCustom(cb: (content: unknown, buffers: DataView[]) => void): void {
    this.customHandlers.push(cb);
  }

  /** Close the comm; the front-end drops the model. */
  close(): void {
    this.comm.close();
    registry.delete(this.modelId);
  }

  /** The MIME bundle that displays this widget (with a text fallback). */
  mimeBundle(): Record<string, unknown> {
    return {
      "application/vnd.jupyter.widget-view+json": { model_id: this.modelId, version_major: 2, version_minor: 1 },
      "text/plain": `${this.widgetClass.modelName}(model_id=${this.modelId}) — open in JupyterLab with the edgeworks kernel and widgets to interact`,
    };
  }

  /** @internal Used by the display machinery. */
  [Symbol.for("edgeworks.mimeBundle")](): Record<string, unknown> {
    return this.mimeBundle();
  }

  private apply(patch: Record<string, unknown>, source: Change["source"]): Change[] {
    const changes: Change[] = [];
    for (const [name, value] of Object.entries(patch)) {
      const old = this.state[name];
      if (old === value) continue;
      (this.state as Record<string, unknown>)[name] = value;
      changes.push({ name, old, new: value, source });
    }
    return changes;
  }

  private notify(changes: Change[]): void {
    for (const c of changes) {
      for (const cb of [...(this.observers.get(c.name) ?? []), ...(this.observers.get("*") ?? [])]) {
        try {
          cb(c);
        } catch (e) {
          console.error(`observer of "${c.name}" failed:`, e);
        }
      }
    }
  }

  private onMessage(m: CommMessage): void {
    const method = m.data.method;
    if (method === "update") {
      const raw = m.data.state;
      if (!raw || typeof raw !== "object") throw new Error(`widget ${this.modelId}: update without a state object`);
      // Echo first (protocol 2.1): the front-end that sent it recognises its own change.
      this.comm.send({ method: "echo_update", state: raw, buffer_paths: m.data.buffer_paths ?? [] }, {}, m.buffers);
      const state = putBuffers({ ...(raw as Record<string, unknown>) }, m.data.buffer_paths, m.buffers);
      for (const [k, v] of Object.entries(state)) {
        if (v instanceof DataView) state[k] = toTyped(v, this.options.arrayTypes?.[k as keyof S & string]);
      }
      this.notify(this.apply(state, "frontend"));
    } else if (method === "request_state") {
      const { state, bufferPaths, buffers } = removeBuffers(this.fullState());
      this.comm.send({ method: "update", state, buffer_paths: bufferPaths }, {}, buffers);
    } else if (method === "custom") {
      for (const h of this.customHandlers) h(m.data.content, m.buffers);
    } else {
      throw new Error(`widget ${this.modelId}: unknown method ${JSON.stringify(method)}`);
    }
  }
}

/** Register `jupyter.widget` (front-end-created models are not supported: closed) and `jupyter.widget.control`. */
export function registerWidgetTargets(comms: CommManager): void {
  comms.registerTarget("jupyter.widget.control", (comm) => {
    comm.onMsg((m) => {
      if (m.data.method !== "request_states") return;
      const states: Record<string, unknown> = {};
      const paths: (string | number)[][] = [];
      const buffers: (ArrayBufferView | ArrayBuffer)[] = [];
      for (const [id, model] of registry) {
        const full = model.fullState();
        const r = removeBuffers(full);
        states[id] = {
          model_name: full._model_name,
          model_module: full._model_module,
          model_module_version: full._model_module_version,
          state: r.state,
        };
        r.bufferPaths.forEach((p, i) => {
          paths.push([id, "state", ...p]);
          buffers.push(r.buffers[i]);
        });
      }
      comm.send({ method: "update_states", states, buffer_paths: paths }, {}, buffers);
    });
  });
}
