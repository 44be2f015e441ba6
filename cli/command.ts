/** The shape every `smallcode <command>` module in cli/commands/ exports. */
export interface CommandIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface CommandModule {
  /** One line for `smallcode help`. */
  summary: string;
  /** Returns the exit code: 0 success, 1 failure, 2 usage error. Never throws on user mistakes. */
  run(argv: string[], io: CommandIO): Promise<number>;
}
