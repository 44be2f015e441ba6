/**
 * The small-model simulator: an OpenAI-compatible server (the project's test server, bench/server/) that plays a
 * task's reference trajectory the way a noisy small model would, from a seeded noise profile.
 *
 *   const sim = await startSimulator({ task, profile: "typical-8b", seed: 7 });
 *   await new SmallCode({ baseUrl: sim.baseUrl, model: sim.model, cwd, yes: true }).run(task.prompt);
 *   sim.stats(); // what it injected, by noise kind
 *   await sim.close();
 */
import { startLlmServer, type RecordedRequest, type ReplySpec } from "../server/index.js";
import { readRequest, type RequestView } from "./conversation.js";
import { Player } from "./player.js";
import { PROFILES, PROFILE_NAMES, type SimProfile } from "./profiles.js";
import type { SimTask } from "./types.js";

export interface SimulatorOptions {
  task: SimTask;
  /** A profile or its name: clean, typical-8b, messy-8b, typical-30b. */
  profile: SimProfile | string;
  seed: number;
  /** Model id the server reports (default `sim-<profile>`). */
  model?: string;
  /** Context window the server advertises (default 32768). */
  contextLength?: number;
}

export interface Simulator {
  readonly baseUrl: string;
  readonly model: string;
  readonly profile: SimProfile;
  close(): Promise<void>;
  /** What the simulator did: replies, each injected noise kind, formats used (`format:hermes`), corrections. */
  stats(): Record<string, number>;
}

function sideReply(view: RequestView, task: SimTask): ReplySpec {
  if (view.kind === "probe") {
    return { content: "", reasoning: "", toolCalls: [{ name: "get_weather", arguments: '{"city": "Paris"}' }] };
  }
  // A side request (the history summarizer): a short, honest digest.
  return { content: `- Task: ${task.prompt}\n- Work is in progress.`, reasoning: "", toolCalls: [] };
}

/** Starts a simulator for one attempt at one task; throws only for an unknown profile name (a usage error). */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const profile = typeof options.profile === "string" ? PROFILES[options.profile] : options.profile;
  if (!profile) {
    throw new Error(`Unknown simulator profile "${String(options.profile)}"; use one of: ${PROFILE_NAMES.join(", ")}.`);
  }
  const model = options.model ?? `sim-${profile.name}`;
  const server = await startLlmServer({
    flavour: "openai",
    models: [{ id: model, contextLength: options.contextLength ?? 32768 }],
  });
  const player = new Player(options.task, profile, options.seed);
  const side: Record<string, number> = {};
  server.respond((request: RecordedRequest) => {
    const body = (request.body && typeof request.body === "object" ? request.body : {}) as Record<string, unknown>;
    const view = readRequest(body, options.task);
    if (view.kind !== "agent") {
      side[`side:${view.kind}`] = (side[`side:${view.kind}`] ?? 0) + 1;
      return sideReply(view, options.task);
    }
    return player.reply(view);
  });
  return {
    baseUrl: server.baseUrl,
    model,
    profile,
    close: () => server.close(),
    stats: () => ({ ...player.counts, ...side }),
  };
}

export { PROFILES, PROFILE_NAMES, profileNamed, type SimProfile } from "./profiles.js";
export { NOISE_KINDS, SIM_FORMATS, type NoiseKind, type SimCall, type SimFormat, type SimTask } from "./types.js";
export { Rng } from "./rng.js";
