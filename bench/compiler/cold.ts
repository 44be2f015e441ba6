/** Child process of the compiler benchmark: one cold build in a fresh process, timings as JSON on stdout. */
import { measureBuild } from "./measure.js";

const packageDir = process.argv[2];
if (!packageDir) {
  process.stderr.write("usage: cold.ts PACKAGE_DIR\n");
  process.exit(2);
}
process.stdout.write(JSON.stringify(await measureBuild(packageDir)) + "\n");
