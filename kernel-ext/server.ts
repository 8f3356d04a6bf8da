/**
 * The edgeworks kernel server: tslab's `ZmqServer` (its sockets and start-up) with our own
 * message handling on top — comms and binary buffers, correct parent headers, `execute_input`,
 * `execute_result`, `error` with ename/evalue/traceback, `status` in every reply, history,
 * and interrupts that stop awaiting cells.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { contextStore, setKernel, type KernelHandle } from "./context";
import { CommManager } from "./comms";
import { describeError, type Executor } from "./executor";
import { parseMessage, serializeMessage, newHeader, type BufferLike, type Header, type Message } from "./wire";
import { toMimeBundle } from "./display";
import { registerWidgetTargets } from "./widget";

// tslab's classes are internal API (no exports map); the version is pinned exactly in package.json.
const { ZmqServer } = require("tslab/dist/jupyter") as {
  ZmqServer: new (handler: { close(): void }, configPath: string) => ZmqServerBase;
};
const tslabJupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };

interface Socket {
  send(frames: Buffer[]): Promise<void>;
}
interface ZmqServerBase {
  connInfo: { key: string; signature_scheme?: string };
  iopub: Socket;
  shell: Socket;
  control: Socket;
  init(): Promise<void>;
  close(): void;
  handleShellMessage(sock: Socket, ...frames: Buffer[]): Promise<void>;
}

/** The language info reported in kernel_info_reply. */
const LANGUAGE_INFO = {
  name: "typescript",
  version: "5.0.4",
  mimetype: "text/typescript",
  file_extension: ".ts",
  codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
};

/**
 * Send once the socket is free. tslab's `init` starts reading the shell socket while the other
 * sockets are still being bound, so the first request (kernel_info) can be answered while the
 * iopub bind is in progress; zeromq.js then refuses the send ("Socket is blocked by a bind or
 * unbind operation", EBUSY) and the status or reply was lost: the front-end waited for a kernel
 * that never answered (seen once in the browser suite after a page reload). Nothing was sent when
 * the send throws, so it is retried every 5 ms for up to 2 s.
 * @internal Exported for its test.
 */
export async function sendWhenBound(sock: Socket, frames: Buffer[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await sock.send(frames);
      return;
    } catch (e) {
      const busy = (e as { code?: string }).code === "EBUSY" || /blocked by a bind or unbind/i.test(String((e as Error)?.message));
      if (!busy || attempt >= 400) throw e;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

/**
 * Sends on one ZeroMQ socket, one at a time and in order. zeromq.js allows a single send in
 * flight per socket: after a burst of synchronous sends it delays the next one, and a send
 * issued meanwhile throws EBUSY — which once lost a cell's final `idle` status under load.
 */
class SendQueue {
  private tail: Promise<void> = Promise.resolve();
  constructor(
    private readonly sock: Socket,
    private readonly what: string,
  ) {}
  send(frames: Buffer[]): Promise<void> {
    const sent = this.tail.then(() => sendWhenBound(this.sock, frames));
    this.tail = sent.catch((e: unknown) => kernelLog(`${this.what} send failed: ${String(e)}`));
    return this.tail;
  }
}

/** Write to the kernel's log (the real stderr), never to a cell. */
const origStderrWrite = process.stderr.write.bind(process.stderr);
const origStdoutWrite = process.stdout.write.bind(process.stdout);
function kernelLog(line: string): void {
  origStderrWrite(`[edgeworks kernel] ${line}\n`);
}

/**
 * What is wrong with a parsed message, if anything: a header that is not an object with string
 * `msg_id` and `msg_type`, or a content that is not a JSON object (`null`, a list, a number).
 */
function malformed(msg: Message): "header" | "content" | null {
  const h = msg.header as unknown;
  const isObj = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObj(h) || typeof msg.header.msg_id !== "string" || typeof msg.header.msg_type !== "string") return "header";
  if (!isObj(msg.content)) return "content";
  return null;
}

/** Create the server. Call `start()` to bind the sockets. */
export function createServer(configPath: string, executor: Executor, version: string, notice = ""): { start(): Promise<void> } {
  const Base = ZmqServer;
  class EdgeworksServer extends Base {
    private readonly session = randomUUID();
    private execCount = 0;
    private running = 0;
    private queue: Promise<void> = Promise.resolve();
    private abortQueuedBefore = 0;
    private enqueued = 0;
    private currentAbort: AbortController | null = null;
    private interrupts = 0;
    private lastExecParent: Partial<Header> = {};
    private readonly history: [number, number, string, string?][] = [];
    readonly comms = new CommManager((t, c, m, b) => this.publish(t, c, m, b), kernelLog);
    private readonly queues = new Map<Socket, SendQueue>();

    private queueFor(sock: Socket, what: string): SendQueue {
      let q = this.queues.get(sock);
      if (!q) {
        q = new SendQueue(sock, what);
        this.queues.set(sock, q);
      }
      return q;
    }

    /** Publish on iopub, parented to the request whose context we run in. */
    publish(msgType: string, content: Record<string, unknown>, metadata: Record<string, unknown> = {}, buffers: BufferLike[] = [], parent?: Partial<Header>): Promise<void> {
      // Output written before this message goes out first, so the front-end sees it in order.
      if (msgType !== "stream") this.flushStreams();
      const p = parent ?? contextStore().getStore()?.parent ?? this.lastExecParent;
      const frames = serializeMessage(this.connInfo.key, [Buffer.from(`kernel.${msgType}`)], newHeader(msgType, this.session), p, metadata, content, buffers);
      // Resolves once ZeroMQ holds the frames: its I/O thread sends them even while a cell then blocks the event loop.
      return this.queueFor(this.iopub, "iopub").send(frames);
    }

    private reply(sock: Socket, req: Message, msgType: string, content: Record<string, unknown>): Promise<void> {
      this.flushStreams();
      const frames = serializeMessage(this.connInfo.key, req.identities, newHeader(msgType, req.header.session ?? this.session), req.header, {}, content);
      return this.queueFor(sock, "reply").send(frames);
    }

    override async handleShellMessage(sock: Socket, ...frames: Buffer[]): Promise<void> {
      let msg: Message;
      try {
        msg = parseMessage(this.connInfo.key, frames);
      } catch (e) {
        kernelLog(`dropped a malformed message: ${(e as Error).message}`);
        return;
      }
      const bad = malformed(msg);
      if (bad === "header") {
        // No msg_id to parent a reply to: nothing a front-end could match it with.
        kernelLog(`dropped a message whose header is not a JSON object with msg_id and msg_type: ${JSON.stringify(msg.header).slice(0, 200)}`);
        return;
      }
      const type = msg.header.msg_type;
      if (bad === "content") return this.refuse(sock, msg);
      if (type === "execute_request") return this.enqueueExecute(sock, msg);
      // As ipykernel: busy and idle parented to every shell message, comm messages included, so
      // that ipywidgets' front-end (which holds further updates of a model until the idle of its
      // last message arrives) keeps sending while a cell awaits. The kernel's status then reads
      // busy again for the running cell.
      this.publish("status", { execution_state: "busy" }, {}, [], msg.header);
      try {
        await contextStore().run({ parent: msg.header }, () => this.dispatch(sock, msg));
      } catch (e) {
        kernelLog(`error while handling ${type}: ${(e as Error).stack ?? String(e)}`);
      } finally {
        this.publish("status", { execution_state: "idle" }, {}, [], msg.header);
        if (this.running > 0) this.publish("status", { execution_state: "busy" }, {}, [], this.lastExecParent);
      }
      if (type === "shutdown_request") {
        setTimeout(() => {
          this.close();
          process.exit(0);
        }, 100);
      }
    }

    /**
     * Answer a request whose content is not a JSON object (e.g. `null`): busy, an error reply of
     * the request's reply type (so the front-end does not wait for ever), idle — all parented to it.
     */
    private async refuse(sock: Socket, msg: Message): Promise<void> {
      const type = msg.header.msg_type;
      const evalue = `the content of a ${type} must be a JSON object, got ${JSON.stringify(msg.content)}`;
      kernelLog(`refused ${type}: ${evalue}`);
      this.publish("status", { execution_state: "busy" }, {}, [], msg.header);
      try {
        if (type.endsWith("_request")) {
          await this.reply(sock, msg, type.replace(/_request$/, "_reply"), { status: "error", ename: "BadRequest", evalue, traceback: [`BadRequest: ${evalue}`], execution_count: this.execCount });
        }
      } finally {
        this.publish("status", { execution_state: "idle" }, {}, [], msg.header);
        if (this.running > 0) this.publish("status", { execution_state: "busy" }, {}, [], this.lastExecParent);
      }
    }

    private async dispatch(sock: Socket, msg: Message): Promise<void> {
      const c = msg.content;
      const m = { buffers: msg.buffers.map((b) => new DataView(b.buffer, b.byteOffset, b.byteLength)), metadata: msg.metadata };
      switch (msg.header.msg_type) {
        case "kernel_info_request":
          return this.reply(sock, msg, "kernel_info_reply", {
            status: "ok",
            protocol_version: "5.3",
            implementation: "edgeworks",
            implementation_version: version,
            language_info: LANGUAGE_INFO,
            banner: `edgeworks ${version} — TypeScript (tslab 1.0.22, TypeScript 5.0) with Jupyter widgets`,
            help_links: [{ text: "edgeworks README", url: "https://www.npmjs.com/package/edgeworks" }],
          });
        case "comm_info_request":
          return this.reply(sock, msg, "comm_info_reply", { status: "ok", ...this.comms.info(typeof c.target_name === "string" ? c.target_name : undefined) });
        case "comm_open":
          return this.comms.handleOpen(c, m);
        case "comm_msg":
          return this.comms.handleMsg(c, m);
        case "comm_close":
          return this.comms.handleClose(c, m);
        case "is_complete_request":
          return this.reply(sock, msg, "is_complete_reply", { ...executor.isComplete(String(c.code ?? "")) });
        case "complete_request": {
          const r = executor.complete(String(c.code ?? ""), Number(c.cursor_pos ?? 0));
          return this.reply(sock, msg, "complete_reply", { status: "ok", matches: r.candidates, cursor_start: r.start, cursor_end: r.end, metadata: {} });
        }
        case "inspect_request": {
          const text = executor.inspect(String(c.code ?? ""), Number(c.cursor_pos ?? 0));
          return this.reply(sock, msg, "inspect_reply", { status: "ok", found: text !== "", data: text ? { "text/plain": text } : {}, metadata: {} });
        }
        case "history_request":
          return this.reply(sock, msg, "history_reply", { status: "ok", history: this.historyFor(c) });
        case "interrupt_request":
          this.interrupt();
          return this.reply(sock, msg, "interrupt_reply", { status: "ok" });
        case "shutdown_request":
          return this.reply(sock, msg, "shutdown_reply", { status: "ok", restart: Boolean(c.restart) });
        default:
          kernelLog(`unknown message type ${msg.header.msg_type} ignored`);
      }
    }

    /** history_reply entries: tail / range / search, with `output` and `unique` as in ipykernel. */
    private historyFor(c: Record<string, unknown>): unknown[] {
      let h = this.history;
      if (c.hist_access_type === "tail") h = h.slice(-Number(c.n ?? 10));
      else if (c.hist_access_type === "range") h = h.filter(([, line]) => line >= Number(c.start ?? 0) && (c.stop == null || line < Number(c.stop)));
      else if (c.hist_access_type === "search") {
        const pat = new RegExp("^" + String(c.pattern ?? "*").replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$", "s");
        h = h.filter(([, , src]) => pat.test(src));
        if (c.unique) {
          // Keep the latest entry of each distinct input.
          const lastIndex = new Map<string, number>();
          h.forEach(([, , src], i) => lastIndex.set(src, i));
          h = h.filter(([, , src], i) => lastIndex.get(src) === i);
        }
        if (c.n != null) h = h.slice(-Number(c.n));
      } else h = [];
      return h.map(([session, line, src, out]) => (c.output ? [session, line, [src, out ?? null]] : [session, line, src]));
    }

    private enqueueExecute(sock: Socket, msg: Message): Promise<void> {
      const ticket = ++this.enqueued;
      const run = this.queue.then(() => this.execute(sock, msg, ticket));
      this.queue = run.catch(() => undefined);
      return run;
    }

    private async execute(sock: Socket, msg: Message, ticket: number): Promise<void> {
      const c = msg.content;
      const code = String(c.code ?? "");
      const silent = Boolean(c.silent);
      this.running++;
      this.lastExecParent = msg.header;
      // Busy (and execute_input below) are handed to ZeroMQ before the code runs, so the front-end
      // shows busy even when the cell then blocks the event loop (a synchronous loop).
      const busy = this.publish("status", { execution_state: "busy" }, {}, [], msg.header);
      try {
        await busy;
        if (ticket <= this.abortQueuedBefore) {
          // An earlier cell failed with stop_on_error: this one is not run.
          await this.reply(sock, msg, "execute_reply", { status: "aborted", execution_count: this.execCount });
          return;
        }
        if (!silent) this.execCount++;
        const count = this.execCount;
        if (!silent) await this.publish("execute_input", { code, execution_count: count }, {}, [], msg.header);
        if (notice && !silent) {
          // Why the previous kernel died (fatalReport.ts), once, in the first cell run after the restart.
          this.publish("stream", { name: "stderr", text: notice + "\n" }, {}, [], msg.header);
          notice = "";
        }
        if (c.store_history !== false && !silent) this.history.push([0, count, code]);
        const ac = new AbortController();
        this.currentAbort = ac;
        const outcome = await contextStore().run({ parent: msg.header, signal: ac.signal }, () => executor.execute(code, ac.signal));
        this.currentAbort = null;
        if (outcome.status === "ok") {
          if (outcome.hasResult && !silent) {
            let data: Record<string, unknown>;
            try {
              data = await contextStore().run({ parent: msg.header }, () => toMimeBundle(outcome.result));
            } catch (e) {
              const d = describeError(e);
              data = { "text/plain": `(could not display the result: ${d.ename}: ${d.evalue})` };
            }
            this.publish("execute_result", { execution_count: count, data, metadata: {} }, {}, [], msg.header);
            const last = this.history[this.history.length - 1];
            if (last && last[1] === count) last[3] = String(data["text/plain"] ?? "");
          }
          await this.reply(sock, msg, "execute_reply", { status: "ok", execution_count: count, payload: [], user_expressions: {} });
        } else {
          const err = { ename: outcome.ename, evalue: outcome.evalue, traceback: outcome.traceback };
          this.publish("error", err, {}, [], msg.header);
          if (c.stop_on_error !== false) this.abortQueuedBefore = this.enqueued;
          await this.reply(sock, msg, "execute_reply", { status: "error", execution_count: count, ...err });
        }
      } finally {
        this.running--;
        this.publish("status", { execution_state: "idle" }, {}, [], msg.header);
      }
    }

    /** Stop the running cell: aborts an awaiting cell; a synchronous loop is stopped by SIGINT itself. */
    interrupt(): void {
      this.interrupts++;
      this.currentAbort?.abort();
    }

    get interruptCount(): number {
      return this.interrupts;
    }

    private pendingStream: { name: string; parent: Partial<Header>; text: string } | null = null;
    private streamTimer: ReturnType<typeof setTimeout> | null = null;

    /**
     * Collect stream output and send it in pieces (every 20 ms, at 64 KiB, or before any other
     * message), as ipykernel does: a loop of console.log otherwise floods iopub with one message
     * per line, beyond the publisher's high-water mark, and messages are dropped.
     */
    private writeStream(name: string, text: string, parent: Partial<Header>): void {
      const p = this.pendingStream;
      if (p && (p.name !== name || p.parent.msg_id !== parent.msg_id)) this.flushStreams();
      if (!this.pendingStream) this.pendingStream = { name, parent, text: "" };
      this.pendingStream.text += text;
      if (this.pendingStream.text.length >= 65536) this.flushStreams();
      else if (!this.streamTimer) this.streamTimer = setTimeout(() => this.flushStreams(), 20);
    }

    /** Send the collected stream output now. */
    flushStreams(): void {
      if (this.streamTimer) {
        clearTimeout(this.streamTimer);
        this.streamTimer = null;
      }
      const p = this.pendingStream;
      if (!p) return;
      this.pendingStream = null;
      this.publish("stream", { name: p.name, text: p.text }, {}, [], p.parent);
    }

    /** Route stdout/stderr to the cell (or comm message) whose code writes them. */
    captureOutput(): void {
      const make = (name: "stdout" | "stderr", orig: typeof origStdoutWrite) =>
        ((chunk: string | Uint8Array, enc?: unknown, cb?: unknown) => {
          const parent = contextStore().getStore()?.parent ?? (this.lastExecParent.msg_id ? this.lastExecParent : undefined);
          if (!parent) return orig(chunk as string, enc as BufferEncoding, cb as () => void);
          const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
          this.writeStream(name, text, parent);
          if (typeof enc === "function") (enc as () => void)();
          else if (typeof cb === "function") (cb as () => void)();
          return true;
        }) as typeof process.stdout.write;
      process.stdout.write = make("stdout", origStdoutWrite);
      process.stderr.write = make("stderr", origStderrWrite);
    }
  }

  const server = new EdgeworksServer({ close: () => executor.close() }, configPath);
  const handle: KernelHandle = {
    publish: (t, c, m, b) => server.publish(t, c, m, b),
    comms: server.comms,
    interruptCount: () => server.interruptCount,
  };
  setKernel(handle);
  registerWidgetTargets(server.comms);
  // tslab's own `display` API (`import * as tslab from "tslab"`) publishes through this hook.
  tslabJupyter.lastWriteDisplayData = (data: Record<string, unknown>, update: boolean) =>
    server.publish(update ? "update_display_data" : "display_data", data);
  return {
    async start(): Promise<void> {
      server.captureOutput();
      process.on("SIGINT", () => server.interrupt());
      process.on("uncaughtException", (e) => {
        kernelLog(`uncaught exception: ${e.stack ?? String(e)}`);
        server.publish("stream", { name: "stderr", text: `Uncaught ${e.name}: ${e.message}\n` });
      });
      process.on("unhandledRejection", (e) => {
        kernelLog(`unhandled rejection: ${e instanceof Error ? e.stack : String(e)}`);
        const d = describeError(e);
        server.publish("stream", { name: "stderr", text: `Unhandled promise rejection: ${d.ename}: ${d.evalue}\n` });
      });
      await server.init();
    },
  };
}
