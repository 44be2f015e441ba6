/**
 * Binding files into one program. Within one file a kind+name may be declared once (MS2002). Across files, a later
 * declaration of the same kind and name replaces the earlier one in place (team overrides). `extend kind name { … }`
 * merges into the declaration seen so far: fields with new names are added; for a field given on both sides, maps
 * merge key by key (recursively), lists append, anything else is replaced. For agents, stages merge by name the same
 * way (a new stage is appended). Inputs are never mutated.
 */
import type { Declaration, DeclKind, ExtendDecl, Field, SourceFileAst, StageDecl, Value } from "./ast.js";
import { DECL_KEYWORDS } from "./ast.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { createDiagnostic } from "./diagnostics/diagnostic.js";

export interface MergeResult {
  declarations: Declaration[];
  diagnostics: Diagnostic[];
}

const key = (kind: DeclKind, name: string): string => `${kind}:${name}`;

/** Merge two values for `extend`: maps key by key, lists append, otherwise the new value wins. */
export function mergeValues(base: Value, extra: Value): Value {
  if (base.kind === "List" && extra.kind === "List") return { ...base, items: [...base.items, ...extra.items] };
  if (base.kind === "Map" && extra.kind === "Map") {
    const entries = [...base.entries];
    for (const entry of extra.entries) {
      const at = entries.findIndex((e) => e.key === entry.key);
      const old = entries[at];
      if (old === undefined) entries.push(entry);
      else entries[at] = { ...entry, value: mergeValues(old.value, entry.value) };
    }
    return { ...base, entries };
  }
  return extra;
}

export function mergeFields(base: readonly Field[], extra: readonly Field[]): Field[] {
  const out = [...base];
  for (const field of extra) {
    const at = out.findIndex((f) => f.name === field.name);
    const old = out[at];
    if (old === undefined) out.push(field);
    else out[at] = { ...field, value: mergeValues(old.value, field.value) };
  }
  return out;
}

function mergeStages(base: readonly StageDecl[], extra: readonly StageDecl[]): StageDecl[] {
  const out = [...base];
  for (const stage of extra) {
    const at = out.findIndex((s) => s.name === stage.name);
    const old = out[at];
    if (old === undefined) {
      out.push(stage);
      continue;
    }
    const merged: StageDecl = { ...old, fields: mergeFields(old.fields, stage.fields) };
    if (stage.loop !== undefined) merged.loop = stage.loop;
    out[at] = merged;
  }
  return out;
}

function applyExtend(target: Declaration, ext: ExtendDecl): Declaration {
  const fields = mergeFields(target.fields, ext.fields);
  if (target.kind === "Agent") return { ...target, fields, stages: mergeStages(target.stages, ext.stages) };
  return { ...target, fields };
}

export function mergeFiles(files: readonly SourceFileAst[]): MergeResult {
  const declarations: Declaration[] = [];
  const index = new Map<string, number>();
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const inThisFile = new Set<string>();
    for (const item of file.items) {
      if (item.kind === "Import") continue;
      if (item.kind === "Extend") {
        const at = index.get(key(item.target, item.name));
        const target = at === undefined ? undefined : declarations[at];
        if (at !== undefined && target !== undefined) declarations[at] = applyExtend(target, item);
        else diagnostics.push(extendError(item, declarations));
        continue;
      }
      const k = key(item.kind, item.name);
      if (inThisFile.has(k)) {
        const what = DECL_KEYWORDS[item.kind];
        diagnostics.push(createDiagnostic("MS2002", item.nameSpan, { what: capitalize(what), name: item.name }));
        continue;
      }
      inThisFile.add(k);
      const at = index.get(k);
      if (at === undefined) {
        index.set(k, declarations.length);
        declarations.push(item);
      } else {
        declarations[at] = item;
      }
    }
  }
  return { declarations, diagnostics };
}

function extendError(ext: ExtendDecl, declarations: readonly Declaration[]): Diagnostic {
  const what = DECL_KEYWORDS[ext.target];
  const other = declarations.find((d) => d.name === ext.name);
  if (other !== undefined) {
    const actualKeyword = DECL_KEYWORDS[other.kind];
    return createDiagnostic("MS2027", ext.nameSpan, {
      what,
      name: ext.name,
      actual: `a ${actualKeyword}`,
      actualKeyword,
    });
  }
  return createDiagnostic("MS2014", ext.nameSpan, { what, name: ext.name });
}

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
