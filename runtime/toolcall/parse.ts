/**
 * parseToolCalls: the driver. Strip reasoning → cut invented tool results → native calls, or every reader over the
 * text → intent rules for loose matches → finalize each raw call (resolve, decode, coerce, validate) → leftover text.
 * Never throws: any internal failure becomes a diagnostic and the prose is returned as it was.
 */
import { cutFakeResults } from "./fake-results.js";
import { finalizeCall } from "./finalize.js";
import {
  inCallPosition,
  isFramedAsExample,
  isIntroducedAsOwnAction,
  isMidSentence,
  isProposal,
  isQuoted,
} from "./intent.js";
import * as msg from "./messages.js";
import { READERS } from "./readers.js";
import { anchorAtFence, inCodeFence } from "./fence-context.js";
import { findFences, type Fence } from "./scan.js";
import { stripReasoning } from "./reasoning.js";
import { toolSetFor, type ToolSet } from "./tool-set.js";
import type {
  FormatMatch,
  OpenAITool,
  ParsedToolCall,
  RawCall,
  ReaderContext,
  ToolCallDiagnostic,
  ToolCallInput,
  ToolCallParseOptions,
  ToolCallParseResult,
} from "./types.js";

export function parseToolCalls(
  input: ToolCallInput,
  tools: readonly OpenAITool[],
  options?: ToolCallParseOptions,
): ToolCallParseResult {
  try {
    return parseUnsafe(input, tools, options);
  } catch (err) {
    const text = typeof input?.text === "string" ? input.text : "";
    const message = err instanceof Error ? err.message : String(err);
    return {
      calls: [],
      text,
      diagnostics: [
        {
          code: "internal_error",
          message: `The reply could not be read (${message}); nothing was run. Send the tool call again in the documented format.`,
        },
      ],
    };
  }
}

function parseUnsafe(
  input: ToolCallInput,
  tools: readonly OpenAITool[],
  options?: ToolCallParseOptions,
): ToolCallParseResult {
  const toolSet = toolSetFor(tools, options?.aliases);
  const raw = typeof input?.text === "string" ? input.text : "";
  const diagnostics: ToolCallDiagnostic[] = [];
  const { text: stripped, reasoning } = stripReasoning(raw);
  const cut = cutFakeResults(stripped);
  const text = cut.text;
  const ctx = { isToolName: (n: string) => toolSet.isToolName(n) };
  let chosen = chooseRegions(text, ctx);
  if (chosen.length === 0 && text.trim() === "" && reasoning !== "") {
    const closing = closingReasoningCalls(reasoning, ctx);
    closing.forEach((m) =>
      m.calls.forEach((c) => c.repairs.push("read a call that closed the reasoning (nothing followed it)")),
    );
    chosen = closing;
  }
  const calls: ParsedToolCall[] = [];
  const natives = (Array.isArray(input?.nativeToolCalls) ? input.nativeToolCalls : []).filter(
    (n) => n && typeof n === "object",
  );
  if (natives.length > 0) {
    for (const n of natives) addCall(nativeRaw(n), "native", toolSet, calls, diagnostics, true);
  } else {
    for (const m of chosen) {
      diagnostics.push(...m.diagnostics);
      for (const c of m.calls) addCall(c, m.format, toolSet, calls, diagnostics, m.explicit || isStrong(c));
    }
  }
  if (cut.marker !== undefined && (calls.length > 0 || chosen.length > 0)) diagnostics.push(msg.fakeResult(cut.marker));
  return { calls, diagnostics, text: leftover(text, chosen) };
}

/** The regions of `text` that are calls: explicit ones that are not mentions, else loose ones that pass the rules. */
function chooseRegions(text: string, ctx: ReaderContext): FormatMatch[] {
  const fences = findFences(text);
  const edges = new Map<Fence, [number, number]>();
  const matches = READERS.flatMap((r) => r.read(text, ctx))
    .filter((m) => !inCodeFence(fences, m))
    .map((m) => anchorAtFence(text, fences, m, edges));
  const mentioned = new Set(matches.filter((m) => m.explicit && (isQuoted(text, m) || isFramedAsExample(text, m))));
  const explicit = nonOverlapping(matches.filter((m) => m.explicit && !mentioned.has(m)));
  if (explicit.length > 0) return explicit;
  // JSON inside a <tool_call> shown as an example is part of that example: loose readers may not pick it up again.
  const inMention = overlapTest(merged([...mentioned]));
  return judgeLoose(
    text,
    matches.filter((m) => !m.explicit && !inMention(m)),
  );
}

/**
 * Qwen3.5-style replies put the call inside the reasoning and end there: `<think>…<tool_call>…</tool_call></think>`
 * with nothing after. When the reply has no other content, explicit calls that close the reasoning (only blanks
 * after them) are the model's action. A call drafted mid-reasoning and followed by more thought stays deliberation.
 */
function closingReasoningCalls(reasoning: string, ctx: ReaderContext): FormatMatch[] {
  const regions = chooseRegions(reasoning, ctx).filter((m) => m.explicit);
  const out: FormatMatch[] = [];
  let boundary = reasoning.length;
  for (let k = regions.length - 1; k >= 0; k--) {
    const m = regions[k] as FormatMatch;
    if (reasoning.slice(m.end, boundary).trim() !== "") break;
    out.unshift(m);
    boundary = m.start;
  }
  return out;
}

function nativeRaw(n: { name?: unknown; arguments?: unknown }): RawCall {
  const name = typeof n.name === "string" ? n.name : "";
  const args =
    typeof n.arguments === "string"
      ? { kind: "json" as const, text: n.arguments }
      : { kind: "value" as const, value: n.arguments ?? {} };
  return { name, args, repairs: [] };
}

/** The union of the regions, as sorted disjoint spans. */
function merged(regions: FormatMatch[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const r of [...regions].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && r.start < last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/** A test for "overlaps one of these spans" (sorted, disjoint), by binary search. */
function overlapTest(regions: { start: number; end: number }[]): (m: FormatMatch) => boolean {
  return (m) => {
    let lo = 0;
    let hi = regions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = regions[mid] as { start: number; end: number };
      if (k.end <= m.start) lo = mid + 1;
      else if (k.start >= m.end) hi = mid - 1;
      else return true;
    }
    return false;
  };
}

/** Strong JSON shapes (named tool + arguments keys) that name an unknown tool still earn a diagnostic. */
function isStrong(c: RawCall): boolean {
  return !c.repairs.some((r) => r.startsWith("read flat") || r.startsWith("read tool name"));
}

function addCall(
  raw: RawCall,
  format: FormatMatch["format"],
  tools: ToolSet,
  calls: ParsedToolCall[],
  diagnostics: ToolCallDiagnostic[],
  reportUnknown: boolean,
): void {
  const r = finalizeCall(raw, format, tools);
  if (r.ok) calls.push(r.call);
  else if (reportUnknown || r.diagnostic.code !== "unknown_tool") diagnostics.push(r.diagnostic);
}

/** The intent rules of intent.ts, in order: quoted, example framing, mid-sentence, call position, consistency. */
function judgeLoose(text: string, loose: FormatMatch[]): FormatMatch[] {
  const all = nonOverlapping(loose);
  const candidates = all.filter((m) => !isQuoted(text, m) && !isFramedAsExample(text, m) && !isMidSentence(text, m));
  const positioned = inCallPosition(text, candidates);
  const tailStart = positioned[positioned.length - 1]?.end ?? text.length;
  const kept = positioned.filter((m) => !isProposal(text, m, tailStart));
  const first = kept[0];
  if (!first || !all.some((m) => m.start < first.start && !kept.includes(m))) return kept;
  return kept.filter((m) => isIntroducedAsOwnAction(text, m));
}

/** Sort by start; when two overlap, the earlier (then the longer) wins. */
function nonOverlapping(matches: FormatMatch[]): FormatMatch[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: FormatMatch[] = [];
  let end = -1;
  for (const m of sorted) {
    if (m.start < end) continue;
    out.push(m);
    end = m.end;
  }
  return out;
}

const STRAY_TOKENS =
  /<\|im_end\|>|<\|eot_id\|>|<\|eom_id\|>|<\|end\|>|<\/s>|<end_of_turn>|<\|endoftext\|>|<｜end▁of▁sentence｜>|<[|｜]tool[▁_ ]calls[▁_ ](?:section[▁_ ])?(?:begin|end)[|｜]>|<\|return\|>|<\|call\|>|<\/?tool_call>|<\/function>/g;

/** The prose for the user: the text without the chosen call regions, stray template tokens and empty fences. */
function leftover(text: string, chosen: FormatMatch[]): string {
  let out = "";
  let i = 0;
  for (const m of chosen) {
    out += text.slice(i, m.start);
    i = Math.max(i, m.end);
  }
  out += text.slice(i);
  return out
    .replace(STRAY_TOKENS, "")
    .replace(/^>>>all[ \t]*\r?\n/gm, "") // Functionary's "text for the user" marker
    .replace(/^(?:```|~~~)[\w-]*[ \t]*\r?\n(?:[ \t]*\r?\n)*(?:```|~~~)[ \t]*$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
