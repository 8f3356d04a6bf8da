// Setup used by `npm start`, `npm test` and `npm run figures`: each step runs only when its
// inputs changed (hash stamps in .setup/), so a warm setup takes seconds.
import fs from "node:fs";
import path from "node:path";
import { ROOT, VENV, VENV_BIN, PY, JUPYTER_DATA, jupyterEnv, run, fail, hashOf, listFiles, stampIs, writeStamp, installKernelspec, kernelspecCurrent, installLabextension, chromiumPath, CHROMIUM_HINT } from "./lib.mjs";

const t0 = Date.now();
function step(name, isCurrent, doIt) {
  const t = Date.now();
  if (isCurrent()) {
    console.log(`setup: ${name} — up to date`);
    return;
  }
  console.log(`setup: ${name} …`);
  doIt();
  console.log(`setup: ${name} — done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

// 1. npm packages (package-lock.json is committed; `npm ci` installs exactly it).
const npmHash = hashOf([path.join(ROOT, "package.json"), path.join(ROOT, "package-lock.json")], [process.version]);
step("npm packages", () => stampIs("npm", npmHash) && fs.existsSync(path.join(ROOT, "node_modules", "tslab")), () => {
  run("npm packages", "npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { hint: "check that the npm registry is reachable, then run the command again" });
  writeStamp("npm", npmHash);
});

// 2. The library and the kernel, compiled to dist/.
const tsSources = [...listFiles(path.join(ROOT, "src"), [".ts"]), ...listFiles(path.join(ROOT, "kernel-ext"), [".ts"])];
const buildHash = hashOf([...tsSources, path.join(ROOT, "tsconfig.json"), path.join(ROOT, "tsconfig.build.json")]);
step("compile library and kernel (tsc)", () => stampIs("build", buildHash) && fs.existsSync(path.join(ROOT, "dist", "kernel-ext", "main.js")), () => {
  run("compile", process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { hint: "fix the TypeScript errors printed above" });
  writeStamp("build", buildHash);
});

// 3. Python virtual environment with pinned JupyterLab and reference libraries.
const reqFile = path.join(ROOT, "python", "requirements.txt");
const venvHash = hashOf([reqFile]);
step("Python .venv (JupyterLab, ipywidgets, nbclient, jupytext, numpy, scikit-learn …)", () => stampIs("venv", venvHash) && fs.existsSync(PY), () => {
  if (!fs.existsSync(PY)) run("create .venv", "python3", ["-m", "venv", VENV], { hint: "install Python 3.11 with the venv module (apt-get install python3-venv)" });
  run("pip install", PY, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", reqFile], { hint: "check that PyPI is reachable, then run the command again" });
  writeStamp("venv", venvHash);
});

// 3b. jupytext's server extension (installed by python/requirements.txt), which makes the .venv
// JupyterLab save each notebooks/<name>.ipynb together with its paired <name>.ts.
const jupytextConf = path.join(VENV, "etc", "jupyter", "jupyter_server_config.d", "jupytext.json");
const jupytextEnabled = () => {
  try {
    return JSON.parse(fs.readFileSync(jupytextConf, "utf8")).ServerApp.jpserver_extensions.jupyterlab_jupytext === true;
  } catch {
    return false;
  }
};
step("jupytext server extension (notebook ⇄ .ts pairs)", jupytextEnabled, () => {
  run("enable jupytext", path.join(VENV_BIN, "jupyter"), ["server", "extension", "enable", "--sys-prefix", "jupyterlab_jupytext"], { quiet: true, env: jupyterEnv(), hint: "check that jupytext is in python/requirements.txt and .venv (`.venv/bin/pip show jupytext`)" });
  if (!jupytextEnabled()) fail("enable jupytext", `${jupytextConf} does not enable jupyterlab_jupytext after \`jupyter server extension enable\``);
});

// 4. The kernelspec "TypeScript (edgeworks)" in the venv's Jupyter data dir.
step("kernelspec TypeScript (edgeworks)", () => kernelspecCurrent(JUPYTER_DATA), () => installKernelspec(JUPYTER_DATA));

// 5. The widgets labextension, built with @jupyterlab/builder (Node only) and installed into the venv.
const widgetsDir = path.join(ROOT, "widgets");
const widgetFiles = [...listFiles(path.join(widgetsDir, "src"), [".ts", ".css"]), path.join(widgetsDir, "package.json"), path.join(widgetsDir, "tsconfig.json"), path.join(ROOT, "package-lock.json")];
const labextHash = hashOf(widgetFiles);
const labextTarget = path.join(JUPYTER_DATA, "labextensions", "edgeworks-widgets");
step("widgets labextension (build-labextension)", () => stampIs("labext", labextHash) && fs.existsSync(path.join(labextTarget, "package.json")), () => {
  run("widgets: tsc", process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(widgetsDir, "tsconfig.json")], { hint: "fix the TypeScript errors in widgets/src" });
  const corePath = path.join(ROOT, ".setup", "core");
  fs.mkdirSync(corePath, { recursive: true });
  fs.copyFileSync(path.join(ROOT, "node_modules", "@jupyterlab", "core-meta", "core.package.json"), path.join(corePath, "package.json"));
  run("widgets: build-labextension", process.execPath, [path.join(ROOT, "node_modules", "@jupyterlab", "builder", "lib", "build-labextension.js"), "--core-path", corePath, widgetsDir], { quiet: true, hint: "see the webpack errors above" });
  installLabextension(JUPYTER_DATA);
  writeStamp("labext", labextHash);
});

// 6. JupyterLab settings for this environment: no news pop-up (the machine may be offline).
const overrides = path.join(JUPYTER_DATA, "lab", "settings", "overrides.json");
const overridesJson = JSON.stringify({ "@jupyterlab/apputils-extension:notification": { fetchNews: "false", checkForUpdates: false } }, null, 2);
step("JupyterLab settings overrides", () => fs.existsSync(overrides) && fs.readFileSync(overrides, "utf8") === overridesJson, () => {
  fs.mkdirSync(path.dirname(overrides), { recursive: true });
  fs.writeFileSync(overrides, overridesJson);
});

// 7. For `npm test`: the browser the widget tests drive — Debian's Chromium, installed with apt-get
// when setup runs as root (never a browser downloaded from elsewhere). Without root, say how and
// let the browser suite be reported as not run.
if (process.env.npm_lifecycle_event === "test" || process.argv.includes("--browser")) {
  step("Chromium for the browser tests (Debian package)", () => chromiumPath() !== null, () => {
    const root = typeof process.getuid === "function" && process.getuid() === 0;
    const apt = fs.existsSync("/usr/bin/apt-get");
    if (!root || !apt || process.env.CHROMIUM_PATH) {
      console.log(`setup: no executable Chromium at ${process.env.CHROMIUM_PATH || "/usr/bin/chromium"}; the browser tests will be reported as not run. To run them, ${CHROMIUM_HINT}.`);
      return;
    }
    run("apt-get update", "apt-get", ["update", "-qq"], { hint: "check that the Debian mirror is reachable; or " + CHROMIUM_HINT });
    run("apt-get install chromium", "apt-get", ["install", "-y", "-qq", "chromium"], { quiet: true, env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" }, hint: CHROMIUM_HINT });
    if (chromiumPath() === null) fail("Chromium", "apt-get installed chromium but /usr/bin/chromium is not executable", CHROMIUM_HINT);
  });
}

if (!fs.existsSync(PY)) fail("check", ".venv/bin/python is missing after setup");
console.log(`setup: ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
