/**
 * Classic mode: a readline loop. Each line is a slash command or a prompt for the agent; a trailing backslash
 * continues the input on the next line. Ctrl-C interrupts a running prompt (the session goes on); on an idle prompt a
 * second Ctrl-C, Ctrl-D or /quit leaves. Piped input is read line by line, each prompt finishing before the next.
 */
import type { ApprovalDecision, Approver } from "../../runtime/agent/types.js";
import type { CommandIO } from "../command.js";
import { expandReferences } from "../slash/references.js";
import { dispatchSlash, isSlashInput } from "../slash/registry.js";
import type { InteractiveSession } from "../slash/session.js";
import type { AskOptions, SlashCommand, SlashContext } from "../slash/types.js";
import { LineReader } from "./line-reader.js";
import { Printer } from "./printer.js";

export interface ClassicOptions {
  session: InteractiveSession;
  commands: readonly SlashCommand[];
  io: CommandIO;
  notices: readonly string[];
  bind(approver: Approver): void;
}

const QUIT_WINDOW_MS = 2000;
const PROMPT = "› ";

function isTty(s: NodeJS.ReadableStream | NodeJS.WritableStream): boolean {
  return (s as { isTTY?: boolean }).isTTY === true;
}

class Classic {
  private readonly printer: Printer;
  private readonly reader: LineReader;
  private quitting = false;
  private lastCtrlC = 0;

  constructor(private readonly o: ClassicOptions) {
    const { io } = o;
    const terminal = isTty(io.stdin) && isTty(io.stdout);
    const noColor = (io.env["NO_COLOR"] ?? "") !== "";
    this.printer = new Printer({
      out: io.stdout,
      color: isTty(io.stdout) && !noColor,
      spinners: terminal && isTty(io.stderr),
    });
    this.reader = new LineReader(io.stdin, io.stdout, terminal);
    o.session.on((e) => this.printer.handle(e));
    o.bind(this.approve);
    this.reader.onInterrupt(() => this.ctrlC());
    // Without a terminal readline does not take Ctrl-C; the signal still interrupts a prompt rather than killing it.
    if (!terminal) process.on("SIGINT", () => this.ctrlC());
  }

  private ctrlC(): void {
    if (this.o.session.interrupt()) {
      this.printer.print("Interrupting… (the session goes on)", "warning");
      return;
    }
    if (this.reader.pending !== "") {
      this.reader.clearLine();
      return;
    }
    const now = Date.now();
    if (now - this.lastCtrlC < QUIT_WINDOW_MS) {
      this.quitting = true;
      this.reader.close();
      return;
    }
    this.lastCtrlC = now;
    this.printer.print("\n(Press Ctrl-C again, Ctrl-D or type /quit to leave.)", "dim");
  }

  ask = async (question: string, options: AskOptions = {}): Promise<string | undefined> => {
    const choices = options.choices ?? [];
    this.printer.newline();
    if (choices.length > 0) choices.forEach((c, i) => this.printer.print(`  ${i + 1}. ${c}`));
    const suffix = options.default !== undefined ? ` [${options.default}]` : "";
    const prompt = `${question}${suffix} `;
    if (!this.reader.terminal) this.printer.print(prompt.trimEnd());
    // On a terminal, lines typed ahead while the agent worked are inputs, not answers to this question.
    const answer = await this.reader.next(prompt, { mask: options.mask === true, fresh: this.reader.terminal });
    if (answer === undefined) return undefined;
    const a = answer.trim() === "" && options.default !== undefined ? options.default : answer.trim();
    if (choices.length === 0) return a;
    const n = Number(a);
    if (Number.isInteger(n) && n >= 1 && n <= choices.length) return choices[n - 1];
    return choices.find((c) => c.toLowerCase() === a.toLowerCase());
  };

  approve: Approver = async (command, classification): Promise<ApprovalDecision> => {
    const why = classification.reasons.join("; ") || "it may change things outside the project";
    this.printer.print(`⚠ Approval needed: ${why}`, "warning");
    this.printer.print(`  $ ${command}`, "code");
    for (;;) {
      const a = await this.ask("Allow? [a] once, [s] always this session, [d] deny:");
      if (a === undefined) {
        this.printer.print("✗ denied (no answer)", "warning");
        return "deny";
      }
      const k = a.toLowerCase();
      if (k === "a" || k === "y" || k === "yes" || k === "once") return this.decided("once", command);
      if (k === "s" || k === "always") return this.decided("always", command);
      if (k === "d" || k === "n" || k === "no" || k === "deny") return this.decided("deny", command);
      if (!this.reader.terminal) {
        // Piped input: a line that is no answer is the next input, not to be swallowed here.
        this.reader.unread(a);
        this.printer.print(`✗ denied (no a/s/d answer in the input)`, "warning");
        return "deny";
      }
      this.printer.print("Answer a, s or d.", "dim");
    }
  };

  private decided(d: ApprovalDecision, command: string): ApprovalDecision {
    const what = d === "deny" ? "✗ denied" : d === "always" ? "✓ allowed for this session" : "✓ allowed once";
    this.printer.print(`${what}: ${command}`, d === "deny" ? "warning" : "dim");
    return d;
  }

  private context(): SlashContext {
    return {
      mode: "classic",
      session: this.o.session,
      out: {
        print: (text, style) => this.printer.print(text, style),
        block: (title, lines, style) => {
          this.printer.print(title, "heading");
          for (const l of lines) this.printer.print(`  ${l}`, style ?? "plain");
        },
      },
      ask: this.ask,
      env: this.o.io.env,
      commands: this.o.commands,
      quit: () => {
        this.quitting = true;
      },
      clearScreen: () => {
        if (this.reader.terminal) this.o.io.stdout.write("\x1b[2J\x1b[H");
      },
    };
  }

  /** Reads one input, joining lines that end with a backslash. */
  private async readInput(): Promise<string | undefined> {
    let text = await this.reader.next(PROMPT);
    while (text !== undefined && text.endsWith("\\")) {
      const more = await this.reader.next("… ");
      text = more === undefined ? text.slice(0, -1) : `${text.slice(0, -1)}\n${more}`;
    }
    return text;
  }

  async loop(): Promise<number> {
    let failures = 0;
    for (;;) {
      if (this.quitting) break;
      const text = await this.readInput();
      if (text === undefined) break;
      if (text.trim() === "") continue;
      if (!this.reader.terminal) this.printer.print(`${PROMPT}${text}`, "heading");
      if (isSlashInput(text)) {
        const r = await dispatchSlash(text, this.context());
        if (!r.ok) this.printer.print(r.message, "error");
        continue;
      }
      const expanded = expandReferences(text, this.o.session.cwd);
      for (const w of expanded.warnings) this.printer.print(w, "warning");
      const result = await this.o.session.send(expanded.prompt);
      this.printer.stopSpinner();
      if (!result.success) failures++;
      if (result.sessionId === "" && !result.success) this.printer.print(result.detail, "error");
    }
    this.printer.stopSpinner();
    this.reader.close();
    const id = this.o.session.id;
    if (id) this.printer.print(`Session ${id} · continue it with: smallcode --resume ${id}`, "dim");
    return !this.reader.terminal && failures > 0 ? 1 : 0;
  }
}

export async function runClassic(o: ClassicOptions): Promise<number> {
  const c = new Classic(o);
  const printer = new Printer({ out: o.io.stdout, color: false, spinners: false });
  for (const n of o.notices) printer.print(n);
  const ep = o.session.endpoint();
  if (ep.model && isTty(o.io.stdout))
    printer.print(`SmallCode · ${ep.model} at ${ep.baseUrl ?? "?"} · /help for commands`);
  return c.loop();
}
