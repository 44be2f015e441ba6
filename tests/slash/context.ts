/** A SlashContext that records what commands print and answers questions from a list, for the slash tests. */
import type { InteractiveSession } from "../../cli/slash/session.js";
import type { OutputStyle, SlashCommand, SlashContext } from "../../cli/slash/types.js";

export interface Recorded {
  ctx: SlashContext;
  lines: Array<{ text: string; style: OutputStyle }>;
  text(): string;
  quitCalled(): boolean;
  cleared(): number;
  questions: string[];
}

export function recordingContext(
  session: InteractiveSession,
  commands: readonly SlashCommand[],
  answers: Array<string | undefined> = [],
): Recorded {
  const lines: Recorded["lines"] = [];
  const questions: string[] = [];
  let quit = false;
  let cleared = 0;
  const ctx: SlashContext = {
    mode: "classic",
    session,
    out: {
      print: (text, style = "plain") => {
        for (const l of text.split("\n")) lines.push({ text: l, style });
      },
      block: (title, body, style = "plain") => {
        lines.push({ text: title, style: "heading" });
        for (const l of body) lines.push({ text: `  ${l}`, style });
      },
    },
    ask: async (question) => {
      questions.push(question);
      return answers.shift();
    },
    env: {},
    commands,
    quit: () => {
      quit = true;
    },
    clearScreen: () => {
      cleared++;
    },
  };
  return {
    ctx,
    lines,
    text: () => lines.map((l) => l.text).join("\n"),
    quitCalled: () => quit,
    cleared: () => cleared,
    questions,
  };
}
