/**
 * Entry point of the edgeworks kernel: `node dist/kernel-ext/main.js kernel --config-path <file>`
 * (the kernelspec's argv). Starts tslab's TypeScript compiler and our server in one process.
 *
 * @module
 */
import { createExecutor, libraryBuilt } from "./executor";
import { createServer } from "./server";
import { armFatalReport } from "./fatalReport";

function usage(): never {
  process.stderr.write("usage: edgeworks-kernel kernel --config-path <connection file>\n");
  process.exit(2);
}

/** Start the kernel with the command-line arguments. */
export async function main(argv: string[]): Promise<void> {
  if (argv[0] !== "kernel") usage();
  const i = argv.indexOf("--config-path");
  if (i < 0 || !argv[i + 1]) usage();
  if (!libraryBuilt()) {
    process.stderr.write("edgeworks kernel: the library is not built (dist/src/index.js missing); run `npm start` or `npm run setup` in the repository\n");
    process.exit(1);
  }
  const version = (require("../../package.json") as { version: string }).version;
  const executor = createExecutor(process.cwd());
  const notice = armFatalReport(argv[i + 1]);
  const { start } = createServer(argv[i + 1], executor, version, notice);
  await start();
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`edgeworks kernel failed to start: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
