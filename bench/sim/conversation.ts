/**
 * Reading a chat request the way the simulated model "sees" it: which kind of request it is, what the agent made of
 * the simulator's last reply (the calls it echoes back in the history, as it parsed and resolved them), and the
 * feedback since then (tool results, steering and format-error messages).
 */
import type { SimTask } from "./types.js";

export interface EchoedCall {
  name: string;
  args: Record<string, unknown>;
}

export interface RequestView {
  /** An agent turn; the tool-mode probe; or a side request (the history summarizer …). */
  kind: "agent" | "probe" | "side";
  /** The request offered native `tools`. */
  native: boolean;
  toolNames: string[];
  system: string;
  /** The newest assistant message, with the calls the agent echoes in it. */
  lastAssistant?: { text: string; calls: EchoedCall[] };
  /** Tool results after the newest assistant message. */
  results: string[];
  /** Everything after the newest assistant message (results, steering, format errors), joined. */
  feedback: string;
}

type Message = Record<string, unknown>;

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((p) => (p && typeof p === "object" && "text" in p ? String(p.text) : "")).join("");
  }
  return "";
}

function objectArgs(raw: unknown): Record<string, unknown> {
  if (raw && typeof raw === "object" && !Array.isArray(raw)) return raw as Record<string, unknown>;
  if (typeof raw !== "string") return {};
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Calls in an assistant message: native tool_calls, or the `<tool_call>` JSON lines prompt-mode histories carry. */
function echoedCalls(m: Message): EchoedCall[] {
  const native = m["tool_calls"];
  if (Array.isArray(native) && native.length > 0) {
    return native.map((c: { function?: { name?: unknown; arguments?: unknown } }) => ({
      name: typeof c.function?.name === "string" ? c.function.name : "",
      args: objectArgs(c.function?.arguments),
    }));
  }
  const calls: EchoedCall[] = [];
  for (const match of textOf(m["content"]).matchAll(/<tool_call>\n(\{[^\n]*\})\n<\/tool_call>/g)) {
    const v = objectArgs(match[1]);
    if (typeof v["name"] === "string") calls.push({ name: v["name"], args: objectArgs(v["arguments"]) });
  }
  return calls;
}

const squash = (s: string): string => s.replace(/\s+/g, " ").trim();

/** Reads a chat-completions request body. */
export function readRequest(body: Record<string, unknown>, task: SimTask): RequestView {
  const messages = (Array.isArray(body["messages"]) ? body["messages"] : []) as Message[];
  const tools = Array.isArray(body["tools"]) ? (body["tools"] as Array<{ function?: { name?: unknown } }>) : [];
  const toolNames = tools.map((t) => String(t.function?.name ?? ""));
  const system = messages
    .filter((m) => m["role"] === "system" || m["role"] === "developer")
    .map((m) => textOf(m["content"]))
    .join("\n");
  const taskHead = squash(task.prompt).slice(0, 80);
  const isAgent = messages.some((m) => m["role"] === "user" && squash(textOf(m["content"])).startsWith(taskHead));
  const kind = isAgent ? "agent" : toolNames.includes("get_weather") ? "probe" : "side";
  let at = -1;
  messages.forEach((m, i) => {
    if (m["role"] === "assistant") at = i;
  });
  const after = messages.slice(at + 1);
  const results = after
    .filter((m) => m["role"] === "tool" || (m["role"] === "user" && textOf(m["content"]).startsWith("Result of ")))
    .map((m) => textOf(m["content"]));
  const last = messages[at];
  const view: RequestView = {
    kind,
    native: tools.length > 0,
    toolNames,
    system,
    results,
    feedback: after.map((m) => textOf(m["content"])).join("\n"),
  };
  if (last) view.lastAssistant = { text: textOf(last["content"]), calls: echoedCalls(last) };
  return view;
}
