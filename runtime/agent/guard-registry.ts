/**
 * The default guard registry: the detectors `runtime/guards/` exports as `defaultGuardRegistry` when that module
 * exists (issue #6), else none — declared guards without a detector simply never fire.
 */
import type { GuardRegistry } from "./guard-api.js";

let cached: Promise<GuardRegistry> | undefined;

export function loadGuardRegistry(): Promise<GuardRegistry> {
  cached ??= (async () => {
    // A computed specifier: the module may not exist yet, and its absence must not break type-checking or the run.
    const specifier = new URL("../guards/index.js", import.meta.url).href;
    try {
      const mod = (await import(specifier)) as { defaultGuardRegistry?: GuardRegistry };
      return mod.defaultGuardRegistry ?? {};
    } catch {
      try {
        const mod = (await import(specifier.replace(/\.js$/, ".ts"))) as { defaultGuardRegistry?: GuardRegistry };
        return mod.defaultGuardRegistry ?? {};
      } catch {
        return {};
      }
    }
  })();
  return cached;
}
