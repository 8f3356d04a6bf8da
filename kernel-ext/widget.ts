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
  /**
   * The attributes the front-end may change. An update naming any other attribute is rejected
   * (nothing applied, nothing echoed). Default: every attribute of the initial state.
   */
  frontendWritable?: readonly (keyof S & string)[];
  /**
   * Checks (and may normalise) an update from the front-end before it is echoed and applied:
   * the attributes are already decoded (typed arrays per `arrayTypes`). Throw an Error whose
   * message says what was wrong to reject the update: the views get the message (a custom
   * message `{ type: "error", message }`), the attributes they changed are sent back with the
   * kernel's values, and the state attribute `error`, when the model has one, is set to it.
   */
  validate?: (patch: Partial<S>) => Partial<S>;
}

/** A rejected front-end update, as {@link WidgetModel.onReject} reports it. */
export interface RejectedUpdate {
  /** Why it was rejected. */
  message: string;
  /** The attribute names the update tried to set. */
  names: string[];
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
  private readonly rejectHandlers: ((r: RejectedUpdate) => void)[] = [];
  /**
   * When the last accepted front-end update reached this model (`receivedAt`) and was applied
   * (`at`), `Date.now()` ms since the epoch (the browser on the same machine can compare them
   * with its own clock), and the attributes it set; null before the first. Read it from a cell
   * to time "mouse-up → the kernel has it".
   */
  lastFrontendUpdate: { receivedAt: number; at: number; names: string[] } | null = null;

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

  /** Call `cb` for every front-end update that was rejected (see {@link WidgetOptions.validate}). */
  onReject(cb: (r: RejectedUpdate) => void): void {
    this.rejectHandlers.push(cb);
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
      if (sameValue(old, value)) continue;
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
      this.onUpdate(m);
    } else if (method === "request_state") {
      const { state, bufferPaths, buffers } = removeBuffers(this.fullState());
      this.comm.send({ method: "update", state, buffer_paths: bufferPaths }, {}, buffers);
    } else if (method === "custom") {
      for (const h of this.customHandlers) h(m.data.content, m.buffers);
    } else {
      this.reject(`unknown method ${JSON.stringify(method)}`, []);
    }
  }

  /** Decode and check an update; echo and apply it only when it is valid. */
  private onUpdate(m: CommMessage): void {
    const receivedAt = Date.now();
    const raw = m.data.state;
    const names = raw && typeof raw === "object" && !Array.isArray(raw) ? Object.keys(raw) : [];
    let patch: Record<string, unknown>;
    let decoded: Record<string, unknown> = {};
    try {
      if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error("update without a state object");
      const paths = m.data.buffer_paths ?? [];
      if (!Array.isArray(paths)) throw new Error(`buffer_paths must be a list, got ${typeof paths}`);
      if (paths.length !== m.buffers.length) {
        throw new Error(`buffer_paths has ${paths.length} entries but the message carries ${m.buffers.length} buffers`);
      }
      for (const p of paths) if (Array.isArray(p) && typeof p[0] === "string" && !names.includes(p[0])) names.push(p[0]);
      const writable: readonly string[] = this.options.frontendWritable ?? Object.keys(this.state);
      const bad = names.filter((k) => !writable.includes(k));
      if (bad.length) throw new Error(`the front-end may not set ${bad.map((b) => JSON.stringify(b)).join(", ")} (it may set ${writable.join(", ")})`);
      const state = putBuffers({ ...(raw as Record<string, unknown>) }, paths, m.buffers);
      for (const [k, v] of Object.entries(state)) {
        if (v instanceof DataView) state[k] = toTyped(v, this.options.arrayTypes?.[k as keyof S & string]);
      }
      decoded = state;
      patch = this.options.validate ? (this.options.validate({ ...state } as Partial<S>) as Record<string, unknown>) : state;
    } catch (e) {
      this.reject((e as Error).message, names);
      return;
    }
    // Echo first (protocol 2.1): the front-end that sent it recognises its own change.
    this.comm.send({ method: "echo_update", state: raw as Record<string, unknown>, buffer_paths: m.data.buffer_paths ?? [] }, {}, m.buffers);
    if ("error" in this.state && this.state.error !== "" && !("error" in patch)) patch = { ...patch, error: "" };
    const changes = this.apply(patch, "frontend");
    this.lastFrontendUpdate = { receivedAt, at: Date.now(), names: Object.keys(patch) };
    // What validation normalised (or the cleared error) goes back as a plain update.
    const differs = Object.keys(patch).filter((k) => !sameValue(patch[k], decoded[k]));
    if (differs.length) this.sendState(differs);
    this.notify(changes);
  }

  /** Tell the views an update was rejected and restore the attributes it named. */
  private reject(message: string, names: string[]): void {
    const text = `widget ${this.widgetClass.modelName}: update rejected: ${message}`;
    const restore = names.filter((k) => k in this.state);
    if ("error" in this.state) {
      (this.state as Record<string, unknown>).error = text;
      if (!restore.includes("error")) restore.push("error");
    }
    if (restore.length) this.sendState(restore);
    this.comm.send({ method: "custom", content: { type: "error", message: text } });
    for (const h of this.rejectHandlers) h({ message: text, names });
  }

  /** Send the current values of some attributes as an `update`. */
  private sendState(keys: string[]): void {
    const part: Record<string, unknown> = {};
    for (const k of keys) part[k] = this.state[k];
    const { state, bufferPaths, buffers } = removeBuffers(part);
    this.comm.send({ method: "update", state, buffer_paths: bufferPaths }, {}, buffers);
  }
}

/** Deep equality of state values; binary values (typed arrays, DataViews) compare by their bytes. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    if (a.byteLength !== b.byteLength) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength), y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object" && !ArrayBuffer.isView(a) && !ArrayBuffer.isView(b)) {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
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
