/** The key catalog, the schema, .env.example and docs/config.md describe the same settings. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "dotenv";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { SETTING_KEYS, SettingsSchema } from "../../runtime/config/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function schemaLeaves(schema: z.ZodType, prefix = ""): string[] {
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  if (inner instanceof z.ZodObject)
    return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([k, v]) =>
      schemaLeaves(v, prefix ? `${prefix}.${k}` : k),
    );
  return [prefix];
}

function nested(path: string, value: unknown): Record<string, unknown> {
  return path
    .split(".")
    .reverse()
    .reduce<unknown>((acc, part) => ({ [part]: acc }), value) as Record<string, unknown>;
}

describe("the key catalog", () => {
  it("names every leaf of the schema, and nothing else", () => {
    expect(SETTING_KEYS.map((k) => k.path).sort()).toEqual(schemaLeaves(SettingsSchema).sort());
  });

  it("every example is valid for its key (as a .env string)", () => {
    for (const k of SETTING_KEYS) {
      const example = k.example.replace("…", "-example-key-0000");
      expect(SettingsSchema.safeParse(nested(k.path, example)).success, k.path).toBe(true);
    }
  });

  it("environment names follow SMALLCODE_ + the key, tiers without the 'tiers' part", () => {
    for (const k of SETTING_KEYS)
      expect(k.env).toBe(
        `SMALLCODE_${k.path
          .replace(/^tiers\./, "")
          .replace(/\./g, "_")
          .toUpperCase()}`,
      );
  });
});

describe(".env.example", () => {
  const text = readFileSync(`${ROOT}.env.example`, "utf8");

  it("documents every key, in catalog order, commented out, with its description", () => {
    const assigned = [...text.matchAll(/^# (SMALLCODE_[A-Z_]+)=(.*)$/gm)].map((m) => m[1]);
    expect(assigned).toEqual(SETTING_KEYS.map((k) => k.env));
    for (const k of SETTING_KEYS) expect(text, k.env).toContain(`# ${k.description} [${k.path}]`);
  });

  it("sets nothing when copied as is", () => {
    expect(parse(text)).toEqual({});
  });
});

describe("docs/config.md", () => {
  const text = readFileSync(`${ROOT}docs/config.md`, "utf8");
  it("has a row for every key with its variable", () => {
    for (const k of SETTING_KEYS)
      expect(text, k.path).toMatch(new RegExp(`\\| \`${k.path.replace(/\./g, "\\.")}\` +\\| \`${k.env}\` `));
  });
});
