import assert from "node:assert/strict";
import { max } from "./max.ts";

assert.equal(max([1, 5, 3]), 5);
assert.equal(max([-4, -2, -9]), -2);
assert.ok(Number.isNaN(max([])) || max([]) === -Infinity);
console.log("ok");
