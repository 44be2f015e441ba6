/** /undo: rolls back the file edits of the most recent prompt from its snapshots. */
import { fail, OK, type SlashCommand } from "./types.js";

export const command: SlashCommand = {
  name: "undo",
  summary: "Roll back the file edits of the last prompt (from its snapshots)",
  async run(_args, ctx) {
    const r = await ctx.session.undo();
    const restored = r.reports.flatMap((x) => x.restored);
    const deleted = r.reports.flatMap((x) => x.deleted);
    const unchanged = r.reports.flatMap((x) => x.unchanged);
    if (restored.length + deleted.length + unchanged.length > 0) {
      ctx.out.block(`Undid the edits of: ${r.prompt ?? "the last prompt"}`, [
        ...restored.map((p) => `restored ${p}`),
        ...deleted.map((p) => `deleted  ${p} (it was created)`),
        ...unchanged.map((p) => `kept     ${p} (already as before)`),
      ]);
    }
    if (!r.ok) return fail(r.message ?? "Nothing was undone.");
    if (restored.length + deleted.length === 0) ctx.out.print("The files already held what they held before.", "dim");
    return OK;
  },
};
