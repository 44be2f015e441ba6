/**
 * The commands `run` stages name by key (`project.test_command` …), detected from the files at the project root with
 * the rules in marrow-pending.ts; explicit configuration wins.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_COMMAND_RULES } from "./marrow-pending.js";

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Whether a rule's file condition holds: `file`, `file#scripts.test` (a JSON path), or `file#text` (contains). */
function holds(root: string, condition: string): boolean {
  const [file = "", probe] = condition.split("#", 2);
  const text = readText(join(root, file));
  if (text === undefined) return false;
  if (probe === undefined) return true;
  if (file.endsWith(".json")) {
    try {
      let value: unknown = JSON.parse(text);
      for (const key of probe.split(".")) {
        value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
      }
      return typeof value === "string" && value.trim() !== "" && !/no test specified/.test(value);
    } catch {
      return false;
    }
  }
  return text.split("\n").some((line) => line.startsWith(probe));
}

/** The command for `key` in the project at `root`, if configuration or detection gives one. */
export function projectCommand(
  root: string,
  key: string,
  configured: Readonly<Record<string, string>> = {},
): string | undefined {
  if (configured[key] !== undefined) return configured[key];
  for (const rule of PROJECT_COMMAND_RULES[key] ?? []) if (holds(root, rule.file)) return rule.command;
  return undefined;
}
