/** The persistent shell, its containment check, the danger classifier and the bash tokenizer they share. */
export * from "./tokenizer.js";
export * from "./parse.js";
export * from "./shell-paths.js";
export * from "./cwd-track.js";
export * from "./classify.js";
export * from "./containment.js";
export * from "./environment.js";
export * from "./output.js";
export * from "./proc.js";
export * from "./session.js";
export * from "./secret-files.js";
export * from "./shell-settings.js";
