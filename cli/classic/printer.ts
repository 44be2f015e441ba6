/**
 * Classic mode's output: styled lines as ANSI colours on a colour terminal, plain text when piped or NO_COLOR, the
 * model's text streamed as it arrives, and cli-ux spinners (terminal only) while the model thinks or a tool runs.
 */
import { ux } from "cli-ux";
import type { AgentEvent, AgentEventOf } from "../../runtime/agent/events.js";
import { eventLines, resultCard } from "../slash/cards.js";
import type { StyledLine } from "../slash/format.js";
import { callSubject } from "../slash/cards.js";
import type { OutputStyle } from "../slash/types.js";

const ANSI: Record<OutputStyle, [string, string]> = {
  plain: ["", ""],
  heading: ["\x1b[1m", "\x1b[22m"],
  dim: ["\x1b[2m", "\x1b[22m"],
  success: ["\x1b[32m", "\x1b[39m"],
  warning: ["\x1b[33m", "\x1b[39m"],
  error: ["\x1b[31m", "\x1b[39m"],
  code: ["\x1b[36m", "\x1b[39m"],
  add: ["\x1b[32m", "\x1b[39m"],
  del: ["\x1b[31m", "\x1b[39m"],
  hunk: ["\x1b[36m", "\x1b[39m"],
  accent: ["\x1b[1;35m", "\x1b[22;39m"],
  guard: ["\x1b[1;33m", "\x1b[22;39m"],
};

export interface PrinterOptions {
  out: NodeJS.WritableStream;
  /** ANSI colours (a colour terminal without NO_COLOR). */
  color: boolean;
  /** cli-ux spinners (stdout and stderr are terminals). */
  spinners: boolean;
}

export class Printer {
  private atLineStart = true;
  private spinning = false;
  private readonly calls = new Map<string, AgentEventOf<"tool_call">>();
  private streamedTurn: number | undefined;

  constructor(private readonly o: PrinterOptions) {}

  paint(text: string, style: OutputStyle = "plain"): string {
    if (!this.o.color || style === "plain") return text;
    const [on, off] = ANSI[style];
    return `${on}${text}${off}`;
  }

  private raw(text: string): void {
    this.stopSpinner();
    if (text === "") return;
    this.o.out.write(text);
    this.atLineStart = text.endsWith("\n");
  }

  /** Ends a streamed line so the next output starts on its own line. */
  newline(): void {
    if (!this.atLineStart) this.raw("\n");
  }

  print(text: string, style: OutputStyle = "plain"): void {
    this.newline();
    this.raw(
      `${text
        .split("\n")
        .map((l) => this.paint(l, style))
        .join("\n")}\n`,
    );
  }

  lines(lines: readonly StyledLine[], indent = ""): void {
    for (const l of lines) this.print(indent + l.text, l.style);
  }

  spinner(label: string): void {
    if (!this.o.spinners) return;
    this.newline();
    if (this.spinning) ux.action.status = label;
    else ux.action.start(label);
    this.spinning = true;
  }

  stopSpinner(): void {
    if (!this.spinning) return;
    this.spinning = false;
    ux.action.stop("");
  }

  /** Renders one agent event. */
  handle(event: AgentEvent): void {
    switch (event.type) {
      case "model_request":
        return this.spinner(event.attempt > 0 ? `retrying (${event.attempt})` : "thinking");
      case "model_delta":
        if (!event.text) return;
        if (this.streamedTurn !== event.turn) {
          this.newline();
          this.streamedTurn = event.turn;
        }
        return this.raw(event.text);
      case "model_response":
        if (this.streamedTurn !== event.turn && event.text.trim() !== "") this.print(event.text.trim());
        this.streamedTurn = undefined;
        this.newline();
        break;
      case "tool_call":
        this.calls.set(event.id, event);
        return this.spinner(`${event.name} ${callSubject(event.name, event.arguments)}`);
      case "tool_result": {
        const card = resultCard(this.calls.get(event.id), event);
        this.calls.delete(event.id);
        return this.lines(card, "");
      }
      default:
        break;
    }
    const out = eventLines(event);
    if (out) this.lines(out);
  }
}
