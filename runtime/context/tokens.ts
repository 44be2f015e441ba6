/**
 * Fast token estimates for when the server reports no usage, and a calibrator that learns the ratio between the
 * estimate and what a server did report. Linear in the input; no regex backtracking.
 *
 * The estimate follows how BPE tokenizers of the Qwen / Llama family split text: letter runs of up to ~4-6
 * characters per token, digits in groups of up to three, each punctuation mark or symbol its own token, runs of spaces
 * merged, and most non-Latin characters one token each.
 */
import type { ChatMessage } from "../model/types.js";

/** Overhead of the chat template around one message (role markers, separators). */
const PER_MESSAGE_OVERHEAD = 4;

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isPunct(c: number): boolean {
  return c > 32 && c < 128 && !isLetter(c) && !isDigit(c);
}

/** Estimated token count of a piece of text. */
export function estimateTokens(text: string): number {
  let tokens = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isLetter(c)) {
      let j = i + 1;
      while (j < n && isLetter(text.charCodeAt(j))) j++;
      const len = j - i;
      tokens += len <= 6 ? 1 : Math.ceil(len / 5);
      i = j;
    } else if (isDigit(c)) {
      let j = i + 1;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      tokens += Math.ceil((j - i) / 3);
      i = j;
    } else if (c === 32 || c === 9) {
      // A single space usually merges with the following word; longer runs (indentation) cost about one token per 4.
      let j = i + 1;
      while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
      const len = j - i;
      if (len > 1) tokens += Math.ceil(len / 4);
      i = j;
    } else if (c === 10 || c === 13) {
      // A line break and the indentation after it usually form one token.
      let j = i + 1;
      while (j < n && (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13)) j++;
      let k = j;
      while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
      tokens += 1 + Math.floor((k - j) / 16);
      i = k;
    } else if (c < 128) {
      // Runs of punctuation merge in pairs (`();`, `=>`, `{"`).
      let j = i + 1;
      while (j < n && isPunct(text.charCodeAt(j))) j++;
      tokens += Math.ceil((j - i) / 2);
      i = j;
    } else {
      // Non-ASCII: accented Latin often merges, CJK and symbols are about one token per character.
      tokens += 1;
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
  }
  return tokens;
}

export function estimateMessageTokens(message: ChatMessage): number {
  let total = PER_MESSAGE_OVERHEAD + estimateTokens(message.content);
  if (message.role === "assistant" && message.toolCalls) {
    for (const call of message.toolCalls) total += 6 + estimateTokens(call.name) + estimateTokens(call.arguments);
  }
  return total;
}

export function estimateMessagesTokens(messages: readonly ChatMessage[]): number {
  let total = 3; // priming of the assistant reply
  for (const m of messages) total += estimateMessageTokens(m);
  return total;
}

/**
 * Learns how far the estimate is from what a server reports, as an exponential moving average of the ratio, and
 * scales later estimates by it. Bounded, so one odd report cannot swing it wildly.
 */
export class TokenCalibrator {
  private ratio = 1;
  private samples = 0;

  /** Record one server-reported prompt size against the estimate for the same messages. */
  observe(estimated: number, reported: number): void {
    if (estimated <= 0 || reported <= 0) return;
    const r = Math.min(3, Math.max(1 / 3, reported / estimated));
    const alpha = this.samples < 4 ? 1 / (this.samples + 1) : 0.25;
    this.ratio = this.ratio * (1 - alpha) + r * alpha;
    this.samples++;
  }

  /** The calibrated estimate for a raw estimate. */
  adjust(estimated: number): number {
    return Math.ceil(estimated * this.ratio);
  }

  get factor(): number {
    return this.ratio;
  }

  get sampleCount(): number {
    return this.samples;
  }
}
