/**
 * Locating one edit: the strategies in order, strictest first. A level that finds several places refuses at once
 * (a looser level would only find more); a level that finds none hands over to the next. The result is a set of
 * splices on the original text, so several edits can be located against the same original file.
 */
import { leadingWs } from "./indent.js";
import { applySplices, lineOfOffset, replaceLinesSplice, type Doc, type Splice } from "./document.js";
import { planElision } from "./elision.js";
import { blockSplice } from "./block-splice.js";
import { fuzzyLocate } from "./fuzzy.js";
import { driftedInPlace } from "./drifted-indent.js";
import { cleanNewOnly } from "./new-artefacts.js";
import {
  columnShift,
  informative,
  findBlocks,
  findBlocksIgnoringBlankLines,
  LINE_LEVELS,
  SPACING_LEVEL,
  spacingMisquoted,
  UNICODE_LEVEL,
  type BlockMatch,
  type LineLevel,
} from "./line-match.js";
import { ambiguousMessage, noChangeMessage, notFoundMessage, numbered } from "./messages.js";
import { lineSimilarity, looseKey } from "./similarity.js";
import {
  findOccurrences,
  lastLine,
  lineBounds,
  nonOverlapping,
  substringSplice,
  widenToRetypedLine,
} from "./substring.js";
import {
  isCommentElisionLine,
  splitLines,
  stripFence,
  stripLineNumbers,
  stripTrailingNewline,
  toEol,
} from "./text-clean.js";
import type { EditRefused, EditStrategy } from "./types.js";

export interface PlanOptions {
  replaceAll: boolean;
  where: string;
  /** 1-based line the quote starts at, from read-tool gutters copied into oldText: it picks among equal matches. */
  atLine?: number;
}

export interface Planned {
  ok: true;
  splices: Splice[];
  strategy: EditStrategy;
  startLine: number;
  /** The splices leave the file as it was. */
  unchanged: boolean;
}

export type Plan = Planned | EditRefused;

type Step = Plan | null;

function refuse(reason: EditRefused["reason"], message: string): EditRefused {
  return { ok: false, reason, message };
}

function planned(doc: Doc, splices: Splice[], strategy: EditStrategy, startLine: number): Planned {
  return { ok: true, splices, strategy, startLine, unchanged: applySplices(doc, splices) === applySplices(doc, []) };
}

/** Verbatim occurrences of the (trailing-newline-stripped) oldText, as given and with the file's line endings. */
function trySubstring(
  doc: Doc,
  oldText: string,
  newText: string,
  endsLine: boolean,
  o: PlanOptions,
  strategy: EditStrategy,
): Step {
  const candidates: Array<[string, EditStrategy]> = [[oldText, strategy]];
  const converted = toEol(oldText, doc.eol);
  if (converted !== oldText) candidates.push([converted, strategy === "exact" ? "line-endings" : strategy]);
  const replacement = toEol(newText, doc.eol);
  for (const [needle, name] of candidates) {
    let found = findOccurrences(doc.body, needle, endsLine);
    if (found.length === 0) continue;
    const lines = needle.split("\n").length;
    if (found.length > 1 && !o.replaceAll) {
      // Models quote whole lines: one whole-line occurrence among others buried inside longer lines is the one meant;
      // gutters copied from a read name the line outright.
      const atNumber = found.filter((p) => lineOfOffset(doc, p) === o.atLine);
      const whole = atNumber.length === 1 ? atNumber : found.filter((p) => lineBounds(doc, p, needle.length).whole);
      if (whole.length !== 1) {
        const starts = found.map((p) => lineOfOffset(doc, p) - 1);
        return refuse("ambiguous", ambiguousMessage(doc, starts, lines, "oldText"));
      }
      found = whole;
    }
    const chosen = nonOverlapping(found, needle.length);
    const one = chosen.length === 1 && !o.replaceAll ? oneOccurrence(doc, chosen[0] ?? 0, needle, replacement) : null;
    if (typeof one === "string") return refuse("ambiguous", one);
    const splices = one ? [one] : chosen.map((p) => plainOccurrence(doc, p, needle, replacement));
    return planned(doc, splices, name, lineOfOffset(doc, chosen[0] ?? 0));
  }
  return null;
}

const FRAME_AMBIGUOUS =
  "the indentation of the lines you add is ambiguous, because oldText left out indentation the file has there. " +
  "Send oldText with every line's full indentation, copied exactly.";

/**
 * An exact match that starts inside a line's indentation and runs to a line end, with a multi-line replacement:
 * the model left out part of the indentation, so its new lines may be in its own frame. A splice in the file's
 * indentation, null when plain replacement from the match is right, or a refusal message when the frame is unclear.
 */
function reindentedOccurrence(doc: Doc, pos: number, needle: string, replacement: string): Splice | string | null {
  const first = lineOfOffset(doc, pos) - 1;
  const line = doc.lines[first];
  const prefix = line ? line.text.slice(0, pos - line.start) : "x";
  if (!line || !replacement.includes("\n") || prefix === "" || prefix.trim() !== "") return null;
  const oldLines = splitLines(needle);
  const last = first + oldLines.length - 1;
  const lastLine = doc.lines[last];
  if (!lastLine || pos + needle.length !== lastLine.start + lastLine.text.length) return null;
  const fileLines = doc.lines.slice(first, last + 1).map((l) => l.text);
  const newLines = splitLines(replacement);
  const laterExact = oldLines.slice(1).every((l, i) => leadingWs(l) === leadingWs(fileLines[i + 1] ?? ""));
  // Copied from mid-line: only the first line lost its indentation, the rest (old and new) is in the file's frame.
  if (oldLines.length > 1 && laterExact && leadingWs(oldLines[0] ?? "") === "") return null;
  const shift = columnShift(fileLines, oldLines);
  if (!shift) {
    return `Edit not applied at line ${first + 1}: ${FRAME_AMBIGUOUS}\n${numbered(doc, first - 1, last + 2)}`;
  }
  const s = blockSplice(doc, { start: first, shift }, oldLines, newLines, []);
  return s.ok ? s.splice : s.message;
}

function oneOccurrence(doc: Doc, pos: number, needle: string, replacement: string): Splice | string {
  const reindented = reindentedOccurrence(doc, pos, needle, replacement);
  if (reindented) return reindented;
  const widened = widenToRetypedLine(doc, pos, needle, replacement);
  if (widened.start !== pos || widened.end !== pos + needle.length) return widened;
  return plainOccurrence(doc, pos, needle, replacement);
}

/**
 * The splice for one verbatim occurrence. A quote of whole lines that stops before trailing whitespace the model
 * could not see: when its last line is changed, the stale whitespace goes with it (never `new text␠`); an unchanged
 * last line keeps it.
 */
function plainOccurrence(doc: Doc, pos: number, needle: string, replacement: string): Splice {
  const splice = substringSplice(doc, pos, needle.length, replacement);
  const bounds = lineBounds(doc, pos, needle.length);
  if (bounds.trailing && splice.end === pos + needle.length && lastLine(replacement) !== lastLine(needle)) {
    return { ...splice, end: bounds.lineEnd };
  }
  return splice;
}

function spliceMatches(
  doc: Doc,
  matches: BlockMatch[],
  oldLines: string[],
  newLines: string[],
  strategy: EditStrategy,
): Step {
  const splices: Splice[] = [];
  let next = 0;
  const fileTexts = doc.lines.map((l) => l.text);
  for (const match of matches) {
    if (match.start < next) continue;
    const misquoted = strategy === "spacing" ? spacingMisquoted(fileTexts, oldLines, match.start) : [];
    const s = blockSplice(doc, match, oldLines, newLines, misquoted);
    if (!s.ok) return refuse(s.reason, s.message);
    splices.push(s.splice);
    next = match.start + oldLines.length;
  }
  return planned(doc, splices, strategy, (matches[0]?.start ?? 0) + 1);
}

const STRICT: ReadonlySet<EditStrategy> = new Set(["line-endings", "trailing-whitespace"]);

function tryLevels(
  doc: Doc,
  levels: LineLevel[],
  oldLines: string[],
  newLines: string[],
  o: PlanOptions,
  name?: EditStrategy,
): Step {
  const fileTexts = doc.lines.map((l) => l.text);
  for (const level of levels) {
    if (!STRICT.has(level.strategy) && !informative(oldLines)) continue;
    const matches = findBlocks(fileTexts, oldLines, level);
    if (matches.length === 0) continue;
    const atNumber = matches.filter((m) => m.start + 1 === o.atLine);
    if (matches.length > 1 && !o.replaceAll && atNumber.length !== 1) {
      const starts = matches.map((m) => m.start);
      return refuse(
        "ambiguous",
        ambiguousMessage(doc, starts, oldLines.length, "oldText (ignoring whitespace differences)"),
      );
    }
    const chosen = matches.length > 1 && !o.replaceAll ? atNumber : matches;
    return spliceMatches(doc, chosen, oldLines, newLines, name ?? level.strategy);
  }
  return null;
}

function tryBlankLines(doc: Doc, oldLines: string[], newLines: string[], o: PlanOptions): Step {
  if (!informative(oldLines)) return null;
  const matches = findBlocksIgnoringBlankLines(
    doc.lines.map((l) => l.text),
    oldLines,
  );
  if (matches.length === 0) return null;
  if (matches.length > 1 && !o.replaceAll) {
    const starts = matches.map((m) => m.start);
    return refuse("ambiguous", ambiguousMessage(doc, starts, oldLines.length, "oldText (ignoring blank lines)"));
  }
  const splices: Splice[] = [];
  for (const match of matches) {
    const s = blockSplice(doc, match, oldLines, newLines, []);
    if (!s.ok) return refuse(s.reason, s.message);
    splices.push(s.splice);
  }
  return planned(doc, splices, "blank-lines", (matches[0]?.start ?? 0) + 1);
}

const DRIFT_LEVEL: LineLevel = { strategy: "indentation", key: (l) => l.trim(), check: () => null };

/** Indentation that drifted line by line: only an in-place edit is applied (see drifted-indent.ts). */
function tryDrifted(doc: Doc, oldLines: string[], newLines: string[], o: PlanOptions): Step {
  if (o.replaceAll || !informative(oldLines)) return null;
  const fileTexts = doc.lines.map((l) => l.text);
  const matches = findBlocks(fileTexts, oldLines, DRIFT_LEVEL);
  const match = matches[0];
  if (!match || matches.length > 1) return null;
  const lines = driftedInPlace(fileTexts.slice(match.start, match.start + oldLines.length), oldLines, newLines);
  if (!lines) return null;
  return planned(doc, [replaceLinesSplice(doc, match.start, oldLines.length, lines)], "indentation", match.start + 1);
}

function tryFuzzy(doc: Doc, oldLines: string[], newLines: string[]): Step {
  if (!informative(oldLines)) return null;
  const found = fuzzyLocate(
    doc.lines.map((l) => l.text),
    oldLines,
  );
  if (found.kind === "none") return null;
  if (found.kind === "ambiguous") {
    const starts = found.candidates.map((c) => c.start);
    return refuse("ambiguous", ambiguousMessage(doc, starts, oldLines.length, "oldText (approximately)"));
  }
  const match: BlockMatch = { start: found.best.start, shift: found.shift };
  const s = blockSplice(doc, match, oldLines, newLines, found.misquoted);
  if (!s.ok) return refuse("not_found", s.message);
  return planned(doc, [s.splice], "fuzzy", found.best.start + 1);
}

/** Strips fences and line-number prefixes from both texts; null when there was nothing to strip. */
function cleanArtefacts(
  oldLines: string[],
  newLines: string[],
): { o: string[]; n: string[]; strategy: EditStrategy; pin?: number; atLine?: number } | null {
  const fencedOld = stripFence(oldLines);
  let o = fencedOld ?? oldLines;
  let n = fencedOld ? (stripFence(newLines) ?? newLines) : newLines;
  const numbers = stripLineNumbers(o, n);
  if (numbers) {
    o = numbers.oldLines;
    n = numbers.newLines;
    // A fence whose lines were numbered along with the code.
    const fenced = stripFence(o);
    if (fenced) {
      o = fenced;
      n = stripFence(n) ?? n;
    }
  }
  if (!fencedOld && !numbers) return null;
  if (o.every((l) => l.trim() === "")) return null;
  // One numbered line is weak evidence that the number is not content (`8080: http`): it must name the line.
  const pin = numbers?.numbers.length === 1 ? numbers.numbers[0] : undefined;
  // The quote's first line carries the first number only when nothing (a fence, a blank line) came before it.
  const atLine = numbers && !fencedOld && numbers.firstLineNumbered ? numbers.numbers[0] : undefined;
  return {
    o,
    n,
    strategy: numbers ? "line-numbers" : "fences",
    ...(pin !== undefined ? { pin } : {}),
    ...(atLine !== undefined ? { atLine } : {}),
  };
}

/** When oldText is nowhere but newText is, the edit was most likely applied already. */
function alreadyApplied(doc: Doc, oldLines: string[], newLines: string[]): Step {
  if (newLines.every((l) => l.trim() === "")) return null;
  // Only when oldText and newText are versions of the same lines; otherwise newText turning up elsewhere says nothing.
  if (lineSimilarity(looseKey(oldLines.join("\n")), looseKey(newLines.join("\n"))) < 0.5) return null;
  const fileTexts = doc.lines.map((l) => l.text);
  for (const level of LINE_LEVELS.slice(0, 2)) {
    const found = findBlocks(fileTexts, newLines, level);
    if (found.length === 1) {
      return refuse("no_change", noChangeMessage(doc, found[0]?.start ?? 0, newLines.length, true));
    }
  }
  const found = findOccurrences(doc.body, toEol(newLines.join("\n"), doc.eol), false);
  if (found.length === 1) {
    return refuse("no_change", noChangeMessage(doc, lineOfOffset(doc, found[0] ?? 0) - 1, newLines.length, true));
  }
  return null;
}

function invalidPlaceholder(oldLines: string[], newLines: string[]): Step {
  const oldSet = new Set(oldLines.map((l) => l.trim()));
  const placeholder = newLines.find((l) => isCommentElisionLine(l) && !oldSet.has(l.trim()));
  if (placeholder === undefined) return null;
  return refuse(
    "invalid",
    `Edit not applied: newText contains the placeholder "${placeholder.trim()}", which would be written into the ` +
      `file literally. Send the complete replacement text, or quote the skipped part with the same placeholder in ` +
      `oldText so those lines are kept.`,
  );
}

export function planEdit(doc: Doc, oldText: string, newText: string, o: PlanOptions): Plan {
  const old = stripTrailingNewline(oldText);
  const neu = stripTrailingNewline(newText);
  if (old.text.trim() === "") {
    return refuse("invalid", "Edit not applied: oldText is only whitespace. Quote the lines you want to replace.");
  }
  const oldLines = splitLines(old.text);
  const newLines = cleanNewOnly(
    doc.lines.map((l) => l.text),
    oldLines,
    splitLines(neu.text),
    o.where,
  );
  const steps: Array<() => Step> = [
    () => invalidPlaceholder(oldLines, newLines),
    () => trySubstring(doc, old.text, newLines.join("\n"), old.had, o, "exact"),
    () => tryLevels(doc, LINE_LEVELS, oldLines, newLines, o),
  ];
  const cleaned = cleanArtefacts(oldLines, newLines);
  const co = cleaned?.o ?? oldLines;
  const cn = cleaned?.n ?? newLines;
  const pinned =
    (step: () => Step): (() => Step) =>
    () =>
      checkPin(doc, step(), cleaned?.pin);
  if (cleaned) {
    const at: PlanOptions = cleaned.atLine !== undefined ? { ...o, atLine: cleaned.atLine } : o;
    steps.push(pinned(() => trySubstring(doc, co.join("\n"), cn.join("\n"), old.had, at, cleaned.strategy)));
    steps.push(pinned(() => tryLevels(doc, LINE_LEVELS, co, cn, at, cleaned.strategy)));
  }
  steps.push(pinned(() => tryLevels(doc, [UNICODE_LEVEL], co, cn, o)));
  steps.push(pinned(() => tryLevels(doc, [SPACING_LEVEL], co, cn, o)));
  steps.push(pinned(() => tryBlankLines(doc, co, cn, o)));
  steps.push(pinned(() => tryDrifted(doc, co, cn, o)));
  if (!o.replaceAll) {
    steps.push(pinned(() => elisionStep(doc, co, cn, o.where)));
    steps.push(pinned(() => tryFuzzy(doc, co, cn)));
  }
  for (const step of steps) {
    const r = step();
    if (r) return r;
  }
  return alreadyApplied(doc, co, cn) ?? refuse("not_found", notFoundMessage(doc, co, o.where));
}

/** A single numbered line must have been found at that number; anywhere else, the number was not a line number. */
function checkPin(doc: Doc, r: Step, pin: number | undefined): Step {
  if (!r || !r.ok || pin === undefined || r.startLine === pin) return r;
  return refuse(
    "not_found",
    `Edit not applied: the line you quoted carries the number ${pin}, but its text is at line ${r.startLine}:\n` +
      `${numbered(doc, r.startLine - 2, r.startLine + 1)}\nRe-read the file and quote the line exactly, without its number.`,
  );
}

function elisionStep(doc: Doc, oldLines: string[], newLines: string[], where: string): Step {
  const r = planElision(doc, oldLines, newLines, where);
  if (r.kind === "none") return null;
  if (r.kind === "refused") return r.refusal;
  return planned(doc, r.splices, "elision", r.startLine);
}
