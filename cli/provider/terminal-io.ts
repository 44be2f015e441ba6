/**
 * WizardIO over real streams. On a terminal: readline for questions and a raw-mode reader for secrets that echoes
 * "•" per character (Backspace and Ctrl-U edit, Ctrl-C cancels), so a key is never shown. From a pipe: one line per
 * answer, nothing echoed for secrets.
 */
import { createInterface, emitKeypressEvents } from "node:readline";
import type { WizardIO } from "./io.js";

type TtyIn = NodeJS.ReadableStream & { isTTY?: boolean; isRaw?: boolean; setRawMode?: (raw: boolean) => unknown };
interface Key {
  name?: string;
  ctrl?: boolean;
  meta?: boolean;
}

/** Reads a secret in raw mode; resolves undefined on Ctrl-C or Ctrl-D. */
export function readSecret(input: TtyIn, output: NodeJS.WritableStream, question: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    output.write(question);
    let value = "";
    emitKeypressEvents(input);
    const wasRaw = input.isRaw === true;
    input.setRawMode?.(true);
    input.resume();
    const done = (v: string | undefined): void => {
      input.off("keypress", onKey);
      input.setRawMode?.(wasRaw);
      input.pause();
      output.write("\n");
      resolve(v);
    };
    const onKey = (str: string | undefined, key: Key | undefined): void => {
      if (key?.ctrl && (key.name === "c" || (key.name === "d" && value === ""))) return done(undefined);
      if (key?.name === "return" || key?.name === "enter") return done(value);
      if (key?.name === "backspace") {
        if (value !== "") output.write("\b \b");
        value = [...value].slice(0, -1).join("");
        return;
      }
      if (key?.ctrl && key.name === "u") {
        output.write("\b \b".repeat([...value].length));
        value = "";
        return;
      }
      if (str && !key?.ctrl && !key?.meta && !/[\x00-\x1f\x7f]/.test(str)) {
        value += str;
        output.write("•".repeat([...str].length));
      }
    };
    input.on("keypress", onKey);
  });
}

function ttyIO(input: TtyIn, output: NodeJS.WritableStream): WizardIO {
  return {
    say: (text) => void output.write(`${text}\n`),
    ask: (question) =>
      new Promise((resolve) => {
        const rl = createInterface({ input, output, terminal: true });
        let answered = false;
        rl.on("SIGINT", () => rl.close());
        rl.on("close", () => {
          if (!answered) {
            output.write("\n");
            resolve(undefined);
          }
        });
        rl.question(question, (answer) => {
          answered = true;
          rl.close();
          resolve(answer);
        });
      }),
    askSecret: (question) => readSecret(input, output, question),
  };
}

function pipedIO(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): WizardIO {
  const rl = createInterface({ input, terminal: false });
  const lines: string[] = [];
  const waiting: Array<(line: string | undefined) => void> = [];
  let ended = false;
  rl.on("line", (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else lines.push(line);
  });
  rl.on("close", () => {
    ended = true;
    for (const w of waiting.splice(0)) w(undefined);
  });
  const next = (): Promise<string | undefined> =>
    lines.length > 0
      ? Promise.resolve(lines.shift())
      : ended
        ? Promise.resolve(undefined)
        : new Promise((r) => waiting.push(r));
  return {
    say: (text) => void output.write(`${text}\n`),
    async ask(question) {
      output.write(question);
      const line = await next();
      output.write(`${line ?? ""}\n`);
      return line;
    },
    async askSecret(question) {
      output.write(question);
      const line = await next();
      output.write(line === undefined ? "\n" : "(hidden)\n");
      return line;
    },
    close: () => rl.close(),
  };
}

/** A terminal when `input` is one, else one answer per line. */
export function terminalIO(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): WizardIO {
  const tty = input as TtyIn;
  return tty.isTTY === true && typeof tty.setRawMode === "function" ? ttyIO(tty, output) : pipedIO(input, output);
}
