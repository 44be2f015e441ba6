import { capitalize, sum } from "./utils.ts";

export function title(words: string[]): string {
  return `${words.map(capitalize).join(" ")} (${sum(words.map((w) => w.length))})`;
}
