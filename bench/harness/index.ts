/** The benchmark harness (issue #8): tasks, runs, statistics, report and diff. */
export * from "./types.js";
export {
  loadTasks,
  selectTasks,
  validateTask,
  defaultTasksDir,
  packageRoot,
  type LoadedTasks,
  type TaskDiagnostic,
} from "./tasks.js";
export { runBench, writeRunFile, attemptSeed, smallcodeVersion, type BenchOptions } from "./runner.js";
export { runAttempt, type AttemptOptions } from "./attempt.js";
export {
  openEndpoint,
  loadSimulator,
  type ModelSource,
  type AttemptEndpoint,
  type SimProfileLike,
} from "./endpoint.js";
export { verifyTask, verifyEnv, type VerifyResult } from "./verify.js";
export { freshRepo, removeRepo, restoreProtected, listFiles } from "./workspace.js";
export { runInGroup, type ProcResult, type ProcOptions } from "./proc.js";
export { EventCollector, type EventMetrics } from "./collect.js";
export { passAtK, wilson, bootstrapMean, signTest, mcnemarExact, median, mean, rng } from "./stats.js";
export { summarize, summarizeGroup, renderSummaryTable, byTask } from "./summary.js";
export { diffRuns, renderDiff, VERDICT_EXIT, type DiffResult, type TaskMove, type Verdict } from "./diff.js";
export { readRunFile } from "./run-file.js";
export { renderReportHtml } from "./report-html.js";
export { ProgressBar } from "./progress.js";
