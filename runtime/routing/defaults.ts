/**
 * FALLBACK ONLY: the routing the loop uses for a bundle that declares none. The built-in agent's routing is declared in
 * marrow/routing.marrow (generated/routing.ts, picked by `agent smallcode { routing: default }`), and a team changes
 * it in .smallcode/marrow/. This copy mirrors it (plus `control` in `always`, for a future finish tool) so the runtime
 * stays usable on its own. Categories: read (read_file, list_dir), search (grep, glob), write (edit_file and other
 * edits of existing files), create (write_file), run (bash), plan (todo_write), memory (remember), control (finish).
 */
import type { RoutingSpec } from "./types.js";

export const DEFAULT_ROUTING: RoutingSpec = {
  categories: [
    {
      name: "search",
      keywords: ["find", "search", "grep", "where", "locate", "usage", "reference", "occurrence", "rename", "every"],
      after: [],
    },
    // Edits need a read first (read-before-write), so reads, searches and failing runs select them, not keywords.
    // A model that edits straight away is still accepted: the call is known, only not offered.
    { name: "write", keywords: [], after: ["read", "search", "run"] },
    {
      name: "create",
      keywords: ["create", "new file", "scaffold", "generate", "write", "add a file", "new module"],
      after: [],
    },
    {
      name: "run",
      keywords: ["test", "run", "build", "compile", "lint", "install", "execute", "command", "verify", "fail", "error"],
      after: ["write", "create"],
    },
    { name: "plan", keywords: ["plan", "todo", "step", "migrate", "migration", "several", "multiple"], after: [] },
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
  holdSteps: 10,
};
