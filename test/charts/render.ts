// Test helper: compile a vega-lite spec and render it to SVG in Node, collecting warnings.
const vl = require("vega-lite") as { compile(s: unknown, o?: unknown): { spec: unknown } };
const vega = require("vega") as {
  parse(s: unknown): unknown;
  View: new (rt: unknown, o: { renderer: string; logger?: unknown }) => { toSVG(): Promise<string>; finalize(): void };
};

function collector(sink: string[]) {
  let level = 2;
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    warn: (...a: unknown[]) => (sink.push(a.map(String).join(" ")), logger),
    error: (...a: unknown[]) => (sink.push("ERROR " + a.map(String).join(" ")), logger),
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/** Compile with vega-lite and render to SVG with vega (renderer "none"); return the SVG and all warnings. */
export async function renderSvg(spec: Record<string, unknown>): Promise<{ svg: string; warnings: string[] }> {
  const warnings: string[] = [];
  const compiled = vl.compile(spec, { logger: collector(warnings) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logger: collector(warnings) });
  try {
    return { svg: await view.toSVG(), warnings };
  } finally {
    view.finalize();
  }
}
