/**
 * The field tables as Markdown, for docs/marrowscript.md (tests/compiler/docs.test.ts keeps the doc in sync with
 * these tables, so the doc always lists exactly what the checker accepts).
 */
import type { DeclKind } from "../ast.js";
import { DECL_KEYWORDS } from "../ast.js";
import { describeType, type FieldTable, type FieldType } from "./field-types.js";
import { DECL_TABLES, STAGE_TABLE } from "./field-tables.js";

function escape(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function nestedTables(t: FieldType, out: Map<string, FieldTable>): void {
  if (t.type === "record") {
    out.set(t.name, t.fields);
    for (const spec of Object.values(t.fields.fields)) nestedTables(spec.type, out);
  } else if (t.type === "list") nestedTables(t.of, out);
  else if (t.type === "oneOf") for (const o of t.options) nestedTables(o, out);
}

function table(fields: FieldTable): string[] {
  const rows = ["| field | accepts | required | meaning |", "| --- | --- | --- | --- |"];
  for (const [name, spec] of Object.entries(fields.fields)) {
    rows.push(
      `| \`${name}\` | ${escape(describeType(spec.type))} | ${spec.required === true ? "yes" : ""} | ${escape(spec.doc)} |`,
    );
  }
  if (fields.rest !== undefined) {
    rows.push(`| *any other* | ${escape(describeType(fields.rest.type))} |  | ${escape(fields.rest.doc)} |`);
  }
  return rows;
}

export function renderFieldTables(): string {
  const out: string[] = [];
  const nested = new Map<string, FieldTable>();
  const sections: [string, FieldTable][] = (Object.keys(DECL_TABLES) as DeclKind[]).map((kind) => [
    DECL_KEYWORDS[kind],
    DECL_TABLES[kind],
  ]);
  sections.push(["stage (inside agent)", STAGE_TABLE]);
  for (const [title, fields] of sections) {
    out.push(`#### \`${title}\``, "", ...table(fields), "");
    for (const spec of Object.values(fields.fields)) nestedTables(spec.type, nested);
  }
  for (const [name, fields] of [...nested].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`#### \`${name}\` map`, "", ...table(fields), "");
  }
  return out.join("\n").trimEnd();
}
