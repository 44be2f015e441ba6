/**
 * Ink decides once, when it is first imported, whether it runs "in CI" (the `CI` or `CONTINUOUS_INTEGRATION`
 * variable, through is-in-ci). In that mode it draws nothing until the app exits, so a user whose shell exports
 * `CI=1` (dev containers, CI jobs that open an interactive shell, our own tmux tests in CI) would see a blank
 * fullscreen TUI. The TUI is only chosen when stdin and stdout are terminals, so that guess is wrong here: the
 * loader hides the variables while Ink is imported, then puts them back for everything else (tools, child shells).
 */
const CI_VARIABLES = ["CI", "CONTINUOUS_INTEGRATION"] as const;

export async function importWithoutCiFlag<T>(load: () => Promise<T>, env: NodeJS.ProcessEnv = process.env): Promise<T> {
  const saved = new Map<string, string>();
  for (const name of CI_VARIABLES) {
    const value = env[name];
    if (value !== undefined) saved.set(name, value);
    delete env[name];
  }
  try {
    return await load();
  } finally {
    for (const [name, value] of saved) env[name] = value;
  }
}
