/**
 * The rules that decide whether a recognised region is a call the model meant, or a mention. A wrong call does more
 * harm than a missed one, so loose formats must pass every rule; explicit formats (template tokens, tool-call fences)
 * pass rules 1 and 2 only.
 *  1. Not quoted: the region does not sit in a markdown blockquote, an inline code span or a table row.
 *  2. Not an example: the sentence that introduces it (blank lines skipped; for a region in a code fence, the prose
 *     before the fence) does not frame it as an illustration ("for example", "you could call", "would look like",
 *     a heading such as "Usage:", a warning such as "Don't …", someone else's output such as "DeepSeek emits:") or
 *     as a report of a call already made ("Earlier I ran:", "in my last message"), unless the model speaks of its
 *     own action in the same breath ("let me", "I'll", "now I"; not "let me show you").
 *  3. Not mid-sentence: the sentence does not go on after the region on the same line ("{…}, which returns …").
 *  4. In call position: only short prose (≤ 300 characters, no code fence) follows it before the next accepted call
 *     or the end of the reply. Models put calls last; a JSON block followed by an explanation is being explained.
 *  5. Not a proposal: a question introduces it ("Shall I run this?") or the closing prose asks for approval.
 *  6. Consistent: once a reply has shown a call-shaped region as an example or a mention, a later region counts
 *     only if the model introduces it as its own action ("Now let me run:").
 * Tool names are checked later (finalize.ts): an unknown name is never a call.
 */
import { inBlockquote, inInlineCode, inTableRow, lineEndOf } from "./scan.js";
import type { FormatMatch } from "./types.js";

/**
 * Phrases that frame what follows as an illustration. Bare nouns ("schema", "template", "docs", "example") are too
 * common in ordinary prose before a real call ("The schema is outdated."), so they count only as a heading that ends
 * the intro ("Usage:", "Example:"), see HEADING.
 */
const EXAMPLE =
  /\b(?:for example|for instance|e\.g\.|an example|another example|example (?:of|call|usage|output)|examples? (?:of|for)|here (?:is|are) (?:an? |some |a few |two |three )?(?:examples?|samples?)|training (?:examples?|data)|such as|would look like|looks like this|like this|like so|the format|this format|the syntax|in (?:python|javascript|typescript|js|ts|bash|shell|code|your code)|you (?:can|could|should|would|might|may)|one (?:can|could)|to call (?:it|a tool|the tool)|in the future|next time)(?![\w./-])/i;
/**
 * An intro that ends on a documentation noun: "Usage:", "Example output:", "The syntax:", "The example is:". Without
 * a colon the noun must be a heading line of its own ("## Example"): "Thought: check disk usage" is a sentence.
 */
const HEADING =
  /\b(?:examples?|samples?|usage|syntax|template|schema|format|structure|shape|docs|documentation|output)(?:\s+(?:is|are|was|were|reads|shows|goes))?\s*:\s*$/i;
const HEADING_LINE =
  /(?:^|\n)[ \t#*]*(?:\w+[ \t]+)?(?:examples?|samples?|usage|syntax|template|schema|format|structure|shape|docs|documentation|output)[ \t*]*$/i;
/** A warning addressed to the reader: "Don't call it like this:", "Never send …". Not "I don't see …". */
const WARNING = /(?:^|[.!?:]\s+)(?:don'?t|do not|never|avoid)\b/i;
const OWN_ACTION =
  /\b(?:let me|let's|i'll|i will|i'm going to|i am going to|i need to|now i|next,? i|first,? i|calling|running|executing)\b(?! (?:show|explain|demonstrate|illustrate|give you|walk you|describe)\b)|^\s*(?:checking|reading|looking|searching|listing|fetching|opening|loading|installing|inspecting|verifying)\b/i;
/**
 * "DeepSeek-V3 emits:", "The template writes:", "The next call would be:": someone else's output, or a hypothetical,
 * is being shown, not the model's own call.
 */
const DESCRIBES =
  /\b(?:emits|outputs|writes|produces|generates|prints|returns|expects|emitted|wrote|sent|returned|produced|generated|printed|(?:would|could|might) be)\s*:?\s*$/i;
/**
 * Content being quoted or described, with a short object before the colon: "Your server log contains:", "The file
 * contains this section:", "The model emits a list of calls:", "From your log, the agent did this:". The markup after
 * it is what something holds or did, not the model's own call.
 */
const QUOTES =
  /\b(?:contains?|contained|holds|says|said|reads|shows|showed|includes|emits|outputs|writes|produces|generates|prints|returns|did)(?:\s+(?:this|these|that|those|the following|a|an|its|their|something like)(?:\s+[\w`'.-]+){0,3})?\s*:\s*$/i;
/**
 * How a format looks, as documentation: "… looks like:", "… looks as follows:", "The template renders a call as:",
 * "A call is written as:".
 */
const FORMAT_DOC =
  /(?:\blooks? (?:like|as follows)|\b(?:renders?|rendered|written|formatted|represented|encoded|serialized|serialised)\b[^.:\n]{0,80}\bas)\s*:?\s*$/i;
/** The region is named as data: "this input breaks it:", "the following payload:", "these lines:". */
const DATA_NOUN =
  /\b(?:this|that|these|those|the following) (?:inputs?|strings?|text|lines?|payload|snippet|section|entry|entries|rows?|records?|markup|fixtures?|test cases?)\b/i;
/** Content handed to the user to place somewhere: "Here is the section for your README:", "save it as x.json:". */
const FOR_USER =
  /\bfor your (?:readme|docs?|documentation|blog|article|post|prompt|wiki|tutorial|notes|slides|dataset|fixtures?)\b|\b(?:save|paste|put|copy) (?:it|this|them|these) (?:as|to|in|into)\b/i;
/** "To read a file, call the tool with …": instructions addressed to the reader. */
const INSTRUCTION = /(?:^|[.!?]\s+)to [a-z]+\b[^.!?]{0,80}?,\s*(?:call|use|send|run|invoke|pass|write)\b/i;
/** A report of a call already made ("I ran", "in my last message"), not a new one. */
const PAST =
  /\b(?:(?:should|could|would|might) have (?:called|run|used|sent|written|done)|(?:i|we|you) (?:already )?(?:wrote|ran|called|used|executed|invoked|sent|made|issued|tried)|(?:my|the) (?:last|previous) (?:message|turn|reply|call)|last (?:message|turn|reply)|earlier,? (?:i|in this)|previously,? i|(?:was|were) (?:called|run) (?:with|as))\b/i;
const PREVIOUS_TURN = /\b(?:(?:my|the) (?:last|previous) (?:message|turn|reply)|last (?:message|turn|reply))\b/i;
/** A proposal awaiting the user's go-ahead ("Shall I run this?") is not a call yet. */
const PROPOSAL =
  /\b(?:shall i|should i|do you want|would you like|want me to|reply yes|please confirm|go-ahead|go ahead|your (?:approval|confirmation|permission)|once you confirm|if you approve|if you(?:'d)? (?:want|like|prefer|agree)|ok to (?:run|proceed)|may i)\b|\?\s*$/i;
const TAIL_LIMIT = 300;

export function isQuoted(text: string, m: FormatMatch): boolean {
  const at = m.anchor ?? m.start;
  // Functionary's own `>>>` opens its calls at the start of a line: that is the format, not a Markdown quote.
  const quote = m.format !== "functionary" && inBlockquote(text, at);
  return quote || inInlineCode(text, at) || inTableRow(text, at);
}

/** The sentence(s) introducing the region: back to the previous blank line, at most 300 characters. */
export function introOf(text: string, start: number): string {
  const from = Math.max(0, start - 300);
  const before = text.slice(from, start).trimEnd(); // "Like this:\n\n{…}": the blank line belongs to the region
  const blank = before.lastIndexOf("\n\n");
  const para = blank >= 0 ? before.slice(blank + 2) : before;
  const trimmed = para.trimEnd();
  const lastStop = Math.max(
    trimmed.lastIndexOf(". ", trimmed.length - 2),
    trimmed.lastIndexOf(".\n", trimmed.length - 2),
  );
  return lastStop >= 0 ? trimmed.slice(lastStop + 1) : trimmed;
}

export function isFramedAsExample(text: string, m: FormatMatch): boolean {
  const intro = introOf(text, m.anchor ?? m.start);
  const t = intro.trim();
  const shown =
    EXAMPLE.test(t) ||
    HEADING.test(t) ||
    HEADING_LINE.test(t) ||
    WARNING.test(t) ||
    INSTRUCTION.test(t) ||
    DESCRIBES.test(t) ||
    QUOTES.test(t) ||
    FORMAT_DOC.test(t) ||
    DATA_NOUN.test(t) ||
    FOR_USER.test(t);
  // A past verb frames the region only when it introduces it ("I ran:", "the call I made earlier:"), or names a
  // previous turn; "I ran the tests and 3 failed." is context before a new call.
  const report = PAST.test(t) && (/:\s*$/.test(t) || PREVIOUS_TURN.test(t));
  return (shown || report) && !OWN_ACTION.test(t);
}

export function isMidSentence(text: string, m: FormatMatch): boolean {
  const rest = text.slice(m.end, lineEndOf(text, m.end, 200));
  return /^[ \t]*(?:[,;]|[a-z])/.test(rest);
}

/** The region is offered for approval: a question introduces it, or the prose after the last region asks for one. */
export function isProposal(text: string, m: FormatMatch, tailStart: number): boolean {
  return (
    PROPOSAL.test(
      introOf(text, m.anchor ?? m.start)
        .trimEnd()
        .replace(/:$/, ""),
    ) || PROPOSAL.test(text.slice(tailStart, tailStart + 300))
  );
}

export function isIntroducedAsOwnAction(text: string, m: FormatMatch): boolean {
  return OWN_ACTION.test(introOf(text, m.anchor ?? m.start));
}

/**
 * Keep the loose matches in call position: walk back from the end; a match counts when only short prose separates it
 * from the end or from the next kept match. Once one fails, every earlier one fails too (prose follows them).
 */
export function inCallPosition(text: string, matches: FormatMatch[]): FormatMatch[] {
  const kept: FormatMatch[] = [];
  let boundary = text.length;
  for (let k = matches.length - 1; k >= 0; k--) {
    const m = matches[k] as FormatMatch;
    const gap = text.slice(m.end, boundary);
    if (gap.trim().length > TAIL_LIMIT || /^[ \t]*(```|~~~)/m.test(gap)) break;
    kept.unshift(m);
    boundary = m.start;
  }
  return kept;
}
