/**
 * A team build is JavaScript that SmallCode imports, so a repository that ships its own `.smallcode/generated/` could
 * run any code the moment someone types `smallcode` in it. A build is only loaded when its bytes are what `marrowc`
 * itself produces from the repository's `.smallcode/marrow/` (MarrowScript declares data; it cannot carry code):
 * the first load checks that with a `marrowc build --check` of the repository, and remembers the verified bytes by
 * their hash under the user's cache (`$XDG_CACHE_HOME/smallcode/trusted-builds/`, outside every project), so later
 * runs skip the check. Anything else is refused with what to do.
 */
import { createHash } from "node:crypto";
import { mkdir, stat, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

export type TrustResult = { ok: true; checked: boolean } | { ok: false; error: string };

/** Where verified team builds are remembered. */
export function trustCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env["XDG_CACHE_HOME"];
  return join(xdg && xdg.startsWith("/") ? xdg : join(homedir(), ".cache"), "smallcode", "trusted-builds");
}

/** The hash of a build's files (names and bytes, in name order). */
export function buildDigest(files: ReadonlyArray<readonly [string, string]>): string {
  const hash = createHash("sha256");
  for (const [name, text] of [...files].sort(([a], [b]) => a.localeCompare(b)))
    hash.update(name).update("\0").update(text).update("\0");
  return hash.digest("hex");
}

/** Loads nothing itself: says whether the team build in `cwd` with these files may be imported. */
export async function verifyTeamBuild(
  cwd: string,
  files: ReadonlyArray<readonly [string, string]>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<TrustResult> {
  const record = join(trustCacheDir(env), `${buildDigest(files)}.ok`);
  if (
    await stat(record).then(
      () => true,
      () => false,
    )
  )
    return { ok: true, checked: false };
  const refuse = (why: string): TrustResult => ({
    ok: false,
    error:
      `.smallcode/generated/ in ${cwd} ${why}, so SmallCode will not run its code (it may have come with the ` +
      `repository). Run \`marrowc build\` in ${cwd} to build it from .smallcode/marrow/ yourself, or delete ` +
      `.smallcode/generated/ to use the built-in agent.`,
  });
  // The compiler (ts-morph, prettier) is loaded only here, for a build not seen before: most runs never need it.
  const { build } = await import("../compiler/build.js");
  const { isStale } = await import("../compiler/build-write.js");
  const outcome = await build(cwd, { check: true });
  if (outcome.kind === "error") return refuse(`could not be checked against .smallcode/marrow/ (${outcome.message})`);
  if (outcome.kind === "diagnostics") return refuse("could not be checked: .smallcode/marrow/ does not compile");
  if (outcome.kind !== "checked" || outcome.plan.mode !== "team")
    return refuse("has no .smallcode/marrow/ sources it was built from");
  if (isStale(outcome.stale)) return refuse("is not what marrowc builds from .smallcode/marrow/");
  // Remembering is an optimisation: a cache that cannot be written only means the next run checks again.
  await mkdir(trustCacheDir(env), { recursive: true })
    .then(() => writeFile(record, `${cwd}\n`))
    .catch(() => undefined);
  return { ok: true, checked: true };
}
