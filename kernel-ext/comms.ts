/**
 * Jupyter comms: kernel ⇄ front-end channels identified by a comm id, opened on a named
 * target. The manager keeps the open comms and the registered targets; a front-end that
 * opens a comm on an unknown target gets a `comm_close` at once.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import type { BufferLike } from "./wire";

/** A message received on a comm. */
export interface CommMessage {
  /** `content.data` of the message. */
  data: Record<string, unknown>;
  /** Binary buffers, as DataViews over the received frames. */
  buffers: DataView[];
  /** The message metadata. */
  metadata: Record<string, unknown>;
}

/** Sends iopub messages on behalf of the comms (the kernel server provides it). */
export type Publish = (
  msgType: string,
  content: Record<string, unknown>,
  metadata?: Record<string, unknown>,
  buffers?: BufferLike[],
) => void;

/** Writes a line to the kernel's own log (never to a notebook cell). */
export type Log = (line: string) => void;

/** One open comm. */
export class Comm {
  private msgHandlers: ((m: CommMessage) => void)[] = [];
  private closeHandlers: ((m: CommMessage) => void)[] = [];
  private closed = false;

  /** @internal Made by {@link CommManager}. */
  constructor(
    readonly commId: string,
    readonly targetName: string,
    private readonly manager: CommManager,
  ) {}

  /** Whether the comm has been closed by either side. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Send `comm_msg` with `data` (JSON) and optional binary buffers. */
  send(data: Record<string, unknown>, metadata: Record<string, unknown> = {}, buffers: BufferLike[] = []): void {
    if (this.closed) throw new Error(`comm ${this.commId} (${this.targetName}) is closed`);
    this.manager.publish("comm_msg", { comm_id: this.commId, data }, metadata, buffers);
  }

  /** Close the comm and tell the front-end. */
  close(data: Record<string, unknown> = {}): void {
    if (this.closed) return;
    this.closed = true;
    this.manager.publish("comm_close", { comm_id: this.commId, data });
    this.manager.forget(this.commId);
  }

  /** Call `cb` for every message from the front-end. */
  onMsg(cb: (m: CommMessage) => void): void {
    this.msgHandlers.push(cb);
  }

  /** Call `cb` when the front-end closes the comm. */
  onClose(cb: (m: CommMessage) => void): void {
    this.closeHandlers.push(cb);
  }

  /** @internal */
  deliver(m: CommMessage): void {
    for (const h of this.msgHandlers) h(m);
  }

  /** @internal */
  remoteClose(m: CommMessage): void {
    this.closed = true;
    for (const h of this.closeHandlers) h(m);
  }
}

/** Called when the front-end opens a comm on a registered target. */
export type TargetHandler = (comm: Comm, open: CommMessage) => void;

/** The comm registry of one kernel. */
export class CommManager {
  private readonly comms = new Map<string, Comm>();
  private readonly targets = new Map<string, TargetHandler>();

  constructor(
    /** @internal */ readonly publish: Publish,
    private readonly log: Log,
  ) {}

  /** Register (or replace) the handler for comms the front-end opens on `name`. */
  registerTarget(name: string, handler: TargetHandler): void {
    this.targets.set(name, handler);
  }

  /** Open a comm from the kernel side (publishes `comm_open`). */
  open(
    targetName: string,
    data: Record<string, unknown> = {},
    metadata: Record<string, unknown> = {},
    buffers: BufferLike[] = [],
    commId: string = randomUUID().replace(/-/g, ""),
  ): Comm {
    const comm = new Comm(commId, targetName, this);
    this.comms.set(commId, comm);
    this.publish("comm_open", { comm_id: commId, target_name: targetName, data }, metadata, buffers);
    return comm;
  }

  /** The open comm with this id, if any. */
  get(commId: string): Comm | undefined {
    return this.comms.get(commId);
  }

  /** `comm_info_reply` content: the open comms, optionally only those on one target. */
  info(targetName?: string): { comms: Record<string, { target_name: string }> } {
    const comms: Record<string, { target_name: string }> = {};
    for (const [id, c] of this.comms) {
      if (!targetName || c.targetName === targetName) comms[id] = { target_name: c.targetName };
    }
    return { comms };
  }

  /** @internal */
  forget(commId: string): void {
    this.comms.delete(commId);
  }

  /** Handle a front-end `comm_open`; unknown targets are closed at once. */
  handleOpen(content: Record<string, unknown>, m: Omit<CommMessage, "data">): void {
    const commId = content.comm_id;
    const target = content.target_name;
    if (typeof commId !== "string" || typeof target !== "string") {
      this.log(`comm_open ignored: comm_id and target_name must be strings, got ${JSON.stringify(content).slice(0, 200)}`);
      return;
    }
    const handler = this.targets.get(target);
    if (!handler) {
      this.log(`comm_open on unknown target "${target}": closed`);
      this.publish("comm_close", { comm_id: commId, data: {} });
      return;
    }
    const comm = new Comm(commId, target, this);
    this.comms.set(commId, comm);
    handler(comm, { ...m, data: asRecord(content.data) });
  }

  /** Handle a front-end `comm_msg`. */
  handleMsg(content: Record<string, unknown>, m: Omit<CommMessage, "data">): void {
    const comm = typeof content.comm_id === "string" ? this.comms.get(content.comm_id) : undefined;
    if (!comm) {
      this.log(`comm_msg for unknown comm ${JSON.stringify(content.comm_id)} ignored`);
      return;
    }
    comm.deliver({ ...m, data: asRecord(content.data) });
  }

  /** Handle a front-end `comm_close`. */
  handleClose(content: Record<string, unknown>, m: Omit<CommMessage, "data">): void {
    const comm = typeof content.comm_id === "string" ? this.comms.get(content.comm_id) : undefined;
    if (!comm) return;
    this.comms.delete(comm.commId);
    comm.remoteClose({ ...m, data: asRecord(content.data) });
  }
}

function asRecord(x: unknown): Record<string, unknown> {
  return x && typeof x === "object" && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}
