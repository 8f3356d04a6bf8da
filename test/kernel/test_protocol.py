"""Comm and widget protocol 2.1.0 of the edgeworks kernel, with jupyter_client as the front-end."""
import struct
import threading
import time


WIDGET_CELL = """
import { scatterSelect } from "edgeworks/kernel";
const w = scatterSelect([0, 1, 2, 3, 4], [4, 3, 2, 1, 0], { xLabel: "PC1", yLabel: "PC2" });
w
"""


def open_widget(fe):
    reply, msgs = fe.execute(WIDGET_CELL)
    assert reply["content"]["status"] == "ok", reply["content"]
    opens = [m for m in msgs if m["msg_type"] == "comm_open"]
    assert len(opens) == 1
    return reply, msgs, opens[0]


def test_widget_open_is_parented_to_the_cell_with_version_and_buffers(frontend):
    reply, msgs, op = open_widget(frontend)
    assert op["content"]["target_name"] == "jupyter.widget"
    assert op["metadata"]["version"] == "2.1.0"
    assert op["parent_header"]["msg_id"] == reply["parent_header"]["msg_id"]
    state = op["content"]["data"]["state"]
    assert state["_model_module"] == "edgeworks-widgets"
    assert state["_view_name"] == "ScatterSelectView"
    paths = op["content"]["data"]["buffer_paths"]
    assert ["x"] in paths and ["y"] in paths and ["selection"] in paths
    assert "x" not in state  # a dict key with a buffer is absent from the JSON
    x = op["buffers"][paths.index(["x"])]
    assert struct.unpack("<5d", x) == (0.0, 1.0, 2.0, 3.0, 4.0)
    results = [m for m in msgs if m["msg_type"] == "execute_result"]
    view = results[0]["content"]["data"]["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == op["content"]["comm_id"] and view["version_major"] == 2
    assert "text/plain" in results[0]["content"]["data"]


def test_update_with_binary_buffer_is_echoed_and_read_by_a_later_cell(frontend):
    _, _, op = open_widget(frontend)
    comm_id = op["content"]["comm_id"]
    buf = struct.pack("<4i", 0, 1, 3, 4)
    mid = frontend.send_comm(
        "comm_msg",
        {"comm_id": comm_id, "data": {"method": "update", "state": {}, "buffer_paths": [["selection"]]}},
        buffers=[buf],
    )
    msgs = frontend.iopub_until_idle(mid)
    echoes = [m for m in msgs if m["msg_type"] == "comm_msg" and m["content"]["data"]["method"] == "echo_update"]
    assert len(echoes) == 1
    assert echoes[0]["parent_header"]["msg_id"] == mid
    assert echoes[0]["content"]["data"]["buffer_paths"] == [["selection"]]
    assert bytes(echoes[0]["buffers"][0]) == buf
    # The kernel model declares selection as Uint32Array: the same bytes as Int32 [0, 1, 3, 4].
    reply, msgs = frontend.execute("console.log(Array.from(w.selection).join(','), w.selection.constructor.name)")
    assert frontend.stdout(msgs).strip() == "0,1,3,4 Uint32Array"


def test_an_update_with_an_index_out_of_range_is_refused_and_the_front_end_told(frontend):
    _, _, op = open_widget(frontend)
    comm_id = op["content"]["comm_id"]
    mid = frontend.send_comm(
        "comm_msg",
        {"comm_id": comm_id, "data": {"method": "update", "state": {}, "buffer_paths": [["selection"]]}},
        buffers=[struct.pack("<I", 99)],
    )
    msgs = frontend.iopub_until_idle(mid)
    datas = [m["content"]["data"] for m in msgs if m["msg_type"] == "comm_msg"]
    assert not [d for d in datas if d["method"] == "echo_update"]  # not applied, not echoed
    errors = [d for d in datas if d["method"] == "custom" and d["content"].get("type") == "error"]
    assert len(errors) == 1 and "99" in errors[0]["content"]["message"], datas
    # the kernel's own selection is sent back so the view returns to it
    assert [d for d in datas if d["method"] == "update" and "selection" in sum(d.get("buffer_paths", []), [])]
    reply, msgs = frontend.execute("console.log(w.selection.length, String(w.model.get('error')).includes('99'))")
    assert reply["content"]["status"] == "ok", reply["content"]
    assert frontend.stdout(msgs).strip() == "0 true"


def test_an_update_whose_buffers_do_not_match_its_paths_is_refused_without_echo(frontend):
    _, _, op = open_widget(frontend)
    comm_id = op["content"]["comm_id"]
    mid = frontend.send_comm(
        "comm_msg",
        {"comm_id": comm_id, "data": {"method": "update", "state": {}, "buffer_paths": [["selection"], ["x"]]}},
        buffers=[struct.pack("<I", 1)] * 5,
    )
    msgs = frontend.iopub_until_idle(mid)
    datas = [m["content"]["data"] for m in msgs if m["msg_type"] == "comm_msg"]
    assert not [d for d in datas if d["method"] == "echo_update"]
    assert [d for d in datas if d["method"] == "custom" and d["content"].get("type") == "error"]


def test_request_state_returns_the_full_state(frontend):
    _, _, op = open_widget(frontend)
    mid = frontend.send_comm("comm_msg", {"comm_id": op["content"]["comm_id"], "data": {"method": "request_state"}})
    msgs = frontend.iopub_until_idle(mid)
    ups = [m for m in msgs if m["msg_type"] == "comm_msg" and m["content"]["data"]["method"] == "update"]
    assert len(ups) == 1 and ups[0]["parent_header"]["msg_id"] == mid
    state = ups[0]["content"]["data"]["state"]
    for k in ["_model_name", "_model_module", "_model_module_version", "_view_name", "_view_module", "_view_module_version", "x_label", "y_label", "title", "width", "height"]:
        assert k in state, k
    assert sorted(map(tuple, ups[0]["content"]["data"]["buffer_paths"])) == [("selection",), ("x",), ("y",)]


def test_kernel_set_sends_update_and_observers_fire(frontend):
    open_widget(frontend)
    reply, msgs = frontend.execute(
        "let seen = 0; w.onSelection((s) => { seen = s.length; }); w.select([4, 1, 1]); console.log(seen)"
    )
    ups = [m for m in msgs if m["msg_type"] == "comm_msg" and m["content"]["data"]["method"] == "update"]
    assert len(ups) == 1
    assert struct.unpack("<2I", ups[0]["buffers"][0]) == (1, 4)
    assert frontend.stdout(msgs).strip() == "2"
    reply, _ = frontend.execute("w.select([7])")
    assert reply["content"]["status"] == "error" and "outside [0, 5)" in reply["content"]["evalue"]


def test_comm_info_lists_open_widgets(frontend):
    _, _, op = open_widget(frontend)
    reply = frontend.shell_reply(frontend.kc.comm_info(target_name="jupyter.widget"), 10)
    assert reply["msg_type"] == "comm_info_reply" and reply["content"]["status"] == "ok"
    assert reply["content"]["comms"] == {op["content"]["comm_id"]: {"target_name": "jupyter.widget"}}


def test_control_comm_answers_update_states(frontend):
    _, _, op = open_widget(frontend)
    frontend.send_comm("comm_open", {"comm_id": "ctl-1", "target_name": "jupyter.widget.control", "data": {}})
    mid = frontend.send_comm("comm_msg", {"comm_id": "ctl-1", "data": {"method": "request_states"}})
    msgs = frontend.iopub_until_idle(mid)
    ups = [m for m in msgs if m["msg_type"] == "comm_msg"]
    data = ups[0]["content"]["data"]
    assert data["method"] == "update_states"
    wid = op["content"]["comm_id"]
    assert data["states"][wid]["model_name"] == "ScatterSelectModel"
    assert [wid, "state", "x"] in data["buffer_paths"]
    assert len(ups[0]["buffers"]) == len(data["buffer_paths"])


def test_unknown_target_is_closed_at_once(frontend):
    mid = frontend.send_comm("comm_open", {"comm_id": "abc", "target_name": "no.such.target", "data": {}})
    msgs = frontend.iopub_until_idle(mid)
    closes = [m for m in msgs if m["msg_type"] == "comm_close"]
    assert len(closes) == 1 and closes[0]["content"]["comm_id"] == "abc"


def test_malformed_comm_messages_are_logged_and_the_kernel_keeps_running(frontend):
    _, _, op = open_widget(frontend)
    frontend.send_comm("comm_msg", {"comm_id": op["content"]["comm_id"], "data": {"method": "update", "state": "not an object"}})
    frontend.send_comm("comm_msg", {"comm_id": op["content"]["comm_id"], "data": {"method": "update", "state": {}, "buffer_paths": [["x"], ["y"]]}}, buffers=[b"1234"])
    frontend.send_comm("comm_msg", {"data": {}})
    frontend.send_comm("comm_open", {"target_name": 5})
    reply, msgs = frontend.execute("console.log('alive', w.size)")
    assert reply["content"]["status"] == "ok"
    assert frontend.stdout(msgs).strip() == "alive 5"


def test_interrupt_stops_a_synchronous_loop_and_the_next_cell_runs(frontend):
    frontend.execute("let counter = 41")
    msg_id = frontend.kc.execute("while (true) { counter = counter; }")
    time.sleep(2.0)
    reply = frontend.interrupt_until_reply(msg_id)
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "KeyboardInterrupt"
    frontend.iopub_until_idle(msg_id)
    reply, msgs = frontend.execute("console.log(counter + 1)")
    assert frontend.stdout(msgs).strip() == "42"


def test_interrupt_stops_an_awaiting_loop_and_progress_updates_in_place(frontend):
    frontend.execute('import { progress } from "edgeworks/kernel"; let i = 0;')
    code = """
const p = progress(1000000, { label: "long", minIntervalMs: 0 });
for (; i < 1000000; i++) { await new Promise((r) => setTimeout(r, 5)); p.tick(); }
"""
    msg_id = frontend.kc.execute(code)
    time.sleep(2.5)
    reply = frontend.interrupt_until_reply(msg_id)
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    msgs = frontend.iopub_until_idle(msg_id)
    first = [m for m in msgs if m["msg_type"] == "display_data"]
    updates = [m for m in msgs if m["msg_type"] == "update_display_data"]
    assert len(first) == 1 and len(updates) >= 3
    did = first[0]["content"]["transient"]["display_id"]
    assert all(u["content"]["transient"]["display_id"] == did for u in updates)
    assert "<progress" in updates[-1]["content"]["data"]["text/html"]
    reply, msgs = frontend.execute("console.log(i)")
    first_i = int(frontend.stdout(msgs))
    assert 0 < first_i < 1000000
    time.sleep(0.5)
    reply, msgs = frontend.execute("console.log(i)")
    assert int(frontend.stdout(msgs)) == first_i  # the loop has stopped


def test_a_comm_message_is_handled_while_a_cell_awaits_it(frontend):
    _, _, op = open_widget(frontend)
    msg_id = frontend.kc.execute("const next = w.nextSelection(); console.log('waiting'); const sel = await next; console.log('got', sel.length)")
    # send only once the cell is awaiting (it printed "waiting"), however slow the machine is
    while True:
        m = frontend.kc.get_iopub_msg(timeout=60)
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream" and "waiting" in m["content"]["text"]:
            break
    buf = struct.pack("<3I", 0, 2, 4)
    frontend.send_comm(
        "comm_msg",
        {"comm_id": op["content"]["comm_id"], "data": {"method": "update", "state": {}, "buffer_paths": [["selection"]]}},
        buffers=[buf],
    )
    reply = frontend.shell_reply(msg_id, 30)
    assert reply["content"]["status"] == "ok"
    msgs = frontend.iopub_until_idle(msg_id)
    assert frontend.stdout(msgs).strip() == "got 3"


def test_interrupt_stops_a_library_nmf_and_the_kernel_survives(frontend):
    frontend.execute(
        'import * as ew from "edgeworks"; let iters = 0;'
        " const X = new Float64Array(20000 * 50).map((_, i) => ((i * 7919) % 1000) / 1000);"
    )
    msg_id = frontend.kc.execute(
        "await ew.nmfAsync(ew.matrix(X, 20000, 50), { k: 4, maxIter: 1000000, tol: 0, yieldEvery: 1, onProgress: (it) => { iters = it; } })"
    )
    time.sleep(3.0)
    reply = frontend.interrupt_until_reply(msg_id)
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "KeyboardInterrupt"
    frontend.iopub_until_idle(msg_id)
    _, msgs = frontend.execute("console.log(iters)")
    first = int(frontend.stdout(msgs))
    assert first > 0
    time.sleep(1.0)
    _, msgs = frontend.execute("console.log(iters, X.length)")
    assert frontend.stdout(msgs).split() == [str(first), "1000000"]  # stopped, variables intact


def test_a_burst_of_output_arrives_complete_in_order_and_ends_idle(frontend):
    # zeromq.js allows one send in flight per socket; a burst used to throw EBUSY and lose messages
    reply, msgs = frontend.execute("for (let i = 0; i < 3000; i++) console.log(i)")
    assert reply["content"]["status"] == "ok"
    assert frontend.stdout(msgs).split() == [str(i) for i in range(3000)]
    assert msgs[-1]["msg_type"] == "status" and msgs[-1]["content"]["execution_state"] == "idle"


def test_a_cell_declaring_a_name_the_cell_wrapper_takes_gets_a_clear_error(frontend):
    # Each cell runs as a function of exports, require and the interruptible timers; V8's own
    # message ("Identifier 'exports' has already been declared") names nothing the user wrote twice.
    for name in ["exports", "require", "setTimeout"]:
        reply, msgs = frontend.execute(f"const {{ {name} }} = {{ {name}: 1 }} as any;")
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == "SyntaxError"
        assert f'"{name}" cannot be declared at the top level of a cell' in reply["content"]["evalue"]
    # Destructuring with renaming inside a function is fine, and the kernel goes on.
    reply, msgs = frontend.execute("function pickA(o: { a: number }) { const { a: A } = o; return A; }\nconsole.log(pickA({ a: 7 }))")
    assert reply["content"]["status"] == "ok"
    assert frontend.stdout(msgs).strip() == "7"
