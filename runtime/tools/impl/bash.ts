/**
 * bash(command, timeout?): runs in the session's persistent shell. Blocked commands never run; commands that need
 * approval run only when the approval callback says yes; interactive programs are refused with a message.
 */
import { restoreSettingsChanges, takeSettingsSnapshot } from "../../security/settings-guard.js";
import { classifyCommand } from "../../shell/classify.js";
import { interactiveProblem } from "../../shell/environment.js";
import { parseScript } from "../../shell/parse.js";
import type { ShellResult } from "../../shell/session.js";
import type { ToolOutcome } from "../types.js";
import { fail, guarded, int, missing, str, type ToolArgs, type ToolContext } from "./context.js";

/** The last line of output looks like a question waiting for an answer. */
const PROMPT =
  /(\[y\/n\]|\(y\/n\)|\[yes\/no\]|\(yes\/no\)|password:|passphrase|continue\?|proceed\?|press (enter|any key)|\? ?$|: ?$)/i;

function waitedForInput(r: ShellResult): boolean {
  if (r.exitCode === 0 && !r.timedOut) return false;
  const last = r.output.trimEnd().split("\n").pop() ?? "";
  return last.length > 0 && last.length < 200 && PROMPT.test(last.trim());
}

function render(r: ShellResult): string {
  const parts: string[] = [];
  if (r.output !== "") parts.push(r.output.endsWith("\n") ? r.output.slice(0, -1) : r.output);
  if (r.timedOut) parts.push("[timed out]");
  else if (r.exitCode === null) parts.push("[killed]");
  else parts.push(`[exit code ${r.exitCode}]`);
  parts.push(...r.notes.map((n) => `[${n}]`));
  if (waitedForInput(r)) {
    parts.push(
      "[The command seems to have asked for input. Stdin is closed in this shell: pass a non-interactive flag (--yes, -y, --non-interactive, --no-input) or pipe the answer (printf 'y\\n' | …).]",
    );
  }
  return parts.join("\n");
}

export function bashTool(args: ToolArgs, ctx: ToolContext): Promise<ToolOutcome> {
  return guarded("bash", async () => {
    const command = str(args, "command");
    if (command === undefined || command.trim() === "") return missing("bash", "command", '{"command": "npm test"}');
    if (!ctx.shell) return fail("bash: no shell session is available in this run.");
    const verdict = classifyCommand(command, {
      root: ctx.workspace.rootReal,
      cwd: ctx.shell.cwd,
      policy: ctx.workspace.policy, // the user's deny lists also decide which files count as secret
      vars: ctx.shell.variables(), // `export D=/etc` in an earlier call, then `touch $D/x`
    });
    if (verdict.level === "blocked") {
      return fail(
        `Refused: this command is blocked (${verdict.reasons.join("; ")}). It will not run, even with approval.`,
        { danger: verdict },
      );
    }
    if (verdict.level === "needs_approval") {
      const yes = ctx.approve ? await ctx.approve(command, verdict) : false;
      if (!yes) {
        return fail(
          `Not run: the command needs the user's approval (${verdict.reasons.join("; ")}) and it was ${ctx.approve ? "declined" : "not available"}. Find another way, or ask the user.`,
          { danger: verdict },
        );
      }
    }
    for (const cmd of parseScript(command).commands) {
      const problem = interactiveProblem(cmd.words.map((w) => w.value));
      if (problem !== null) return fail(problem);
    }
    const seconds = int(args, "timeout");
    // Settings reached without being named (a hard link, an archive, git plumbing) are put back after the command,
    // unless a person approved this command as one that touches them (docs/security.md).
    const guard = verdict.personal ? null : takeSettingsSnapshot(ctx.workspace.rootReal);
    const r = await ctx.shell.run(command, seconds !== undefined && seconds > 0 ? { timeoutMs: seconds * 1000 } : {});
    const restored = guard ? restoreSettingsChanges(guard) : [];
    if (restored.length > 0) {
      r.notes.push(
        `SmallCode's settings are the user's to change: the command changed ${restored.join(", ")}; put back as it was`,
      );
    }
    if (r.refused) return fail(r.refused);
    const data: Record<string, unknown> = {
      exitCode: r.exitCode,
      timedOut: r.timedOut,
      cwd: r.cwd,
      truncated: r.truncated,
      durationMs: r.durationMs,
    };
    if (r.fullOutputPath) data.fullOutputPath = r.fullOutputPath;
    return { ok: r.exitCode === 0, output: render(r), data };
  });
}
