/**
 * A fake kernel for widget tests: a CommManager whose published messages are kept in `sent`.
 * The kernel handle is one global, so tests install it before each test (`beforeEach(fake.use)`):
 * at load time another test file's fake kernel, loaded later, would win in the full suite.
 */
import { CommManager } from "../../kernel-ext/comms";
import { setKernel } from "../../kernel-ext/context";

/** One message the kernel published. */
export interface Sent {
  type: string;
  content: Record<string, unknown>;
  buffers: unknown[];
}

/** A fresh fake kernel: `sent` collects messages, `use()` makes it the kernel. */
export function fakeKernel(): { sent: Sent[]; comms: CommManager; use: () => void } {
  const sent: Sent[] = [];
  const comms = new CommManager((type, content, _m, buffers = []) => sent.push({ type, content, buffers }), () => {});
  return { sent, comms, use: () => setKernel({ publish: () => {}, comms, interruptCount: () => 0 }) };
}
