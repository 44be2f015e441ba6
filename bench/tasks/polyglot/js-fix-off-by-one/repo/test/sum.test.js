const test = require("node:test");
const assert = require("node:assert");
const { sum } = require("../src/sum.js");

test("sums a list", () => {
  assert.strictEqual(sum([1, 2, 3]), 6);
  assert.strictEqual(sum([]), 0);
});
