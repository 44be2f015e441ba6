/** `marrowc build --watch`: rebuild when a .marrow source changes (debounced), until the signal aborts. */
import { watch, type FSWatcher } from "node:fs";
import { join } from "node:path";
import { packageRoot, TEAM_MARROW_DIR } from "./build-sources.js";

export interface WatchOptions {
  cwd: string;
  packageDir?: string;
  signal: AbortSignal;
  /** Called once at start and after each burst of changes. */
  rebuild: () => Promise<void>;
  debounceMs?: number;
}

export async function watchSources(options: WatchOptions): Promise<void> {
  const dirs = [join(options.packageDir ?? packageRoot(), "marrow"), join(options.cwd, TEAM_MARROW_DIR)];
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(options.rebuild);
    }, options.debounceMs ?? 100);
  };
  // Watch first, then build: a change made while the first build runs still triggers a rebuild.
  const watchers: FSWatcher[] = [];
  for (const dir of dirs) {
    try {
      watchers.push(
        watch(dir, (_event, file) => (file === null || String(file).endsWith(".marrow") ? schedule() : undefined)),
      );
    } catch {
      // a directory that does not exist is simply not watched
    }
  }
  running = running.then(options.rebuild);
  await running;
  await new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    options.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  if (timer) clearTimeout(timer);
  for (const w of watchers) w.close();
  await running;
}
