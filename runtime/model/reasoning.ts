/**
 * Separates `<think>…</think>` reasoning from content as it streams in. Handles tags split across chunks, several
 * think blocks, an unclosed `<think>` (everything after it is reasoning), and a bare `</think>` with no opening tag
 * (templates that prefill `<think>`): at `finish()` the text before it is moved to reasoning.
 */

const OPEN = "<think>";
const CLOSE = "</think>";

export interface SplitPiece {
  text: string;
  reasoning: string;
}

/** Length of the longest suffix of `s` that is a proper prefix of `tag`. */
function partialTagSuffix(s: string, tag: string): number {
  const max = Math.min(s.length, tag.length - 1);
  for (let n = max; n > 0; n--) if (tag.startsWith(s.slice(s.length - n))) return n;
  return 0;
}

export class ThinkSplitter {
  private inThink = false;
  private held = "";
  private text = "";
  private reasoning = "";
  private sawOpen = false;

  /** Feed a chunk of content; returns what became definitely text or reasoning. */
  push(chunk: string): SplitPiece {
    let input = this.held + chunk;
    this.held = "";
    const out: SplitPiece = { text: "", reasoning: "" };
    while (input.length > 0) {
      const tag = this.inThink ? CLOSE : OPEN;
      const at = input.indexOf(tag);
      if (at >= 0) {
        this.emit(out, input.slice(0, at));
        if (!this.inThink) {
          this.sawOpen = true;
          // Keep separate think blocks apart in the collected reasoning.
          if (this.reasoning.length > 0 && !this.reasoning.endsWith("\n")) this.reasoning += "\n";
        }
        this.inThink = !this.inThink;
        input = input.slice(at + tag.length);
        continue;
      }
      const keep = partialTagSuffix(input, tag);
      this.emit(out, input.slice(0, input.length - keep));
      this.held = input.slice(input.length - keep);
      break;
    }
    return out;
  }

  /** Flush held characters and resolve a bare `</think>`; returns the final text and reasoning. */
  finish(): SplitPiece {
    const tail = this.held;
    this.held = "";
    if (this.inThink) this.reasoning += tail;
    else this.text += tail;
    let thought = this.sawOpen;
    if (!this.sawOpen) {
      const close = this.text.indexOf(CLOSE);
      if (close >= 0) {
        this.reasoning += this.text.slice(0, close);
        this.text = this.text.slice(close + CLOSE.length);
        thought = true;
      }
    }
    // Models put blank lines after </think>; text with no think block is returned exactly as sent.
    return { text: thought ? this.text.replace(/^\s+/, "") : this.text, reasoning: this.reasoning.trim() };
  }

  private emit(out: SplitPiece, s: string): void {
    if (s.length === 0) return;
    if (this.inThink) {
      out.reasoning += s;
      this.reasoning += s;
    } else {
      out.text += s;
      this.text += s;
    }
  }
}

/** Split a complete content string in one go. */
export function splitThinking(content: string): SplitPiece {
  const splitter = new ThinkSplitter();
  splitter.push(content);
  return splitter.finish();
}
