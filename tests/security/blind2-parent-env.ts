/**
 * Child process of attacks-blind2.test.ts: started with SMALLCODE_API_KEY in its environment, like the CLI a user
 * starts, it opens the bash tool in the given project and runs commands that read the parent's environment. Prints
 * RAWLEAK lines for commands whose raw output held the key, and UNMASKED when the run's redactor would not hide it.
 */
import { collectSecrets, createSecretRedactor } from "../../runtime/security/index.js";
import { CORE_TOOLS, openWorkspace, ShellSession } from "../../runtime/tools/impl/index.js";

const root = process.argv[2]!;
const key = process.env["SMALLCODE_API_KEY"] ?? "";
const redact = createSecretRedactor(collectSecrets({ env: process.env, known: [key] }));
const shell = await ShellSession.start({ root, timeoutMs: 8000 });
const ctx = {
  workspace: await openWorkspace(root),
  shell,
  approve: async (_c: string, k: { personal?: boolean }) => !k.personal, // --yes
};
const COMMANDS = [
  "cat /proc/$PPID/environ",
  "tr '\\0' '\\n' < /proc/$PPID/environ",
  "ps eww -p $PPID",
  "cat /proc/*/environ 2>/dev/null",
  "strings /proc/$PPID/environ",
];
for (const command of COMMANDS) {
  const r = await CORE_TOOLS["bash"]!({ command }, ctx);
  if (key && r.output.includes(key))
    console.log(`RAWLEAK ${command}${redact(r.output).includes(key) ? " UNMASKED" : ""}`);
}
await shell.close();
