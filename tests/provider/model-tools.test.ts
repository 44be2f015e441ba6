/** The model can neither change the provider nor read the keys: no declared tool touches them, read_file refuses .env. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tools } from "../../generated/tools.js";
import { openWorkspace } from "../../runtime/fs/workspace.js";
import { readFileTool } from "../../runtime/tools/impl/read-file.js";
import type { ToolContext } from "../../runtime/tools/impl/context.js";

const KEY = "sk-never-for-the-model-5555";

describe("the model's tools", () => {
  it("none of them is about providers, endpoints, keys or settings", () => {
    const forbidden =
      /provider|api[ _-]?key|base[ _-]?url|endpoint|credential|secret|token|smallcode\.toml|\.env\b|settings|config/i;
    for (const tool of tools) {
      const text = JSON.stringify({
        name: tool.name,
        description: tool.description,
        parameters: tool.parameters,
        aliases: tool.nameAliases,
      });
      expect(text, tool.name).not.toMatch(forbidden);
    }
  });

  it("the declared set is the reviewed one (a new tool must be checked against this rule)", () => {
    expect(tools.map((t) => t.name).sort()).toEqual([
      "bash",
      "edit_file",
      "glob",
      "grep",
      "list_dir",
      "memory",
      "read_file",
      "todo_write",
      "write_file",
    ]);
  });

  describe("read_file refuses the files that hold keys", () => {
    let root: string;
    let ctx: ToolContext;
    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), "smallcode-keys-"));
      writeFileSync(join(root, ".env"), `SMALLCODE_API_KEY=${KEY}\n`);
      writeFileSync(join(root, ".env.local"), `SMALLCODE_API_KEY=${KEY}\n`);
      writeFileSync(join(root, ".env.example"), "# SMALLCODE_API_KEY=sk-…\n");
      ctx = { workspace: await openWorkspace(root) };
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    for (const path of [".env", ".env.local", "./.env"]) {
      it(path, async () => {
        const r = await readFileTool({ path }, ctx);
        expect(r.ok).toBe(false);
        expect(r.output).not.toContain(KEY);
      });
    }

    it("but reads the .env.example template", async () => {
      const r = await readFileTool({ path: ".env.example" }, ctx);
      expect(r.ok).toBe(true);
      expect(r.output).toContain("SMALLCODE_API_KEY=sk-…");
    });
  });
});
