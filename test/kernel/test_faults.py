"""The kernel under faults and the status guarantees the front-end relies on (issue 9):
busy/idle around comm messages handled while a cell awaits, busy sent before a blocking cell,
requests with a null content answered, timer callbacks interruptible."""
import struct
import time

from test_protocol import open_widget


def statuses(msgs):
    return [m["content"]["execution_state"] for m in msgs if m["msg_type"] == "status"]


def test_a_comm_message_during_an_awaiting_cell_gets_busy_and_idle_then_the_cell_reads_busy(frontend):
    _, _, op = open_widget(frontend)
    cell = frontend.kc.execute("console.log('waiting'); const got = await w.nextSelection(); console.log('got', got.length)")
    while True:
        m = frontend.kc.get_iopub_msg(timeout=60)
        if m["parent_header"].get("msg_id") == cell and m["msg_type"] == "stream" and "waiting" in m["content"]["text"]:
            break
    comm = frontend.send_comm(
        "comm_msg",
        {"comm_id": op["content"]["comm_id"], "data": {"method": "update", "state": {}, "buffer_paths": [["selection"]]}},
        buffers=[struct.pack("<2I", 1, 3)],
    )
    seen = []
    while True:
        m = frontend.kc.get_iopub_msg(timeout=30)
        seen.append(m)
        if m["parent_header"].get("msg_id") == cell and m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    comm_msgs = [m for m in seen if m["parent_header"].get("msg_id") == comm]
    # ipywidgets holds the next update of a model until the idle parented to its last message
    assert statuses(comm_msgs) == ["busy", "idle"], [(m["msg_type"], m["parent_header"].get("msg_id")) for m in seen]
    i_idle = seen.index([m for m in comm_msgs if m["msg_type"] == "status"][-1])
    after = [m for m in seen[i_idle + 1:] if m["msg_type"] == "status"]
    # the kernel's status goes back to busy for the running cell before the cell's idle
    assert after[0]["parent_header"]["msg_id"] == cell and after[0]["content"]["execution_state"] == "busy"
    assert frontend.shell_reply(cell)["content"]["status"] == "ok"


def test_busy_and_execute_input_arrive_before_a_blocking_cell_is_interrupted(frontend):
    msg_id = frontend.kc.execute("while (true) {}")
    got = []
    deadline = time.time() + 20
    while time.time() < deadline and "execute_input" not in [m["msg_type"] for m in got]:
        m = frontend.kc.get_iopub_msg(timeout=20)
        if m["parent_header"].get("msg_id") == msg_id:
            got.append(m)
    # both arrived while the loop blocks the event loop (nothing interrupted it yet)
    assert [m["msg_type"] for m in got][:2] == ["status", "execute_input"]
    assert got[0]["content"]["execution_state"] == "busy"
    reply = frontend.interrupt_until_reply(msg_id)
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    frontend.iopub_until_idle(msg_id)


def test_an_execute_request_with_null_content_gets_an_error_reply(frontend):
    session = frontend.kc.session
    msg = session.msg("execute_request", {"code": "1"})
    frames = session.serialize(msg)  # [<IDS|MSG>, signature, header, parent, metadata, content]
    frames[-1] = b"null"  # jupyter_client would send {} for None: write the frame by hand
    frames[1] = session.sign(frames[2:6])
    frontend.kc.shell_channel.socket.send_multipart(frames)
    msg_id = msg["header"]["msg_id"]
    reply = frontend.shell_reply(msg_id, 30)
    assert reply["msg_type"] == "execute_reply"
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "BadRequest"
    assert "JSON object" in reply["content"]["evalue"]
    assert statuses(frontend.iopub_until_idle(msg_id)) == ["busy", "idle"]
    # nothing lands on another cell, and the kernel runs the next cell
    reply, msgs = frontend.execute("console.log('still here')")
    assert reply["content"]["status"] == "ok" and frontend.stdout(msgs).strip() == "still here"


def test_a_busy_loop_in_a_timer_callback_is_interrupted(frontend):
    reply, _ = frontend.execute("let ticks = 0; setTimeout(() => { while (true) { ticks++; } }, 50); 'scheduled'")
    assert reply["content"]["status"] == "ok"
    time.sleep(1.5)  # the callback now blocks the kernel
    msg_id = frontend.kc.execute("console.log('after', ticks > 0)")
    reply = frontend.interrupt_until_reply(msg_id, tries=40)
    assert reply["content"]["status"] == "ok"
    assert frontend.stdout(frontend.iopub_until_idle(msg_id)).strip() == "after true"
    _, msgs = frontend.execute("const t0 = ticks; await new Promise((r) => setTimeout(r, 300)); console.log(ticks === t0)")
    assert frontend.stdout(msgs).strip() == "true"  # the loop has stopped
