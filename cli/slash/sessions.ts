/** /sessions: lists the logged sessions of this project, newest first; /sessions resume <id|latest> continues one. */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { loadSession, SESSIONS_DIR } from "../../runtime/agent/session-log.js";
import { fail, OK, type SlashCommand } from "./types.js";

const SHOWN = 15;

async function listSessions(dir: string): Promise<Array<{ id: string; mtime: number }>> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: Array<{ id: string; mtime: number }> = [];
  for (const n of names) {
    if (!n.endsWith(".jsonl")) continue;
    const s = await stat(join(dir, n)).catch(() => undefined);
    if (s) out.push({ id: n.slice(0, -".jsonl".length), mtime: s.mtimeMs });
  }
  return out.sort((a, b) => b.mtime - a.mtime || b.id.localeCompare(a.id));
}

function oneLine(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export const command: SlashCommand = {
  name: "sessions",
  aliases: ["resume"],
  summary: "List this project's sessions, or continue one: /sessions resume <id|latest>",
  usage: "/sessions [resume <id|latest>]",
  async run(args, ctx) {
    const dir = join(ctx.session.cwd, SESSIONS_DIR);
    const [verb, id] = args.split(/\s+/);
    if (verb === "resume" || verb === "latest" || (verb !== undefined && /^\d{8}-/.test(verb))) {
      const target = verb === "resume" ? id : verb;
      if (!target) return fail("Say which session: /sessions resume <id> (or latest). /sessions lists them.");
      if (ctx.session.busy) return fail("A prompt is running; interrupt it (Esc) first.");
      const r = await ctx.session.resume(target);
      if (!r.ok) return fail(r.message);
      ctx.out.print(`Continuing session ${ctx.session.id}: ${oneLine(r.task, 70)}`, "success");
      ctx.out.print("Your next message is sent as a follow-up in that conversation.", "dim");
      return OK;
    }
    if (verb && verb !== "list")
      return fail(`Unknown /sessions action ${verb}. Use /sessions or /sessions resume <id>.`);
    const all = await listSessions(dir);
    if (all.length === 0) {
      ctx.out.print(`No sessions yet in ${SESSIONS_DIR}.`, "dim");
      return OK;
    }
    const rows = all.slice(0, SHOWN).map((s) => {
      const loaded = loadSession(dir, s.id);
      const status = loaded?.lastDone ? (loaded.lastDone.success ? "done" : loaded.lastDone.reason) : "open";
      const mark = s.id === ctx.session.id ? "●" : " ";
      return `${mark} ${s.id}  ${status.padEnd(12)} ${oneLine(loaded?.task ?? "(unreadable)", 60)}`;
    });
    const more = all.length > SHOWN ? [`… ${all.length - SHOWN} older`] : [];
    ctx.out.block("Sessions (newest first)", [...rows, ...more, "Continue one with /sessions resume <id>."]);
    return OK;
  },
};
