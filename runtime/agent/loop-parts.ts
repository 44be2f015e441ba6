/**
 * What one run's loop is made of, shared by the stage machine (agent.ts) and the turn (turn.ts): the parts built at
 * start, and the counters the turns update.
 */
import type { ContextEngine } from "../context/engine.js";
import type { Workspace } from "../fs/workspace.js";
import type { ToolResultMeta } from "../context/types.js";
import type { ChatMessage, OpenAITool } from "../model/types.js";
import type { RoutingDecision, RoutingSpec } from "../routing/types.js";
import type { ShellCheckpoint } from "../session/shell-checkpoint.js";
import type { SnapshotStore } from "../session/snapshots.js";
import type { ShellSession } from "../shell/session.js";
import type { ToolCallParseOptions } from "../toolcall/types.js";
import type { ToolSpec } from "../tools/types.js";
import type { AgentEvent } from "./events.js";
import type { AgentMessages, LoopLimits } from "./spec.js";
import type { GuardRunner } from "./guard-runner.js";
import type { RunState } from "./run-state.js";
import type { ToolRunner } from "./tool-runner.js";
import type { AgentBundle, AgentOptions, CallSummary } from "./types.js";

export interface LoopCounters {
  formatErrors: number;
  emptyReplies: number;
  promptTokens: number;
  completionTokens: number;
  calls: CallSummary[];
  filesChanged: Set<string>;
  /** The model's last prose. */
  finalText: string;
  /** Steering notes and check results waiting to go into the next request. */
  pendingNotes: string[];
  routing?: RoutingDecision;
  /** The previous assemble compacted: routing may choose afresh. */
  prefixReset: boolean;
  /** A follow-up message (resume), for routing. */
  lastUserMessage?: string;
  previousCategories: string[];
  /** The working tree's fingerprint when the run started (undefined outside git); see workspace-changes.ts. */
  workspaceAtStart?: string;
}

export interface LoopParts {
  options: AgentOptions;
  bundle: AgentBundle;
  engine: ContextEngine;
  /** The run's workspace (it also identifies the run's planning state). */
  workspace: Workspace;
  /** The persistent shell the tools use (and step checks run in). */
  shell: ShellSession;
  state: RunState;
  guards: GuardRunner;
  tools: ToolRunner;
  snapshots: SnapshotStore;
  /** Captures the working tree around shell-backed calls (absent when the option turned it off). */
  shellCheckpoint?: ShellCheckpoint;
  /** The agent's tools, in declaration order. */
  specs: ReadonlyMap<string, ToolSpec>;
  /** Every tool the parser accepts (offered or not). */
  parseTools: OpenAITool[];
  parseOptions: ToolCallParseOptions;
  routing: RoutingSpec;
  /** The agent's messages and limits (declared in marrow, fallbacks from defaults.ts for the rest). */
  messages: AgentMessages;
  limits: LoopLimits;
  temperature: number;
  maxOutput: number;
  counters: LoopCounters;
  emit(event: AgentEvent): void;
  /** Appends to the history and the session log; for tool results, returns the text the model sees. */
  append(message: ChatMessage, meta?: ToolResultMeta): string;
}
