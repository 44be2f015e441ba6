export * from "./types.js";
export * from "./tokens.js";
