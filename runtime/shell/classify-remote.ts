/**
 * Two more kinds of danger for the classifier, kept apart from classify.ts for size: copying files to another
 * machine (a way to send secrets off without printing them, which redaction cannot see) and making a command run
 * later, outside the session (cron, systemd, at, login scripts).
 */
import type { Word } from "./tokenizer.js";

export type AddVerdict = (level: "needs_approval", reason: string) => void;

/** `user@host:path`, `host:path`, `rsync://…`, `s3://…`: a destination on another machine. */
const REMOTE = /^(?:[\w.-]+@)?[\w.-]+:(?!\/\/)|^(rsync|s3|gs|ssh|sftp|ftp|scp):\/\//;

const UPLOADERS = new Set(["scp", "rsync", "sftp", "rclone"]);
const LATER = new Set(["crontab", "at", "batch"]);

export function checkRemoteAndLater(name: string, args: readonly Word[], add: AddVerdict): void {
  if (
    UPLOADERS.has(name) ||
    (name === "aws" && args[0]?.value === "s3") ||
    (name === "gsutil" && args[0]?.value === "cp")
  ) {
    const dest = args.filter((a) => !a.value.startsWith("-")).at(-1);
    if (dest && REMOTE.test(dest.value))
      add("needs_approval", `${name} copies files to another machine (${dest.value})`);
  }
  if (name === "curl" && args.some((a) => a.value === "-T" || a.value === "--upload-file"))
    add("needs_approval", "curl uploads a file");
  if ((name === "nc" || name === "ncat" || name === "netcat" || name === "socat") && args.length > 0)
    add("needs_approval", `${name} opens a raw network connection`);
  if (LATER.has(name) && !args.some((a) => a.value === "-l"))
    add("needs_approval", `${name} schedules a command to run later`);
  if (name === "systemctl" && args.some((a) => /^(enable|start|restart|link|edit|daemon-reload)$/.test(a.value)))
    add("needs_approval", "systemctl changes services");
}
