/**
 * /provider: the provider wizard inside the interactive session (the same steps as `smallcode provider`). The key is
 * asked with masked input and handed to the session without ever being printed; the next prompt uses the new endpoint.
 */
import type { WizardIO } from "../provider/io.js";
import { runProviderWizard } from "../provider/wizard.js";
import { fail, OK, type SlashCommand, type SlashContext } from "./types.js";

/** The wizard's questions through the mode's own prompt (a picker or masked field in the TUI, readline in classic). */
export function slashWizardIO(ctx: SlashContext): WizardIO {
  return {
    say: (text) => ctx.out.print(text, text.startsWith("✗") ? "warning" : text.startsWith("✓") ? "success" : "plain"),
    ask: (question) => ctx.ask(question.trimEnd()),
    askSecret: (question) => ctx.ask(question.trimEnd(), { mask: true }),
  };
}

export const command: SlashCommand = {
  name: "provider",
  summary: "Set up the model provider: endpoint, model and API key (checked, then saved to .env)",
  async run(_args, ctx) {
    if (ctx.session.busy) return fail("A prompt is running; interrupt it (Esc) first.");
    const result = await runProviderWizard(slashWizardIO(ctx), { cwd: ctx.session.cwd, env: ctx.env });
    if (!result.ok) {
      if (result.reason === "cancelled") {
        ctx.out.print("Cancelled; nothing was saved.", "dim");
        return OK;
      }
      return fail(result.message);
    }
    const { baseUrl, model, apiKey } = result.choice;
    // Re-read the files first (a reload starts from the flags), then pin the choice: it wins even over a flag.
    await ctx.session.reloadSettings();
    ctx.session.setEndpoint({ baseUrl, model, ...(apiKey ? { apiKey } : {}), source: "/provider" });
    ctx.out.print(`Now using ${model} at ${baseUrl}.`, "success");
    return OK;
  },
};
