"""Fixtures for kernel protocol tests: a running edgeworks kernel and a jupyter_client client."""
import os
import queue

import jupyter_client
import pytest


class Frontend:
    """A minimal front-end: runs cells, sends comm messages, collects iopub traffic."""

    def __init__(self, km, kc):
        self.km, self.kc = km, kc

    def iopub_until_idle(self, parent_id, timeout=30):
        """All iopub messages parented to `parent_id`, up to its idle status."""
        out = []
        while True:
            m = self.kc.get_iopub_msg(timeout=timeout)
            if m["parent_header"].get("msg_id") != parent_id:
                continue
            out.append(m)
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                return out

    def execute(self, code, timeout=60):
        msg_id = self.kc.execute(code)
        return self.shell_reply(msg_id, timeout), self.iopub_until_idle(msg_id, timeout)

    def shell_reply(self, msg_id, timeout=60):
        """The shell reply to `msg_id` (stale replies, e.g. to start-up kernel_info requests, are skipped)."""
        while True:
            reply = self.kc.get_shell_msg(timeout=timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def stdout(self, msgs):
        return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")

    def interrupt_until_reply(self, msg_id, tries=30):
        """Interrupt until the cell replies (a SIGINT that lands while the cell still compiles is retried)."""
        for _ in range(tries):
            self.km.interrupt_kernel()
            try:
                return self.shell_reply(msg_id, timeout=2)
            except queue.Empty:
                continue
        raise AssertionError(f"no reply to {msg_id} after {tries} interrupts")

    def send_comm(self, msg_type, content, buffers=None):
        msg = self.kc.session.msg(msg_type, content)
        self.kc.session.send(self.kc.shell_channel.socket, msg, buffers=buffers or [])
        return msg["header"]["msg_id"]

    def drain(self, timeout=0.5):
        out = []
        while True:
            try:
                out.append(self.kc.get_iopub_msg(timeout=timeout))
            except queue.Empty:
                return out


@pytest.fixture
def frontend(tmp_path):
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="edgeworks", cwd=str(tmp_path))
    try:
        yield Frontend(km, kc)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
