import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores on CI: keep parallelism modest so process-heavy tests do not starve each other.
    maxWorkers: 2,
  },
});
