/**
 * The Jupyter wire protocol (messaging spec 5.3): parsing and signing multipart ZeroMQ
 * messages. Unlike tslab's own parser, the HMAC covers only the four JSON frames
 * (header, parent header, metadata, content); binary buffers follow as raw frames.
 *
 * @module
 */
import { createHmac, randomBytes } from "node:crypto";

/** The delimiter between ZeroMQ routing identities and the signed message. */
export const DELIM: Buffer = Buffer.from("<IDS|MSG>");

/** A Jupyter message header. */
export interface Header {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
  [key: string]: unknown;
}

/** A parsed Jupyter message with its routing identities and binary buffers. */
export interface Message {
  identities: Buffer[];
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
  /** Raw binary frames after the content frame. */
  buffers: Buffer[];
}

/** HMAC-SHA256 hex digest of the given frames ("" when the key is empty: signing disabled). */
export function sign(key: string, frames: readonly (Buffer | string)[]): string {
  if (!key) return "";
  const h = createHmac("sha256", key);
  for (const f of frames) h.update(f);
  return h.digest("hex");
}

/**
 * Parse raw frames `[ids…, DELIM, signature, header, parent, metadata, content, buffers…]`.
 * @throws Error naming what is wrong: missing delimiter, too few frames, bad signature, bad JSON.
 */
export function parseMessage(key: string, frames: readonly Buffer[]): Message {
  const d = frames.findIndex((f) => f.equals(DELIM));
  if (d < 0) throw new Error("Jupyter message without the <IDS|MSG> delimiter");
  if (frames.length < d + 6) {
    throw new Error(`Jupyter message has ${frames.length - d - 1} frames after the delimiter, expected at least 5`);
  }
  const signature = frames[d + 1].toString();
  const signed = frames.slice(d + 2, d + 6);
  const want = sign(key, signed);
  if (key && signature !== want) throw new Error("Jupyter message with an invalid HMAC signature");
  const json = (i: number, what: string): Record<string, unknown> => {
    try {
      return JSON.parse(signed[i].toString("utf8")) as Record<string, unknown>;
    } catch (e) {
      throw new Error(`Jupyter message ${what} frame is not JSON: ${(e as Error).message}`);
    }
  };
  return {
    identities: frames.slice(0, d),
    header: json(0, "header") as unknown as Header,
    parent_header: json(1, "parent_header") as Partial<Header>,
    metadata: json(2, "metadata"),
    content: json(3, "content"),
    buffers: frames.slice(d + 6),
  };
}

/** A new header for a message sent by the kernel. */
export function newHeader(msgType: string, session: string): Header {
  return {
    msg_id: randomBytes(16).toString("hex"),
    msg_type: msgType,
    session,
    username: "kernel",
    date: new Date().toISOString(),
    version: "5.3",
  };
}

/** Binary payloads accepted as message buffers. */
export type BufferLike = Buffer | ArrayBuffer | ArrayBufferView;

/** Convert a typed array, DataView or ArrayBuffer to a Buffer sharing its memory. */
export function toBuffer(b: BufferLike): Buffer {
  if (Buffer.isBuffer(b)) return b;
  if (ArrayBuffer.isView(b)) return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return Buffer.from(b);
}

/** Serialise a message to frames, signing only the four JSON frames. */
export function serializeMessage(
  key: string,
  identities: readonly Buffer[],
  header: Header,
  parent: Partial<Header>,
  metadata: Record<string, unknown>,
  content: unknown,
  buffers: readonly BufferLike[] = [],
): Buffer[] {
  const body = [JSON.stringify(header), JSON.stringify(parent), JSON.stringify(metadata), JSON.stringify(content)].map(
    (s) => Buffer.from(s, "utf8"),
  );
  return [...identities, DELIM, Buffer.from(sign(key, body)), ...body, ...buffers.map(toBuffer)];
}
