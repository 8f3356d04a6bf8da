"""Rich display of the library's own objects through the kernel (kernel-ext/richDisplay.ts)."""
import base64
import re

# a pixel table of two samples, mixtures of two peaks plus a little seeded noise
TABLE_CELL = """
import * as ew from "edgeworks";
const nE = 16;
const energies = Array.from({ length: nE }, (_, i) => 528 + i);
const peak = (c: number) => energies.map((e) => Math.exp(-(((e - c) / 1.5) ** 2)));
let seed = 1;
const noise = () => { seed = (seed * 16807) % 2147483647; return (seed / 2147483647 - 0.5) * 0.01; };
const nPixels = 40;
const data = new Float64Array(nPixels * nE);
for (let r = 0; r < nPixels; r++) {
  const a = (r % 10) / 10;
  for (let e = 0; e < nE; e++) data[r * nE + e] = a * peak(530)[e] + (1 - a) * peak(535)[e] + noise();
}
const T = ew.makePixelTable({ data, nPixels, nE, energies,
  sample: Array.from({ length: nPixels }, (_, r) => (r < 25 ? 0 : 1)),
  x: Array.from({ length: nPixels }, (_, r) => (r < 25 ? r % 5 : (r - 25) % 5)),
  y: Array.from({ length: nPixels }, (_, r) => (r < 25 ? Math.floor(r / 5) : Math.floor((r - 25) / 5))),
  samples: [{ name: "pristine", ny: 5, nx: 5 }, { name: "charged", ny: 3, nx: 5 }] });
"""


def result_data(msgs):
    results = [m for m in msgs if m["msg_type"] == "execute_result"]
    assert len(results) == 1, [m["msg_type"] for m in msgs]
    return results[0]["content"]["data"]


def test_a_cell_ending_with_a_pca_result_shows_html_summary_chart_and_text(frontend):
    reply, _ = frontend.execute(TABLE_CELL)
    assert reply["content"]["status"] == "ok", reply["content"]
    reply, msgs = frontend.execute("const p = ew.pca(T);\nconsole.log(`k=${p.suggestion.nComponents}`);\np", timeout=120)
    assert reply["content"]["status"] == "ok", reply["content"]
    k = int(re.search(r"k=(\d+)", frontend.stdout(msgs)).group(1))
    data = result_data(msgs)
    assert "text/html" in data and "text/plain" in data
    assert "application/vnd.vegalite.v5+json" in data or "image/svg+xml" in data
    html, text = data["text/html"], data["text/plain"]
    assert text.startswith(f"PcaResult: 40 pixels × 16 energies, {k} suggested"), text
    assert "40 × 16" in html and "suggested components" in html and f"{k} (scree elbow" in html
    svg = base64.b64encode(data["image/svg+xml"].encode()).decode()
    assert f'<img src="data:image/svg+xml;base64,{svg}"' in html, "the scree chart is inside the HTML"
    spec = data["application/vnd.vegalite.v5+json"]
    assert spec["title"]["subtitle"].startswith(f"suggested: {k} component")
    assert data["image/svg+xml"].startswith("<svg")


def test_show_of_a_stack_and_a_scan_with_warnings(frontend):
    cell = """
import * as ew from "edgeworks";
import { show } from "edgeworks/kernel";
const s = ew.makeStack({ data: Float64Array.from({ length: 3 * 4 * 6 }, (_, i) => 100 + (i % 7)), nE: 3, ny: 4, nx: 6,
  energies: [708, 709, 710], x: [0, 0.1, 0.2, 0.3, 0.4, 0.5], y: [0, 0.1, 0.2, 0.3], channel: "PMT", source: "a.hdr" });
await show(s);
({ format: "sdf", source: "a.hdr", stacks: [s], metadata: {}, warnings: ["the .xim of region 2 is missing"] })
"""
    reply, msgs = frontend.execute(cell, timeout=120)
    assert reply["content"]["status"] == "ok", reply["content"]
    shown = [m for m in msgs if m["msg_type"] == "display_data"]
    assert len(shown) == 1
    d = shown[0]["content"]["data"]
    assert base64.b64decode(d["image/png"])[1:4] == b"PNG"
    assert d["text/plain"].startswith("Stack: 3 × 4 × 6 (energy × y × x), counts, PMT")
    assert "0.1 × 0.1 µm" in d["text/plain"]
    scan = result_data(msgs)
    assert scan["text/plain"].splitlines()[1] == "  ⚠ the .xim of region 2 is missing"
    assert "⚠ the .xim of region 2 is missing" in scan["text/html"]
