/**
 * Finding and killing every process a shell session started. The session's bash is a session leader (spawned with
 * setsid), so its descendants share its session id even after their parent dies and they are re-parented; on Linux
 * we scan /proc for that session id, that process group and the parent chain, and SIGKILL them all until none is left.
 * Elsewhere we fall back to killing the process group.
 */
import { readdirSync, readFileSync } from "node:fs";

interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  sid: number;
}

export function procAvailable(): boolean {
  try {
    readFileSync("/proc/self/stat");
    return true;
  } catch {
    return false;
  }
}

function readStat(pid: number): ProcInfo | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: fields after the last ")".
    const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
    if (rest[0] === "Z") return null; // a zombie is already dead; its parent reaps it
    return { pid, ppid: Number(rest[1]), pgid: Number(rest[2]), sid: Number(rest[3]) };
  } catch {
    return null;
  }
}

function allProcs(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const info = readStat(Number(name));
    if (info) out.push(info);
  }
  return out;
}

/** Live (non-zombie) processes that belong to the session led by `leader`: same session or group, or descendants. */
export function sessionProcesses(leader: number, known: ReadonlySet<number> = new Set()): number[] {
  const procs = allProcs();
  const found = new Set<number>();
  for (const p of procs) {
    if (p.sid === leader || p.pgid === leader || p.pid === leader || known.has(p.pid)) found.add(p.pid);
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  found.delete(process.pid);
  return [...found];
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * SIGKILLs every process of the session; synchronous, safe to call from an exit handler.
 * First it freezes them (SIGSTOP) while bash is still alive, so a process that left the session (setsid) is still
 * found through its parent and none can fork a new one in between; then it kills them all.
 */
export function killSessionSync(leader: number): number[] {
  if (!procAvailable()) {
    signal(-leader, "SIGKILL");
    return [];
  }
  const known = new Set<number>();
  signal(-leader, "SIGSTOP");
  for (let round = 0; round < 10; round++) {
    const fresh = sessionProcesses(leader, known).filter((pid) => !known.has(pid));
    if (fresh.length === 0) break;
    for (const pid of fresh) {
      signal(pid, "SIGSTOP");
      known.add(pid);
    }
  }
  signal(-leader, "SIGKILL");
  for (const pid of known) signal(pid, "SIGKILL");
  for (let round = 0; round < 5; round++) {
    const left = sessionProcesses(leader, known).filter((pid) => !known.has(pid));
    if (left.length === 0) break;
    for (const pid of left) {
      signal(pid, "SIGKILL");
      known.add(pid);
    }
  }
  return [...known];
}

/** Kills the session, then waits (up to `waitMs`) until /proc shows none of it alive. */
export async function killSession(leader: number, waitMs = 2000): Promise<boolean> {
  const killed = new Set(killSessionSync(leader));
  const deadline = Date.now() + waitMs;
  while (procAvailable() && Date.now() < deadline) {
    const left = sessionProcesses(leader, killed);
    if (left.length === 0) return true;
    left.forEach((pid) => signal(pid, "SIGKILL"));
    await new Promise((r) => setTimeout(r, 20));
  }
  return !procAvailable() || sessionProcesses(leader, killed).length === 0;
}
