/**
 * Noise profiles: how often the simulated model makes each kind of mistake, and how well it takes feedback.
 * Rates are per reply (habits, broken output), per call (naming, format) or per edit (sloppy old_text).
 * They are set to resemble what the project sees from models of that size, not measured from them: the simulator
 * tests SmallCode's robustness to realistic noise; real-model figures come from runs against real endpoints.
 */
import type { SimFormat } from "./types.js";

export type FormatWeights = Partial<Record<SimFormat | "instructed", number>>;

export interface SimProfile {
  name: string;
  description: string;
  /** Format weights when the request offers native `tools`; "instructed" = the format the system prompt teaches. */
  formatsNative: FormatWeights;
  /** Format weights in prompt mode (no `tools` in the request; `native` is never used there). */
  formatsPrompt: FormatWeights;
  /** Per call: a drifted parameter name; a near-miss tool name; a made-up tool name. */
  paramDrift: number;
  toolNearMiss: number;
  toolMadeUp: number;
  /** Per edit_file call: old_text is sloppy; which way, by weight. */
  sloppyEdit: number;
  sloppyKinds: { indent: number; elided: number; stale: number; crlf: number; lineNumbers: number };
  /** Per reply: cut off mid-call; a closed `<think>` block; an unclosed one. */
  truncated: number;
  thinkClosed: number;
  thinkUnclosed: number;
  /** Per reply: repeat the previous call; greet as if the task were lost; prose instead of a call; empty reply. */
  repeat: number;
  greeting: number;
  prose: number;
  empty: number;
  /** After a failed step whose feedback gives what is needed: probability the next reply is corrected. */
  correct: number;
  /** After a failed step whose feedback does not: probability it recovers anyway (else it flounders). */
  unaided: number;
}

const NO_SLOP = { indent: 0, elided: 0, stale: 0, crlf: 0, lineNumbers: 0 };

export const PROFILES: Readonly<Record<string, SimProfile>> = {
  clean: {
    name: "clean",
    description: "Plays the reference exactly: native calls (or the instructed format), no mistakes.",
    formatsNative: { native: 1 },
    formatsPrompt: { instructed: 1 },
    paramDrift: 0,
    toolNearMiss: 0,
    toolMadeUp: 0,
    sloppyEdit: 0,
    sloppyKinds: NO_SLOP,
    truncated: 0,
    thinkClosed: 0,
    thinkUnclosed: 0,
    repeat: 0,
    greeting: 0,
    prose: 0,
    empty: 0,
    correct: 1,
    unaided: 0,
  },
  "typical-8b": {
    name: "typical-8b",
    description: "A good 8B model at Q4 (Qwen3-8B class): mostly right, regular small slips.",
    formatsNative: { native: 0.8, hermes: 0.1, "qwen3-coder": 0.05, "fenced-json": 0.05 },
    formatsPrompt: { instructed: 0.6, "fenced-json": 0.1, "qwen3-coder": 0.1, pythonic: 0.05, yaml: 0.05, react: 0.1 },
    paramDrift: 0.1,
    toolNearMiss: 0.04,
    toolMadeUp: 0.02,
    sloppyEdit: 0.3,
    sloppyKinds: { indent: 0.3, elided: 0.15, stale: 0.25, crlf: 0.1, lineNumbers: 0.2 },
    truncated: 0.03,
    thinkClosed: 0.2,
    thinkUnclosed: 0.03,
    repeat: 0.04,
    greeting: 0.03,
    prose: 0.04,
    empty: 0.02,
    correct: 0.75,
    unaided: 0.1,
  },
  "messy-8b": {
    name: "messy-8b",
    description: "A weaker or harder-quantised 8B model: frequent format, naming and edit errors.",
    formatsNative: {
      native: 0.55,
      hermes: 0.15,
      "qwen3-coder": 0.1,
      "fenced-json": 0.1,
      pythonic: 0.05,
      yaml: 0.025,
      react: 0.025,
    },
    formatsPrompt: { instructed: 0.4, "fenced-json": 0.15, "qwen3-coder": 0.15, pythonic: 0.1, yaml: 0.1, react: 0.1 },
    paramDrift: 0.2,
    toolNearMiss: 0.08,
    toolMadeUp: 0.04,
    sloppyEdit: 0.5,
    sloppyKinds: { indent: 0.3, elided: 0.2, stale: 0.25, crlf: 0.1, lineNumbers: 0.15 },
    truncated: 0.06,
    thinkClosed: 0.3,
    thinkUnclosed: 0.06,
    repeat: 0.07,
    greeting: 0.05,
    prose: 0.06,
    empty: 0.04,
    correct: 0.6,
    unaided: 0.05,
  },
  "typical-30b": {
    name: "typical-30b",
    description: "A 30B-class model (Qwen3-Coder-30B-A3B class): rare slips, takes feedback well.",
    formatsNative: { native: 0.92, hermes: 0.05, "fenced-json": 0.03 },
    formatsPrompt: { instructed: 0.85, "fenced-json": 0.05, "qwen3-coder": 0.1 },
    paramDrift: 0.04,
    toolNearMiss: 0.015,
    toolMadeUp: 0.005,
    sloppyEdit: 0.12,
    sloppyKinds: { indent: 0.35, elided: 0.2, stale: 0.25, crlf: 0.05, lineNumbers: 0.15 },
    truncated: 0.01,
    thinkClosed: 0.15,
    thinkUnclosed: 0.01,
    repeat: 0.02,
    greeting: 0.01,
    prose: 0.02,
    empty: 0.01,
    correct: 0.9,
    unaided: 0.2,
  },
};

export const PROFILE_NAMES = Object.keys(PROFILES);

/** A profile by name, or undefined. */
export function profileNamed(name: string): SimProfile | undefined {
  return PROFILES[name];
}
