/**
 * The simulator's shapes: the part of a task it plays, one tool call, the noise kinds it injects (the keys of
 * `stats()`), and what it remembers of its own last reply.
 */
import type { ReferenceStep, TaskDef } from "../harness/types.js";

/** What the simulator needs of a task (a TaskDef satisfies it). */
export type SimTask = Pick<TaskDef, "id" | "prompt" | "reference">;
export type { ReferenceStep };

/** One tool call, by the name and argument names the simulated model writes. */
export interface SimCall {
  tool: string;
  args: Record<string, unknown>;
}

/** Text formats the simulated model writes calls in; `native` only when the request offered `tools`. */
export const SIM_FORMATS = ["native", "hermes", "qwen3-coder", "pythonic", "fenced-json", "yaml", "react"] as const;
export type SimFormat = (typeof SIM_FORMATS)[number];

/** Every kind of noise, as counted by `stats()`. */
export const NOISE_KINDS = [
  // naming errors
  "param-drift",
  "tool-near-miss",
  "tool-made-up",
  // sloppy edits
  "edit-indent",
  "edit-elided",
  "edit-stale",
  "edit-crlf",
  "edit-line-numbers",
  // broken output
  "truncated",
  "think-closed",
  "think-unclosed",
  // bad habits
  "repeat",
  "greeting",
  "prose",
  "empty",
] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];

/** What one reply did, remembered to judge the next request's feedback. */
export type Emission =
  | { kind: "call"; step: number; call: SimCall; mistakes: NoiseKind[]; format: SimFormat }
  | { kind: "habit"; step: number; habit: "repeat" | "greeting" | "prose" | "empty"; call?: SimCall }
  | { kind: "detour"; step: number; call: SimCall }
  | { kind: "say"; step: number };
