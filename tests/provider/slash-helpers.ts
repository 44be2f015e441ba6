/** A SlashContext over the real InteractiveSession, recording output and answering questions from a script. */
import { InteractiveSession } from "../../cli/slash/session.js";
import type { AskOptions, OutputStyle, SlashContext } from "../../cli/slash/types.js";

export interface Recorded {
  ctx: SlashContext;
  session: InteractiveSession;
  /** Everything printed, questions included. */
  lines: string[];
  asked: Array<{ question: string; options?: AskOptions }>;
}

export async function slashContext(
  cwd: string,
  env: Record<string, string>,
  answers: string[] = [],
): Promise<Recorded> {
  const session = new InteractiveSession({
    base: { cwd, env, toolMode: "native", client: { retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 5000 } },
  });
  const problem = await session.init();
  if (problem) throw new Error(problem);
  const lines: string[] = [];
  const asked: Recorded["asked"] = [];
  const out = {
    print: (text: string, _style?: OutputStyle) => void lines.push(text),
    block: (title: string, body: readonly string[]) => void lines.push(`## ${title}`, ...body),
  };
  const ctx: SlashContext = {
    mode: "classic",
    session,
    out,
    env,
    commands: [],
    quit: () => {},
    clearScreen: () => {},
    async ask(question, options) {
      asked.push({ question, ...(options ? { options } : {}) });
      const a = answers.shift();
      lines.push(`${question} ${options?.mask ? "••••" : (a ?? "")}`);
      return a;
    },
  };
  return { ctx, session, lines, asked };
}
