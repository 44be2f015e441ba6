/**
 * The alternate screen and its restoration on every way out: a normal quit, Ctrl-C, SIGTERM / SIGHUP, an uncaught
 * exception or an unhandled rejection. Restoring is idempotent and synchronous (it must work inside 'exit').
 */
/** Alternate screen, cursor home, bracketed paste (so pasted line breaks are not Enter). */
const ENTER = "\x1b[?1049h\x1b[H\x1b[?2004h";
/** Leave the alternate screen, show the cursor, reset attributes and bracketed paste. */
const LEAVE = "\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l";

export interface TerminalGuard {
  /** Restores the terminal (once); safe to call many times. */
  restore(): void;
}

/** Enters the alternate screen on `out` and installs the handlers that restore it. */
export function enterFullscreen(
  out: NodeJS.WriteStream,
  onFatal: (message: string) => void = (m) => process.stderr.write(`smallcode: ${m}\n`),
): TerminalGuard {
  let active = true;
  const restore = (): void => {
    if (!active) return;
    active = false;
    try {
      if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
    } catch {
      // stdin already closed
    }
    try {
      out.write(LEAVE);
    } catch {
      // the terminal is gone; nothing to restore
    }
    process.off("exit", restore);
    process.off("SIGTERM", onSignal);
    process.off("SIGHUP", onSignal);
    process.off("uncaughtException", onCrash);
    process.off("unhandledRejection", onCrash);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    restore();
    process.exit(signal === "SIGTERM" ? 143 : 129);
  };
  const onCrash = (err: unknown): void => {
    const code = (err as { code?: unknown } | null)?.code;
    if (code === "EIO" || code === "EPIPE") {
      // The terminal went away (window closed): nothing to restore or tell.
      active = false;
      process.exit(129);
    }
    restore();
    onFatal(`internal error: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env["SMALLCODE_DEBUG"] && err instanceof Error) process.stderr.write(`${err.stack ?? ""}\n`);
    process.exit(1);
  };
  out.write(ENTER);
  process.on("exit", restore);
  process.on("SIGTERM", onSignal);
  process.on("SIGHUP", onSignal);
  process.on("uncaughtException", onCrash);
  process.on("unhandledRejection", onCrash);
  return { restore };
}
