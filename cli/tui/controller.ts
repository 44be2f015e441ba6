/**
 * The TUI's state outside React: the transcript, what is running, the open modal (an approval or a question) and the
 * hint line. Components read it through `useSyncExternalStore`; keys call the methods here. Prompts go to the
 * InteractiveSession, slash lines to the registry, with the same SlashContext classic mode builds.
 */
import type { ApprovalDecision } from "../../runtime/agent/types.js";
import type { Classification } from "../../runtime/shell/classify.js";
import { line, lines as textLines } from "../slash/format.js";
import { expandReferences } from "../slash/references.js";
import { dispatchSlash, isSlashInput } from "../slash/registry.js";
import type { InteractiveSession } from "../slash/session.js";
import type { AskOptions, SlashCommand, SlashContext } from "../slash/types.js";
import { Transcript } from "./transcript.js";

export type Modal =
  | { kind: "approval"; command: string; reasons: string[]; resolve: (d: ApprovalDecision) => void }
  | { kind: "ask"; question: string; options: AskOptions; resolve: (answer: string | undefined) => void };

export interface TuiSnapshot {
  version: number;
  busy: boolean;
  busySince: number | undefined;
  /** What the agent is doing now ("thinking", "bash npm test" …). */
  activity: string;
  modal: Modal | undefined;
  hint: string | undefined;
  quitting: boolean;
}

const QUIT_WINDOW_MS = 2000;

export class TuiController {
  readonly transcript = new Transcript();
  private snap: TuiSnapshot = {
    version: 0,
    busy: false,
    busySince: undefined,
    activity: "",
    modal: undefined,
    hint: undefined,
    quitting: false,
  };
  private readonly listeners = new Set<() => void>();
  private lastCtrlC = 0;
  private running: Promise<unknown> | undefined;
  private quitRequested = false;
  private readonly queued: string[] = [];
  onExit: () => void = () => undefined;

  constructor(
    readonly session: InteractiveSession,
    private readonly commands: readonly SlashCommand[],
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {
    session.on((e) => {
      this.transcript.handle(e);
      if (e.type === "model_request") this.set({ activity: e.attempt > 0 ? `retrying (${e.attempt})` : "thinking" });
      else if (e.type === "model_delta" && this.snap.activity !== "writing") this.set({ activity: "writing" });
      else if (e.type === "tool_call") this.set({ activity: `${e.name}` });
      else if (e.type === "command") this.set({ activity: `checking` });
      else this.changed();
    });
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): TuiSnapshot => this.snap;

  private set(patch: Partial<TuiSnapshot>): void {
    this.snap = { ...this.snap, ...patch, version: this.snap.version + 1 };
    for (const l of this.listeners) l();
  }

  private changed(): void {
    this.set({});
  }

  setHint(hint: string | undefined): void {
    if (hint !== this.snap.hint) this.set({ hint });
  }

  /** Ask for approval of a command (the session's Approver). */
  approve = (command: string, classification: Classification): Promise<ApprovalDecision> =>
    new Promise((resolve) => {
      this.set({
        modal: {
          kind: "approval",
          command,
          reasons: classification.reasons,
          resolve: (d) => {
            this.set({ modal: undefined, hint: undefined });
            this.transcript.addLines(
              [
                line(
                  `${d === "deny" ? "✗ denied" : d === "always" ? "✓ allowed for this session" : "✓ allowed once"}: ${command}`,
                  d === "deny" ? "warning" : "dim",
                ),
              ],
              "card",
            );
            resolve(d);
          },
        },
      });
    });

  ask = (question: string, options: AskOptions = {}): Promise<string | undefined> =>
    new Promise((resolve) => {
      this.set({
        modal: {
          kind: "ask",
          question,
          options,
          resolve: (answer) => {
            this.set({ modal: undefined });
            const value = answer === "" && options.default !== undefined ? options.default : answer;
            // Echo the exchange into the transcript; a masked answer only as dots of a fixed length.
            const shown = value === undefined ? "(cancelled)" : options.mask ? (value === "" ? "" : "••••••") : value;
            this.transcript.addLines([line(`${question} ${shown}`, "dim")]);
            resolve(value);
          },
        },
      });
    });

  private slashContext(): SlashContext {
    const add = this.transcript.openGroup();
    return {
      mode: "tui",
      session: this.session,
      out: {
        print: (text, style) => add(textLines(text, style)),
        block: (title, body, style) =>
          add([line(title, "heading"), ...body.map((b) => line(`  ${b}`, style ?? "plain"))]),
      },
      ask: this.ask,
      env: this.env,
      commands: this.commands,
      quit: () => {
        this.quitRequested = true;
      },
      clearScreen: () => this.transcript.clear(),
    };
  }

  /** Handles one submitted input: a slash command, or a prompt for the agent. */
  async submit(text: string): Promise<void> {
    if (text.trim() === "") return;
    this.setHint(undefined);
    if (isSlashInput(text)) {
      this.transcript.addUser(text.trim());
      const ctx = this.slashContext();
      const r = await dispatchSlash(text, ctx);
      if (!r.ok) ctx.out.print(r.message, "error");
      this.changed();
      if (this.quitRequested) await this.quit();
      return;
    }
    if (this.snap.busy) {
      // Typed while a prompt runs: it runs next (Esc drops the queue along with the running prompt).
      this.queued.push(text);
      this.setHint(`Queued ${this.queued.length}: runs when the current prompt ends · Esc interrupts and drops it`);
      return;
    }
    this.transcript.addUser(text);
    const expanded = expandReferences(text, this.session.cwd);
    for (const w of expanded.warnings) this.transcript.addLines([line(w, "warning")]);
    this.set({ busy: true, busySince: Date.now(), activity: "starting" });
    const run = this.session.send(expanded.prompt).then(
      (r) => {
        if (r.sessionId === "" && !r.success) this.transcript.addLines(textLines(r.detail, "error"));
      },
      (err: unknown) => this.transcript.addLines(textLines(`Internal error: ${String(err)}`, "error")),
    );
    this.running = run;
    await run;
    this.running = undefined;
    this.set({ busy: false, busySince: undefined, activity: "" });
    const next = this.queued.shift();
    if (next !== undefined && !this.snap.quitting) {
      this.setHint(undefined);
      await this.submit(next);
    }
  }

  /** Esc: interrupts the running prompt (a pending approval is denied). */
  interrupt(): boolean {
    const m = this.snap.modal;
    if (m?.kind === "approval") m.resolve("deny");
    if (!this.session.interrupt()) return false;
    if (this.queued.length > 0)
      this.transcript.addLines([line(`Dropped ${this.queued.length} queued message(s).`, "dim")]);
    this.queued.length = 0;
    this.set({ activity: "interrupting", hint: undefined });
    return true;
  }

  /** Ctrl-C: interrupts when busy; on an idle prompt, a second press within two seconds quits. */
  ctrlC(inputEmpty: boolean): "interrupted" | "cleared" | "armed" | "quit" {
    if (this.interrupt()) return "interrupted";
    if (!inputEmpty) return "cleared";
    const now = Date.now();
    if (now - this.lastCtrlC < QUIT_WINDOW_MS) {
      void this.quit();
      return "quit";
    }
    this.lastCtrlC = now;
    this.setHint("Press Ctrl-C again to quit (or type /quit).");
    setTimeout(() => {
      if (this.snap.hint?.startsWith("Press Ctrl-C again")) this.setHint(undefined);
    }, QUIT_WINDOW_MS).unref();
    return "armed";
  }

  /** Leaves cleanly: a running prompt is interrupted and awaited so no tool is cut mid-write. */
  async quit(): Promise<void> {
    if (this.snap.quitting) return;
    this.set({ quitting: true });
    if (this.running) {
      this.session.interrupt();
      await Promise.race([this.running, new Promise((r) => setTimeout(r, 5000))]);
    }
    this.onExit();
  }
}
