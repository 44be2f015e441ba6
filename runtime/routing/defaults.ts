/**
 * The routing the built-in agent starts from. marrow/ declares the real one (the lead wires it); this default keeps
 * the runtime usable without it and documents the intended shape.
 */
import type { RoutingSpec } from "./types.js";

export const DEFAULT_ROUTING: RoutingSpec = {
  categories: [
    {
      name: "search",
      keywords: ["find", "search", "grep", "where", "locate", "usage", "reference", "occurrence", "rename", "every"],
      after: [],
    },
    {
      name: "write",
      keywords: [
        "fix",
        "change",
        "edit",
        "add",
        "implement",
        "write",
        "create",
        "update",
        "refactor",
        "remove",
        "delete",
        "replace",
        "rename",
        "modify",
        "bug",
        "make",
        "support",
      ],
      after: ["read"],
    },
    {
      name: "run",
      keywords: ["test", "run", "build", "compile", "lint", "install", "execute", "command", "verify", "fail", "error"],
      after: ["write"],
    },
    { name: "plan", keywords: ["plan", "todo", "step", "refactor", "migrate", "several", "multiple"], after: [] },
    { name: "memory", keywords: ["remember", "note", "memory"], after: [] },
  ],
  always: ["read", "control"],
  fallback: ["search", "run"],
  continuePhrases: [
    "continue",
    "yes",
    "y",
    "go on",
    "go ahead",
    "ok",
    "okay",
    "proceed",
    "keep going",
    "sure",
    "do it",
    "carry on",
    "next",
  ],
  holdSteps: 6,
};
