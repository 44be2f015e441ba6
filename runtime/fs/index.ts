/** The file layer: root confinement, the path policy, swappable file I/O, and the read/write/list/glob/grep operations. */
export * from "./ops.js";
export * from "./policy.js";
export * from "./paths.js";
export * from "./workspace.js";
export * from "./binary.js";
export * from "./outline.js";
export * from "./read.js";
export * from "./write.js";
export * from "./walk.js";
export * from "./list.js";
export * from "./grep.js";
