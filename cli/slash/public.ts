/**
 * The interactive session and the slash-command contract, for embedding SmallCode's interactive side (re-exported by
 * the package root). No `command` export here: the registry loads this file like any other and registers nothing.
 */
export { InteractiveSession, type InteractiveSessionOptions } from "./session.js";
export { loadSlashCommands, dispatchSlash, parseSlash, type LoadedCommands } from "./registry.js";
export type {
  AskOptions,
  EndpointInfo,
  FileChange,
  HistoryEntry,
  OutputStyle,
  SessionUsage,
  SlashCommand,
  SlashContext,
  SlashOutput,
  SlashResult,
  SlashSession,
  UndoResult,
} from "./types.js";
