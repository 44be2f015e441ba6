/** The emit phase of marrowc: `emit` (ts-morph, in memory) then `formatFiles` (prettier). */
export { emit, headerComment, type EmitOptions, type EmitResult } from "./emitter.js";
export { formatFiles, PRETTIER_OPTIONS } from "./format.js";
export { REPO_RUNTIME, PACKAGE_RUNTIME, type RuntimeImports } from "./context.js";
