/**
 * The TUI's transcript as data: user prompts, the streaming assistant text, tool cards (pending, then finished), guard
 * interventions, warnings and slash-command output. The view asks for the last lines that fit; nothing here knows Ink.
 */
import type { AgentEvent, AgentEventOf } from "../../runtime/agent/events.js";
import { eventLines, pendingCard, resultCard } from "../slash/cards.js";
import { line, type StyledLine } from "../slash/format.js";
import { wrapLines } from "./wrap.js";

export type ItemKind = "user" | "assistant" | "card" | "info";

export interface Item {
  id: number;
  kind: ItemKind;
  lines: StyledLine[];
}

interface Streaming {
  item: Item;
  text: string;
  reasoning: number;
}

export class Transcript {
  readonly items: Item[] = [];
  private nextId = 1;
  private streaming: Streaming | undefined;
  private readonly calls = new Map<string, { call: AgentEventOf<"tool_call">; item: Item }>();
  /** Bumped on every change, so the view knows to re-render. */
  version = 0;

  private add(kind: ItemKind, lines: StyledLine[]): Item {
    const item = { id: this.nextId++, kind, lines };
    this.items.push(item);
    this.version++;
    return item;
  }

  addUser(text: string): void {
    this.endStream();
    const [first = "", ...rest] = text.split("\n");
    this.add("user", [line(`› ${first}`, "heading"), ...rest.map((l) => line(`  ${l}`, "heading"))]);
  }

  addLines(lines: StyledLine[], kind: ItemKind = "info"): void {
    if (lines.length > 0) this.add(kind, lines);
  }

  /** An item that grows as lines are appended (one slash command's output stays one block). */
  openGroup(): (lines: StyledLine[]) => void {
    let item: Item | undefined;
    return (lines) => {
      if (!item || !this.items.includes(item)) item = this.add("info", []);
      item.lines.push(...lines);
      this.version++;
    };
  }

  clear(): void {
    this.items.length = 0;
    this.streaming = undefined;
    this.calls.clear();
    this.version++;
  }

  handle(event: AgentEvent): void {
    switch (event.type) {
      case "model_delta":
        return this.delta(event);
      case "model_response":
        this.finishStream(event.text);
        break;
      case "tool_call": {
        this.endStream();
        const item = this.add("card", pendingCard(event));
        this.calls.set(event.id, { call: event, item });
        return;
      }
      case "tool_result": {
        const pending = this.calls.get(event.id);
        const lines = resultCard(pending?.call, event);
        if (pending) {
          pending.item.lines = lines;
          this.calls.delete(event.id);
          this.version++;
        } else this.add("card", lines);
        return;
      }
      default:
        break;
    }
    const lines = eventLines(event);
    if (lines) {
      this.endStream();
      this.add(event.type === "done" ? "info" : "card", lines);
    }
  }

  private delta(e: AgentEventOf<"model_delta">): void {
    if (!this.streaming) this.streaming = { item: this.add("assistant", []), text: "", reasoning: 0 };
    const s = this.streaming;
    if (e.text) s.text += e.text;
    if (e.reasoning) s.reasoning += e.reasoning.length;
    s.item.lines =
      s.text === ""
        ? [line(`thinking… (${s.reasoning} chars)`, "dim")]
        : s.text
            .replace(/^\n+/, "")
            .split("\n")
            .map((t) => line(t));
    this.version++;
  }

  /** The reply is complete: keep what streamed, or show the whole text when the server did not stream. */
  private finishStream(text: string): void {
    const s = this.streaming;
    if (s && s.text.trim() === "") {
      if (text.trim() !== "")
        s.item.lines = text
          .trim()
          .split("\n")
          .map((t) => line(t));
      else this.items.splice(this.items.indexOf(s.item), 1);
    } else if (!s && text.trim() !== "")
      this.add(
        "assistant",
        text
          .trim()
          .split("\n")
          .map((t) => line(t)),
      );
    this.streaming = undefined;
    this.version++;
  }

  private endStream(): void {
    this.streaming = undefined;
  }

  /** Every item wrapped to `width`, a blank line between items. */
  render(width: number): StyledLine[] {
    const out: StyledLine[] = [];
    let prev: ItemKind | undefined;
    for (const item of this.items) {
      if (prev !== undefined && !(prev === "card" && item.kind === "card")) out.push(line(""));
      out.push(...wrapLines(item.lines, width, item.kind === "card" ? "    " : item.kind === "info" ? undefined : ""));
      prev = item.kind;
    }
    return out;
  }
}
