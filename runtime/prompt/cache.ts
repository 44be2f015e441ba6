/**
 * The prompt result cache: in memory, optionally backed by files under `.smallcode/cache/` so results survive a
 * restart. Keys are SHA-256 hashes of the prompt's identity and the key parameters; values are JSON.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface PromptCache {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlMs: number | undefined): Promise<void>;
}

interface Entry {
  value: unknown;
  /** Epoch milliseconds; undefined means no expiry. */
  expiresAt?: number;
}

/** JSON with object keys sorted, so equal values always hash equally. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return "[" + value.map(stableStringify).join(",") + "]";
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return "{" + keys.map((k) => JSON.stringify(k) + ":" + stableStringify(record[k])).join(",") + "}";
}

/** The cache key of one call: `hash(prompt name, template, key parameter values…)`. */
export function cacheKey(parts: readonly unknown[]): string {
  return createHash("sha256").update(stableStringify(parts)).digest("hex");
}

export class MemoryCache implements PromptCache {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  async get(key: string): Promise<unknown> {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async set(key: string, value: unknown, ttlMs: number | undefined): Promise<void> {
    const entry: Entry = { value };
    if (ttlMs !== undefined) entry.expiresAt = this.#now() + ttlMs;
    this.#entries.set(key, entry);
  }
}

/**
 * Memory in front of one JSON file per key in `dir` (e.g. `<repo>/.smallcode/cache/prompts`). Disk errors are
 * swallowed: a cache that cannot write only costs a model call.
 */
export class DiskCache implements PromptCache {
  readonly #memory: MemoryCache;
  readonly #dir: string;
  readonly #now: () => number;

  constructor(dir: string, options: { now?: () => number } = {}) {
    this.#dir = dir;
    this.#now = options.now ?? Date.now;
    this.#memory = new MemoryCache({ now: this.#now });
  }

  async get(key: string): Promise<unknown> {
    const hit = await this.#memory.get(key);
    if (hit !== undefined) return hit;
    try {
      const entry = JSON.parse(await readFile(this.#file(key), "utf8")) as Entry;
      if (entry.expiresAt !== undefined && entry.expiresAt <= this.#now()) return undefined;
      await this.#memory.set(
        key,
        entry.value,
        entry.expiresAt === undefined ? undefined : entry.expiresAt - this.#now(),
      );
      return entry.value;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: unknown, ttlMs: number | undefined): Promise<void> {
    await this.#memory.set(key, value, ttlMs);
    const entry: Entry = { value };
    if (ttlMs !== undefined) entry.expiresAt = this.#now() + ttlMs;
    try {
      await mkdir(this.#dir, { recursive: true });
      const tmp = this.#file(key) + "." + process.pid + ".tmp";
      await writeFile(tmp, JSON.stringify(entry));
      await rename(tmp, this.#file(key));
    } catch {
      // Best effort: see the class comment.
    }
  }

  #file(key: string): string {
    return join(this.#dir, key + ".json");
  }
}

/** Where a project's on-disk prompt cache lives: `<root>/.smallcode/cache/prompts`. */
export function promptCacheDir(projectRoot: string): string {
  return join(projectRoot, ".smallcode", "cache", "prompts");
}
