const test = require("node:test");
const assert = require("node:assert");
const { double } = require("../src/double.js");

test("doubles numbers", () => {
  assert.strictEqual(double(4), 8);
  assert.strictEqual(double(-2.5), -5);
});
