/**
 * Runs notebook cells: compiles them with tslab's converter (its bundled TypeScript 5.0
 * fork), evaluates them in the kernel's own realm, and reports the value of the last
 * expression and errors as data (so the server can send `execute_result` and `error`
 * messages), unlike tslab's executor which prints both to stdout/stderr.
 *
 * Module resolution is extended so that `edgeworks` and `edgeworks/kernel` resolve from a
 * notebook in any directory, and `@types/node` is found even when the notebook lives
 * outside any npm project.
 *
 * @module
 */
import Module from "node:module";
import path from "node:path";
import vm from "node:vm";
import fs from "node:fs";
import { KeyboardInterrupt } from "./interrupt";
import { cellTimers } from "./cellTimers";

/** The repository root (this file is `dist/kernel-ext/executor.js`). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** tslab's bundled TypeScript 5.0 fork. */
const TS_PATH = require.resolve("@tslab/typescript-for-tslab", { paths: [path.dirname(require.resolve("tslab/package.json"))] });

/** What running one cell produced. */
export type CellOutcome =
  | { status: "ok"; hasResult: boolean; result?: unknown }
  | { status: "error"; ename: string; evalue: string; traceback: string[] };

/** A compiled-and-run notebook session. */
export interface Executor {
  /** Compile and run one cell. `signal` aborts an awaiting cell (interrupt). */
  execute(code: string, signal: AbortSignal): Promise<CellOutcome>;
  /** Completions at a cursor offset. */
  complete(code: string, pos: number): { start: number; end: number; candidates: string[] };
  /** Hover information at a cursor offset, as plain text ("" when none). */
  inspect(code: string, pos: number): string;
  /** Whether the code is a complete statement (for the console). */
  isComplete(code: string): { status: "complete" | "incomplete"; indent?: string };
  /** Release the TypeScript watch program. */
  close(): void;
}

type TsOptions = Record<string, unknown>;
interface Converted {
  output?: string;
  declOutput?: string;
  diagnostics: { fileName?: string; start: { line: number; character: number }; messageText: string }[];
  hasToplevelAwait?: boolean;
  sideOutputs?: { path: string; data: string }[];
  lastExpressionVar?: string;
}
interface Converter {
  convert(prevDecl: string, src: string): Converted;
  complete(prevDecl: string, src: string, pos: number): { start: number; end: number; candidates: string[] };
  inspect(prevDecl: string, src: string, pos: number): unknown;
  close(): void;
}

/**
 * Expand shorthand properties (`{ group }` → `{ group: group }`). tslab rewrites references to
 * earlier cells' variables into `exports.name` but misses shorthand properties, which then
 * throw "group is not defined"; the long form means exactly the same.
 */
export function expandShorthandProperties(code: string): string {
  type Node = { kind: number; pos: number; end: number; name?: Node; forEachChild(cb: (n: Node) => void): void };
  const ts = require(TS_PATH) as {
    createSourceFile(name: string, text: string, target: number, setParents: boolean): Node;
    SyntaxKind: { ShorthandPropertyAssignment: number };
    ScriptTarget: { ES2022: number };
  };
  const sf = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.ES2022, true);
  const inserts: { at: number; text: string }[] = [];
  const visit = (n: Node): void => {
    if (n.kind === ts.SyntaxKind.ShorthandPropertyAssignment && n.name) {
      inserts.push({ at: n.name.end, text: `: ${code.slice(n.name.pos, n.name.end).trim()}` });
    }
    n.forEachChild(visit);
  };
  visit(sf);
  let out = code;
  for (const { at, text } of inserts.sort((a, b) => b.at - a.at)) out = out.slice(0, at) + text + out.slice(at);
  return out;
}

/** Module ids that always resolve to this repository, whatever the notebook's directory. */
const OWN_MODULES: Record<string, string> = {
  edgeworks: path.join(REPO_ROOT, "dist", "src", "index"),
  "edgeworks/kernel": path.join(REPO_ROOT, "dist", "kernel-ext", "api"),
  "edgeworks/simulate": path.join(REPO_ROOT, "dist", "src", "simulate"),
  "edgeworks/linalg": path.join(REPO_ROOT, "dist", "src", "linalg"),
  "edgeworks/xas": path.join(REPO_ROOT, "dist", "src", "xas"),
  "edgeworks/rixs": path.join(REPO_ROOT, "dist", "src", "rixs"),
  "edgeworks/diffraction": path.join(REPO_ROOT, "dist", "src", "diffraction"),
  "edgeworks/electrochem": path.join(REPO_ROOT, "dist", "src", "electrochem"),
};

/**
 * Make tslab's TypeScript find our modules and @types/node from any directory. tslab's
 * converter passes fixed compiler options to `createWatchCompilerHost`; the TypeScript module
 * exposes its functions as getters, so we place a shim module in the require cache (before
 * tslab's converter loads) whose `createWatchCompilerHost` adds `paths` and, when the notebook
 * directory has no `@types/node` above it, a type root with only `node`.
 */
function installTypeScriptShim(tsPath: string): void {
  type Ts = {
    createWatchCompilerHost: (...a: unknown[]) => unknown;
    getDefaultTypeRoots: (dir: string, host: unknown) => string[] | undefined;
    sys: { fileExists(p: string): boolean; directoryExists(p: string): boolean };
  };
  const cached = require.cache[tsPath];
  if (cached && (cached.exports as Record<symbol, boolean>)[Symbol.for("edgeworks.tsShim")]) return;
  const real = require(tsPath) as Ts;
  const orig = real.createWatchCompilerHost;
  const wrapped = function (this: unknown, roots: unknown, options: TsOptions, ...rest: unknown[]) {
    const paths: Record<string, string[]> = {};
    for (const [id, p] of Object.entries(OWN_MODULES)) paths[id] = [p];
    // `paths` needs a baseUrl in this TypeScript; dist/ holds nothing a bare import could hit by accident.
    const extra: TsOptions = { paths, baseUrl: path.join(REPO_ROOT, "dist") };
    const roots0 = real.getDefaultTypeRoots(process.cwd(), { directoryExists: real.sys.directoryExists }) ?? [];
    if (!roots0.some((r) => real.sys.fileExists(path.join(r, "node", "package.json")))) {
      extra.typeRoots = [path.join(REPO_ROOT, "node_modules", "@types")];
      extra.types = ["node"];
    }
    return orig.call(this, roots, { ...options, ...extra }, ...rest);
  };
  const shim: Record<string | symbol, unknown> = { [Symbol.for("edgeworks.tsShim")]: true };
  for (const k of Object.keys(real)) {
    Object.defineProperty(shim, k, { enumerable: true, get: () => (k === "createWatchCompilerHost" ? wrapped : (real as unknown as Record<string, unknown>)[k]) });
  }
  require.cache[tsPath]!.exports = shim;
}

// Installed when this module loads, before anything loads tslab (whose modules load TypeScript).
installTypeScriptShim(TS_PATH);

/** A `require` for notebook code: tslab's public API, our modules, then the notebook's directory. */
function makeRequire(cwd: string, sideOutputs: Map<string, string>, sideModules: Map<string, Module>): NodeJS.Require {
  const fromCwd = Module.createRequire(path.join(cwd, "__notebook__.js"));
  const fromRepo = Module.createRequire(path.join(REPO_ROOT, "package.json"));
  const req = function (id: string): unknown {
    if (id === "tslab") return fromRepo("tslab");
    if (id in OWN_MODULES) return fromRepo(OWN_MODULES[id]);
    // Local .ts modules of the notebook directory, compiled by the converter.
    if (id.startsWith(".")) {
      let file = path.resolve(cwd, id);
      if (!path.extname(file)) file += ".js";
      const cached = sideModules.get(file);
      if (cached) return cached.exports;
      const src = sideOutputs.get(file);
      if (src !== undefined) {
        const mod = new Module(file, module);
        mod.filename = file;
        mod.paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(path.dirname(file));
        (mod as unknown as { _compile(s: string, f: string): void })._compile(src, file);
        sideModules.set(file, mod);
        return mod.exports;
      }
    }
    try {
      return fromCwd(id);
    } catch (e) {
      if ((e as { code?: string }).code !== "MODULE_NOT_FOUND") throw e;
      return fromRepo(id);
    }
  } as NodeJS.Require;
  return Object.assign(req, { resolve: fromCwd.resolve, cache: fromCwd.cache, main: fromCwd.main, extensions: fromCwd.extensions });
}

/** Turn a thrown value into Jupyter's ename / evalue / traceback. */
export function describeError(e: unknown): { ename: string; evalue: string; traceback: string[] } {
  if (e instanceof Error) {
    // Frames of the cell only: from the stack's "at" lines, stop at the kernel's own frames.
    const frames: string[] = [];
    for (const line of (e.stack ?? "").split("\n")) {
      if (!/^\s+at /.test(line)) continue;
      if (/sigintHandlersWrap|node:vm|kernel-ext[\\/]executor|edgeworks-kernel-cell-end/.test(line)) break;
      frames.push(line);
    }
    return { ename: e.name || "Error", evalue: e.message, traceback: [`${e.name || "Error"}: ${e.message}`, ...frames] };
  }
  const s = String(e);
  return { ename: "Error", evalue: s, traceback: [s] };
}

/**
 * Create the executor for notebooks whose working directory is `cwd`.
 * Variables persist across cells on a shared `exports` object, as in tslab.
 */
export function createExecutor(cwd: string): Executor {
  const { createConverter, isCompleteCode } = require("tslab/dist/converter") as {
    createConverter(o: { isJS: boolean; isBrowser: boolean }): Converter;
    isCompleteCode(code: string): { completed: boolean; indent?: string };
  };
  const { printQuickInfo } = require("tslab/dist/inspect") as { printQuickInfo(info: unknown): string };
  const conv = createConverter({ isJS: false, isBrowser: false });
  const sideOutputs = new Map<string, string>();
  const sideModules = new Map<string, Module>();
  const locals: Record<string, unknown> = {};
  const exportsProxy = new Proxy(locals, {
    // Named imports compile to defineProperty; keep them rewritable, as tslab does.
    defineProperty(_t, prop, attrs) {
      if (prop === "__esModule") return true;
      locals[prop as string] = attrs.get ? attrs.get() : attrs.value;
      return true;
    },
  });
  const req = makeRequire(cwd, sideOutputs, sideModules);
  const timers = cellTimers(() => {
    const d = describeError(new KeyboardInterrupt());
    process.stderr.write(`${d.ename}: a timer callback was stopped (${d.evalue})\n`);
  });
  vm.runInThisContext("(x) => { globalThis.__tslab__ = x; }")({ exports: exportsProxy, require: req, timers });
  let prevDecl = "";

  async function execute(code: string, signal: AbortSignal): Promise<CellOutcome> {
    const converted = conv.convert(prevDecl, expandShorthandProperties(code));
    for (const out of converted.sideOutputs ?? []) {
      sideModules.delete(out.path);
      sideOutputs.set(out.path, out.data);
    }
    if (converted.diagnostics.length > 0) {
      const lines = converted.diagnostics.map(
        (d) => `${d.fileName ? d.fileName + " " : ""}${d.start.line + 1}:${d.start.character + 1} - ${d.messageText}`,
      );
      return { status: "error", ename: "TypeScriptError", evalue: lines.join("\n"), traceback: lines };
    }
    if (!converted.output) {
      prevDecl = converted.declOutput ?? "";
      return { status: "ok", hasResult: false };
    }
    try {
      // The cell's timers are the interruptible wrappers of cellTimers.ts (parameters shadow the globals).
      const params = "exports, require, setTimeout, setInterval, setImmediate";
      const prefix = converted.hasToplevelAwait ? `(async function(${params}) { ` : `(function(${params}) { `;
      const args = "__tslab__.exports, __tslab__.require, __tslab__.timers.setTimeout, __tslab__.timers.setInterval, __tslab__.timers.setImmediate";
      const wrapped = prefix + converted.output + `\n})(${args}) /* edgeworks-kernel-cell-end */`;
      const ret = vm.runInThisContext(wrapped, { breakOnSigint: true, filename: "cell.ts" });
      if (converted.hasToplevelAwait) {
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => reject(new KeyboardInterrupt());
          if (signal.aborted) return onAbort();
          signal.addEventListener("abort", onAbort, { once: true });
          (ret as Promise<unknown>).then(
            () => (signal.removeEventListener("abort", onAbort), resolve()),
            (e) => (signal.removeEventListener("abort", onAbort), reject(e)),
          );
        });
      }
    } catch (e) {
      if (e instanceof Error && /Script execution was interrupted/.test(e.message)) {
        return { status: "error", ...describeError(new KeyboardInterrupt()) };
      }
      const reserved = reservedNameError(e);
      if (reserved) return { status: "error", ename: "SyntaxError", evalue: reserved, traceback: [`SyntaxError: ${reserved}`] };
      return { status: "error", ...describeError(e) };
    }
    prevDecl = converted.declOutput ?? "";
    const v = converted.lastExpressionVar;
    if (v && v in locals) {
      const result = locals[v];
      delete locals[v];
      if (result !== undefined) return { status: "ok", hasResult: true, result };
    }
    return { status: "ok", hasResult: false };
  }

  return {
    execute,
    complete: (code, pos) => conv.complete(prevDecl, code, pos),
    inspect(code, pos) {
      const info = conv.inspect(prevDecl, code, pos);
      return info ? printQuickInfo(info) : "";
    },
    isComplete(code) {
      const r = isCompleteCode(code);
      return r.completed ? { status: "complete" } : { status: "incomplete", indent: r.indent ?? "" };
    },
    close: () => conv.close(),
  };
}

/** Names every cell receives as parameters of the function it runs in (see `execute`). */
export const CELL_PARAMETERS = ["exports", "require", "setTimeout", "setInterval", "setImmediate"] as const;

/**
 * The message for a cell that declares one of {@link CELL_PARAMETERS} at its top level (V8 says
 * only "Identifier 'exports' has already been declared", which names nothing the user wrote
 * twice), or null for any other error.
 */
export function reservedNameError(e: unknown): string | null {
  const m = e instanceof SyntaxError ? /^Identifier '([^']+)' has already been declared$/.exec(e.message) : null;
  if (!m || !(CELL_PARAMETERS as readonly string[]).includes(m[1])) return null;
  return `"${m[1]}" cannot be declared at the top level of a cell: the kernel runs each cell as a function of ${CELL_PARAMETERS.join(", ")}, so the name is already taken. Use another name (e.g. "${m[1]}2"), or declare it inside a function or block.`;
}

/** Whether the built library exists (the kernel refuses to start with a clear message otherwise). */
export function libraryBuilt(): boolean {
  return fs.existsSync(OWN_MODULES.edgeworks + ".js");
}
