/**
 * Updating a `.env` file in place: the named variables are set (or removed), every other line (comments, blank lines,
 * other tools' variables) is kept as it was. The new text is written to a temporary file beside it and renamed over
 * it, so a crash never leaves half a file; a file that holds a key is made readable by its owner only (mode 600).
 */
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";

export type EnvFileResult = { ok: true; file: string; created: boolean; mode: number } | { ok: false; message: string };

/** Quotes a value only when dotenv would otherwise read it differently. */
export function formatEnvValue(value: string): string {
  if (!/[\s#"'`\\=]/.test(value) && value !== "") return value;
  if (!value.includes("'") && !value.includes("\n")) return `'${value}'`;
  return `"${value.replace(/"/g, '\\"')}"`;
}

function assignmentName(line: string): string | undefined {
  return /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/.exec(line)?.[1];
}

/** The new text: assignments replaced where they stand (later duplicates dropped), new ones appended. */
export function applyEnvUpdates(text: string, updates: Readonly<Record<string, string | null>>): string {
  const lines = text === "" ? [] : text.replace(/\r?\n$/, "").split(/\r?\n/);
  const done = new Set<string>();
  const out: string[] = [];
  for (const line of lines) {
    const name = assignmentName(line);
    if (name === undefined || !(name in updates)) {
      out.push(line);
      continue;
    }
    if (done.has(name)) continue;
    done.add(name);
    const value = updates[name];
    if (value === null || value === undefined) continue;
    const exported = /^\s*export\s+/.test(line) ? "export " : "";
    out.push(`${exported}${name}=${formatEnvValue(value)}`);
  }
  for (const [name, value] of Object.entries(updates)) {
    if (!done.has(name) && value !== null) out.push(`${name}=${formatEnvValue(value)}`);
  }
  return out.length === 0 ? "" : out.join("\n") + "\n";
}

function holdsKey(text: string): boolean {
  return text.split("\n").some((l) => /^\s*(?:export\s+)?[A-Z0-9_]*(?:API_KEY|TOKEN|SECRET)\s*=\s*\S/.test(l));
}

/** Writes `text` to `file` atomically with `mode`. */
export function writeFileAtomic(file: string, text: string, mode: number): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fd = openSync(tmp, "wx", mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    chmodSync(tmp, mode); // the umask may have narrowed or widened what openSync asked for
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Sets (string) or removes (null) variables in a .env file, creating it and its directory when needed. */
export function updateEnvFile(file: string, updates: Readonly<Record<string, string | null>>): EnvFileResult {
  try {
    let before = "";
    let mode: number | undefined;
    let created = false;
    try {
      before = readFileSync(file, "utf8");
      mode = statSync(file).mode & 0o777;
    } catch {
      created = true;
    }
    const after = applyEnvUpdates(before, updates);
    const finalMode = holdsKey(after) ? 0o600 : (mode ?? 0o644);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileAtomic(file, after, finalMode);
    return { ok: true, file, created, mode: finalMode };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, message: `Cannot write ${file}: ${reason}. Check the directory's permissions.` };
  }
}
