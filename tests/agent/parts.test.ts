import { afterEach, describe, expect, it } from "vitest";
import { renderProgress } from "../../cli/render/progress.js";
import { fill } from "../../runtime/agent/defaults.js";
import { projectCommand } from "../../runtime/agent/project-commands.js";
import { toolsInPrompt } from "../../runtime/agent/prompt-mode.js";
import { fillShellTemplate } from "../../runtime/agent/tool-runner.js";
import { tools } from "../../generated/tools.js";
import { routings } from "../../generated/routing.js";
import { smallcode } from "../../generated/agent.js";
import { FALLBACK_LOOP_LIMITS, FALLBACK_MESSAGES, FALLBACK_TOOLS_PROMPT } from "../../runtime/agent/defaults.js";
import { DEFAULT_ROUTING } from "../../runtime/routing/defaults.js";
import { tempProject, type Fixture } from "./deterministic.js";

let fx: Fixture | undefined;
afterEach(() => fx?.cleanup());

describe("shell templates", () => {
  it.each([
    ["wc -l < {{path}}", { path: "a b.txt" }, "wc -l < 'a b.txt'"],
    ["echo {{msg}}", { msg: "it's $(rm -rf /)" }, "echo 'it'\\''s $(rm -rf /)'"],
    ["run {{ n }} {{missing}}", { n: 3 }, "run '3' ''"],
  ])("%s with %j → %s", (template, args, expected) => {
    expect(fillShellTemplate(template, args)).toBe(expected);
  });
});

describe("project commands", () => {
  it.each([
    [{ "package.json": '{"scripts":{"test":"vitest run"}}' }, "npm test"],
    [{ "package.json": '{"scripts":{"test":"vitest run"}}', "pnpm-lock.yaml": "" }, "pnpm test"],
    [{ "pytest.ini": "[pytest]\n" }, "python3 -m pytest -q"],
    [{ "package.json": '{"scripts":{"test":"echo \\"Error: no test specified\\" && exit 1"}}' }, undefined],
    [{ "Cargo.toml": "[package]\n" }, "cargo test"],
    [{ Makefile: "build:\n\ttrue\ntest:\n\ttrue\n" }, "make test"],
    [{ "README.md": "" }, undefined],
  ])("%j → %s", (files, expected) => {
    fx = tempProject(files);
    expect(projectCommand(fx.dir, "test_command")).toBe(expected);
  });

  it("configuration wins over detection", () => {
    fx = tempProject({ "Cargo.toml": "" });
    expect(projectCommand(fx.dir, "test_command", { test_command: "just test" })).toBe("just test");
  });
});

describe("prompt-mode tool text", () => {
  it("lists each offered tool's compact line inside the instructions", () => {
    const text = toolsInPrompt(tools.slice(0, 2));
    expect(text).toContain(`- ${tools[0]!.compact}\n- ${tools[1]!.compact}`);
    expect(text).toContain("<tool_call>");
    expect(fill("a {{x}} {{y}}", { x: 1 })).toBe("a 1 {{y}}");
  });
});

describe("stderr progress", () => {
  it("renders calls, results, guards and the end in one line each", () => {
    expect(
      renderProgress({
        type: "tool_call",
        turn: 1,
        id: "c",
        name: "bash",
        arguments: { command: "npm test" },
        format: "native",
        offered: true,
      }),
    ).toBe("  → bash npm test");
    expect(
      renderProgress({
        type: "tool_result",
        turn: 1,
        id: "c",
        name: "bash",
        ok: false,
        output: "\nFAIL x\n",
        durationMs: 3,
      }),
    ).toBe("    ✗ bash: FAIL x");
    expect(renderProgress({ type: "model_delta", turn: 1, text: "x" })).toBeUndefined();
    const done = renderProgress({
      type: "done",
      reason: "limits",
      success: false,
      detail: "Reached the limit of 2 model turns.",
      text: "",
      turns: 2,
      usage: { promptTokens: 90, completionTokens: 10 },
      durationMs: 1500,
      sessionId: "s",
      filesChanged: ["a.ts"],
    });
    expect(done).toBe(
      "stopped (limits): Reached the limit of 2 model turns. (2 turns, 100 tokens, 1.5s) · changed a.ts",
    );
  });
});

describe("runtime fallbacks mirror marrow/", () => {
  it("the fallback routing is the declared one (plus control, for a future finish tool)", () => {
    expect(smallcode.routing).toBe("default");
    expect({ ...routings["default"], always: [...routings["default"]!.always, "control"] }).toEqual(DEFAULT_ROUTING);
  });

  it("the built-in agent declares every message and limit the fallbacks hold, with the same values", () => {
    expect(smallcode.messages).toEqual(FALLBACK_MESSAGES);
    expect(smallcode.loop).toEqual(FALLBACK_LOOP_LIMITS);
    expect(smallcode.toolsPrompt).toBe(FALLBACK_TOOLS_PROMPT);
  });
});
