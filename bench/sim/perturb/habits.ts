/**
 * Bad habits: a greeting as if the model lost the task, prose that describes the next step instead of taking it,
 * and an empty reply. (Repeating the previous call is played by the player, which knows that call.)
 */
import type { Rng } from "../rng.js";
import type { SimCall } from "../types.js";

export function greeting(rng: Rng): string {
  return rng.pick([
    "Hello! How can I help you today?",
    "Hi there! What would you like me to work on?",
    "Hello! I'm ready to help with your code. What is the task?",
  ]);
}

/** Prose announcing the call it should have made. */
export function prose(call: SimCall, rng: Rng): string {
  const what = typeof call.args["path"] === "string" ? ` ${call.args["path"]}` : "";
  const verb: Record<string, string> = {
    read_file: "read",
    edit_file: "edit",
    write_file: "write",
    bash: "run the command for",
  };
  return rng.pick([
    `Next I will ${verb[call.tool] ?? `use ${call.tool} on`}${what}.`,
    `I should now ${verb[call.tool] ?? `call ${call.tool} for`}${what} to continue with the task.`,
    `The next step is to ${verb[call.tool] ?? `use ${call.tool} on`}${what}. Let me know if you want me to proceed.`,
  ]);
}
