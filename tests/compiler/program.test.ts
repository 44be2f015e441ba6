import { describe, expect, it } from "vitest";
import type { Declaration } from "../../compiler/ast.js";
import { getEntry, getField } from "../../compiler/ast.js";
import { compile, diagnosticsToJson, Phase, renderDiagnostics, type SourceFile } from "../../compiler/program.js";

const MODEL = 'model Local { provider: openai_compat, name: "qwen3:8b" }\n';
const TOOL =
  'tool bash(command: string) {\n  category: run\n  description: "Run a command."\n  aliases: { tool: [sh], command: [cmd] }\n}\n';

function find(decls: readonly Declaration[], kind: string, name: string): Declaration | undefined {
  return decls.find((d) => d.kind === kind && d.name === name);
}

describe("compile(): overrides, extend, imports", () => {
  it("lets a later file replace a declaration in place", () => {
    const { program, diagnostics } = compile([
      { path: "a.marrow", text: MODEL + TOOL },
      { path: "b.marrow", text: 'model Local { provider: vllm, name: "big" }' },
    ]);
    expect(diagnostics).toEqual([]);
    expect(program.declarations.map((d) => d.name)).toEqual(["Local", "bash"]);
    const local = find(program.declarations, "Model", "Local");
    expect(local && getField(local, "provider")?.value).toMatchObject({ name: "vllm" });
    expect(local?.span.file).toBe("b.marrow");
  });

  it("merges `extend`: maps key by key, lists append, scalars replace", () => {
    const { program, diagnostics } = compile([
      { path: "a.marrow", text: TOOL },
      {
        path: "b.marrow",
        text: 'extend tool bash { aliases: { tool: [shell], command: [script] }, description: "New.", pure: false }',
      },
    ]);
    expect(diagnostics).toEqual([]);
    const bash = find(program.declarations, "Tool", "bash");
    const aliases = bash && getField(bash, "aliases")?.value;
    const names = (key: string): string[] => {
      const list = aliases?.kind === "Map" ? getEntry(aliases, key) : undefined;
      return list?.kind === "List" ? list.items.map((i) => (i.kind === "Ident" ? i.name : "?")) : [];
    };
    expect(names("tool")).toEqual(["sh", "shell"]);
    expect(names("command")).toEqual(["cmd", "script"]);
    expect(bash && getField(bash, "description")?.value).toMatchObject({ value: "New." });
    expect(bash && getField(bash, "pure")?.value).toMatchObject({ value: false });
  });

  it("merges stages of an extended agent by name and appends new ones", () => {
    const agent = "agent a { model: Local\n stage act { loop until done, max_turns: 5, next: done } }\n";
    const ext = "extend agent a { stage act { max_turns: 9 }\n stage extra { next: done } }";
    const { program, diagnostics } = compile([
      { path: "a.marrow", text: MODEL + agent },
      { path: "b.marrow", text: ext },
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual(["MS2010"]); // `extra` is appended but nothing leads to it
    const a = find(program.declarations, "Agent", "a");
    const stages = a?.kind === "Agent" ? a.stages : [];
    expect(stages.map((s) => s.name)).toEqual(["act", "extra"]);
    expect(stages[0] && getField(stages[0], "max_turns")?.value).toMatchObject({ value: 9 });
    expect(stages[0]?.loop?.until.name).toBe("done");
  });

  it("orders imported files before their importers and resolves paths relative to the importer", () => {
    const files: Record<string, string> = {
      "team/models.marrow": MODEL,
      "team/main.marrow": 'import "./models.marrow"\n' + TOOL,
    };
    const resolveImport = (from: string, spec: string): SourceFile | undefined => {
      const path = `${from.split("/").slice(0, -1).join("/")}/${spec.replace("./", "")}`;
      const text = files[path];
      return text === undefined ? undefined : { path, text };
    };
    const { program, diagnostics, sources } = compile(
      [{ path: "team/main.marrow", text: files["team/main.marrow"] ?? "" }],
      { resolveImport },
    );
    expect(diagnostics).toEqual([]);
    expect(program.files.map((f) => f.path)).toEqual(["team/models.marrow", "team/main.marrow"]);
    expect(sources.map((s) => s.path)).toEqual(["team/main.marrow", "team/models.marrow"]);
  });

  it("skips the checker when parsing failed", () => {
    const { diagnostics, phase } = compile([
      { path: "a.marrow", text: "model Local { provider openai_compat }\nprompt p() { }" },
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual(["MS1004"]);
    expect(phase).toBe(Phase.Parsed);
    expect(compile([{ path: "a.marrow", text: MODEL }]).phase).toBe(Phase.Checked);
  });

  it("never throws, even on a resolver that throws", () => {
    const resolveImport = (): SourceFile => {
      throw new Error("disk on fire");
    };
    const { diagnostics } = compile([{ path: "a.marrow", text: 'import "./x.marrow"\n' + MODEL }], { resolveImport });
    expect(diagnostics.map((d) => d.code)).toEqual(["MS2015"]);
  });
});

describe("rendering", () => {
  const sources = [{ path: "a.marrow", text: 'model Local {\n  provider: openai_compat\n  nme: "x"\n}\n' }];
  const { diagnostics } = compile(sources);

  it("renders like esbuild: location, code, source line, underline, hint, summary", () => {
    expect(renderDiagnostics(diagnostics, sources)).toBe(
      [
        "a.marrow:1:7: error[MS2006]: Model 'Local' is missing the required field 'name'.",
        "  1 | model Local {",
        "    |       ~~~~~",
        "  hint: Add `name: …`.",
        "",
        "a.marrow:3:3: error[MS2003]: Unknown field 'nme' in model 'Local'.",
        '  3 |   nme: "x"',
        "    |   ~~~",
        "  hint: Did you mean 'name'?",
        "",
        "2 errors",
        "",
      ].join("\n"),
    );
  });

  it("colours only when asked", () => {
    expect(renderDiagnostics(diagnostics, sources)).not.toContain("\x1b[");
    expect(renderDiagnostics(diagnostics, sources, { color: true })).toContain("\x1b[31merror[MS2006]");
  });

  it("gives the same diagnostics as JSON", () => {
    const rows = JSON.parse(diagnosticsToJson(diagnostics)) as { code: string; span: { line: number } }[];
    expect(rows.map((r) => [r.code, r.span.line])).toEqual([
      ["MS2006", 1],
      ["MS2003", 3],
    ]);
  });
});
