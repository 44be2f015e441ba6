const test = require("node:test");
const assert = require("node:assert");
const { mean, median } = require("../src/stats.js");

test("mean", () => assert.strictEqual(mean([1, 2, 3]), 2));
test("median odd", () => assert.strictEqual(median([5, 1, 3]), 3));
test("median even", () => assert.strictEqual(median([4, 1, 3, 2]), 2.5));
test("median keeps input order", () => {
  const xs = [3, 1, 2];
  median(xs);
  assert.deepStrictEqual(xs, [3, 1, 2]);
});
