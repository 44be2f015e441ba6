/**
 * Artefacts in newText alone. A model that quoted oldText cleanly can still wrap newText in a markdown fence or copy
 * read-tool gutters (`12 | `) into it; written literally, they corrupt the file. They are stripped only where they
 * cannot be what the file is meant to hold: a fence when the file is not a document and has no fences of its own,
 * numbers when no line of the file looks numbered in that style.
 */
import { numberedStyleOf, splitLines, stripFence } from "./text-clean.js";

const DOC_FILE = /\.(md|markdown|mdx|rst|txt|adoc|org)$/i;
const FENCE_LINE = /^\s*(```|~~~)/;

export function cleanNewOnly(
  fileLines: readonly string[],
  oldLines: readonly string[],
  newLines: readonly string[],
  where: string,
): string[] {
  let out = [...newLines];
  const unfenced = stripFence(out);
  if (
    unfenced &&
    !stripFence(oldLines) &&
    !DOC_FILE.test(where) &&
    !fileLines.some((l) => FENCE_LINE.test(l)) &&
    !oldLines.some((l) => FENCE_LINE.test(l))
  ) {
    out = unfenced;
  }
  const style = numberedStyleOf(out, 2);
  if (style && !numberedStyleOf(oldLines, 1) && !fileLines.some((l) => style.re.test(l))) {
    out = out.map((l) => style.re.exec(l)?.[2] ?? l);
  }
  return out;
}

/** A new file's whole content wrapped in one fence (```ts … ```) is the model's rendering, unless it is a document. */
export function unfenceNewFile(content: string, fileName: string): string {
  if (DOC_FILE.test(fileName)) return content;
  const eol = content.includes("\r\n") ? "\r\n" : "\n";
  const final = content.endsWith("\n");
  const lines = splitLines(final ? content.replace(/\r?\n$/, "") : content);
  const inner = stripFence(lines);
  if (!inner || inner.some((l) => FENCE_LINE.test(l))) return content;
  return inner.join(eol) + (final || inner.length > 0 ? eol : "");
}
