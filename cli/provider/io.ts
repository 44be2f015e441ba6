/**
 * How the wizard talks to the user: a small question/answer interface, so that a terminal (readline, masked secret
 * input), a pipe, or a test script can drive it.
 */

export interface WizardIO {
  /** Shows one line (or several). */
  say(text: string): void;
  /** Asks for a line; undefined when the input has ended. */
  ask(question: string): Promise<string | undefined>;
  /** Asks for a secret: what is typed is never shown (a terminal shows • per character). */
  askSecret(question: string): Promise<string | undefined>;
  close?(): void;
}

/** Answers from a list, in order; records everything shown (questions included) for tests. */
export class ScriptedIO implements WizardIO {
  readonly transcript: string[] = [];
  readonly #answers: string[];

  constructor(answers: readonly string[]) {
    this.#answers = [...answers];
  }

  /** Answers not yet consumed. */
  get remaining(): readonly string[] {
    return this.#answers;
  }

  say(text: string): void {
    this.transcript.push(text);
  }

  async ask(question: string): Promise<string | undefined> {
    const a = this.#answers.shift();
    this.transcript.push(`${question}${a ?? ""}`);
    return a;
  }

  async askSecret(question: string): Promise<string | undefined> {
    const a = this.#answers.shift();
    this.transcript.push(`${question}${a === undefined ? "" : "•".repeat(Math.min(a.length, 8))}`);
    return a;
  }

  /** Everything shown, as one text. */
  get output(): string {
    return this.transcript.join("\n");
  }
}
