/** /version: SmallCode's version and the Node.js running it. */
import { readFile } from "node:fs/promises";
import { OK, type SlashCommand } from "./types.js";

async function packageVersion(): Promise<string> {
  const rel = import.meta.url.endsWith(".ts") ? "../../package.json" : "../../../package.json";
  try {
    const pkg = JSON.parse(await readFile(new URL(rel, import.meta.url), "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

export const command: SlashCommand = {
  name: "version",
  summary: "Show the SmallCode version",
  async run(_args, ctx) {
    ctx.out.print(`smallcode ${await packageVersion()} (Node.js ${process.versions.node})`);
    return OK;
  },
};
