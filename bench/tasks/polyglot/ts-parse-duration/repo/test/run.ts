import assert from "node:assert/strict";
import { parseDuration } from "../src/duration.ts";

assert.equal(parseDuration("45s"), 45);
assert.equal(parseDuration("1h30m"), 5400);
assert.equal(parseDuration("2h5s"), 7205);
assert.equal(parseDuration("10m"), 600);
assert.throws(() => parseDuration("5x"));
console.log("ok");
