import { afterEach, describe, expect, it } from "vitest";
import { reply, startLlmServer, type LlmServer } from "../../bench/server/index.js";
import { createModelClient, resolveCompat, splitThinking, ThinkSplitter } from "../../runtime/model/index.js";
import type { ChatMessage } from "../../runtime/model/types.js";

let server: LlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const history: ChatMessage[] = [
  { role: "system", content: "You are terse." },
  { role: "user", content: "read a.ts" },
  { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "read_file", arguments: '{"path":"a.ts"}' }] },
  { role: "tool", content: "export {}", toolCallId: "c1", name: "read_file" },
];

describe("compatibility flags", () => {
  it("has documented defaults, presets by model and URL, and overrides", () => {
    expect(resolveCompat("llama3.1:8b", "http://127.0.0.1:8080/v1")).toMatchObject({
      systemRole: "system",
      maxTokensField: "max_tokens",
      streamUsage: true,
      thinkingControl: "none",
      toolResultRole: "tool",
      nativeTools: "auto",
    });
    expect(resolveCompat("qwen3:8b", "http://x/v1").thinkingControl).toBe("enable_thinking");
    // Ollama ignores chat_template_kwargs but maps reasoning_effort ("none" = off), whatever the model.
    expect(resolveCompat("qwen3:8b", "http://127.0.0.1:11434/v1")).toMatchObject({
      thinkingControl: "reasoning_effort",
      thinkingOffEffort: "none",
    });
    expect(resolveCompat("qwen3:8b", "http://gpu:9999/v1", undefined, "ollama").thinkingOffEffort).toBe("none");
    expect(resolveCompat("qwen3:8b", "http://127.0.0.1:11434/v1", undefined, "llamacpp").thinkingControl).toBe(
      "enable_thinking",
    );
    expect(resolveCompat("o4-mini", "https://api.openai.com/v1")).toMatchObject({
      systemRole: "developer",
      maxTokensField: "max_completion_tokens",
    });
    expect(resolveCompat("qwen3:8b", "http://x/v1", { thinkingControl: "none" }).thinkingControl).toBe("none");
  });

  it("sends the history natively by default", async () => {
    server = await startLlmServer();
    server.enqueue(reply().text("ok"));
    await createModelClient({ baseUrl: server.baseUrl, model: "m" }).complete({ messages: history, maxTokens: 9 });
    const body = server.chatRequests[0]?.body;
    expect(body.messages).toEqual([
      { role: "system", content: "You are terse." },
      { role: "user", content: "read a.ts" },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "c1", type: "function", function: { name: "read_file", arguments: '{"path":"a.ts"}' } }],
      },
      { role: "tool", tool_call_id: "c1", content: "export {}" },
    ]);
    expect(body.max_tokens).toBe(9);
  });

  it("follows overrides: developer role, max_completion_tokens, no usage option, tool results as user text", async () => {
    server = await startLlmServer({ rejectRoles: ["tool"] });
    server.enqueue(reply().text("ok"));
    const client = createModelClient({
      baseUrl: server.baseUrl,
      model: "m",
      compat: {
        systemRole: "developer",
        maxTokensField: "max_completion_tokens",
        streamUsage: false,
        toolResultRole: "user",
      },
    });
    const result = await client.complete({ messages: history, maxTokens: 9 });
    expect(result.stopReason).toBe("stop");
    const body = server.chatRequests[0]?.body;
    expect(body.messages[0].role).toBe("developer");
    expect(body.messages[2]).toEqual({
      role: "assistant",
      content: '<tool_call>\n{"name": "read_file", "arguments": {"path":"a.ts"}}\n</tool_call>',
    });
    expect(body.messages[3]).toEqual({ role: "user", content: "Result of read_file (call c1):\nexport {}" });
    expect(body.max_completion_tokens).toBe(9);
    expect(body.max_tokens).toBeUndefined();
    expect(body.stream_options).toBeUndefined();
  });

  it("puts name on tool results when required, and withholds tools when native tools are off", async () => {
    server = await startLlmServer({ rejectTools: true });
    server.enqueue(reply().text("ok"));
    const client = createModelClient({
      baseUrl: server.baseUrl,
      model: "m",
      compat: { toolResultName: true, nativeTools: false },
    });
    const tools = [{ type: "function" as const, function: { name: "read_file" } }];
    const result = await client.complete({ messages: history, tools });
    expect(result.stopReason).toBe("stop");
    expect(server.chatRequests[0]?.body.tools).toBeUndefined();
    const native = createModelClient({ baseUrl: server.baseUrl, model: "m", compat: { toolResultName: true } });
    server.enqueue(reply().text("ok"));
    await native.complete({ messages: history });
    expect(server.chatRequests[1]?.body.messages[3]).toMatchObject({ role: "tool", name: "read_file" });
  });
});

describe("think-tag splitting", () => {
  const cases: Array<[string, string[], string, string]> = [
    ["plain text", ["hello"], "hello", ""],
    ["leading indentation kept without a think block", ["    indented"], "    indented", ""],
    ["one block", ["<think>a</think>b"], "b", "a"],
    ["tags split across chunks", ["<thi", "nk>abc</th", "ink>\n\nanswer"], "answer", "abc"],
    ["unclosed at start", ["<think>still", " going"], "", "still going"],
    ["bare closing tag", ["thoughts</think>", "final"], "final", "thoughts"],
    ["a lone '<' is text", ["a < b", " and c"], "a < b and c", ""],
    ["two blocks", ["<think>x</think>one <think>y</think>two"], "one two", "x\ny"],
  ];
  it.each(cases)("%s", (_name, chunks, text, reasoning) => {
    const splitter = new ThinkSplitter();
    let streamedText = "";
    for (const c of chunks) streamedText += splitter.push(c).text;
    const out = splitter.finish();
    expect(out.text).toBe(text);
    expect(out.reasoning).toBe(reasoning);
    if (!chunks.join("").includes("</think>") || chunks.join("").startsWith("<think>")) {
      expect(streamedText.trim()).toBe(text.trim());
    }
  });
  it("splitThinking handles a whole message", () => {
    expect(splitThinking("<think>r</think>t")).toEqual({ text: "t", reasoning: "r" });
  });
});
