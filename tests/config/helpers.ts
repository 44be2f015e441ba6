/** Temp project and home directories for configuration tests (HOME points at a temp dir, never the real one). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface Dirs {
  root: string;
  project: string;
  home: string;
  /** ~/.config/smallcode under the temp home. */
  user: string;
  env: Record<string, string>;
  put(path: string, text: string): string;
  cleanup(): void;
}

export function makeDirs(): Dirs {
  const root = mkdtempSync(join(tmpdir(), "smallcode-config-"));
  const project = join(root, "project");
  const home = join(root, "home");
  const user = join(home, ".config", "smallcode");
  mkdirSync(project, { recursive: true });
  mkdirSync(user, { recursive: true });
  return {
    root,
    project,
    home,
    user,
    env: { HOME: home },
    put(path, text) {
      const file = path.startsWith("/") ? path : join(project, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
