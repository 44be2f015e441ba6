/** Diagnostics of the emit phase (MS3xxx) and the name mangling that avoids them. */
import { describe, expect, it } from "vitest";
import { checkSources } from "../../compiler/build.js";
import { emit } from "../../compiler/emit/index.js";
import { compile } from "../../compiler/program.js";

const MODEL = `model Local {\n  provider: openai_compat\n  name: "m"\n}\n`;

describe("emit diagnostics", () => {
  it("MS3005: a tool and a prompt with the same name would collide in the index", () => {
    const text = `${MODEL}tool plan() {\n  category: plan\n  description: "Plan."\n}\nprompt plan() -> string {\n  model: Local\n  template: "Plan."\n}\n`;
    const { diagnostics } = checkSources([{ path: "a.marrow", text }]);
    const collision = diagnostics.find((d) => d.code === "MS3005");
    expect(collision?.message).toContain("'plan'");
    expect(collision?.span).toMatchObject({ file: "a.marrow", line: 9 });
  });

  it("reserved words become bindings with a trailing underscore, keyed by their real name", () => {
    const text = `tool delete(path: string) {\n  category: write\n  description: "Delete a file."\n}\n`;
    const compiled = compile([{ path: "a.marrow", text }]);
    const result = emit(compiled.program);
    expect(result.diagnostics).toEqual([]);
    const tools = result.files.get("tools.ts") ?? "";
    expect(tools).toContain("export const delete_: ToolSpec");
    expect(tools).toContain('name: "delete"');
    expect(tools).toContain("toolArgs: Readonly<Record<string, z.ZodType>> = { delete: DeleteArgs }");
  });

  it("emits deterministically: the same program gives the same bytes", () => {
    const text = `${MODEL}prompt p(x: string) -> string {\n  model: Local\n  template: "{{x}}"\n}\n`;
    const a = emit(compile([{ path: "a.marrow", text }]).program).files;
    const b = emit(compile([{ path: "a.marrow", text }]).program).files;
    expect([...a]).toEqual([...b]);
    for (const body of a.values()) expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}|\/tmp\/|\/home\//);
  });
});
