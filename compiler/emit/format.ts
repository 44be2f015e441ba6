/** The formatting phase: prettier over emitted TypeScript, with the project's settings (printWidth 120). */
import { format } from "prettier";

export const PRETTIER_OPTIONS = { parser: "typescript", printWidth: 120 } as const;

export async function formatFiles(files: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [name, text] of files) out.set(name, await format(text, { ...PRETTIER_OPTIONS, filepath: name }));
  return out;
}
