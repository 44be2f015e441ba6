/**
 * Where an attempt's model comes from: the small-model simulator (bench/sim, started per attempt), the plain replay
 * of the task's reference trajectory on the test server (a harness self-check), or a live endpoint the user names.
 */
import { startLlmServer, reply } from "../server/index.js";
import type { TaskDef } from "./types.js";

export interface AttemptEndpoint {
  baseUrl: string;
  model: string;
  close(): Promise<void>;
  /** What the simulator injected, per noise kind. */
  stats(): Record<string, number> | undefined;
}

export type ModelSource =
  /** A profile name (clean, typical-8b, messy-8b, typical-30b) or a whole profile object (bench/sim/profiles.ts). */
  | { kind: "sim"; profile: string | SimProfileLike }
  | { kind: "replay" }
  | { kind: "live"; baseUrl: string; model: string };

/** A simulator profile object; only its name matters to the harness (the simulator checks the rest). */
export interface SimProfileLike {
  name: string;
  [rate: string]: unknown;
}

/** The simulator's contract (bench/sim/index.ts), restated so the harness type-checks without importing it. */
interface SimulatorModule {
  PROFILE_NAMES?: readonly string[];
  startSimulator(options: {
    task: TaskDef;
    profile: string | SimProfileLike;
    seed: number;
  }): Promise<SimHandle> | SimHandle;
}
interface SimHandle {
  baseUrl: string;
  model: string;
  close(): Promise<void> | void;
  stats(): Record<string, number>;
}

let simModule: Promise<SimulatorModule | string> | undefined;

/** Loads bench/sim lazily (from source under tsx/vitest, or from dist/); a string says why it is unavailable. */
export function loadSimulator(): Promise<SimulatorModule | string> {
  simModule ??= (async () => {
    const js = new URL("../sim/index.js", import.meta.url).href;
    for (const specifier of [js, js.replace(/\.js$/, ".ts")]) {
      try {
        const mod = (await import(specifier)) as Partial<SimulatorModule>;
        if (typeof mod.startSimulator === "function") return mod as SimulatorModule;
      } catch {
        // Try the next form.
      }
    }
    return "The simulator (bench/sim) is not available in this build; use --base-url and --model for a live model.";
  })();
  return simModule;
}

/** Serves the reference trajectory in order, one step per chat request, then "Done." */
async function startReplay(task: TaskDef): Promise<AttemptEndpoint> {
  const server = await startLlmServer({ models: ["reference-replay"] });
  let next = 0;
  server.respond(() => {
    const step = task.reference[next++];
    if (!step) return reply().text("Done.");
    return "say" in step ? reply().text(step.say) : reply().tool(step.tool, step.args);
  });
  return { baseUrl: server.baseUrl, model: "reference-replay", close: () => server.close(), stats: () => undefined };
}

export async function openEndpoint(
  source: ModelSource,
  task: TaskDef,
  seed: number,
): Promise<AttemptEndpoint | string> {
  if (source.kind === "live") {
    return { baseUrl: source.baseUrl, model: source.model, close: async () => {}, stats: () => undefined };
  }
  if (source.kind === "replay") return startReplay(task);
  const sim = await loadSimulator();
  if (typeof sim === "string") return sim;
  try {
    const h = await sim.startSimulator({ task, profile: source.profile, seed });
    return {
      baseUrl: h.baseUrl,
      model: h.model,
      close: async () => {
        await h.close();
      },
      stats: () => h.stats(),
    };
  } catch (err) {
    return `The simulator could not start for ${task.id}: ${err instanceof Error ? err.message : String(err)}`;
  }
}
