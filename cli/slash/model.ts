/** /model: shows the model in use and what the server serves, or switches to another one for the next prompts. */
import { inspectServer } from "../../runtime/model/server-info.js";
import { closestCommand } from "./suggest.js";
import { fail, OK, type SlashCommand } from "./types.js";

export const command: SlashCommand = {
  name: "model",
  summary: "Show the model and the server's models, or switch: /model <name>",
  usage: "/model [name]",
  async run(args, ctx) {
    const ep = ctx.session.endpoint();
    if (!ep.baseUrl) return fail("No endpoint yet: set one with /provider or SMALLCODE_BASE_URL, then try again.");
    const info = await inspectServer(ep.baseUrl, { timeoutMs: 3000 });
    const served = (info?.models ?? []).filter((m) => !m.embedding).map((m) => m.id);
    if (args === "") {
      ctx.out.print(`Model ${ep.model ?? "?"} at ${ep.baseUrl}`, "heading");
      if (!info) ctx.out.print("The server did not list its models.", "warning");
      for (const id of served)
        ctx.out.print(`${id === ep.model ? "●" : " "} ${id}`, id === ep.model ? "accent" : "plain");
      if (served.length > 1) ctx.out.print("Switch with /model <name>.", "dim");
      return OK;
    }
    if (ctx.session.busy) return fail("A prompt is running; interrupt it (Esc) first.");
    if (info && served.length > 0 && !served.includes(args)) {
      const near = closestCommand(args, served);
      return fail(
        `The server does not serve ${args}.${near ? ` Did you mean ${near}?` : ""} It serves: ${served.join(", ")}.`,
      );
    }
    ctx.session.setEndpoint({ model: args, source: "/model" });
    ctx.out.print(`Model switched to ${args}; the next prompt uses it.`, "success");
    return OK;
  },
};
