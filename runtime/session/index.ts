/** Sessions: per-turn snapshots and rollback. */
export * from "./snapshots.js";
