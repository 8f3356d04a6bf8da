/**
 * Which request a kernel-initiated message belongs to. Every cell execution and every
 * incoming comm message runs inside an AsyncLocalStorage context holding its header, so
 * output, comm messages and displays issued from it (and from callbacks it schedules)
 * are parented to it — the rule ipykernel follows and JupyterLab relies on.
 *
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { BufferLike, Header } from "./wire";

/** The request a piece of code runs on behalf of. */
export interface RequestContext {
  /** Header of the execute_request or comm message being handled. */
  parent: Partial<Header>;
  /** Aborted when the user interrupts the cell (only set for cell executions). */
  signal?: AbortSignal;
}

/** The kernel's services as seen by the user-facing API (`edgeworks/kernel`). */
export interface KernelHandle {
  /** Publish an iopub message parented to the current request. */
  publish(msgType: string, content: Record<string, unknown>, metadata?: Record<string, unknown>, buffers?: BufferLike[]): void;
  /** The comm manager (targets, open comms). */
  comms: import("./comms").CommManager;
  /** Monotonic count of interrupts received; long loops compare it with the value at their start. */
  interruptCount(): number;
}

const KEY = Symbol.for("edgeworks.kernel");
const STORE_KEY = Symbol.for("edgeworks.context");

type Globals = { [KEY]?: KernelHandle; [STORE_KEY]?: AsyncLocalStorage<RequestContext> };

/** The process-wide context store (shared through globalThis so duplicate module copies agree). */
export function contextStore(): AsyncLocalStorage<RequestContext> {
  const g = globalThis as Globals;
  if (!g[STORE_KEY]) g[STORE_KEY] = new AsyncLocalStorage<RequestContext>();
  return g[STORE_KEY]!;
}

/** Register the running kernel so notebook code can reach it. */
export function setKernel(k: KernelHandle): void {
  (globalThis as Globals)[KEY] = k;
  // The analysis library (src/) knows only this documented hook: long loops read the
  // running cell's AbortSignal from it, so Kernel → Interrupt stops them.
  (globalThis as Record<symbol, unknown>)[Symbol.for("edgeworks.currentSignal")] = () => contextStore().getStore()?.signal;
}

/** The running edgeworks kernel, or undefined outside a kernel (plain Node, tests). */
export function getKernel(): KernelHandle | undefined {
  return (globalThis as Globals)[KEY];
}
