import { strict as assert } from "node:assert";
import { sendWhenBound } from "../../kernel-ext/server";

/** A socket whose first `busy` sends throw as zeromq.js does while a bind is in progress. */
function fakeSocket(busy: number, error: () => Error) {
  const sent: Buffer[][] = [];
  let calls = 0;
  return {
    sent,
    get calls() {
      return calls;
    },
    async send(frames: Buffer[]) {
      calls++;
      if (calls <= busy) throw error();
      sent.push(frames);
    },
  };
}

const bindBusy = () => Object.assign(new Error("Socket is blocked by a bind or unbind operation"), { code: "EBUSY" });

describe("kernel sends while the sockets are being bound", () => {
  it("retries a send refused during a bind until it goes out, once", async () => {
    const sock = fakeSocket(3, bindBusy);
    await sendWhenBound(sock as never, [Buffer.from("status")]);
    assert.equal(sock.calls, 4);
    assert.deepEqual(sock.sent.map((f) => f[0].toString()), ["status"]);
  });

  it("does not retry other errors", async () => {
    const sock = fakeSocket(1, () => Object.assign(new Error("Socket is closed"), { code: "EBADF" }));
    await assert.rejects(sendWhenBound(sock as never, [Buffer.from("x")]), /Socket is closed/);
    assert.equal(sock.calls, 1);
  });

  it("gives up after about 2 s of refusals", async () => {
    const sock = fakeSocket(Infinity, bindBusy);
    await assert.rejects(sendWhenBound(sock as never, [Buffer.from("x")]), /blocked by a bind/);
    assert.equal(sock.calls, 401);
  });
});
